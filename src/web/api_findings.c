/*
 * api_findings.c — findings, check runs, the dashboard and the catalog over the JSON API.
 */
#include "web/app.h"

const struct web_route web_routes_api_findings[] = {
    {NULL, NULL, NULL},
};
