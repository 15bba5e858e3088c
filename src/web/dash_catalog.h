/*
 * dash_catalog.h — the 対策基準 catalog as JSON for the catalog pages and the API.
 */
#ifndef MM_WEB_DASH_CATALOG_H
#define MM_WEB_DASH_CATALOG_H

#include <jansson.h>

#include "authz/authz.h"
#include "store/store.h"
#include "util/err.h"

/*
 * Every clause of the current revision in catalog order: [{"id","parent","section","title",
 * "recommended","status","status_label","marks" ("統括○ 管理者△ …" or null),"rules" (how many
 * rules check it),"adopted" (推奨事項: true/false, null when not recorded),"revision"}…].
 */
int dash_catalog_list(struct store *st, json_t **out, struct mm_err *err);

/*
 * One clause (the fields above plus "parent_title", "role_marks":[{"column","label","role",
 * "mark","mark_label"}], "children":[…], "coverage":[{"kind","ref", and for rules "title",
 * "severity","findings" (current findings the user may read; null when they may read none)}]).
 * *found = 0 when the clause does not exist.
 */
int dash_catalog_clause(struct store *st, const struct authz_principal *who, const char *id,
                        json_t **out, int *found, struct mm_err *err);

#endif
