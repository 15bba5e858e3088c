/*
 * page_registers.c — the register pages (/r/…).
 */
#include "web/app.h"

const struct web_route web_routes_registers[] = {
    {NULL, NULL, NULL},
};
