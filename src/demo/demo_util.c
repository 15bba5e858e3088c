/*
 * demo_util.c — tools for the demo generator: a string arena, growable arrays, a seeded
 * splitmix64 PRNG (so a seed always yields the same municipality), civil dates as day
 * numbers, and a reader over the embedded data/demo TSV files.
 */
#include "demo/demo_model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embedded.h"

struct demo_arena_block {
    struct demo_arena_block *next;
    size_t used, size;
    char data[];
};

#define ARENA_BLOCK 65536

void demo_init(struct demo *d, unsigned seed, const char *reference_date)
{
    memset(d, 0, sizeof *d);
    d->rng = 0x6b6f6d6f72656269ULL ^ ((uint64_t)seed * 0x9e3779b97f4a7c15ULL);
    d->ref = demo_str(d, reference_date);
    d->ref_days = demo_days(reference_date);
    int y = 0, m = 0;
    sscanf(reference_date, "%4d-%2d", &y, &m);
    d->fiscal_year = m >= 4 ? y : y - 1;
    d->shift = d->fiscal_year - DEMO_DATA_FISCAL_YEAR;
    d->fy_start = demo_fmt(d, "%04d-04-01", d->fiscal_year);
}

static void free_ints(struct demo_ints *l)
{
    free(l->v);
}

void demo_free(struct demo *d)
{
    struct demo_arena_block *b = d->arena;
    while (b) {
        struct demo_arena_block *n = b->next;
        free(b);
        b = n;
    }
    free(d->bodies);
    free(d->excluded);
    free(d->inclusions);
    free(d->params);
    free(d->depts);
    free(d->people);
    free(d->systems);
    free(d->roles);
    free(d->assets);
    free(d->accounts);
    free(d->surnames);
    free(d->given);
    free(d->conns);
    for (size_t i = 0; i < d->n_areas; i++)
        free_ints(&d->areas[i].permitted);
    free(d->areas);
    for (size_t i = 0; i < d->n_devices; i++) {
        free_ints(&d->devices[i].assets);
        free_ints(&d->devices[i].software);
    }
    free(d->devices);
    free(d->software);
    for (size_t i = 0; i < d->n_contractors; i++)
        free_ints(&d->contractors[i].staff);
    free(d->contractors);
    free(d->contracts);
    for (size_t i = 0; i < d->n_clouds; i++)
        free_ints(&d->clouds[i].assets);
    free(d->clouds);
    for (size_t i = 0; i < d->n_courses; i++)
        free(d->courses[i].att);
    free(d->courses);
    free(d->recos);
    memset(d, 0, sizeof *d);
}

static char *arena_alloc(struct demo *d, size_t len)
{
    struct demo_arena_block *b = d->arena;
    if (!b || b->size - b->used < len) {
        size_t size = len > ARENA_BLOCK ? len : ARENA_BLOCK;
        b = malloc(sizeof *b + size);
        if (!b)
            abort();
        b->size = size;
        b->used = 0;
        b->next = d->arena;
        d->arena = b;
    }
    char *p = b->data + b->used;
    b->used += len;
    return p;
}

char *demo_str(struct demo *d, const char *s)
{
    size_t len = strlen(s) + 1;
    char *p = arena_alloc(d, len);
    memcpy(p, s, len);
    return p;
}

char *demo_fmt(struct demo *d, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return demo_str(d, tmp);
}

void *demo_push(void *arrayp, size_t *n, size_t *cap, size_t size)
{
    char **array = arrayp;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 32;
        char *na = realloc(*array, ncap * size);
        if (!na)
            abort();
        *array = na;
        *cap = ncap;
    }
    char *e = *array + *n * size;
    memset(e, 0, size);
    (*n)++;
    return e;
}

uint32_t demo_rand(struct demo *d, uint32_t n)
{
    uint64_t z = (d->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return n ? (uint32_t)(z % n) : 0;
}

/*
 * Days from a civil date (proleptic Gregorian). Years are counted from March 1 in 400-year
 * eras, so the leap day falls at the end of a counting year and every era has 146097 days.
 */
static int days_from_civil(int y, int m, int dd)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int demo_days(const char *ymd)
{
    int y = 0, m = 0, dd = 0;
    if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &dd) != 3)
        return 0;
    return days_from_civil(y, m, dd);
}

char *demo_date(struct demo *d, int z)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return demo_fmt(d, "%04d-%02d-%02d", y, m, dd);
}

const char *demo_later(const char *a, const char *b)
{
    return strcmp(a, b) >= 0 ? a : b;
}

const char *demo_earlier(const char *a, const char *b)
{
    return strcmp(a, b) <= 0 ? a : b;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int demo_valid_date(const char *s)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || dd < 1)
        return 0;
    return dd <= mdays[m - 1] + (m == 2 && leap(y));
}

const char *demo_shift(struct demo *d, const char *ymd)
{
    if (d->shift == 0)
        return ymd;
    int y = 0, m = 0, dd = 0;
    sscanf(ymd, "%4d-%2d-%2d", &y, &m, &dd);
    y += d->shift;
    if (m == 2 && dd == 29 && !leap(y))
        dd = 28;
    return demo_fmt(d, "%04d-%02d-%02d", y, m, dd);
}

const char *demo_april(struct demo *d, int data_year)
{
    return demo_fmt(d, "%04d-04-01", data_year + d->shift);
}

const char *demo_ago(struct demo *d, int days)
{
    return demo_date(d, d->ref_days - days);
}

void demo_ints_add(struct demo_ints *l, int v)
{
    int *slot = demo_push(&l->v, &l->n, &l->cap, sizeof *slot);
    *slot = v;
}

int demo_ints_has(const struct demo_ints *l, int v)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == v)
            return 1;
    return 0;
}

int demo_tsv_open(struct demo_tsv *t, const char *name, struct mm_err *err)
{
    const struct embedded_file *f = embedded_find(name);
    memset(t, 0, sizeof *t);
    if (!f)
        return mm_err_set(err, MM_EINTERNAL,
                          "%s が組み込まれていません（ビルドを確認してください）", name);
    t->name = name;
    t->p = f->data;
    t->end = f->data + f->len;
    return MM_OK;
}

int demo_tsv_next(struct demo_tsv *t)
{
    while (t->p < t->end) {
        const char *nl = memchr(t->p, '\n', (size_t)(t->end - t->p));
        const char *eol = nl ? nl : t->end;
        size_t len = (size_t)(eol - t->p);
        const char *start = t->p;
        t->p = nl ? nl + 1 : t->end;
        t->line++;
        if (len && start[len - 1] == '\r')
            len--;
        if (len == 0 || start[0] == '#')
            continue;
        if (len >= sizeof t->buf)
            len = sizeof t->buf - 1;
        memcpy(t->buf, start, len);
        t->buf[len] = '\0';
        t->nf = 0;
        char *s = t->buf;
        for (;;) {
            t->f[t->nf++] = s;
            char *tab = strchr(s, '\t');
            if (!tab || t->nf == (int)(sizeof t->f / sizeof t->f[0]))
                break;
            *tab = '\0';
            s = tab + 1;
        }
        return 1;
    }
    return 0;
}

int demo_find_dept(const struct demo *d, const char *id)
{
    for (size_t i = 0; i < d->n_depts; i++)
        if (strcmp(d->depts[i].id, id) == 0)
            return (int)i;
    return -1;
}

int demo_find_system(const struct demo *d, const char *id)
{
    for (size_t i = 0; i < d->n_systems; i++)
        if (strcmp(d->systems[i].id, id) == 0)
            return (int)i;
    return -1;
}

#define FIND_BY_ID(fn, array, count)                                                               \
    int fn(const struct demo *d, const char *id)                                                   \
    {                                                                                              \
        for (size_t i = 0; i < d->count; i++)                                                      \
            if (strcmp(d->array[i].id, id) == 0)                                                   \
                return (int)i;                                                                     \
        return -1;                                                                                 \
    }
FIND_BY_ID(demo_find_device, devices, n_devices)
FIND_BY_ID(demo_find_software, software, n_software)
FIND_BY_ID(demo_find_contract, contracts, n_contracts)
FIND_BY_ID(demo_find_cloud, clouds, n_clouds)
FIND_BY_ID(demo_find_area, areas, n_areas)

int demo_role_holder(const struct demo *d, const char *role, int sys)
{
    for (size_t i = 0; i < d->n_roles; i++) {
        const struct demo_role *r = &d->roles[i];
        if (strcmp(r->role, role) == 0 && r->scope_sys == sys && !r->valid_to &&
            strcmp(r->valid_from, d->ref) <= 0)
            return r->person;
    }
    return -1;
}

int demo_bukyoku_of(const struct demo *d, int dept)
{
    while (dept >= 0 && d->depts[dept].parent >= 0)
        dept = d->depts[dept].parent;
    return dept;
}
