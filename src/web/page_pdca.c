/*
 * page_pdca.c — (being written).
 */
#include "web/app.h"

const struct web_route web_routes_pdca[] = {
    {NULL, NULL, NULL},
};
