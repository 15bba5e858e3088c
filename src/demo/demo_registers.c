/*
 * demo_registers.c — the demo municipality's registers of schema 004: segment connections,
 * 管理区域, servers/terminals/mobiles/media with their software, the software list,
 * contractors and contracts with the 14 契約項目, cloud services with their 利用承認, and
 * training for the reference 年度 and the one before. Built after demo_build() from the
 * embedded data/demo TSV files; clean by construction (demo_gaps_registers.c plants the gaps).
 */
#include "demo/demo_model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILE_CONNECTIONS "data/demo/connections.tsv"
#define FILE_AREAS "data/demo/areas.tsv"
#define FILE_SOFTWARE "data/demo/software.tsv"
#define FILE_CONTRACTORS "data/demo/contractors.tsv"
#define FILE_CONTRACTS "data/demo/contracts.tsv"
#define FILE_COURSES "data/demo/courses.tsv"

const char *const demo_contract_items[DEMO_CONTRACT_ITEMS] = {"policy_compliance",
                                                              "technical_safeguards",
                                                              "responsible_and_site",
                                                              "service_level",
                                                              "information_scope",
                                                              "staff_education",
                                                              "no_other_use",
                                                              "confidentiality",
                                                              "subcontracting",
                                                              "return_disposal",
                                                              "reporting",
                                                              "audit_inspection",
                                                              "incident_publication",
                                                              "breach_remedy"};

#define ALL_ITEMS ((1u << DEMO_CONTRACT_ITEMS) - 1)

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

/* "-" or empty → NULL, else an arena copy. */
static const char *opt(struct demo *d, const char *v)
{
    return !v[0] || strcmp(v, "-") == 0 ? NULL : demo_str(d, v);
}

static int lookup_dept(const struct demo *d, const struct demo_tsv *t, const char *id, int *out,
                       struct mm_err *err)
{
    if ((*out = demo_find_dept(d, id)) < 0)
        return bad(t, "部署", id, err);
    return MM_OK;
}

static int lookup_system(const struct demo *d, const struct demo_tsv *t, const char *id, int *out,
                         struct mm_err *err)
{
    *out = -1;
    if (strcmp(id, "-") == 0)
        return MM_OK;
    if ((*out = demo_find_system(d, id)) < 0)
        return bad(t, "情報システム", id, err);
    return MM_OK;
}

static int is_active(const struct demo *d, int p)
{
    return p >= 0 && strcmp(d->people[p].status, "active") == 0;
}

static int in_subtree(const struct demo *d, int dept, int root)
{
    for (int u = dept; u >= 0; u = d->depts[u].parent)
        if (u == root)
            return 1;
    return 0;
}

static const char *lower_id(struct demo *d, const char *prefix, const char *id)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s%s", prefix, id);
    for (char *c = buf; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return demo_str(d, buf);
}

/* The 統括情報セキュリティ責任者, who approves connections between segments. */
static int toukatsu(const struct demo *d)
{
    return demo_role_holder(d, "toukatsu", -1);
}

/* The day the current holder of an organization role took it up, or NULL. */
static const char *role_since(const struct demo *d, const char *role)
{
    int p = demo_role_holder(d, role, -1);
    for (size_t r = 0; r < d->n_roles; r++)
        if (d->roles[r].person == p && strcmp(d->roles[r].role, role) == 0 && !d->roles[r].valid_to)
            return d->roles[r].valid_from;
    return NULL;
}

const char *demo_connection_approved_on(struct demo *d, const char *ymd)
{
    /* a path opened before the current 統括 took office was approved again by them then */
    const char *since = role_since(d, "toukatsu");
    return since ? demo_later(demo_shift(d, ymd), since) : demo_shift(d, ymd);
}

static int load_connections(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_CONNECTIONS, err);
    int approver = toukatsu(d);
    if (!rc && approver < 0)
        return mm_err_set(err, MM_EINTERNAL, "デモに統括情報セキュリティ責任者がいません");
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 15, err)))
            break;
        struct demo_conn *c = demo_push(&d->conns, &d->n_conns, &d->cap_conns, sizeof *c);
        c->id = demo_str(d, t.f[0]);
        c->name = demo_str(d, t.f[1]);
        c->from_domain = demo_str(d, t.f[2]);
        c->to_domain = opt(d, t.f[4]);
        c->to_external = opt(d, t.f[6]);
        c->purpose = demo_str(d, t.f[7]);
        c->sanitization = demo_str(d, t.f[8]);
        c->via = demo_str(d, t.f[9]);
        c->restricted_ip = atoi(t.f[10]);
        c->restricted_port = atoi(t.f[11]);
        c->encrypted = atoi(t.f[12]);
        c->approved_by = approver;
        c->approved_on = demo_connection_approved_on(d, demo_str(d, t.f[14]));
        c->note = t.nf > 15 ? opt(d, t.f[15]) : NULL;
        if ((rc = lookup_system(d, &t, t.f[3], &c->from_sys, err)) ||
            (rc = lookup_system(d, &t, t.f[5], &c->to_sys, err)) ||
            (rc = lookup_dept(d, &t, t.f[13], &c->dept, err)))
            break;
        if (!c->to_domain == !c->to_external)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 接続先は区分か外部のどちらか一方です",
                              t.name, t.line);
    }
    return rc;
}

/* Adds the people a permit spec names ("staff:UNIT", "contractors:UNIT", "all:UNIT"). */
static int add_permits(struct demo *d, struct demo_area *a, const struct demo_tsv *t,
                       const char *spec, struct mm_err *err)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(tok, ':');
        if (!colon)
            return bad(t, "入室許可の指定", tok, err);
        *colon = '\0';
        int u = demo_find_dept(d, colon + 1);
        if (u < 0)
            return bad(t, "部署", colon + 1, err);
        const struct demo_dept *dp = &d->depts[u];
        for (int i = dp->first_person; i < dp->first_person + dp->n_people; i++) {
            const struct demo_person *p = &d->people[i];
            int take = 0;
            if (strcmp(tok, "all") == 0) {
                take = 1;
            } else if (strcmp(tok, "contractors") == 0) {
                take = strcmp(p->employment, "contractor") == 0;
            } else if (strcmp(tok, "staff") == 0) {
                take = i == dp->head;
                for (size_t s = 0; s < d->n_systems && !take; s++)
                    for (int k = 0; k < d->systems[s].n_staff; k++)
                        if (d->systems[s].dept == u && d->systems[s].staff[k] == i)
                            take = 1;
            } else {
                return bad(t, "入室許可の種類", tok, err);
            }
            if (take && is_active(d, i) && !p->reserved && !demo_ints_has(&a->permitted, i))
                demo_ints_add(&a->permitted, i);
        }
    }
    return MM_OK;
}

static int load_areas(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_AREAS, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 10, err)))
            break;
        struct demo_area *a = demo_push(&d->areas, &d->n_areas, &d->cap_areas, sizeof *a);
        a->id = demo_str(d, t.f[0]);
        a->name = demo_str(d, t.f[1]);
        a->floor = atoi(t.f[3]);
        a->access_control = demo_str(d, t.f[4]);
        a->locked = atoi(t.f[5]);
        a->fire = atoi(t.f[6]);
        a->water = atoi(t.f[7]);
        a->seismic = atoi(t.f[8]);
        a->note = t.nf > 10 ? opt(d, t.f[10]) : NULL;
        if ((rc = lookup_dept(d, &t, t.f[2], &a->dept, err)) ||
            (rc = add_permits(d, a, &t, t.f[9], err)))
            break;
        if (a->permitted.n == 0)
            return mm_err_set(err, MM_EINTERNAL, "%s:%d: 入室を許可された人がいません", t.name,
                              t.line);
    }
    return rc;
}

static int load_software(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_SOFTWARE, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 8, err)))
            break;
        struct demo_software *s =
            demo_push(&d->software, &d->n_software, &d->cap_software, sizeof *s);
        s->id = demo_str(d, t.f[0]);
        s->name = demo_str(d, t.f[1]);
        s->vendor = opt(d, t.f[2]);
        s->allowed = atoi(t.f[3]);
        s->approved_on = opt(d, t.f[4]);
        s->support_ends = opt(d, t.f[5]);
        if (s->approved_on)
            s->approved_on = demo_shift(d, s->approved_on);
        if (s->support_ends)
            s->support_ends = demo_shift(d, s->support_ends);
        s->version = opt(d, t.f[6]);
        s->install = demo_str(d, t.f[7]);
        s->note = t.nf > 8 ? opt(d, t.f[8]) : NULL;
    }
    return rc;
}

static int load_contractors(struct demo *d, struct mm_err *err)
{
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_CONTRACTORS, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 6, err)))
            break;
        struct demo_contractor *c =
            demo_push(&d->contractors, &d->n_contractors, &d->cap_contractors, sizeof *c);
        c->id = demo_str(d, t.f[0]);
        c->name = demo_str(d, t.f[1]);
        c->corporate_number = opt(d, t.f[2]);
        c->isms = atoi(t.f[3]);
        c->pmark = atoi(t.f[4]);
        c->note = t.nf > 6 ? opt(d, t.f[6]) : NULL;
        char units[256];
        snprintf(units, sizeof units, "%s", t.f[5]);
        if (strcmp(units, "-") == 0)
            continue;
        char *save = NULL;
        for (char *tok = strtok_r(units, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            int u = demo_find_dept(d, tok);
            if (u < 0)
                return bad(&t, "部署", tok, err);
            const struct demo_dept *dp = &d->depts[u];
            for (int i = dp->first_person; i < dp->first_person + dp->n_people; i++)
                if (strcmp(d->people[i].employment, "contractor") == 0)
                    demo_ints_add(&c->staff, i);
        }
    }
    return rc;
}

static int find_contractor_by_name(const struct demo *d, const char *name)
{
    for (size_t i = 0; i < d->n_contractors; i++)
        if (strcmp(d->contractors[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_contractor(const struct demo *d, const char *id)
{
    for (size_t i = 0; i < d->n_contractors; i++)
        if (strcmp(d->contractors[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* The contract was last checked (8.1(3)①(イ)) within the last half year, not before it began. */
static const char *checked_on(struct demo *d, const char *start_on)
{
    return demo_earlier(d->ref, demo_later(start_on, demo_ago(d, 20 + (int)demo_rand(d, 150))));
}

static void add_contract(struct demo *d, const char *id, const char *title, int contractor,
                         int dept, int sys, const char *start_on, const char *end_on,
                         const char *max_c, int personal, int nda, int subcontracting)
{
    struct demo_contract *c =
        demo_push(&d->contracts, &d->n_contracts, &d->cap_contracts, sizeof *c);
    c->id = id;
    c->title = title;
    c->contractor = contractor;
    c->dept = dept;
    c->sys = sys;
    c->start_on = start_on;
    c->end_on = end_on;
    c->max_c = max_c;
    c->personal = personal;
    c->nda = nda;
    c->subcontracting = subcontracting;
    c->subcontract_approved = subcontracting;
    c->items = ALL_ITEMS;
    c->checked_on = checked_on(d, start_on);
}

static int make_contracts(struct demo *d, struct mm_err *err)
{
    const char *fy_end = demo_fmt(d, "%04d-03-31", d->fiscal_year + 1);
    /* one operation and maintenance contract per system whose vendor is a contractor */
    for (size_t s = 0; s < d->n_systems; s++) {
        const struct demo_system *sy = &d->systems[s];
        int c = find_contractor_by_name(d, sy->vendor);
        if (c < 0)
            return mm_err_set(err, MM_EINTERNAL, "%s: %s の事業者「%s」がありません",
                              FILE_CONTRACTORS, sy->id, sy->vendor);
        int gov = strcmp(sy->hosting, "gov_cloud") == 0;
        /* 標準準拠システム: five years from the move to the ガバメントクラウド, with approved
           subcontracting of the cloud operation; the others are renewed every 年度 */
        const char *start = gov ? sy->since : d->fy_start;
        const char *end = gov ? demo_shift(d, "2030-10-31") : fy_end;
        const char *title =
            demo_fmt(d, "%s %s業務委託", sy->name,
                     strcmp(sy->hosting, "other_cloud") == 0 ? "利用・保守" : "運用保守");
        add_contract(d, demo_fmt(d, "ko-%s", sy->id), title, c, sy->dept, (int)s, start, end, sy->c,
                     sy->personal, 1, gov);
    }
    struct demo_tsv t;
    int rc = demo_tsv_open(&t, FILE_CONTRACTS, err);
    while (!rc && demo_tsv_next(&t)) {
        if ((rc = need(&t, 11, err)))
            break;
        int contractor = find_contractor(d, t.f[2]), dept, sys;
        if (contractor < 0)
            return bad(&t, "委託事業者", t.f[2], err);
        if ((rc = lookup_dept(d, &t, t.f[3], &dept, err)) ||
            (rc = lookup_system(d, &t, t.f[4], &sys, err)))
            break;
        add_contract(d, demo_str(d, t.f[0]), demo_str(d, t.f[1]), contractor, dept, sys,
                     demo_shift(d, demo_str(d, t.f[5])), demo_shift(d, demo_str(d, t.f[6])),
                     demo_str(d, t.f[7]), atoi(t.f[8]), atoi(t.f[9]), atoi(t.f[10]));
        d->contracts[d->n_contracts - 1].note = t.nf > 11 ? opt(d, t.f[11]) : NULL;
    }
    return rc;
}

/* ---- devices ---- */

static struct demo_device *add_device(struct demo *d, const char *id, const char *name,
                                      const char *kind, const char *domain, int dept)
{
    struct demo_device *v = demo_push(&d->devices, &d->n_devices, &d->cap_devices, sizeof *v);
    v->id = id;
    v->name = name;
    v->kind = kind;
    v->domain = domain;
    v->dept = dept;
    v->sys = v->holder = v->area = -1;
    v->ownership = "issued";
    v->location = "office";
    v->usb_policy = "blocked";
    v->mfa = v->encrypted = v->registered = v->os_supported = 1;
    v->wire_locked = 1;
    if (strcmp(kind, "media") != 0 && strcmp(kind, "network") != 0) {
        v->patched_on = demo_ago(d, 1 + (int)demo_rand(d, 14));
        v->av_on = demo_ago(d, (int)demo_rand(d, 2));
    }
    return v;
}

/* Does the install spec of a software title name this device class (and unit or system)? */
static int installs_on(const struct demo *d, const char *spec, const char *cls, int dept, int sys)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    size_t cl = strlen(cls);
    char *save = NULL;
    for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (strcmp(tok, cls) == 0)
            return 1;
        if (strncmp(tok, cls, cl) != 0 || tok[cl] != ':')
            continue;
        char *save2 = NULL;
        for (char *id = strtok_r(tok + cl + 1, ",", &save2); id; id = strtok_r(NULL, ",", &save2))
            if ((dept >= 0 && strcmp(id, d->depts[dept].id) == 0) ||
                (sys >= 0 && strcmp(id, d->systems[sys].id) == 0))
                return 1;
    }
    return 0;
}

static void install(struct demo *d, struct demo_device *v, const char *cls)
{
    for (size_t s = 0; s < d->n_software; s++)
        if (installs_on(d, d->software[s].install, cls, v->dept, v->sys))
            demo_ints_add(&v->software, (int)s);
}

static int make_servers(struct demo *d, struct mm_err *err)
{
    int server_room = demo_find_area(d, "ma01"), plant_room = demo_find_area(d, "ma02");
    int plant = demo_find_dept(d, "de1001");
    if (server_room < 0 || plant_room < 0)
        return mm_err_set(err, MM_EINTERNAL, "%s に ma01 と ma02 が必要です", FILE_AREAS);
    for (size_t s = 0; s < d->n_systems; s++) {
        const struct demo_system *sy = &d->systems[s];
        int onprem = strcmp(sy->hosting, "onprem") == 0;
        if (!onprem && strcmp(sy->hosting, "datacenter") != 0)
            continue;
        /* 4.1(2)① (adopted): systems with 可用性2 run on two servers */
        int n = strcmp(sy->a, "2") == 0 ? 2 : 1;
        for (int k = 1; k <= n; k++) {
            struct demo_device *v = add_device(d, demo_fmt(d, "sv-%s-%02d", sy->id, k),
                                               demo_fmt(d, "%s サーバ%d号機", sy->name, k),
                                               "server", sy->domain, sy->dept);
            v->sys = (int)s;
            if (onprem) {
                v->location = "managed_area";
                v->area = sy->dept == plant ? plant_room : server_room;
            } else {
                /* 4.1(6): equipment outside the premises (外部データセンター) with CISO 承認 */
                v->location = "offsite";
                v->offsite_approved_on = demo_date(d, demo_days(sy->since) - 20);
                v->note = "外部データセンター（ラック施錠）";
            }
            install(d, v, "srv");
        }
    }
    static const struct {
        const char *name, *domain;
    } net[] = {
        {"ファイアウォール（マイナンバー利用事務系）", "mynumber"},
        {"ファイアウォール（LGWAN接続系）", "lgwan"},
        {"ファイアウォール（インターネット接続系）", "internet"},
        {"コアスイッチ（LGWAN接続系）", "lgwan"},
        {"LGWAN接続ルータ", "lgwan"},
    };
    int ka0104 = demo_find_dept(d, "ka0104");
    if (ka0104 < 0)
        return mm_err_set(err, MM_EINTERNAL, "デモに情報政策課（ka0104）がありません");
    for (size_t k = 0; k < sizeof net / sizeof net[0]; k++) {
        struct demo_device *v = add_device(d, demo_fmt(d, "nw-%02zu", k + 1), net[k].name,
                                           "network", net[k].domain, ka0104);
        v->location = "managed_area";
        v->area = server_room;
        v->mfa = 1;
        v->patched_on = demo_ago(d, 10 + (int)demo_rand(d, 30));
    }
    return MM_OK;
}

static void make_pcs(struct demo *d)
{
    for (size_t i = 0; i < d->n_people; i++) {
        const struct demo_person *p = &d->people[i];
        if (!is_active(d, (int)i) || p->dept < 0)
            continue;
        struct demo_device *v = add_device(d, lower_id(d, "pc-", p->id),
                                           demo_fmt(d, "業務用端末（%s）", d->depts[p->dept].name),
                                           "pc", "lgwan", p->dept);
        v->holder = (int)i;
        v->usb_policy = "registered";
        install(d, v, "pc");
    }
}

/* マイナンバー利用事務系の端末: shared terminals in every unit using a マイナンバー system. */
static void make_mynumber_terminals(struct demo *d)
{
    for (size_t u = 0; u < d->n_depts; u++) {
        const struct demo_dept *dp = &d->depts[u];
        int uses = 0;
        for (size_t s = 0; s < d->n_systems && !uses; s++) {
            const struct demo_system *sy = &d->systems[s];
            if (strcmp(sy->domain, "mynumber") != 0)
                continue;
            char spec[512];
            snprintf(spec, sizeof spec, "%s", sy->users);
            char *save = NULL;
            for (char *tok = strtok_r(spec, ",", &save); tok && !uses;
                 tok = strtok_r(NULL, ",", &save)) {
                int root = demo_find_dept(d, tok);
                uses = root >= 0 && in_subtree(d, (int)u, root);
            }
        }
        if (!uses || dp->n_people == 0)
            continue;
        int n = dp->n_people / 4 + 1;
        for (int k = 1; k <= n; k++) {
            struct demo_device *v =
                add_device(d, demo_fmt(d, "mt-%s-%02d", dp->id, k),
                           demo_fmt(d, "マイナンバー利用事務系端末（%s）%d", dp->name, k), "pc",
                           "mynumber", (int)u);
            /* 3.(1)②(イ) 持ち出し不可: blocked, or unlocked each time by an administrator */
            v->usb_policy = k == 1 && n > 2 ? "admin_unlock" : "blocked";
            install(d, v, "mt");
        }
    }
}

static void make_mobiles(struct demo *d)
{
    static const struct {
        const char *unit, *name;
        int n;
    } mobiles[] = {{"ka0205", "災害対応用スマートフォン", 3},
                   {"ka0104", "障害対応用スマートフォン", 2}};
    for (size_t k = 0; k < sizeof mobiles / sizeof mobiles[0]; k++) {
        int u = demo_find_dept(d, mobiles[k].unit);
        if (u < 0)
            continue;
        for (int j = 1; j <= mobiles[k].n; j++) {
            struct demo_device *v =
                add_device(d, demo_fmt(d, "mb-%s-%02d", mobiles[k].unit, j),
                           demo_fmt(d, "%s %d", mobiles[k].name, j), "mobile", "internet", u);
            v->wire_locked = 0; /* kept in the unit's locked cabinet when not carried */
            v->note = "遠隔消去（MDM）を設定。使わないときは施錠保管";
            install(d, v, "mb");
        }
    }
}

/* 登録済みの暗号化USBメモリ: one medium per registered removable asset, numbered per unit. */
static void make_media(struct demo *d)
{
    for (int i = 0; i < d->n_assets_clean; i++) {
        const struct demo_asset *a = &d->assets[i];
        if (strcmp(a->medium, "removable") != 0)
            continue;
        int k = 1;
        while (demo_find_device(d, demo_fmt(d, "md-%s-%02d", d->depts[a->dept].id, k)) >= 0)
            k++;
        struct demo_device *v = add_device(d, demo_fmt(d, "md-%s-%02d", d->depts[a->dept].id, k),
                                           demo_fmt(d, "%s（%s）", a->name, d->depts[a->dept].name),
                                           "media", NULL, a->dept);
        v->usb_policy = NULL;
        v->mfa = 0;
        v->wire_locked = 0;
        v->note = "登録媒体（パスワードによる暗号化）。使わないときは施錠保管";
        demo_ints_add(&v->assets, i);
    }
}

/* ---- cloud services ---- */

static int make_clouds(struct demo *d, struct mm_err *err)
{
    int permit = demo_role_holder(d, "permit_authority", -1);
    if (permit < 0)
        return mm_err_set(err, MM_EINTERNAL, "デモに利用申請の許可権限者がいません");
    const char *permit_since = NULL;
    for (size_t r = 0; r < d->n_roles; r++)
        if (strcmp(d->roles[r].role, "permit_authority") == 0 && d->roles[r].person == permit)
            permit_since = d->roles[r].valid_from;
    for (size_t s = 0; s < d->n_systems; s++) {
        const struct demo_system *sy = &d->systems[s];
        int gov = strcmp(sy->hosting, "gov_cloud") == 0;
        if (!gov && strcmp(sy->hosting, "other_cloud") != 0)
            continue;
        int bu = demo_bukyoku_of(d, sy->dept);
        int requester = bu >= 0 ? d->depts[bu].head : -1; /* the 情報セキュリティ責任者 */
        int manager = demo_role_holder(d, "cloud_manager", (int)s);
        if (requester < 0 || manager < 0)
            return mm_err_set(err, MM_EINTERNAL, "%s の申請者かクラウドサービス管理者がいません",
                              sy->id);
        struct demo_cloud *c = demo_push(&d->clouds, &d->n_clouds, &d->cap_clouds, sizeof *c);
        c->id = demo_fmt(d, "cs-%s", sy->id);
        c->name = gov ? demo_fmt(d, "ガバメントクラウド（%s）", sy->name) : sy->name;
        c->provider =
            gov ? "ガバメントクラウド（デジタル庁が調達するクラウドサービス）" : sy->vendor;
        c->model = gov ? "iaas" : "saas";
        /* 8.4 (機密性1 only) services need not be ISMAP-listed; two of them are not */
        c->ismap = strcmp(sy->c, "1") != 0 ||
                   (strcmp(sy->id, "sys40") != 0 && strcmp(sy->id, "sys63") != 0);
        c->dept = sy->dept;
        c->sys = (int)s;
        c->contract = demo_find_contract(d, demo_fmt(d, "ko-%s", sy->id));
        c->max_c = sy->c;
        c->requested_by = requester;
        c->approved_by = permit;
        c->manager = manager;
        /* approved before use, and not before the approver and the applicant held their posts */
        const char *approved = demo_date(d, demo_days(sy->since) - 30);
        approved = demo_later(approved, permit_since ? permit_since : approved);
        approved = demo_later(
            approved, d->people[requester].head_since ? d->people[requester].head_since : approved);
        c->approved_on = demo_earlier(approved, d->ref);
        c->use_start = demo_later(sy->since, c->approved_on);
        c->exit_terms = 1;
        c->in_japan = 1;
        if (strcmp(c->use_start, sy->since) != 0)
            c->note = "利用承認は現在の許可権限者による更新時のもの";
        for (int i = 0; i < d->n_assets_clean; i++)
            if (d->assets[i].sys == (int)s)
                demo_ints_add(&c->assets, i);
    }
    return MM_OK;
}

/* ---- training ---- */

/* Was the person on the staff (hired, not yet gone) on that day? */
static int present_on(const struct demo_person *p, const char *day)
{
    if (p->hired_on && strcmp(p->hired_on, day) > 0)
        return 0;
    if (strcmp(p->status, "active") == 0)
        return 1;
    /* gone or away since status_since */
    return p->status_since && strcmp(p->status_since, day) > 0;
}

static int holds_role_on(const struct demo *d, int person, const char *role, const char *day)
{
    for (size_t r = 0; r < d->n_roles; r++) {
        const struct demo_role *x = &d->roles[r];
        if (x->person == person && (!role || strcmp(x->role, role) == 0) &&
            strcmp(x->valid_from, day) <= 0 && (!x->valid_to || strcmp(x->valid_to, day) >= 0))
            return 1;
    }
    return 0;
}

static void attend(struct demo *d, struct demo_course *c, int person, int current)
{
    struct demo_attendance *a = demo_push(&c->att, &c->n_att, &c->cap_att, sizeof *a);
    int held = demo_days(c->held_on);
    int room = current ? d->ref_days - held : 20;
    if (room > 20)
        room = 20;
    a->person = person;
    a->on = demo_date(d, held + (room > 0 ? (int)demo_rand(d, (uint32_t)room + 1) : 0));
}

static int make_courses(struct demo *d, struct mm_err *err)
{
    for (int fy = d->fiscal_year - 1; fy <= d->fiscal_year; fy++) {
        int current = fy == d->fiscal_year;
        struct demo_tsv t;
        int rc = demo_tsv_open(&t, FILE_COURSES, err);
        while (!rc && demo_tsv_next(&t)) {
            if ((rc = need(&t, 6, err)))
                return rc;
            int mm = 0, dd = 0;
            if (sscanf(t.f[4], "%2d-%2d", &mm, &dd) != 2)
                return bad(&t, "開催日（MM-DD）", t.f[4], err);
            const char *held = demo_fmt(d, "%04d-%02d-%02d", mm >= 4 ? fy : fy + 1, mm, dd);
            /* a course of the reference 年度 not yet due was held a few days ago instead */
            if (current && strcmp(held, demo_ago(d, 3)) > 0)
                held = demo_later(d->fy_start, demo_ago(d, 3));
            const char *who = t.f[5];
            const char *day = current ? d->ref : held;
            size_t before = d->n_courses;
            struct demo_course *c =
                demo_push(&d->courses, &d->n_courses, &d->cap_courses, sizeof *c);
            c->id = demo_fmt(d, "tr%d-%s", fy, t.f[0]);
            c->title = demo_fmt(d, "令和%d年度 %s", fy - 2018, t.f[1]);
            c->kind = demo_str(d, t.f[2]);
            c->mandatory = atoi(t.f[3]);
            c->fiscal_year = fy;
            c->held_on = held;
            c->note = t.nf > 6 ? opt(d, t.f[6]) : NULL;
            for (size_t i = 0; i < d->n_people; i++) {
                const struct demo_person *p = &d->people[i];
                int here = current ? is_active(d, (int)i) : present_on(p, held);
                if (!here)
                    continue;
                int take =
                    strcmp(who, "all") == 0     ? 1
                    : strcmp(who, "roles") == 0 ? holds_role_on(d, (int)i, NULL, day)
                    : strcmp(who, "csirt") == 0 ? holds_role_on(d, (int)i, "csirt_member", day)
                    : strcmp(who, "new") == 0
                        ? p->hired_on && strcmp(p->hired_on, demo_fmt(d, "%04d-04-01", fy)) == 0
                        : -1;
                if (take < 0)
                    return bad(&t, "受講者の指定", who, err);
                if (take)
                    attend(d, &d->courses[before], (int)i, current);
            }
            if (d->courses[before].n_att == 0) { /* nobody to train (no new staff this 年度) */
                free(d->courses[before].att);
                d->n_courses--;
            }
        }
        if (rc)
            return rc;
    }
    return MM_OK;
}

int demo_build_registers(struct demo *d, struct mm_err *err)
{
    int rc;
    if ((rc = load_software(d, err)) || (rc = load_contractors(d, err)) ||
        (rc = load_areas(d, err)) || (rc = load_connections(d, err)) ||
        (rc = make_contracts(d, err)) || (rc = make_servers(d, err)))
        return rc;
    make_pcs(d);
    make_mynumber_terminals(d);
    make_mobiles(d);
    make_media(d);
    if ((rc = make_clouds(d, err)) || (rc = make_courses(d, err)))
        return rc;
    return MM_OK;
}
