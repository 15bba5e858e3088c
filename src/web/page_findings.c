/*
 * page_findings.c — findings and check runs (/findings, /checks).
 */
#include "web/app.h"

const struct web_route web_routes_findings[] = {
    {NULL, NULL, NULL},
};
