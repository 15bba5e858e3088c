/*
 * page_requests.c — (being written).
 */
#include "web/app.h"

const struct web_route web_routes_requests[] = {
    {NULL, NULL, NULL},
};
