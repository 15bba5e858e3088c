/*
 * params.c — reads data/params/parameters.tsv once into static definitions and answers
 * questions over them: which parameters exist, whether a value fits, and the value in force
 * for an organization (its org_parameter row, else the default). See params.h.
 */
#include "model/params.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/embedded.h"

#define PARAMS_FILE "data/params/parameters.tsv"
#define MAX_PARAMS 256
#define NCOLS 5

static struct {
    struct param_def defs[MAX_PARAMS];
    size_t n;
    char *text; /* private copy of the file, cut into fields; kept for the process's life */
    int status;
    struct mm_err err;
} tab;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

const char *params_type_name(enum param_type type)
{
    switch (type) {
    case PARAM_INT:
        return "整数";
    case PARAM_TEXT:
        return "文字列";
    case PARAM_BOOL:
        return "真偽値";
    }
    return "?";
}

static int parse_type(const char *s, enum param_type *out)
{
    static const struct {
        const char *name;
        enum param_type type;
    } types[] = {{"int", PARAM_INT}, {"text", PARAM_TEXT}, {"bool", PARAM_BOOL}};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcmp(s, types[i].name) == 0) {
            *out = types[i].type;
            return 0;
        }
    return -1;
}

/* Parses one data line (already NUL-terminated, without its newline) into tab.defs. */
static int load_line(char *line, int lineno, struct mm_err *err)
{
    char *f[NCOLS];
    int n = 0;
    for (char *s = line;;) {
        if (n == NCOLS)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 列が多すぎます（%d 列のはずです）",
                              PARAMS_FILE, lineno, NCOLS);
        f[n++] = s;
        char *tab_ch = strchr(s, '\t');
        if (!tab_ch)
            break;
        *tab_ch = '\0';
        s = tab_ch + 1;
    }
    if (n != NCOLS)
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: 列が足りません（%d 列のはずです）",
                          PARAMS_FILE, lineno, NCOLS);
    if (tab.n == MAX_PARAMS)
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: パラメータが多すぎます（%d まで）",
                          PARAMS_FILE, lineno, MAX_PARAMS);
    struct param_def *d = &tab.defs[tab.n];
    d->key = f[0];
    if (!*d->key)
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: キーが空です", PARAMS_FILE, lineno);
    if (parse_type(f[1], &d->type))
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: 型「%s」は int, text, bool のいずれかです",
                          PARAMS_FILE, lineno, f[1]);
    d->default_value = f[2];
    d->clause = f[3];
    d->label = f[4];
    d->line = lineno;
    for (size_t i = 0; i < tab.n; i++)
        if (strcmp(tab.defs[i].key, d->key) == 0)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: キー「%s」は %d 行目にもあります",
                              PARAMS_FILE, lineno, d->key, tab.defs[i].line);
    struct mm_err verr;
    mm_err_clear(&verr);
    if (params_check(d, d->default_value, &verr))
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: 既定値が正しくありません: %s", PARAMS_FILE,
                          lineno, verr.msg);
    tab.n++;
    return MM_OK;
}

static void load_all(void)
{
    mm_err_clear(&tab.err);
    const struct embedded_file *ef = embedded_find(PARAMS_FILE);
    if (!ef) {
        tab.status = mm_err_set(&tab.err, MM_EINTERNAL, "%s が組み込まれていません", PARAMS_FILE);
        return;
    }
    tab.text = malloc(ef->len + 1);
    if (!tab.text) {
        tab.status = mm_err_set(&tab.err, MM_EINTERNAL, "メモリが足りません");
        return;
    }
    memcpy(tab.text, ef->data, ef->len);
    tab.text[ef->len] = '\0';
    int lineno = 0;
    for (char *p = tab.text; *p;) {
        char *line = p;
        char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : p + strlen(p);
        if (nl)
            *nl = '\0';
        lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (!len || line[0] == '#') /* the header is a comment line */
            continue;
        tab.status = load_line(line, lineno, &tab.err);
        if (tab.status) {
            tab.n = 0;
            return;
        }
    }
}

static int ensure_loaded(struct mm_err *err)
{
    pthread_once(&load_once, load_all);
    if (tab.status && err)
        *err = tab.err;
    return tab.status;
}

int params_list(const struct param_def **defs, size_t *n, struct mm_err *err)
{
    int rc = ensure_loaded(err);
    if (rc)
        return rc;
    *defs = tab.defs;
    *n = tab.n;
    return MM_OK;
}

const struct param_def *params_find(const char *key)
{
    if (ensure_loaded(NULL) || !key)
        return NULL;
    for (size_t i = 0; i < tab.n; i++)
        if (strcmp(tab.defs[i].key, key) == 0)
            return &tab.defs[i];
    return NULL;
}

/* A canonical non-negative integer: "0", or 1–18 digits without a leading zero. */
static int parse_int(const char *s, long long *out)
{
    size_t len = strlen(s);
    if (len == 0 || len > 18 || (len > 1 && s[0] == '0'))
        return -1;
    long long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int parse_bool(const char *s, int *out)
{
    if (strcmp(s, "true") == 0)
        *out = 1;
    else if (strcmp(s, "false") == 0)
        *out = 0;
    else
        return -1;
    return 0;
}

int params_check(const struct param_def *def, const char *value, struct mm_err *err)
{
    long long iv;
    int bv;
    switch (def->type) {
    case PARAM_INT:
        if (parse_int(value, &iv))
            return mm_err_set(err, MM_EINPUT,
                              "0 以上の整数を数字だけで書きます（例: \"%s\"。符号・空白・先頭の 0 は不可）",
                              def->default_value);
        return MM_OK;
    case PARAM_BOOL:
        if (parse_bool(value, &bv))
            return mm_err_set(err, MM_EINPUT, "\"true\" か \"false\" のどちらかです");
        return MM_OK;
    case PARAM_TEXT:
        if (!*value)
            return mm_err_set(err, MM_EINPUT, "空にはできません");
        return MM_OK;
    }
    return mm_err_set(err, MM_EINTERNAL, "パラメータの型が不明です");
}

int params_get(struct store *st, const char *key, char **value, struct mm_err *err)
{
    int rc = ensure_loaded(err);
    if (rc)
        return rc;
    const struct param_def *d = params_find(key);
    if (!d)
        return mm_err_set(err, MM_EINPUT, "ローカルパラメータ「%s」は定義されていません", key);
    struct store_stmt *s;
    rc = store_prepare(st, "SELECT value FROM org_parameter WHERE key = ?", &s, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, key);
    rc = store_step(s, err);
    const char *v = d->default_value;
    if (rc == STORE_ROW && !store_col_is_null(s, 0))
        v = store_col_text(s, 0);
    else if (rc != STORE_ROW && rc != STORE_DONE) {
        store_finalize(s);
        return rc;
    }
    *value = strdup(v);
    store_finalize(s);
    if (!*value)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    return MM_OK;
}

/* Fetches the effective value of a parameter that must be of `type`, checked. */
static int get_typed(struct store *st, const char *key, enum param_type type, char **value,
                     struct mm_err *err)
{
    const struct param_def *d = params_find(key);
    if (d && d->type != type)
        return mm_err_set(err, MM_EINTERNAL, "ローカルパラメータ「%s」は%sではありません（%s）", key,
                          params_type_name(type), params_type_name(d->type));
    int rc = params_get(st, key, value, err);
    if (rc)
        return rc;
    struct mm_err verr;
    mm_err_clear(&verr);
    if (params_check(d, *value, &verr)) {
        mm_err_set(err, MM_EINTERNAL, "データベースのローカルパラメータ「%s」の値「%s」が正しくありません: %s",
                   key, *value, verr.msg);
        free(*value);
        *value = NULL;
        return MM_EINTERNAL;
    }
    return MM_OK;
}

int params_get_int(struct store *st, const char *key, long long *out, struct mm_err *err)
{
    char *v = NULL;
    int rc = get_typed(st, key, PARAM_INT, &v, err);
    if (rc)
        return rc;
    parse_int(v, out);
    free(v);
    return MM_OK;
}

int params_get_bool(struct store *st, const char *key, int *out, struct mm_err *err)
{
    char *v = NULL;
    int rc = get_typed(st, key, PARAM_BOOL, &v, err);
    if (rc)
        return rc;
    parse_bool(v, out);
    free(v);
    return MM_OK;
}
