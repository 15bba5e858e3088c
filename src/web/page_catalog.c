/*
 * page_catalog.c — the catalog browser (/catalog).
 */
#include "web/app.h"

const struct web_route web_routes_catalog[] = {
    {NULL, NULL, NULL},
};
