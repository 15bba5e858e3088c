/*
 * migrate.c — applies the schema files compiled into the binary, in order, and refuses a
 * database written by a newer mamori, so that an old binary can never damage newer data.
 */
#include "store/migrate.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "rules/rules.h"
#include "approval/approval.h"
#include "util/embedded.h"

#define SCHEMA_PREFIX "data/schema/"

/* Version number of an embedded schema file, or 0 if the name is not a migration. */
static int migration_version(const char *name)
{
    size_t pl = strlen(SCHEMA_PREFIX);
    if (strncmp(name, SCHEMA_PREFIX, pl) != 0)
        return 0;
    const char *p = name + pl;
    if (p[0] < '0' || p[0] > '9')
        return 0;
    int v = atoi(p);
    size_t n = strlen(p);
    return (n > 4 && strcmp(p + n - 4, ".sql") == 0) ? v : 0;
}

static const struct embedded_file *migration_file(int version)
{
    for (const struct embedded_file *f = embedded_files; f->name; f++)
        if (migration_version(f->name) == version)
            return f;
    return NULL;
}

int store_schema_latest(void)
{
    int max = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        int v = migration_version(f->name);
        if (v > max)
            max = v;
    }
    return max;
}

int store_schema_version(struct store *st, int *out, struct mm_err *err)
{
    int has = 0;
    int rc = store_table_exists(st, "schema_migrations", &has, err);
    if (rc)
        return rc;
    if (!has) {
        *out = 0;
        return MM_OK;
    }
    long long v = 0;
    rc = store_query_int(st, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &v, err);
    if (rc == MM_OK)
        *out = (int)v;
    return rc;
}

/* The catalog of this binary, then the coverage its rules give the catalog's clauses. */
static int load_embedded_data(struct store *st, struct mm_err *err)
{
    int rc = catalog_load_embedded(st, err);
    if (!rc)
        rc = rules_sync_coverage(st, err);
    return rc ? rc : approval_sync_coverage(st, err);
}

int migrate_check_and_apply(struct store *st, int apply, struct mm_err *err)
{
    int have = 0, latest = store_schema_latest();
    int rc = store_schema_version(st, &have, err);
    if (rc)
        return rc;
    if (have > latest)
        return mm_err_set(err, MM_EREFUSED,
                          "このデータベースはより新しい mamori で作られています（スキーマ版 %d、"
                          "この mamori は版 %d まで）。mamori を更新してから開いてください",
                          have, latest);
    if (have == latest) /* every writable database carries the catalog and rules of this binary */
        return apply ? load_embedded_data(st, err) : MM_OK;
    if (!apply)
        return mm_err_set(err, MM_EREFUSED,
                          "データベースのスキーマが古いままです（版 %d、最新は版 %d）。"
                          "書き込み可能な状態で一度開いて更新してください",
                          have, latest);
    rc = store_exec(st,
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                    err);
    if (rc)
        return rc;
    for (int v = have + 1; v <= latest; v++) {
        const struct embedded_file *f = migration_file(v);
        if (!f)
            return mm_err_set(err, MM_EINTERNAL, "スキーマ移行 %d が見つかりません", v);
        rc = store_begin(st, err);
        if (rc)
            return rc;
        rc = store_exec(st, f->data, err);
        if (rc == MM_OK) {
            struct store_stmt *s;
            rc = store_prepare(st,
                               "INSERT INTO schema_migrations (version, name, applied_at) "
                               "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                               &s, err);
            if (rc == MM_OK) {
                store_bind_int(s, 1, v);
                store_bind_text(s, 2, f->name + strlen(SCHEMA_PREFIX));
                rc = store_step(s, err) == STORE_DONE ? MM_OK : err->code;
                store_finalize(s);
            }
        }
        if (rc == MM_OK)
            rc = store_commit(st, err);
        if (rc) {
            store_rollback(st);
            char prev[sizeof err->msg];
            memcpy(prev, err->msg, sizeof prev);
            return mm_err_set(err, MM_EINTERNAL, "スキーマ移行 %s に失敗しました: %s", f->name,
                              prev);
        }
    }
    return load_embedded_data(st, err);
}
