/*
 * rule_parse.c — reads one rule file (docs/rules.md): the `-- key: value` header, then exactly
 * one SELECT whose `:name` parameters become `?` placeholders bound by the engine. Purely
 * textual: nothing here opens a database (rule_validate in rule_load.c does that).
 */
#include "rules/rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/strbuf.h"

static const struct {
    enum rule_severity sev;
    const char *code, *label;
} severities[] = {{SEV_CRITICAL, "critical", "重大"},
                  {SEV_HIGH, "high", "高"},
                  {SEV_MEDIUM, "medium", "中"},
                  {SEV_LOW, "low", "低"}};

int rule_severity_parse(const char *s, enum rule_severity *out)
{
    for (size_t i = 0; i < sizeof severities / sizeof *severities; i++)
        if (strcmp(s, severities[i].code) == 0) {
            *out = severities[i].sev;
            return 0;
        }
    return -1;
}

const char *rule_severity_code(enum rule_severity s)
{
    for (size_t i = 0; i < sizeof severities / sizeof *severities; i++)
        if (severities[i].sev == s)
            return severities[i].code;
    return "?";
}

const char *rule_severity_label(enum rule_severity s)
{
    for (size_t i = 0; i < sizeof severities / sizeof *severities; i++)
        if (severities[i].sev == s)
            return severities[i].label;
    return "?";
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = strndup(s, n);
    if (!d)
        abort();
    return d;
}

void rule_free(struct rule *r)
{
    if (!r)
        return;
    free(r->file), free(r->id), free(r->title), free(r->action), free(r->responsible);
    free(r->requires), free(r->sql);
    for (size_t i = 0; i < r->nclauses; i++)
        free(r->clauses[i]);
    free(r->clauses);
    for (size_t i = 0; i < r->nparams; i++)
        free(r->params[i]);
    free(r->params);
    free(r->param_lines);
    memset(r, 0, sizeof *r);
}

/* ---- scanning SQL text ------------------------------------------------------------------- */

/*
 * Length of the literal, quoted identifier or comment starting at p, or 0 if none starts
 * there. An unterminated one runs to the end of the text (the database reports it).
 */
static size_t skip_opaque(const char *p)
{
    if (p[0] == '\'' || p[0] == '"') {
        char q = p[0];
        size_t i = 1;
        for (; p[i]; i++)
            if (p[i] == q) {
                if (p[i + 1] == q) { /* doubled quote inside */
                    i++;
                    continue;
                }
                return i + 1;
            }
        return i;
    }
    if (p[0] == '-' && p[1] == '-') {
        size_t i = 2;
        while (p[i] && p[i] != '\n')
            i++;
        return i;
    }
    if (p[0] == '/' && p[1] == '*') {
        const char *e = strstr(p + 2, "*/");
        return e ? (size_t)(e + 2 - p) : strlen(p);
    }
    return 0;
}

static int name_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

void rule_rewrite_params(const char *sql, char **out, char ***names, int **lines, size_t *n)
{
    struct strbuf sb = STRBUF_INIT;
    char **v = NULL;
    int *lv = NULL;
    size_t len = 0;
    int line = 1;
    const char *p = sql;
    while (*p) {
        size_t k = skip_opaque(p);
        if (k) {
            for (size_t i = 0; i < k; i++)
                line += p[i] == '\n';
            strbuf_add(&sb, p, k);
            p += k;
            continue;
        }
        if (p[0] == ':' && p[1] == ':') { /* PostgreSQL cast, not a parameter */
            strbuf_add(&sb, p, 2);
            p += 2;
            continue;
        }
        if (p[0] == ':' && name_start(p[1])) {
            size_t m = 1;
            while (name_char(p[1 + m]))
                m++;
            char **nv = realloc(v, (len + 1) * sizeof *nv);
            if (!nv)
                abort();
            v = nv;
            int *nl = realloc(lv, (len + 1) * sizeof *nl);
            if (!nl)
                abort();
            lv = nl;
            lv[len] = line;
            v[len++] = xstrndup(p + 1, m);
            strbuf_addch(&sb, '?');
            p += 1 + m;
            continue;
        }
        line += *p == '\n';
        strbuf_addch(&sb, *p++);
    }
    *out = strbuf_detach(&sb);
    *names = v;
    if (lines)
        *lines = lv;
    else
        free(lv);
    *n = len;
}

/* Line number (1-based) of position `at` in `text`. */
static int line_of(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; p < at && *p; p++)
        if (*p == '\n')
            line++;
    return line;
}

/*
 * Checks that the body is one statement starting with SELECT or WITH; cuts a final `;`.
 * `body` is modified in place.
 */
static int check_single_select(const char *file, char *body, int body_line,
                               struct mm_err *err)
{
    char *p = body;
    char *first = NULL, *semi = NULL;
    while (*p) {
        size_t k = skip_opaque(p);
        if (k) {
            p += k;
            continue;
        }
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (semi)
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 文が複数あります。規則の SQL は SELECT 文一つだけです", file,
                              body_line + line_of(body, p) - 1);
        if (!first)
            first = p;
        if (*p == ';')
            semi = p;
        p++;
    }
    if (!first)
        return mm_err_set(err, MM_EINPUT, "%s: SELECT 文がありません", file);
    if (strncasecmp(first, "select", 6) != 0 && strncasecmp(first, "with", 4) != 0)
        return mm_err_set(err, MM_EINPUT,
                          "%s:%d: 規則の SQL は SELECT（または WITH）で始めてください", file,
                          body_line + line_of(body, first) - 1);
    if (semi)
        *semi = ' ';
    return MM_OK;
}

/* ---- the header ------------------------------------------------------------------------- */

enum hkey { H_ID, H_CLAUSES, H_SEVERITY, H_TITLE, H_ACTION, H_RESPONSIBLE, H_REQUIRES, H_N };
static const char *const hkey_names[H_N] = {"id",     "clauses",     "severity", "title",
                                            "action", "responsible", "requires"};
static const int hkey_required[H_N] = {1, 1, 1, 1, 1, 1, 0};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* The id of a file named ".../<ID>.sql", written to out. */
static void file_stem(const char *file, char *out, size_t size)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    size_t n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".sql") == 0)
        n -= 4;
    if (n >= size)
        n = size - 1;
    memcpy(out, b, n);
    out[n] = '\0';
}

static int valid_rule_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
            return 0;
    return 1;
}

/* Splits the clauses value on spaces (ASCII or 全角) and normalises each id. */
static int parse_clauses(const char *file, int line, char *val, struct rule *r,
                         struct mm_err *err)
{
    char *p = val;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (strncmp(p, "\xe3\x80\x80", 3) == 0) { /* 全角 space */
            p += 3;
            continue;
        }
        if (!*p)
            break;
        char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != ',' && strncmp(e, "\xe3\x80\x80", 3))
            e++;
        char tok[256];
        size_t n = (size_t)(e - p);
        if (n >= sizeof tok)
            return mm_err_set(err, MM_EINPUT, "%s:%d: 条項番号が長すぎます", file, line);
        memcpy(tok, p, n);
        tok[n] = '\0';
        char norm[CATALOG_ID_MAX];
        if (catalog_id_normalise(tok, norm, sizeof norm))
            return mm_err_set(err, MM_EINPUT, "%s:%d: 「%s」は条項番号として読めません", file,
                              line, tok);
        char **nv = realloc(r->clauses, (r->nclauses + 1) * sizeof *nv);
        if (!nv)
            abort();
        r->clauses = nv;
        r->clauses[r->nclauses++] = xstrdup(norm);
        p = e;
    }
    if (!r->nclauses)
        return mm_err_set(err, MM_EINPUT, "%s:%d: clauses に条項番号がありません", file, line);
    return MM_OK;
}

static int parse_header_value(const char *file, int line, enum hkey k, char *val, struct rule *r,
                              struct mm_err *err)
{
    if (!*val)
        return mm_err_set(err, MM_EINPUT, "%s:%d: 見出し項目「%s」の値が空です", file, line,
                          hkey_names[k]);
    switch (k) {
    case H_ID:
        if (!valid_rule_id(val))
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 規則の id「%s」は英数字と - _ . の 64 文字以内にしてください",
                              file, line, val);
        r->id = xstrdup(val);
        return MM_OK;
    case H_CLAUSES:
        return parse_clauses(file, line, val, r, err);
    case H_SEVERITY:
        if (rule_severity_parse(val, &r->severity))
            return mm_err_set(err, MM_EINPUT,
                              "%s:%d: 重大度「%s」は使えません（critical, high, medium, low のいずれか）",
                              file, line, val);
        return MM_OK;
    case H_TITLE:
        r->title = xstrdup(val);
        return MM_OK;
    case H_ACTION:
        r->action = xstrdup(val);
        return MM_OK;
    case H_RESPONSIBLE:
        for (const char *c = val; *c; c++)
            if (!islower((unsigned char)*c) && *c != '_')
                return mm_err_set(err, MM_EINPUT, "%s:%d: 役割コード「%s」がありません", file,
                                  line, val);
        r->responsible = xstrdup(val);
        return MM_OK;
    case H_REQUIRES: {
        char norm[CATALOG_ID_MAX];
        if (catalog_id_normalise(val, norm, sizeof norm))
            return mm_err_set(err, MM_EINPUT, "%s:%d: 「%s」は条項番号として読めません", file,
                              line, val);
        r->requires = xstrdup(norm);
        return MM_OK;
    }
    case H_N:
        break;
    }
    return MM_OK;
}

int rule_parse(const char *file, const char *text, struct rule *out, struct mm_err *err)
{
    struct rule r = {0};
    r.file = xstrdup(file);
    int seen[H_N] = {0};
    int rc = MM_OK;
    const char *p = text;
    int line = 1;
    const char *body = NULL;
    int body_line = 0;

    /* Header: the leading run of blank and comment lines. */
    while (*p && rc == MM_OK) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        char *ln = xstrndup(p, n);
        char *t = trim(ln);
        if (*t && strncmp(t, "--", 2) != 0) {
            free(ln);
            body = p;
            body_line = line;
            break;
        }
        if (*t) {
            char *c = trim(t + 2);
            /* `key: value` where key is ASCII lower-case letters and _ ; anything else is prose */
            char *k = c;
            while (islower((unsigned char)*k) || *k == '_')
                k++;
            if (k > c && *k == ':') {
                *k = '\0';
                char *val = trim(k + 1);
                int found = -1;
                for (int i = 0; i < H_N; i++)
                    if (strcmp(c, hkey_names[i]) == 0)
                        found = i;
                if (found < 0)
                    rc = mm_err_set(err, MM_EINPUT,
                                    "%s:%d: 見出し項目「%s」は知りません（id, clauses, severity, "
                                    "title, action, responsible, requires）",
                                    file, line, c);
                else if (seen[found])
                    rc = mm_err_set(err, MM_EINPUT, "%s:%d: 見出し項目「%s」が二度あります", file,
                                    line, c);
                else {
                    seen[found] = line;
                    if (found == H_CLAUSES)
                        r.clauses_line = line;
                    else if (found == H_RESPONSIBLE)
                        r.responsible_line = line;
                    else if (found == H_REQUIRES)
                        r.requires_line = line;
                    rc = parse_header_value(file, line, (enum hkey)found, val, &r, err);
                }
            }
        }
        free(ln);
        if (!eol)
            break;
        p = eol + 1;
        line++;
    }
    for (int i = 0; rc == MM_OK && i < H_N; i++)
        if (hkey_required[i] && !seen[i])
            rc = mm_err_set(err, MM_EINPUT, "%s:1: 見出し項目「%s」がありません", file,
                            hkey_names[i]);
    if (rc == MM_OK) {
        char stem[128];
        file_stem(file, stem, sizeof stem);
        if (strcmp(stem, r.id) != 0)
            rc = mm_err_set(err, MM_EINPUT,
                            "%s:%d: 規則の id「%s」がファイル名「%s.sql」と違います", file,
                            seen[H_ID], r.id, stem);
    }
    if (rc == MM_OK && !body)
        rc = mm_err_set(err, MM_EINPUT, "%s: 見出しの後に SELECT 文がありません", file);
    if (rc == MM_OK) {
        char *b = xstrdup(body);
        rc = check_single_select(file, b, body_line, err);
        if (rc == MM_OK) {
            rule_rewrite_params(b, &r.sql, &r.params, &r.param_lines, &r.nparams);
            for (size_t i = 0; i < r.nparams; i++)
                r.param_lines[i] += body_line - 1;
            r.sql_line = body_line;
        }
        free(b);
    }
    if (rc) {
        rule_free(&r);
        return rc;
    }
    *out = r;
    return MM_OK;
}
