/*
 * demo_build.c — generates the demo municipality's registers from the embedded data files
 * (data/demo/ TSV files): structure, people, roles, systems, assets and accounts. Everything is
 * drawn from the seeded PRNG in a fixed order, and every date is moved to the reference 年度
 * (demo_shift) or counted back from the reference date, so one seed and one reference date
 * always give the same municipality. The result is clean; demo_gaps.c then plants the gaps.
 */
#include "demo/demo_model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILE_PROFILE "data/demo/profile.tsv"
#define FILE_DEPTS "data/demo/departments.tsv"
#define FILE_SYSTEMS "data/demo/systems.tsv"
#define FILE_ASSETS "data/demo/assets.tsv"
#define FILE_SURNAMES "data/demo/surnames.tsv"
#define FILE_GIVEN "data/demo/given_names.tsv"

static int need(const struct demo_tsv *t, int n, struct mm_err *err)
{
    if (t->nf >= n)
        return MM_OK;
    return mm_err_set(err, MM_EINTERNAL, "%s:%d: 項目が %d 個しかありません（%d 個必要です）",
                      t->name, t->line, t->nf, n);
}

static int bad(const struct demo_tsv *t, const char *what, const char *value, struct mm_err *err)
{
    return mm_err_set(err, MM_EINTERNAL, "%s:%d: %s「%s」が見つかりません", t->name, t->line, what,
                      value);
}

static int load_names(struct demo *d, const char *file, struct demo_kv **list, size_t *n,
                      size_t *cap, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, file, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 2, err)))
            break;
        struct demo_kv *kv = demo_push(list, n, cap, sizeof *kv);
        kv->a = demo_str(d, t.f[0]);
        kv->b = demo_str(d, t.f[1]);
    }
    if (!rc && *n == 0)
        rc = mm_err_set(err, MM_EINTERNAL, "%s に名前がありません", file);
    return rc;
}

/* Profile rows that name people are resolved later; keep them here meanwhile. */
struct profile_refs {
    struct demo_kv special[8];
    int n_special;
    struct demo_kv head_role[8];
    int n_head_role;
    struct demo_kv csirt[8];
    int n_csirt;
};

static int load_profile(struct demo *d, struct profile_refs *refs, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_PROFILE, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 3, err)))
            break;
        const char *rec = t.f[0], *k = t.f[1], *v = t.f[2];
        const char *x = t.nf > 3 && t.f[3][0] ? t.f[3] : NULL;
        if (strcmp(rec, "org") == 0) {
            const char **dst = strcmp(k, "name") == 0           ? &d->org_name
                               : strcmp(k, "kind") == 0         ? &d->org_kind
                               : strcmp(k, "prefecture") == 0   ? &d->org_prefecture
                               : strcmp(k, "policy_title") == 0 ? &d->policy_title
                               : strcmp(k, "policy_date") == 0  ? &d->policy_date
                               : strcmp(k, "note") == 0         ? &d->org_note
                                                                : NULL;
            if (!dst)
                return bad(&t, "組織の項目", k, err);
            *dst = demo_str(d, v);
        } else if (strcmp(rec, "body") == 0) {
            struct demo_kv *kv = demo_push(&d->bodies, &d->n_bodies, &d->cap_bodies, sizeof *kv);
            kv->a = demo_str(d, k);
            kv->b = demo_str(d, v);
            kv->c = x ? demo_str(d, x) : NULL;
        } else if (strcmp(rec, "excluded") == 0) {
            struct demo_kv *kv =
                demo_push(&d->excluded, &d->n_excluded, &d->cap_excluded, sizeof *kv);
            kv->a = demo_str(d, k);
            kv->b = demo_str(d, v);
        } else if (strcmp(rec, "inclusion") == 0) {
            struct demo_kv *kv =
                demo_push(&d->inclusions, &d->n_inclusions, &d->cap_inclusions, sizeof *kv);
            kv->a = demo_str(d, k);
            kv->b = demo_str(d, v);
            kv->c = x ? demo_str(d, x) : NULL;
        } else if (strcmp(rec, "recommend") == 0) {
            struct demo_reco *r = demo_push(&d->recos, &d->n_recos, &d->cap_recos, sizeof *r);
            r->clause = demo_str(d, k);
            r->adopted = strcmp(v, "1") == 0;
            r->note = x ? demo_str(d, x) : NULL;
        } else if (strcmp(rec, "param") == 0) {
            struct demo_kv *kv = demo_push(&d->params, &d->n_params, &d->cap_params, sizeof *kv);
            kv->a = demo_str(d, k);
            kv->b = demo_str(d, v);
        } else {
            struct demo_kv *list;
            int *n;
            if (strcmp(rec, "special") == 0) {
                if ((rc = need(&t, 4, err)))
                    return rc;
                list = refs->special, n = &refs->n_special;
            } else if (strcmp(rec, "head_role") == 0) {
                list = refs->head_role, n = &refs->n_head_role;
            } else if (strcmp(rec, "csirt_member") == 0) {
                list = refs->csirt, n = &refs->n_csirt;
            } else {
                return bad(&t, "行の種類", rec, err);
            }
            if (*n == 8)
                return mm_err_set(err, MM_EINTERNAL, "%s:%d: 「%s」の行が多すぎます", t.name,
                                  t.line, rec);
            list[*n].a = demo_str(d, k);
            list[*n].b = demo_str(d, v);
            list[*n].c = x ? demo_str(d, x) : NULL;
            (*n)++;
        }
    }
    if (!rc && (!d->org_name || !d->org_kind))
        rc = mm_err_set(err, MM_EINTERNAL, "%s: 団体名と種別が必要です", FILE_PROFILE);
    return rc;
}

static int load_depts(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_DEPTS, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 11, err)))
            break;
        struct demo_dept *u = demo_push(&d->depts, &d->n_depts, &d->cap_depts, sizeof *u);
        u->id = demo_str(d, t.f[0]);
        u->level = demo_str(d, t.f[1]);
        u->parent = -1;
        if (t.f[2][0] && (u->parent = demo_find_dept(d, t.f[2])) < 0)
            return bad(&t, "上位の部署", t.f[2], err);
        u->body = demo_str(d, t.f[3]);
        u->name = demo_str(d, t.f[4]);
        u->head_title = demo_str(d, t.f[5]);
        u->n_regular = atoi(t.f[6]);
        u->n_fiscal = atoi(t.f[7]);
        u->n_part = atoi(t.f[8]);
        u->n_contractor = atoi(t.f[9]);
        u->since = demo_shift(d, demo_str(d, t.f[10]));
        u->sort = (int)d->n_depts;
        u->head = -1;
        if (u->n_regular < 1)
            return mm_err_set(err, MM_EINTERNAL,
                              "%s:%d: 正規職員（所属長を含む）が 1 人以上必要です", t.name, t.line);
    }
    return rc;
}

static int load_systems(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_SYSTEMS, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 13, err)))
            break;
        struct demo_system *s = demo_push(&d->systems, &d->n_systems, &d->cap_systems, sizeof *s);
        s->id = demo_str(d, t.f[0]);
        s->name = demo_str(d, t.f[1]);
        s->domain = demo_str(d, t.f[2]);
        s->hosting = demo_str(d, t.f[3]);
        if ((s->dept = demo_find_dept(d, t.f[4])) < 0)
            return bad(&t, "所管課室", t.f[4], err);
        s->rto = strcmp(t.f[5], "-") == 0 ? 0 : atoi(t.f[5]);
        s->since = demo_shift(d, demo_str(d, t.f[6]));
        s->vendor = demo_str(d, t.f[7]);
        s->users = demo_str(d, t.f[8]);
        s->admins = atoi(t.f[9]);
        if (s->admins < 1 || s->admins > 4)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 特権IDの数は 1〜4 です", t.name, t.line);
        s->shared = strcmp(t.f[10], "-") == 0 ? NULL : demo_str(d, t.f[10]);
        char cls[64];
        snprintf(cls, sizeof cls, "%s", t.f[11]);
        char *c = strtok(cls, "/"), *i = strtok(NULL, "/"), *a = strtok(NULL, "/"),
             *p = strtok(NULL, "/");
        if (!c || !i || !a || !p)
            return bad(&t, "分類 C/I/A/個人情報 の形", t.f[11], err);
        s->c = demo_str(d, c);
        s->i = demo_str(d, i);
        s->a = demo_str(d, a);
        s->personal = atoi(p);
        s->note = t.f[12][0] ? demo_str(d, t.f[12]) : NULL;
    }
    return rc;
}

static const char *random_name(struct demo *d, const char **kana)
{
    const struct demo_kv *sn = &d->surnames[demo_rand(d, (uint32_t)d->n_surnames)];
    const struct demo_kv *gn = &d->given[demo_rand(d, (uint32_t)d->n_given)];
    *kana = demo_fmt(d, "%s　%s", sn->b, gn->b);
    return demo_fmt(d, "%s　%s", sn->a, gn->a);
}

static const char *april_first(struct demo *d, int from_year, int to_year)
{
    int y = from_year + (int)demo_rand(d, (uint32_t)(to_year - from_year + 1));
    return demo_april(d, y);
}

static int add_person(struct demo *d, int dept, const char *employment, const char *title,
                      const char *hired_on)
{
    struct demo_person *p = demo_push(&d->people, &d->n_people, &d->cap_people, sizeof *p);
    int idx = (int)d->n_people - 1;
    const char *kana;
    p->name = random_name(d, &kana);
    p->kana = kana;
    p->dept = dept;
    p->employment = employment;
    p->title = title;
    p->status = "active";
    p->hired_on = hired_on;
    return idx;
}

static void number_people(struct demo *d)
{
    int staff = 0, contractors = 0;
    for (size_t i = 0; i < d->n_people; i++) {
        struct demo_person *p = &d->people[i];
        if (strcmp(p->employment, "contractor") == 0) {
            p->id = demo_fmt(d, "C%04d", ++contractors);
        } else {
            p->id = demo_fmt(d, "E%05d", ++staff);
            char low[16];
            snprintf(low, sizeof low, "%s", p->id);
            for (char *c = low; *c; c++)
                *c = (char)tolower((unsigned char)*c);
            p->email = demo_fmt(d, "%s@city.komorebi.example", low);
        }
    }
}

static const char *const staff_titles[] = {"主査", "主任", "主事", "主事", "技師"};
static const char *const head_years[] = {"2022-04-01", "2023-04-01", "2024-04-01", "2025-04-01",
                                         "2026-04-01"};

static int make_people(struct demo *d, const struct profile_refs *refs, struct mm_err *err)
{
    /* 特別職 first, so they get the first staff numbers. */
    static const char *const special_hired[] = {"2023-05-01", "2023-07-01", "2024-04-01",
                                                "2024-04-01"};
    for (int k = 0; k < refs->n_special; k++) {
        int dept = demo_find_dept(d, refs->special[k].c ? refs->special[k].c : "");
        if (dept < 0)
            return mm_err_set(err, MM_EINTERNAL, "%s: 特別職「%s」の所属が見つかりません",
                              FILE_PROFILE, refs->special[k].b);
        add_person(d, dept, "special", refs->special[k].b, demo_shift(d, special_hired[k % 4]));
    }
    for (size_t u = 0; u < d->n_depts; u++) {
        struct demo_dept *dp = &d->depts[u];
        int bukyoku = strcmp(dp->level, "bukyoku") == 0;
        int desaki = strcmp(dp->level, "desaki") == 0;
        dp->first_person = (int)d->n_people;
        for (int k = 0; k < dp->n_regular; k++) {
            const char *title, *hired;
            if (k == 0) {
                title = dp->head_title;
                hired = bukyoku ? april_first(d, 1986, 1992) : april_first(d, 1988, 1998);
            } else if (bukyoku) {
                title = "次長";
                hired = april_first(d, 1988, 1996);
            } else if (k == 1 && dp->n_regular >= 6) {
                title = desaki ? "副所長" : "課長補佐";
                hired = april_first(d, 1990, 2000);
            } else {
                title = staff_titles[demo_rand(d, 5)];
                hired = strcmp(title, "主査") == 0   ? april_first(d, 1996, 2010)
                        : strcmp(title, "主任") == 0 ? april_first(d, 2006, 2016)
                                                     : april_first(d, 2014, 2025);
            }
            int p = add_person(d, (int)u, "regular", title, hired);
            if (k == 0) {
                dp->head = p;
                const char *since = demo_shift(d, head_years[demo_rand(d, 5)]);
                d->people[p].head_since = demo_later(since, dp->since);
                d->people[p].busy = 1;
            }
        }
        for (int k = 0; k < dp->n_fiscal; k++)
            add_person(d, (int)u, "fiscal_year", "会計年度任用職員", april_first(d, 2019, 2025));
        for (int k = 0; k < dp->n_part; k++)
            add_person(d, (int)u, "part_time", "非常勤職員", april_first(d, 2015, 2025));
        for (int k = 0; k < dp->n_contractor; k++)
            add_person(d, (int)u, "contractor", "委託先要員", april_first(d, 2020, 2025));
        dp->n_people = (int)d->n_people - dp->first_person;
    }
    for (int k = 0; k < refs->n_special; k++)
        d->people[k].busy = 1;
    return MM_OK;
}

int demo_last_of(const struct demo *d, int dept, const char *employment)
{
    const struct demo_dept *u = &d->depts[dept];
    for (int i = u->first_person + u->n_people - 1; i >= u->first_person; i--)
        if (strcmp(d->people[i].employment, employment) == 0 && i != u->head)
            return i;
    return -1;
}

int demo_add_role(struct demo *d, const char *role, int person, const char *scope_type,
                  int scope_dept, int scope_sys, const char *from, const char *to)
{
    struct demo_role *r = demo_push(&d->roles, &d->n_roles, &d->cap_roles, sizeof *r);
    r->role = role;
    r->person = person;
    r->scope_type = scope_type;
    r->scope_dept = scope_dept;
    r->scope_sys = scope_sys;
    r->valid_from = from;
    r->valid_to = to;
    d->people[person].busy = 1;
    return (int)d->n_roles - 1;
}

/* A regular, non-head, unreserved member of a unit drawn at random, or -1. */
static int draw_staff(struct demo *d, int dept)
{
    const struct demo_dept *u = &d->depts[dept];
    int cand[64], n = 0;
    for (int i = u->first_person; i < u->first_person + u->n_people && n < 64; i++) {
        const struct demo_person *p = &d->people[i];
        if (i != u->head && !p->reserved && strcmp(p->employment, "regular") == 0 &&
            strcmp(p->status, "active") == 0)
            cand[n++] = i;
    }
    return n ? cand[demo_rand(d, (uint32_t)n)] : -1;
}

static int find_special(const struct profile_refs *refs, const char *key)
{
    for (int k = 0; k < refs->n_special; k++)
        if (strcmp(refs->special[k].a, key) == 0)
            return k; /* specials are people 0..n_special-1 */
    return -1;
}

static int make_roles(struct demo *d, const struct profile_refs *refs, struct mm_err *err)
{
    int vice = find_special(refs, "vice_mayor");
    int sup = find_special(refs, "superintendent");
    if (vice < 0 || sup < 0)
        return mm_err_set(err, MM_EINTERNAL,
                          "%s: 副市長（vice_mayor）と教育長（superintendent）が必要です",
                          FILE_PROFILE);
    demo_add_role(d, "ciso", vice, "organization", -1, -1, d->people[vice].hired_on, NULL);
    int permit_unit = -1;
    for (int k = 0; k < refs->n_head_role; k++) {
        int u = demo_find_dept(d, refs->head_role[k].b);
        if (u < 0)
            return mm_err_set(err, MM_EINTERNAL, "%s: 部署「%s」が見つかりません", FILE_PROFILE,
                              refs->head_role[k].b);
        if (strcmp(refs->head_role[k].a, "permit_authority") == 0) {
            if (d->depts[u].n_regular < 2)
                return mm_err_set(err, MM_EINTERNAL,
                                  "%s: 許可権限者の課室には正規職員が 2 人以上必要です",
                                  FILE_PROFILE);
            permit_unit = u;
        }
        int h = d->depts[u].head;
        demo_add_role(d, demo_str(d, refs->head_role[k].a), h, "organization", -1, -1,
                      d->people[h].head_since, NULL);
    }
    /* 情報セキュリティ委員会: CISO, 教育長 and every 情報セキュリティ責任者 (部局長). */
    const char *committee_since = demo_april(d, 2025);
    demo_add_role(d, "committee", vice, "organization", -1, -1, committee_since, NULL);
    demo_add_role(d, "committee", sup, "organization", -1, -1,
                  demo_later(d->people[sup].hired_on, committee_since), NULL);
    for (size_t u = 0; u < d->n_depts; u++) {
        const struct demo_dept *dp = &d->depts[u];
        const char *since = d->people[dp->head].head_since;
        if (strcmp(dp->level, "bukyoku") == 0) {
            demo_add_role(d, "isr", dp->head, "bukyoku", (int)u, -1, since, NULL);
            demo_add_role(d, "committee", dp->head, "organization", -1, -1,
                          demo_later(since, committee_since), NULL);
        } else {
            demo_add_role(d, "ism", dp->head, "kashitsu", (int)u, -1, since, NULL);
        }
    }
    for (int k = 0; k < refs->n_csirt; k++) {
        int u = demo_find_dept(d, refs->csirt[k].a);
        int n = atoi(refs->csirt[k].b);
        if (u < 0)
            return mm_err_set(err, MM_EINTERNAL, "%s: 部署「%s」が見つかりません", FILE_PROFILE,
                              refs->csirt[k].a);
        for (int j = 0; j < n; j++) {
            int p = -1;
            for (int tries = 0; tries < 20 && p < 0; tries++) {
                int c = draw_staff(d, u);
                int dup = 0;
                for (size_t r = 0; r < d->n_roles; r++)
                    if (d->roles[r].person == c && strcmp(d->roles[r].role, "csirt_member") == 0)
                        dup = 1;
                if (c >= 0 && !dup)
                    p = c;
            }
            if (p < 0)
                return mm_err_set(err, MM_EINTERNAL, "%s: CSIRT要員を「%s」から %d 人選べません",
                                  FILE_PROFILE, refs->csirt[k].a, n);
            demo_add_role(d, "csirt_member", p, "organization", -1, -1,
                          demo_later(d->people[p].hired_on, demo_april(d, 2024)), NULL);
        }
    }
    for (size_t s = 0; s < d->n_systems; s++) {
        struct demo_system *sy = &d->systems[s];
        int h = d->depts[sy->dept].head;
        const char *since = demo_later(d->people[h].head_since, sy->since);
        demo_add_role(d, "sysm", h, "system", -1, (int)s, since, NULL);
        if (strcmp(sy->hosting, "gov_cloud") == 0 || strcmp(sy->hosting, "other_cloud") == 0) {
            /* In the unit of the 利用申請の許可権限者 the 課長補佐 manages the services, so
               that nobody approves a service they manage (第4編 1(10) 解説). */
            int m = sy->dept == permit_unit ? d->depts[sy->dept].first_person + 1 : h;
            demo_add_role(d, "cloud_manager", m, "system", -1, (int)s,
                          m == h ? since : demo_later(d->people[m].hired_on, since), NULL);
        }
        for (int k = 0; k < sy->admins; k++) {
            int p = draw_staff(d, sy->dept);
            for (int j = 0; j < sy->n_staff && p >= 0; j++)
                if (sy->staff[j] == p)
                    p = -1;
            if (p < 0)
                continue; /* a small unit: fewer 担当者 than planned privileged IDs */
            sy->staff[sy->n_staff++] = p;
            demo_add_role(
                d, "sys_staff", p, "system", -1, (int)s,
                demo_later(d->people[p].hired_on, demo_later(sy->since, demo_april(d, 2024))),
                NULL);
        }
        if (sy->n_staff == 0)
            return mm_err_set(err, MM_EINTERNAL,
                              "%s: %s の所管課室に情報システム担当者になれる職員がいません",
                              FILE_SYSTEMS, sy->id);
    }
    return MM_OK;
}

/*
 * Former 課室長 who retired on 2025-03-31: their 情報セキュリティ管理者 assignment is closed
 * (valid_to), so they are history, not gaps. Checks must respect valid_to to pass over them.
 * The successors took over on 2025-04-01 (set before the roles are drawn).
 */
static const char *const former_head_units[] = {"ka0302", "ka0603", "ka0804"};
#define N_FORMER_HEADS (sizeof former_head_units / sizeof former_head_units[0])

static void prepare_former_heads(struct demo *d)
{
    for (size_t k = 0; k < N_FORMER_HEADS; k++) {
        int u = demo_find_dept(d, former_head_units[k]);
        if (u >= 0)
            d->people[d->depts[u].head].head_since = demo_april(d, 2025);
    }
}

static void make_former_heads(struct demo *d)
{
    for (size_t k = 0; k < N_FORMER_HEADS; k++) {
        int u = demo_find_dept(d, former_head_units[k]);
        if (u < 0)
            continue;
        int p = add_person(d, u, "regular", "課長", april_first(d, 1984, 1986));
        struct demo_person *pp = &d->people[p];
        pp->status = "retired";
        pp->status_since = pp->left_on = demo_shift(d, "2025-03-31");
        demo_add_role(d, "ism", p, "kashitsu", u, -1, demo_april(d, 2020), pp->left_on);
    }
}

/* Retirements, secondments and leaves among staff who hold no role. */
static void draw_statuses(struct demo *d)
{
    static const char *const retire_days[] = {"2025-06-30", "2025-09-30", "2025-12-31",
                                              "2026-03-31"};
    static const char *const transfer_days[] = {"2025-04-01", "2025-10-01", "2026-04-01"};
    int want_retired = 12, want_transferred = 8, want_leave = 10;
    int first = demo_days(demo_shift(d, "2025-05-01"));
    int span = demo_days(demo_shift(d, "2026-03-20")) - first;
    int guard = 0;
    while ((want_retired || want_transferred || want_leave) && guard++ < 100000) {
        int i = (int)demo_rand(d, (uint32_t)d->n_people);
        struct demo_person *p = &d->people[i];
        int regular = strcmp(p->employment, "regular") == 0;
        if (p->busy || p->reserved || strcmp(p->status, "active") != 0 ||
            (!regular && strcmp(p->employment, "fiscal_year") != 0))
            continue;
        if (want_retired) {
            const char *day = demo_shift(d, retire_days[demo_rand(d, 4)]);
            if (strcmp(day, p->hired_on) <= 0)
                continue;
            p->status = "retired";
            p->status_since = p->left_on = day;
            want_retired--;
        } else if (want_transferred) {
            if (!regular)
                continue;
            const char *day = demo_shift(d, transfer_days[demo_rand(d, 3)]);
            if (strcmp(day, p->hired_on) <= 0)
                continue;
            p->status = "transferred";
            p->status_since = day;
            p->title = demo_fmt(d, "%s（架空県へ派遣）", p->title);
            want_transferred--;
        } else {
            const char *day = demo_date(d, first + (int)demo_rand(d, (uint32_t)span));
            if (strcmp(day, p->hired_on) <= 0)
                continue;
            p->status = "on_leave";
            p->status_since = day;
            want_leave--;
        }
    }
}

/* Replaces {fy}, {dept} and {sys} in a template. */
static const char *expand(struct demo *d, const char *tpl, const char *fy, const char *dept,
                          const char *sys)
{
    char out[1024];
    size_t o = 0;
    for (const char *s = tpl; *s && o < sizeof out - 1;) {
        const char *val = NULL;
        size_t skip = 0;
        if (strncmp(s, "{fy}", 4) == 0)
            val = fy, skip = 4;
        else if (strncmp(s, "{dept}", 6) == 0)
            val = dept, skip = 6;
        else if (strncmp(s, "{sys}", 5) == 0)
            val = sys, skip = 5;
        if (skip) {
            size_t n = strlen(val ? val : "");
            if (n > sizeof out - 1 - o)
                n = sizeof out - 1 - o;
            memcpy(out + o, val ? val : "", n);
            o += n;
            s += skip;
        } else {
            out[o++] = *s++;
        }
    }
    out[o] = '\0';
    return demo_str(d, out);
}

static void add_asset(struct demo *d, struct demo_tsv *t, int dept, int sys, int years)
{
    const char *c = t->f[3], *i = t->f[4], *a = t->f[5], *pers = t->f[7];
    const struct demo_system *sy = sys >= 0 ? &d->systems[sys] : NULL;
    for (int y = 0; y < years; y++) {
        struct demo_asset *as = demo_push(&d->assets, &d->n_assets, &d->cap_assets, sizeof *as);
        /* the last completed 年度 first: 令和 year = Gregorian year - 2018 */
        const char *fy = demo_fmt(d, "令和%d年度 ", d->fiscal_year - 1 - 2018 - y);
        const char *sysname = sy ? sy->name : "";
        as->dept = dept;
        as->manager = d->depts[dept].head;
        as->sys = strcmp(t->f[1], "-") == 0 ? -1 : sys;
        as->medium = demo_str(d, t->f[2]);
        as->c = strcmp(c, "=") == 0 && sy ? sy->c : demo_str(d, c);
        as->i = strcmp(i, "=") == 0 && sy ? sy->i : demo_str(d, i);
        as->a = strcmp(a, "=") == 0 && sy ? sy->a : demo_str(d, a);
        as->personal = strcmp(pers, "=") == 0 && sy ? sy->personal : atoi(pers);
        as->retention = demo_str(d, t->f[6]);
        as->name = expand(d, t->f[9], fy, d->depts[dept].name, sysname);
        as->location = strcmp(t->f[10], "-") == 0
                           ? NULL
                           : expand(d, t->f[10], fy, d->depts[dept].name, sysname);
    }
}

static int make_assets(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_ASSETS, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 11, err)))
            break;
        const char *scope = t.f[0], *sysid = t.f[1];
        int years = atoi(t.f[8]);
        int sys = -1;
        if (strcmp(sysid, "-") != 0 && strcmp(sysid, "*") != 0 &&
            (sys = demo_find_system(d, sysid)) < 0)
            return bad(&t, "情報システム", sysid, err);
        if (strcmp(scope, "SYS") == 0) {
            for (size_t s = 0; s < d->n_systems; s++) {
                int holder = strcmp(sysid, "*") == 0 ? (int)s : sys;
                /* the row's system holds the asset; {sys} names the system it describes */
                const struct demo_system *about = &d->systems[s];
                size_t before = d->n_assets;
                add_asset(d, &t, about->dept, (int)s, years);
                for (size_t k = before; k < d->n_assets; k++)
                    d->assets[k].sys = strcmp(sysid, "-") == 0 ? -1 : holder;
            }
            continue;
        }
        int all = strcmp(scope, "*") == 0, ka = strcmp(scope, "ka") == 0;
        int one = -1;
        if (!all && !ka && (one = demo_find_dept(d, scope)) < 0)
            return bad(&t, "部署", scope, err);
        for (size_t u = 0; u < d->n_depts; u++) {
            const struct demo_dept *dp = &d->depts[u];
            if (one >= 0 ? (int)u != one
                         : strcmp(dp->level, "bukyoku") == 0 ||
                               (ka && strcmp(dp->level, "kashitsu") != 0) ||
                               strcmp(dp->since, d->fy_start) >= 0)
                continue;
            add_asset(d, &t, (int)u, sys, years);
        }
    }
    return rc;
}

static int in_subtree(const struct demo *d, int dept, int root)
{
    for (int u = dept; u >= 0; u = d->depts[u].parent)
        if (u == root)
            return 1;
    return 0;
}

static const char *login_time(struct demo *d, int day)
{
    int minute = 8 * 60 + 15 + (int)demo_rand(d, 10 * 60);
    return demo_fmt(d, "%sT%02d:%02d:%02d+09:00", demo_date(d, day), minute / 60, minute % 60,
                    (int)demo_rand(d, 60));
}

static void add_account(struct demo *d, int sys, int holder, const char *login, int privileged,
                        int shared)
{
    const struct demo_system *sy = &d->systems[sys];
    const struct demo_person *p = &d->people[holder];
    const char *end = strcmp(p->status, "retired") == 0  ? p->left_on
                      : strcmp(p->status, "active") == 0 ? NULL
                                                         : p->status_since;
    const char *created = demo_later(p->hired_on ? p->hired_on : "2000-04-01", sy->since);
    if (end && strcmp(created, end) >= 0)
        return; /* left before the system started */
    int c = demo_days(created);
    int last =
        end ? demo_days(end) - 1 - (int)demo_rand(d, 20) : d->ref_days - 1 - (int)demo_rand(d, 45);
    if (last < c)
        last = c;
    struct demo_account *a = demo_push(&d->accounts, &d->n_accounts, &d->cap_accounts, sizeof *a);
    a->sys = sys;
    a->holder = holder;
    a->login = login;
    a->privileged = privileged;
    a->shared = shared;
    a->mfa = 1;
    a->status = !end ? "active" : strcmp(p->status, "retired") == 0 ? "deleted" : "suspended";
    a->created_on = created;
    a->last_login = login_time(d, last);
}

static const char *lower(struct demo *d, const char *prefix, const char *id)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s%s", prefix, id);
    for (char *c = buf; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return demo_str(d, buf);
}

static int make_accounts(struct demo *d, struct mm_err *err)
{
    char *use = malloc(d->n_people ? d->n_people : 1);
    if (!use)
        abort();
    for (size_t s = 0; s < d->n_systems; s++) {
        const struct demo_system *sy = &d->systems[s];
        memset(use, 0, d->n_people);
        char spec[512];
        snprintf(spec, sizeof spec, "%s", sy->users);
        char *save = NULL;
        for (char *tok = strtok_r(spec, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (strcmp(tok, "ALL") == 0) {
                memset(use, 1, d->n_people);
            } else if (strncmp(tok, "EACH:", 5) == 0) {
                int n = atoi(tok + 5);
                for (size_t u = 0; u < d->n_depts; u++) {
                    const struct demo_dept *dp = &d->depts[u];
                    if (strcmp(dp->level, "bukyoku") == 0)
                        continue;
                    for (int k = 0; k < n && k < dp->n_people; k++)
                        use[dp->first_person + k] = 1;
                }
            } else {
                int root = demo_find_dept(d, tok);
                if (root < 0) {
                    free(use);
                    return mm_err_set(err, MM_EINTERNAL, "%s: %s の利用者「%s」が見つかりません",
                                      FILE_SYSTEMS, sy->id, tok);
                }
                for (size_t i = 0; i < d->n_people; i++)
                    if (d->people[i].dept >= 0 && in_subtree(d, d->people[i].dept, root))
                        use[i] = 1;
            }
        }
        for (size_t i = 0; i < d->n_people; i++)
            if (use[i])
                add_account(d, (int)s, (int)i, lower(d, "", d->people[i].id), 0, 0);
        for (int k = 0; k < sy->n_staff; k++)
            add_account(d, (int)s, sy->staff[k], lower(d, "adm-", d->people[sy->staff[k]].id), 1,
                        0);
        if (sy->shared)
            add_account(d, (int)s, d->depts[sy->dept].head, sy->shared, 0, 1);
    }
    free(use);
    return MM_OK;
}

int demo_build(struct demo *d, struct mm_err *err)
{
    struct profile_refs refs;
    memset(&refs, 0, sizeof refs);
    int rc;
    if ((rc = load_names(d, FILE_SURNAMES, &d->surnames, &d->n_surnames, &d->cap_surnames, err)) ||
        (rc = load_names(d, FILE_GIVEN, &d->given, &d->n_given, &d->cap_given, err)) ||
        (rc = load_profile(d, &refs, err)) || (rc = load_depts(d, err)) ||
        (rc = load_systems(d, err)) || (rc = make_people(d, &refs, err)))
        return rc;
    demo_reserve_gap_people(d);
    prepare_former_heads(d);
    if ((rc = make_roles(d, &refs, err)))
        return rc;
    make_former_heads(d);
    draw_statuses(d);
    number_people(d);
    if ((rc = make_assets(d, err)) || (rc = make_accounts(d, err)))
        return rc;
    return MM_OK;
}
