/*
 * classification.c — reads the TSV files of data/classification/ (classes, sets, restrictions and which set
 * requires which restriction) into static tables once, and answers questions over them.
 * See classification.h; the tables' meaning is documented in docs/classification.md.
 */
#include "model/classification.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/embedded.h"

#define MAX_CLASSES 16
#define MAX_SETS 16
#define MAX_REQS 64
#define MAX_FIELDS 8

static struct {
    struct cls_class classes[MAX_CLASSES];
    size_t nclasses;
    const struct cls_class *by_dim[CLS_NDIM][MAX_CLASSES]; /* rank order */
    size_t ndim[CLS_NDIM];
    struct cls_set sets[MAX_SETS];
    size_t nsets;
    struct cls_restriction restrictions[CLS_MAX_RESTRICTIONS];
    const struct cls_restriction *restriction_list[CLS_MAX_RESTRICTIONS];
    size_t nrestrictions;
    struct cls_requirement reqs[MAX_REQS];
    size_t nreqs;
    const struct cls_set *conf2plus, *conf3;
    int status;
    struct mm_err err;
} tab;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static const struct cls_set *find_set(const char *code);

static const char *const dim_names[CLS_NDIM] = {"機密性", "完全性", "可用性"};

const char *classification_dim_name(enum cls_dim dim)
{
    return (unsigned)dim < CLS_NDIM ? dim_names[dim] : "?";
}

/*
 * A TSV reader over an embedded file: a private copy cut in place into NUL-terminated fields.
 * The copies are kept for the life of the process because the tables point into them.
 */
struct tsv {
    const char *name;
    char *p;     /* next unread byte of the copy */
    int lineno;  /* line of the row just read */
    int ncols;   /* fields per row, from the header */
    char *f[MAX_FIELDS];
};

static int tsv_open(struct tsv *t, const char *name, const char *header, struct mm_err *err)
{
    const struct embedded_file *ef = embedded_find(name);
    if (!ef)
        return mm_err_set(err, MM_EINTERNAL, "%s が組み込まれていません", name);
    t->name = name;
    t->p = malloc(ef->len + 1);
    if (!t->p)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    memcpy(t->p, ef->data, ef->len);
    t->p[ef->len] = '\0';
    t->lineno = 0;
    t->ncols = MAX_FIELDS;
    /* The first row that is not a comment is the header; it must be exactly `header`. */
    char *line;
    for (;;) {
        line = t->p;
        if (!*line)
            return mm_err_set(err, MM_EINTERNAL, "%s: 見出し行がありません", name);
        char *nl = strchr(line, '\n');
        t->p = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = '\0';
        t->lineno++;
        if (*line && *line != '#')
            break;
    }
    if (strcmp(line, header) != 0)
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: 見出し行は「%s」であるべきです", name,
                          t->lineno, header);
    int n = 1;
    for (const char *c = header; *c; c++)
        n += *c == '\t';
    t->ncols = n;
    return MM_OK;
}

/* Reads the next data row into t->f; returns 1 for a row, 0 at the end, -1 on error. */
static int tsv_next(struct tsv *t, struct mm_err *err)
{
    for (;;) {
        char *line = t->p;
        if (!*line)
            return 0;
        char *nl = strchr(line, '\n');
        t->p = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = '\0';
        t->lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        int n = 0;
        for (char *s = line;; n++) {
            if (n >= t->ncols) {
                mm_err_set(err, MM_EINTERNAL, "%s:%d: 列が多すぎます（%d 列のはずです）", t->name,
                           t->lineno, t->ncols);
                return -1;
            }
            t->f[n] = s;
            char *tab_ch = strchr(s, '\t');
            if (!tab_ch) {
                n++;
                break;
            }
            *tab_ch = '\0';
            s = tab_ch + 1;
        }
        if (n != t->ncols) {
            mm_err_set(err, MM_EINTERNAL, "%s:%d: 列が %d 個しかありません（%d 列のはずです）",
                       t->name, t->lineno, n, t->ncols);
            return -1;
        }
        for (int i = 0; i < n; i++)
            if (!*t->f[i]) {
                mm_err_set(err, MM_EINTERNAL, "%s:%d: %d 列目が空です", t->name, t->lineno, i + 1);
                return -1;
            }
        return 1;
    }
}

static int parse_dim(const struct tsv *t, const char *s, enum cls_dim *out, struct mm_err *err)
{
    static const char *const codes[CLS_NDIM] = {"C", "I", "A"};
    for (int d = 0; d < CLS_NDIM; d++)
        if (strcmp(s, codes[d]) == 0) {
            *out = (enum cls_dim)d;
            return MM_OK;
        }
    return mm_err_set(err, MM_EINTERNAL, "%s:%d: 次元「%s」は C, I, A のいずれかであるべきです",
                      t->name, t->lineno, s);
}

static int parse_pos_int(const struct tsv *t, const char *s, int *out, struct mm_err *err)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v <= 0 || v > INT_MAX)
        return mm_err_set(err, MM_EINTERNAL, "%s:%d: 「%s」は正の整数であるべきです", t->name,
                          t->lineno, s);
    *out = (int)v;
    return MM_OK;
}

static const struct cls_class *find_class(enum cls_dim dim, const char *code)
{
    for (size_t i = 0; i < tab.nclasses; i++)
        if (tab.classes[i].dim == dim && strcmp(tab.classes[i].code, code) == 0)
            return &tab.classes[i];
    return NULL;
}

static int load_classes(struct mm_err *err)
{
    struct tsv t;
    int rc = tsv_open(&t, "data/classification/classes.tsv",
                      "dimension\tcode\trank\tlabel\tcriterion\tclause\tline", err);
    if (rc)
        return rc;
    for (int r; (r = tsv_next(&t, err)) != 0;) {
        if (r < 0)
            return MM_EINTERNAL;
        if (tab.nclasses == MAX_CLASSES)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 区分が多すぎます", t.name, t.lineno);
        struct cls_class *c = &tab.classes[tab.nclasses];
        if ((rc = parse_dim(&t, t.f[0], &c->dim, err)) || (rc = parse_pos_int(&t, t.f[2], &c->rank, err)) ||
            (rc = parse_pos_int(&t, t.f[6], &c->line, err)))
            return rc;
        if (find_class(c->dim, t.f[1]))
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 区分「%s」が重複しています", t.name,
                              t.lineno, t.f[1]);
        c->code = t.f[1];
        c->label = t.f[3];
        c->criterion = t.f[4];
        c->clause = t.f[5];
        /* Insert into the dimension's list keeping rank order; ranks must be distinct. */
        size_t n = tab.ndim[c->dim], at = n;
        for (size_t i = 0; i < n; i++) {
            if (tab.by_dim[c->dim][i]->rank == c->rank)
                return mm_err_set(err, MM_EINTERNAL, "%s:%d: 順位 %d が重複しています", t.name,
                                  t.lineno, c->rank);
            if (tab.by_dim[c->dim][i]->rank > c->rank && at == n)
                at = i;
        }
        memmove(&tab.by_dim[c->dim][at + 1], &tab.by_dim[c->dim][at], (n - at) * sizeof(void *));
        tab.by_dim[c->dim][at] = c;
        tab.ndim[c->dim]++;
        tab.nclasses++;
    }
    for (int d = 0; d < CLS_NDIM; d++)
        if (!tab.ndim[d])
            return mm_err_set(err, MM_EINTERNAL, "%s: %sの区分がありません", t.name, dim_names[d]);
    return MM_OK;
}

static int load_sets(struct mm_err *err)
{
    struct tsv t;
    int rc = tsv_open(&t, "data/classification/sets.tsv", "set\tdimension\tmin_code\tname", err);
    if (rc)
        return rc;
    for (int r; (r = tsv_next(&t, err)) != 0;) {
        if (r < 0)
            return MM_EINTERNAL;
        if (tab.nsets == MAX_SETS)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 集合が多すぎます", t.name, t.lineno);
        struct cls_set *s = &tab.sets[tab.nsets];
        if ((rc = parse_dim(&t, t.f[1], &s->dim, err)))
            return rc;
        s->code = t.f[0];
        s->min = find_class(s->dim, t.f[2]);
        if (!s->min)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 区分「%s」は classes.tsv にありません",
                              t.name, t.lineno, t.f[2]);
        s->name = t.f[3];
        if (find_set(s->code))
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 集合「%s」が重複しています", t.name,
                              t.lineno, s->code);
        tab.nsets++;
    }
    tab.conf2plus = find_set("conf2plus");
    tab.conf3 = find_set("conf3");
    if (!tab.conf2plus || !tab.conf3 || tab.conf2plus->dim != CLS_CONF || tab.conf3->dim != CLS_CONF)
        return mm_err_set(err, MM_EINTERNAL,
                          "%s: 機密性の集合 conf2plus と conf3 が定義されていません", t.name);
    return MM_OK;
}

static const struct cls_restriction *find_restriction(const char *code)
{
    for (size_t i = 0; i < tab.nrestrictions; i++)
        if (strcmp(tab.restrictions[i].code, code) == 0)
            return &tab.restrictions[i];
    return NULL;
}

static int load_restrictions(struct mm_err *err)
{
    struct tsv t;
    int rc = tsv_open(&t, "data/classification/restrictions.tsv", "code\ttext", err);
    if (rc)
        return rc;
    for (int r; (r = tsv_next(&t, err)) != 0;) {
        if (r < 0)
            return MM_EINTERNAL;
        if (tab.nrestrictions == CLS_MAX_RESTRICTIONS)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 取扱制限が多すぎます", t.name, t.lineno);
        if (find_restriction(t.f[0]))
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 取扱制限「%s」が重複しています", t.name,
                              t.lineno, t.f[0]);
        struct cls_restriction *x = &tab.restrictions[tab.nrestrictions];
        x->code = t.f[0];
        x->text = t.f[1];
        x->order = (int)tab.nrestrictions;
        tab.restriction_list[tab.nrestrictions++] = x;
    }
    return MM_OK;
}

static int load_requirements(struct mm_err *err)
{
    struct tsv t;
    int rc = tsv_open(&t, "data/classification/requirements.tsv", "set\trestriction\tclause\tline",
                      err);
    if (rc)
        return rc;
    for (int r; (r = tsv_next(&t, err)) != 0;) {
        if (r < 0)
            return MM_EINTERNAL;
        if (tab.nreqs == MAX_REQS)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 行が多すぎます", t.name, t.lineno);
        struct cls_requirement *q = &tab.reqs[tab.nreqs];
        q->set = find_set(t.f[0]);
        if (!q->set)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 集合「%s」は sets.tsv にありません",
                              t.name, t.lineno, t.f[0]);
        q->restriction = find_restriction(t.f[1]);
        if (!q->restriction)
            return mm_err_set(err, MM_EINTERNAL,
                              "%s:%d: 取扱制限「%s」は restrictions.tsv にありません", t.name,
                              t.lineno, t.f[1]);
        for (size_t i = 0; i < tab.nreqs; i++)
            if (tab.reqs[i].set == q->set && tab.reqs[i].restriction == q->restriction)
                return mm_err_set(err, MM_EINTERNAL, "%s:%d: 同じ行が重複しています", t.name,
                                  t.lineno);
        q->clause = t.f[2];
        if ((rc = parse_pos_int(&t, t.f[3], &q->line, err)))
            return rc;
        tab.nreqs++;
    }
    /* More reasons for one restriction than CLS_MAX_REASONS could not be reported. */
    for (size_t i = 0; i < tab.nrestrictions; i++) {
        size_t n = 0;
        for (size_t j = 0; j < tab.nreqs; j++)
            n += tab.reqs[j].restriction == &tab.restrictions[i];
        if (n > CLS_MAX_REASONS)
            return mm_err_set(err, MM_EINTERNAL, "%s: 取扱制限「%s」を求める集合が多すぎます",
                              t.name, tab.restrictions[i].code);
    }
    return MM_OK;
}

static void load_all(void)
{
    mm_err_clear(&tab.err);
    tab.status = load_classes(&tab.err);
    if (!tab.status)
        tab.status = load_sets(&tab.err);
    if (!tab.status)
        tab.status = load_restrictions(&tab.err);
    if (!tab.status)
        tab.status = load_requirements(&tab.err);
}

int classification_load(struct mm_err *err)
{
    pthread_once(&load_once, load_all);
    if (tab.status && err)
        *err = tab.err;
    return tab.status;
}

/* Loaded tables, or NULL when the embedded data is broken (a defect the tests catch). */
static int ready(void)
{
    return classification_load(NULL) == MM_OK;
}

const struct cls_class *classification_find(enum cls_dim dim, const char *code)
{
    if (!code || (unsigned)dim >= CLS_NDIM || !ready())
        return NULL;
    return find_class(dim, code);
}

int classification_parse(enum cls_dim dim, const char *code, const struct cls_class **out,
                         struct mm_err *err)
{
    int rc = classification_load(err);
    if (rc)
        return rc;
    *out = classification_find(dim, code);
    if (*out)
        return MM_OK;
    char list[128] = "";
    size_t n;
    const struct cls_class *const *all = classification_classes(dim, &n);
    for (size_t i = n; i-- > 0;) {
        strncat(list, all[i]->code, sizeof list - strlen(list) - 1);
        if (i)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
    }
    if (!code)
        return mm_err_set(err, MM_EINPUT, "%sの区分が指定されていません（%s のいずれか）",
                          classification_dim_name(dim), list);
    return mm_err_set(err, MM_EINPUT, "%sの区分「%s」はありません（%s のいずれか）",
                      classification_dim_name(dim), code, list);
}

const struct cls_class *const *classification_classes(enum cls_dim dim, size_t *n)
{
    if ((unsigned)dim >= CLS_NDIM || !ready()) {
        *n = 0;
        return NULL;
    }
    *n = tab.ndim[dim];
    return tab.by_dim[dim];
}

int classification_compare(const struct cls_class *a, const struct cls_class *b)
{
    return (a->rank > b->rank) - (a->rank < b->rank);
}

static const struct cls_set *find_set(const char *code)
{
    for (size_t i = 0; i < tab.nsets; i++)
        if (strcmp(tab.sets[i].code, code) == 0)
            return &tab.sets[i];
    return NULL;
}

const struct cls_set *classification_set(const char *code)
{
    return code && ready() ? find_set(code) : NULL;
}

int classification_in_set(const struct cls_class *c, const struct cls_set *s)
{
    return c && s && c->dim == s->dim && c->rank >= s->min->rank;
}

int classification_is_conf2plus(const struct cls_class *c)
{
    return ready() && classification_in_set(c, tab.conf2plus);
}

int classification_is_conf3(const struct cls_class *c)
{
    return ready() && classification_in_set(c, tab.conf3);
}

const char *classification_conf2plus_name(void)
{
    return ready() ? tab.conf2plus->name : "";
}

const char *classification_conf3_name(void)
{
    return ready() ? tab.conf3->name : "";
}

const struct cls_restriction *const *classification_all_restrictions(size_t *n)
{
    *n = ready() ? tab.nrestrictions : 0;
    return tab.restriction_list;
}

int classification_restrictions(const char *conf, const char *integ, const char *avail,
                                struct cls_applied *out, size_t *n, struct mm_err *err)
{
    *n = 0;
    const struct cls_class *cls[CLS_NDIM];
    const char *codes[CLS_NDIM] = {conf, integ, avail};
    for (int d = 0; d < CLS_NDIM; d++) {
        int rc = classification_parse((enum cls_dim)d, codes[d], &cls[d], err);
        if (rc)
            return rc;
    }
    /* Walk the restrictions in the guideline's order, collecting the sets that require each. */
    for (size_t i = 0; i < tab.nrestrictions; i++) {
        struct cls_applied a = {&tab.restrictions[i], {0}, 0};
        for (size_t j = 0; j < tab.nreqs; j++) {
            const struct cls_requirement *q = &tab.reqs[j];
            if (q->restriction == a.restriction && classification_in_set(cls[q->set->dim], q->set))
                a.by[a.nby++] = q;
        }
        if (a.nby)
            out[(*n)++] = a;
    }
    return MM_OK;
}
