/*
 * rule_params.c — the values a rule's `:name` parameters are bound to: the organization's local
 * parameters (org_parameter, else the defaults of data/params/parameters.tsv) and the computed
 * dates of the check (:today, :fiscal_year, :fiscal_year_start, :<key>_cutoff).
 */
#include "rules/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/params.h"
#include "model/wareki.h"

/* Days since 1970-01-01 of a civil date (proleptic Gregorian), and back. */
static long long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void parse_ymd(const char *iso, int *y, int *m, int *d)
{
    *y = atoi(iso);
    *m = atoi(iso + 5);
    *d = atoi(iso + 8);
}

static void write_ymd(char out[11], int y, int m, int d)
{
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

void date_minus_days(const char *iso, long long days, char out[11])
{
    int y, m, d;
    parse_ymd(iso, &y, &m, &d);
    civil_from_days(days_from_civil(y, m, d) - days, &y, &m, &d);
    write_ymd(out, y, m, d);
}

void date_minus_months(const char *iso, long long months, char out[11])
{
    int y, m, d;
    parse_ymd(iso, &y, &m, &d);
    long long total = (long long)y * 12 + (m - 1) - months;
    if (total < 0)
        total = 0;
    y = (int)(total / 12);
    m = (int)(total % 12) + 1;
    int dim = y >= 1 ? date_days_in_month(y, m) : 28;
    if (dim && d > dim)
        d = dim;
    write_ymd(out, y, m, d);
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && strcmp(s + n - k, suf) == 0;
}

int rule_params_known(const char *name)
{
    if (!strcmp(name, "today") || !strcmp(name, "fiscal_year") ||
        !strcmp(name, "fiscal_year_start"))
        return 1;
    if (params_find(name))
        return 1;
    if (has_suffix(name, "_cutoff")) {
        char key[128];
        size_t n = strlen(name) - strlen("_cutoff");
        if (n >= sizeof key)
            return 0;
        memcpy(key, name, n);
        key[n] = '\0';
        const struct param_def *d = params_find(key);
        return d && d->type == PARAM_INT && (has_suffix(key, "_days") || has_suffix(key, "_months"));
    }
    return 0;
}

static void add_param(struct rule_params *p, const char *name, enum rule_param_kind kind,
                      const char *text, long long iv)
{
    struct rule_param *nv = realloc(p->v, (p->n + 1) * sizeof *nv);
    if (!nv)
        abort();
    p->v = nv;
    struct rule_param *q = &p->v[p->n++];
    q->name = strdup(name);
    q->kind = kind;
    q->text = text ? strdup(text) : NULL;
    q->iv = iv;
    if (!q->name || (text && !q->text))
        abort();
}

static int cmp_param(const void *a, const void *b)
{
    return strcmp(((const struct rule_param *)a)->name, ((const struct rule_param *)b)->name);
}

void rule_params_free(struct rule_params *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].name), free(p->v[i].text);
    free(p->v);
    p->v = NULL;
    p->n = 0;
}

const struct rule_param *rule_params_find(const struct rule_params *p, const char *name)
{
    struct rule_param key = {.name = (char *)name};
    return p->n ? bsearch(&key, p->v, p->n, sizeof *p->v, cmp_param) : NULL;
}

int rule_params_build(struct store *st, const char *as_of, struct rule_params *out,
                      struct mm_err *err)
{
    struct rule_params p = {0};
    struct mm_date today;
    if (as_of) {
        int rc = date_parse(as_of, "基準日", &today, err);
        if (rc)
            return rc;
    } else {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        today = (struct mm_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }
    write_ymd(p.today, today.y, today.m, today.d);

    const struct param_def *defs;
    size_t n;
    int rc = params_list(&defs, &n, err);
    if (rc)
        return rc;
    /* One query for the organization's values; defaults for the rest. */
    struct store_stmt *s;
    rc = store_prepare(st, "SELECT key, value FROM org_parameter", &s, err);
    if (rc)
        return rc;
    char **vals = calloc(n ? n : 1, sizeof *vals);
    if (!vals)
        abort();
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *k = store_col_text(s, 0), *v = store_col_text(s, 1);
        for (size_t i = 0; k && v && i < n; i++)
            if (strcmp(defs[i].key, k) == 0 && !vals[i]) {
                vals[i] = strdup(v);
                if (!vals[i])
                    abort();
            }
    }
    store_finalize(s);
    rc = rc == STORE_DONE ? MM_OK : rc;
    for (size_t i = 0; rc == MM_OK && i < n; i++) {
        const char *v = vals[i] ? vals[i] : defs[i].default_value;
        struct mm_err e2;
        if (params_check(&defs[i], v, &e2)) {
            rc = mm_err_set(err, MM_EINPUT, "ローカルパラメータ %s の値「%s」が不正です: %s",
                            defs[i].key, v, e2.msg);
            break;
        }
        switch (defs[i].type) {
        case PARAM_INT: {
            long long iv = strtoll(v, NULL, 10);
            add_param(&p, defs[i].key, RP_INT, NULL, iv);
            char cut[11] = "";
            if (has_suffix(defs[i].key, "_days"))
                date_minus_days(p.today, iv, cut);
            else if (has_suffix(defs[i].key, "_months"))
                date_minus_months(p.today, iv, cut);
            if (*cut) {
                char name[160];
                snprintf(name, sizeof name, "%s_cutoff", defs[i].key);
                add_param(&p, name, RP_TEXT, cut, 0);
            }
            break;
        }
        case PARAM_BOOL:
            add_param(&p, defs[i].key, RP_INT, NULL, strcmp(v, "true") == 0);
            break;
        case PARAM_TEXT:
            add_param(&p, defs[i].key, RP_TEXT, v, 0);
            break;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(vals[i]);
    free(vals);
    if (rc) {
        rule_params_free(&p);
        return rc;
    }
    int fy = nendo_of(today);
    char fys[11];
    write_ymd(fys, fy, 4, 1);
    add_param(&p, "today", RP_TEXT, p.today, 0);
    add_param(&p, "fiscal_year", RP_INT, NULL, fy);
    add_param(&p, "fiscal_year_start", RP_TEXT, fys, 0);
    if (p.n)
        qsort(p.v, p.n, sizeof *p.v, cmp_param);
    *out = p;
    return MM_OK;
}
