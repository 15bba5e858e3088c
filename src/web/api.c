/*
 * api.c — the JSON API's own routes: who am I (/api/v1/me). The register, finding, check,
 * dashboard and catalog services are in api_registers.c and api_findings.c; docs/api.md
 * describes them all.
 */
#include <jansson.h>

#include "web/app.h"

static void add_role(void *ctx, const char *role, const char *label, const char *scope)
{
    json_array_append_new(ctx, json_pack("{s:s,s:s,s:s}", "role", role, "label", label, "scope",
                                         scope));
}

static void me(struct web_ctx *c, char *const *args)
{
    (void)args;
    json_t *roles = json_array();
    authz_each_role(c->who, add_role, roles);
    json_t *j = json_pack("{s:s,s:s?,s:s,s:o}", "login", c->login, "person_id",
                          c->person_id[0] ? c->person_id : NULL, "name", c->person_name,
                          "roles", roles);
    app_json(c, 200, j);
}

const struct web_route web_routes_api[] = {
    {"GET", "/api/v1/me", me},
    {NULL, NULL, NULL},
};
