/*
 * api_registers.c — the registers over the JSON API (/api/v1/registers/…).
 */
#include "web/app.h"

const struct web_route web_routes_api_registers[] = {
    {NULL, NULL, NULL},
};
