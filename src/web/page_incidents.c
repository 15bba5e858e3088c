/*
 * page_incidents.c — (being written).
 */
#include "web/app.h"

const struct web_route web_routes_incidents[] = {
    {NULL, NULL, NULL},
};
