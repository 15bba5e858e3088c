/*
 * classification.h — 対策基準 2.(1): the classes of information assets (機密性 1<2<3C<3B<3A,
 * 完全性 1<2, 可用性 1<2), the named sets of classes (「機密性2以上」「機密性3」 …) and the
 * 取扱制限 (handling restrictions) each class carries.
 *
 * Everything here is read from the TSV files in data/classification/, embedded in the binary; the C code
 * only knows how to read those tables and combine them. The tables are parsed once, on first
 * use, into static storage that lives until the process ends (so nothing returned here is ever
 * freed by the caller, and all of it is safe to share between threads).
 */
#ifndef MM_CLASSIFICATION_H
#define MM_CLASSIFICATION_H

#include <stddef.h>

#include "util/err.h"

enum cls_dim {
    CLS_CONF = 0,  /* 機密性 confidentiality */
    CLS_INTEG = 1, /* 完全性 integrity */
    CLS_AVAIL = 2  /* 可用性 availability */
};
#define CLS_NDIM 3

struct cls_class {
    enum cls_dim dim;
    const char *code;      /* "3A", "2", … as stored in the registers */
    int rank;              /* 1 = least protected; higher is stricter within one dimension */
    const char *label;     /* 「自治体機密性３Ａ」 */
    const char *criterion; /* 分類基準, the guideline's wording */
    const char *clause;    /* "2.(1)" */
    int line;              /* line of sources/mic-guideline-r7-03.txt */
};

/* A named set: every class of `dim` ranked at least as high as `min`. */
struct cls_set {
    const char *code; /* "conf2plus", "conf3", "integ2", "avail2" */
    enum cls_dim dim;
    const struct cls_class *min;
    const char *name; /* 「機密性2以上」 */
};

struct cls_restriction {
    const char *code; /* stable identifier, e.g. "locked_media_storage" */
    const char *text; /* the guideline's wording */
    int order;        /* position in the guideline's table, from 0 */
};

/* One reason a restriction applies: a set requires it, at this clause and source line. */
struct cls_requirement {
    const struct cls_set *set;
    const struct cls_restriction *restriction;
    const char *clause;
    int line;
};

#define CLS_MAX_REASONS 4

/* A restriction an asset carries, with every set (and so dimension) that requires it. */
struct cls_applied {
    const struct cls_restriction *restriction;
    const struct cls_requirement *by[CLS_MAX_REASONS];
    size_t nby;
};

/* The upper bound on the number of distinct restrictions; callers may size arrays with it. */
#define CLS_MAX_RESTRICTIONS 32

/*
 * Loads the embedded tables (once) and checks them. Fails with MM_EINTERNAL, naming the file
 * and line, only if the embedded data is broken. Every other function calls it for you; call it
 * directly to surface the error early.
 */
int classification_load(struct mm_err *err);

/* Japanese name of a dimension: 「機密性」「完全性」「可用性」. */
const char *classification_dim_name(enum cls_dim dim);

/*
 * Parses a class code of one dimension ("3B", "2"). Returns MM_OK and sets *out, or MM_EINPUT
 * with a message naming the dimension and the bad text (NULL and "" are invalid too).
 */
int classification_parse(enum cls_dim dim, const char *code, const struct cls_class **out,
                         struct mm_err *err);

/* The class, or NULL if `code` is not a class of `dim` (NULL-safe). */
const struct cls_class *classification_find(enum cls_dim dim, const char *code);

/* All classes of a dimension in rank order (lowest first); *n receives the count. */
const struct cls_class *const *classification_classes(enum cls_dim dim, size_t *n);

/* <0, 0, >0 as a is less strict than, as strict as, stricter than b (same dimension). */
int classification_compare(const struct cls_class *a, const struct cls_class *b);

/* The named set with that code ("conf2plus"), or NULL. */
const struct cls_set *classification_set(const char *code);
/* Whether class c belongs to set s (false when they are of different dimensions). */
int classification_in_set(const struct cls_class *c, const struct cls_set *s);

/* 機密性2以上 = {2, 3C, 3B, 3A}; 機密性3 = {3C, 3B, 3A}. False for NULL or other dimensions. */
int classification_is_conf2plus(const struct cls_class *c);
int classification_is_conf3(const struct cls_class *c);

/* The names the policy uses for those two sets: 「機密性2以上」, 「機密性3」. */
const char *classification_conf2plus_name(void);
const char *classification_conf3_name(void);

/* Every restriction in the table, in the guideline's order; *n receives the count. */
const struct cls_restriction *const *classification_all_restrictions(size_t *n);

/*
 * The 取扱制限 an asset of classes (conf, integ, avail) carries: each restriction once, in the
 * guideline's order, with every requirement that imposes it (in the order of the table). Codes
 * are parsed as by classification_parse; a bad code gives MM_EINPUT naming it. `out` must hold
 * CLS_MAX_RESTRICTIONS entries; *n receives the count (0 for 1/1/1).
 */
int classification_restrictions(const char *conf, const char *integ, const char *avail,
                                struct cls_applied *out, size_t *n, struct mm_err *err);

#endif
