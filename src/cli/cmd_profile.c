/*
 * cmd_profile.c — `mamori profile show|set|adopt|unadopt`: the organization profile as the
 * rules see it — every local parameter with its value, default, clause and label, and the
 * 推奨事項 the body adopted. Changes are validated and written to the change log in the same
 * transaction.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog/auditlog.h"
#include "catalog/catalog.h"
#include "cli/cli.h"
#include "model/params.h"

/* One-row text query with one bound text parameter; *out is a new string or NULL. */
static int query_text(struct store *st, const char *sql, const char *arg, char **out,
                      struct mm_err *err)
{
    struct store_stmt *s;
    *out = NULL;
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    if (arg)
        store_bind_text(s, 1, arg);
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        const char *v = store_col_text(s, 0);
        *out = v ? strdup(v) : NULL;
        rc = MM_OK;
    } else if (rc == STORE_DONE) {
        rc = MM_OK;
    }
    store_finalize(s);
    return rc;
}

static int profile_show(int argc, char **argv, struct cli *cli)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            i++;
            if (strcmp(argv[i], "json") && strcmp(argv[i], "table"))
                return cli_usage(&cmd_profile_def, "--format は table か json です");
            json = !strcmp(argv[i], "json");
        } else {
            return cli_usage(&cmd_profile_def, "引数「%s」が分かりません", argv[i]);
        }
    }
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    const struct param_def *defs;
    size_t n = 0;
    char *org = NULL, *kind = NULL;
    rc = params_list(&defs, &n, &err);
    if (!rc)
        rc = query_text(st, "SELECT name FROM organization WHERE id = 1", NULL, &org, &err);
    if (!rc)
        rc = query_text(st, "SELECT kind FROM organization WHERE id = 1", NULL, &kind, &err);
    char **vals = calloc(n + 1, sizeof *vals);
    int *set = calloc(n + 1, sizeof *set);
    if (!vals || !set)
        abort();
    for (size_t i = 0; !rc && i < n; i++) {
        char *own = NULL;
        rc = query_text(st, "SELECT value FROM org_parameter WHERE key = ?", defs[i].key, &own,
                        &err);
        set[i] = own != NULL;
        vals[i] = own ? own : strdup(defs[i].default_value);
    }
    json_t *recs = json_array();
    if (!rc) {
        struct store_stmt *s;
        rc = store_prepare(st,
                           "SELECT r.clause_id, r.adopted, r.note, c.title FROM org_recommendation r "
                           "LEFT JOIN catalog_clause c ON c.id = r.clause_id AND c.revision = "
                           "(SELECT MAX(code) FROM catalog_revision) ORDER BY r.clause_id",
                           &s, &err);
        if (!rc) {
            while ((rc = store_step(s, &err)) == STORE_ROW) {
                const char *note = store_col_text(s, 2), *title = store_col_text(s, 3);
                json_array_append_new(
                    recs, json_pack("{s:s, s:b, s:o, s:o}", "clause", store_col_text(s, 0),
                                    "adopted", (int)store_col_int(s, 1), "note",
                                    note ? json_string(note) : json_null(), "title",
                                    title ? json_string(title) : json_null()));
            }
            store_finalize(s);
            rc = rc == STORE_DONE ? MM_OK : rc;
        }
    }
    if (!rc && json) {
        json_t *ps = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(
                ps, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "key", defs[i].key, "type",
                              defs[i].type == PARAM_INT    ? "int"
                              : defs[i].type == PARAM_BOOL ? "bool"
                                                           : "text",
                              "value", vals[i], "default", defs[i].default_value, "clause",
                              defs[i].clause, "label", defs[i].label, "set", set[i]));
        json_t *root = json_pack("{s:o, s:o, s:o, s:O}", "organization",
                                 org ? json_string(org) : json_null(), "kind",
                                 kind ? json_string(kind) : json_null(), "parameters", ps,
                                 "recommendations", recs);
        json_dumpf(root, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(root);
    } else if (!rc) {
        printf("団体: %s（%s）\n\nローカルパラメータ\n", org ? org : "（未登録）", kind ? kind : "");
        for (size_t i = 0; i < n; i++)
            printf("  %-28s %-8s %s（既定 %s、条項 %s）%s\n", defs[i].key, vals[i], defs[i].label,
                   defs[i].default_value, defs[i].clause, set[i] ? "" : " ※既定値");
        printf("\n採用した推奨事項\n");
        size_t k = 0;
        json_t *r;
        json_array_foreach(recs, k, r)
        {
            if (!json_is_true(json_object_get(r, "adopted")))
                continue;
            const char *t = json_string_value(json_object_get(r, "title"));
            const char *nt = json_string_value(json_object_get(r, "note"));
            printf("  %s %s%s%s\n", json_string_value(json_object_get(r, "clause")), t ? t : "",
                   nt ? " — " : "", nt ? nt : "");
        }
        size_t adopted = 0;
        json_array_foreach(recs, k, r) adopted += json_is_true(json_object_get(r, "adopted"));
        if (!adopted)
            printf("  （なし）\n");
    }
    json_decref(recs);
    for (size_t i = 0; i < n; i++)
        free(vals[i]);
    free(vals), free(set), free(org), free(kind);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

/* Runs a write with its change-log entry in one transaction. */
static int write_logged(struct store *st, const char *sql, const char *a, const char *b,
                        const char *entity_type, const char *entity_id, json_t *before,
                        json_t *after, struct mm_err *err)
{
    char actor_buf[256];
    struct audit_actor actor;
    audit_actor_cli(&actor, actor_buf, sizeof actor_buf);
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    struct store_stmt *s;
    rc = store_prepare(st, sql, &s, err);
    if (!rc) {
        store_bind_text(s, 1, a);
        if (b)
            store_bind_text(s, 2, b);
        rc = store_step(s, err);
        rc = rc == STORE_DONE ? MM_OK : rc;
        store_finalize(s);
    }
    if (!rc)
        rc = auditlog_append(st, &actor, before ? "update" : "create", entity_type, entity_id,
                             before, after, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

static int profile_set(int argc, char **argv, struct cli *cli)
{
    if (argc != 3)
        return cli_usage(&cmd_profile_def, "profile set には キー と 値 を指定してください");
    const char *key = argv[1], *value = argv[2];
    const struct param_def *d = params_find(key);
    if (!d)
        return cli_usage(&cmd_profile_def,
                         "ローカルパラメータ「%s」はありません（mamori profile show で一覧）", key);
    struct mm_err err;
    mm_err_clear(&err);
    if (params_check(d, value, &err))
        return cli_usage(&cmd_profile_def, "%s の値「%s」: %s", key, value, err.msg);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc)
        return rc;
    char *old = NULL;
    rc = query_text(st, "SELECT value FROM org_parameter WHERE key = ?", key, &old, &err);
    json_t *before = old ? json_pack("{s:s, s:s}", "key", key, "value", old) : NULL;
    json_t *after = json_pack("{s:s, s:s}", "key", key, "value", value);
    if (!rc)
        rc = write_logged(st,
                          "INSERT INTO org_parameter (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          key, value, "org_parameter", key, before, after, &err);
    if (!rc)
        printf("%s を %s にしました（%s）\n", key, value, old ? old : d->default_value);
    json_decref(before);
    json_decref(after);
    free(old);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

static int profile_adopt(int argc, char **argv, struct cli *cli, int adopt)
{
    const char *note = NULL;
    if (argc == 4 && !strcmp(argv[2], "--note"))
        note = argv[3];
    else if (argc != 2)
        return cli_usage(&cmd_profile_def, "profile %s には条項番号を一つ指定してください",
                         adopt ? "adopt" : "unadopt");
    char id[CATALOG_ID_MAX];
    if (catalog_id_normalise(argv[1], id, sizeof id))
        return cli_usage(&cmd_profile_def, "「%s」は条項番号として読めません", argv[1]);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    char *rec = NULL, *old = NULL;
    rc = query_text(st,
                    "SELECT CAST(recommended AS TEXT) FROM catalog_clause WHERE id = ? AND "
                    "revision = (SELECT MAX(code) FROM catalog_revision)",
                    id, &rec, &err);
    if (!rc && !rec)
        rc = mm_err_set(&err, MM_EINPUT, "条項「%s」は条項集にありません", id);
    else if (!rc && strcmp(rec, "1"))
        rc = mm_err_set(&err, MM_EINPUT, "条項「%s」は【推奨事項】ではありません", id);
    if (!rc)
        rc = query_text(st, "SELECT CAST(adopted AS TEXT) FROM org_recommendation WHERE clause_id = ?",
                        id, &old, &err);
    if (!rc) {
        json_t *before =
            old ? json_pack("{s:s, s:b}", "clause", id, "adopted", !strcmp(old, "1")) : NULL;
        json_t *after = json_pack("{s:s, s:b, s:o}", "clause", id, "adopted", adopt, "note",
                                  note ? json_string(note) : json_null());
        rc = write_logged(st,
                          adopt ? "INSERT INTO org_recommendation (clause_id, adopted, note) "
                                  "VALUES (?, 1, ?) ON CONFLICT (clause_id) DO UPDATE SET "
                                  "adopted = 1, note = COALESCE(excluded.note, "
                                  "org_recommendation.note)"
                                : "INSERT INTO org_recommendation (clause_id, adopted, note) "
                                  "VALUES (?, 0, ?) ON CONFLICT (clause_id) DO UPDATE SET "
                                  "adopted = 0, note = COALESCE(excluded.note, "
                                  "org_recommendation.note)",
                          id, note, "org_recommendation", id, before, after, &err);
        json_decref(before);
        json_decref(after);
    }
    if (!rc)
        printf("推奨事項 %s を%sしました\n", id, adopt ? "採用" : "不採用に");
    free(rec), free(old);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

static int cmd_profile(int argc, char **argv, struct cli *cli)
{
    if (argc < 2 || !strcmp(argv[1], "show"))
        return profile_show(argc < 2 ? 1 : argc - 1, argc < 2 ? argv : argv + 1, cli);
    if (!strcmp(argv[1], "set"))
        return profile_set(argc - 1, argv + 1, cli);
    if (!strcmp(argv[1], "adopt"))
        return profile_adopt(argc - 1, argv + 1, cli, 1);
    if (!strcmp(argv[1], "unadopt"))
        return profile_adopt(argc - 1, argv + 1, cli, 0);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(cmd_profile_def.usage, stdout);
        return 0;
    }
    return cli_usage(&cmd_profile_def, "サブコマンド（show, set, adopt, unadopt）を指定してください");
}

const struct command cmd_profile_def = {
    "profile", cmd_profile, "組織プロファイル（ローカルパラメータと採用した推奨事項）を表示・設定する",
    "使い方: mamori profile [show] [--format table|json]\n"
    "        mamori profile set キー 値\n"
    "        mamori profile adopt 条項 [--note 備考]\n"
    "        mamori profile unadopt 条項 [--note 備考]\n"
    "\n"
    "show     団体名、ローカルパラメータ（値・既定値・条項・説明）と採用した推奨事項\n"
    "set      ローカルパラメータを設定する（型と範囲を確かめ、変更履歴に残す）\n"
    "adopt    【推奨事項】の条項を採用する（requires: でその条項を求める規則が動く）\n"
    "unadopt  採用をやめる\n"};
