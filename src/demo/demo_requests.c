/*
 * demo_requests.c — the demo municipality's requests, filed and decided through the approval
 * engine itself (so every one of them is in the change log), dated around the reference date.
 * People are chosen by query in id order, so the same demo always gets the same requests.
 */
#include "demo/demo_requests.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "approval/approval.h"

#define ID 64

/* reference date + days, as YYYY-MM-DD. */
static void shift(const char *ref, int days, char out[11])
{
    struct tm tm = {0};
    sscanf(ref, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_mday += days;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int one(struct store *st, const char *sql, const char *arg, char *out, struct mm_err *err)
{
    struct store_stmt *s;
    out[0] = '\0';
    int rc = store_prepare(st, sql, &s, err);
    if (rc)
        return rc;
    if (arg)
        store_bind_text(s, 1, arg);
    rc = store_step(s, err);
    if (rc == STORE_ROW && store_col_text(s, 0))
        snprintf(out, ID, "%s", store_col_text(s, 0));
    store_finalize(s);
    return rc == STORE_ROW || rc == STORE_DONE ? MM_OK : rc;
}

/* The n-th (0-based) member of staff without a role, in a 課室 that has an ISM. */
static int staff(struct store *st, int n, char *out, struct mm_err *err)
{
    char sql[900];
    snprintf(sql, sizeof sql,
             "SELECT p.id FROM person p JOIN department d ON d.id = p.department_id "
             "WHERE d.level = 'kashitsu' AND p.status = 'active' AND p.employment = 'regular' "
             "AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id) "
             "AND EXISTS (SELECT 1 FROM role_assignment r WHERE r.role = 'ism' "
             " AND r.scope_department_id = d.id) "
             "AND p.id = (SELECT MIN(q.id) FROM person q WHERE q.department_id = d.id "
             " AND q.status = 'active' AND q.employment = 'regular' AND NOT EXISTS "
             " (SELECT 1 FROM role_assignment r WHERE r.person_id = q.id)) "
             "ORDER BY d.id LIMIT 1 OFFSET %d",
             n);
    return one(st, sql, NULL, out, err);
}

struct demo_ctx {
    struct store *st;
    struct audit_actor actor;
    const char *ref;
    struct mm_err *err;
};

static int file(struct demo_ctx *c, const char *kind, const char *who, int emergency, int when,
                const struct approval_value *v, size_t n, long long *id)
{
    char day[11];
    shift(c->ref, when, day);
    struct approval_new q = {kind, NULL, who, v, n, emergency, 0, 0, day};
    return approval_create(c->st, &c->actor, &q, id, NULL, c->err);
}

/* Decides every open step of request id as its grantors, with `decision` at the last one. */
static int decide_all(struct demo_ctx *c, long long id, const char *decision, const char *comment,
                      const char *manager, int when)
{
    char day[11];
    shift(c->ref, when, day);
    for (int guard = 0; guard < 6; guard++) {
        char sql[400], who[ID];
        snprintf(sql, sizeof sql,
                 "SELECT a.person_id FROM request_approval a JOIN request r ON r.id = a.request_id "
                 "WHERE a.request_id = %lld AND a.round = r.round AND a.decision IS NULL "
                 "AND r.state = 'pending' ORDER BY a.step, a.route_role LIMIT 1",
                 id);
        int rc = one(c->st, sql, NULL, who, c->err);
        if (rc || !who[0])
            return rc;
        struct approval_decision d = {id, who, decision, comment, manager, day};
        rc = approval_decide(c->st, &c->actor, &d, c->err);
        if (rc)
            return rc;
    }
    return MM_OK;
}

static int add_all(struct demo_ctx *c)
{
    char a[ID], b[ID], e[ID], f[ID], sysm_staff[ID], lgwan[ID], from[11], until[11], far[11];
    int rc = staff(c->st, 0, a, c->err);
    if (!rc)
        rc = staff(c->st, 1, b, c->err);
    if (!rc)
        rc = staff(c->st, 2, e, c->err);
    if (!rc)
        rc = staff(c->st, 3, f, c->err);
    if (!rc)
        rc = one(c->st, "SELECT MIN(id) FROM system WHERE domain = 'lgwan'", NULL, lgwan, c->err);
    if (!rc)
        rc = one(c->st,
                 "SELECT MIN(person_id) FROM role_assignment WHERE role = 'sysm' "
                 "AND scope_system_id = ?",
                 lgwan, sysm_staff, c->err);
    if (rc || !a[0] || !b[0] || !e[0] || !f[0] || !lgwan[0] || !sysm_staff[0])
        return rc; /* an organization without such people gets no demo requests */
    long long id;
    shift(c->ref, -20, from);
    shift(c->ref, 40, until);
    shift(c->ref, 150, far);
    /* 1. take-out, approved, in use */
    struct approval_value takeout[] = {{"items", "ノートパソコン（貸出用 No.3）"}, {"count", "1"},
                                       {"confidentiality", "2"}, {"purpose", "地区説明会での資料投影"},
                                       {"place", "中央公民館"}, {"from", from}, {"until", until}};
    rc = file(c, "takeout", a, 0, -25, takeout, 7, &id);
    if (!rc)
        rc = decide_all(c, id, APPROVAL_APPROVE, NULL, NULL, -24);
    /* 2. remote access, approved, with logins inside the grant */
    struct approval_value remote[] = {{"system", lgwan}, {"purpose", "在宅勤務（育児）"},
                                      {"method", "closed_sim"}, {"from", from}, {"until", far}};
    if (!rc)
        rc = file(c, "remote_access", b, 0, -30, remote, 5, &id);
    if (!rc)
        rc = decide_all(c, id, APPROVAL_CONDITIONAL, "業務端末以外からの接続は禁止", NULL, -28);
    if (!rc) {
        char d1[11], d2[11], t1[24], t2[24];
        shift(c->ref, -10, d1);
        shift(c->ref, -3, d2);
        snprintf(t1, sizeof t1, "%s 08:52", d1);
        snprintf(t2, sizeof t2, "%s 09:05", d2);
        struct approval_login logins[] = {{b, lgwan, t1, "vpn-gw1"}, {b, lgwan, t2, "vpn-gw1"}};
        rc = approval_import_logins(c->st, &c->actor, logins, 2, NULL, c->err);
    }
    /* 3. transport, pending with the ISM */
    struct approval_value transport[] = {{"items", "住民説明資料（紙）"}, {"confidentiality", "2"},
                                         {"method", "vehicle"}, {"measures", "施錠できるケースで運搬"},
                                         {"destination", "東出張所"}, {"date", until}};
    if (!rc)
        rc = file(c, "transport", e, 0, -1, transport, 6, &id);
    /* 4. non-issued device, returned for more detail */
    struct approval_value device[] = {{"owner", "本人"}, {"model", "タブレット"}, {"os", "不明"},
                                      {"purpose", "災害時の連絡"}, {"confidentiality", "1"},
                                      {"place", "自宅"}, {"line", "携帯回線"}, {"from", from},
                                      {"until", far}};
    if (!rc)
        rc = file(c, "nonissued", f, 0, -5, device, 9, &id);
    if (!rc)
        rc = decide_all(c, id, APPROVAL_RETURN, "OS の種類と版を書いてください", NULL, -4);
    /* 5. provision, rejected */
    struct approval_value prov[] = {{"items", "イベント参加者名簿"}, {"confidentiality", "2"},
                                    {"recipient", "協賛企業"}, {"purpose", "記念品の発送"},
                                    {"encrypted", "0"}, {"metadata_removed", "0"}, {"date", until}};
    if (!rc)
        rc = file(c, "provision", a, 0, -8, prov, 7, &id);
    if (!rc)
        rc = decide_all(c, id, APPROVAL_REJECT, "目的外の提供にあたるため", NULL, -7);
    /* 6. emergency exception, reported two days ago, awaiting the CISO */
    struct approval_value exc[] = {{"rule", "6.4(1) 不正プログラム対策ソフトウェアの常時稼働"},
                                   {"reason", "障害対応のため一時的に停止した"},
                                   {"measures", "対象端末をネットワークから切り離して作業"},
                                   {"system", lgwan}, {"until", until}};
    if (!rc)
        rc = file(c, "exception", sysm_staff, 1, -2, exc, 5, &id);
    /* 7. software, pending (the 統括 has allowed it, the system's SYSM has not yet) */
    struct approval_value sw[] = {{"name", "PDF 編集ソフト"}, {"vendor", "ソフト開発株式会社"},
                                  {"system", lgwan}, {"purpose", "申請書の様式作成"},
                                  {"source", "提供元の公式サイト"}};
    if (!rc)
        rc = file(c, "software", e, 0, -3, sw, 5, &id);
    if (!rc) {
        char sql[200], who[ID], day[11];
        snprintf(sql, sizeof sql,
                 "SELECT person_id FROM request_approval WHERE request_id = %lld "
                 "AND route_role = 'toukatsu'",
                 id);
        shift(c->ref, -2, day);
        rc = one(c->st, sql, NULL, who, c->err);
        struct approval_decision d = {id, who, APPROVAL_APPROVE, "業務上の必要性を確認", NULL, day};
        if (!rc && who[0])
            rc = approval_decide(c->st, &c->actor, &d, c->err);
    }
    /* 8. a cloud service request, pending with the 利用申請の許可権限者 */
    struct approval_value cloud[] = {{"name", "オンライン会議サービス"}, {"provider", "会議サービス株式会社"},
                                     {"model", "saas"}, {"purpose", "庁外との打合せ"},
                                     {"confidentiality", "2"}, {"ismap", "1"}, {"users", "全庁"},
                                     {"selection", "ISMAP 登録を確認。データは国内に保存"},
                                     {"from", until}, {"until", far}};
    if (!rc)
        rc = file(c, "cloud", b, 0, -6, cloud, 10, &id);
    /* 9. the ISM of the first 課室 is away; a 代決 is on record for the absence */
    char ism[ID];
    if (!rc)
        rc = one(c->st,
                 "SELECT MIN(r.person_id) FROM role_assignment r JOIN person p ON p.id = ? "
                 "WHERE r.role = 'ism' AND r.scope_department_id = p.department_id",
                 e, ism, c->err);
    if (!rc && ism[0]) {
        char d0[11], d1[11];
        long long nid;
        shift(c->ref, -1, d0);
        shift(c->ref, 6, d1);
        rc = approval_absence(c->st, &c->actor, ism, d0, d1, "出張", &nid, c->err);
        struct approval_delegation q = {ism, "ism", a, "代決規程第3条（課長不在時は課長補佐が代決）",
                                        d0, d1};
        if (!rc && strcmp(ism, a) != 0)
            rc = approval_delegate(c->st, &c->actor, &q, &nid, c->err);
    }
    return rc;
}

int demo_requests_add(struct store *st, const char *reference_date, struct mm_err *err)
{
    long long n = 0;
    int rc = store_query_int(st, "SELECT COUNT(*) FROM request", &n, err);
    if (rc || n)
        return rc;
    struct demo_ctx c = {st, {"system:demo"}, reference_date, err};
    return add_all(&c);
}
