/*
 * demo_gaps.c — the deliberate policy gaps of the demo municipality. Each is planted on
 * entities chosen by position (not by the PRNG), so their ids are the same for every seed,
 * and docs/demo-gaps.md lists them with the clause they break. Everything else the generator
 * makes is clean; a planting that cannot find its target is an internal error, so the data
 * files cannot drift away from the documented gaps silently.
 */
#include "demo/demo_model.h"

#include <string.h>

/* The people the gaps are planted on: the last member of a unit with a given employment. */

static const struct {
    const char *dept, *employment;
} gap_people[N_GAP_PEOPLE] = {
    [GAP_RETIRED_ACTIVE] = {"ka0201", "regular"},     /* 総務課: retired, account left active */
    [GAP_TRANSFERRED_ACTIVE] = {"ka0401", "regular"}, /* 市民税課: seconded, account active */
    [GAP_MYNUMBER_NO_MFA] = {"ka0302", "fiscal_year"}, /* 保険年金課: 国保 account without MFA */
    [GAP_RETIRED_ROLE] = {"ka0104", "regular"},    /* 情報政策課: retired, still CSIRT要員 */
    [GAP_STALE] = {"ka0806", "regular"},           /* 河川課: GIS account unused > 1 year */
    [GAP_NO_TRAINING] = {"ka0101", "fiscal_year"}, /* 企画課: no training this 年度 */
    [GAP_PERSONAL_PC] = {"ka0503", "regular"},     /* 生活福祉課: 3B data on a private PC */
};

int demo_gap_person(const struct demo *d, int which)
{
    int u = demo_find_dept(d, gap_people[which].dept);
    return u < 0 ? -1 : demo_last_of(d, u, gap_people[which].employment);
}

void demo_reserve_gap_people(struct demo *d)
{
    for (int k = 0; k < N_GAP_PEOPLE; k++) {
        int p = demo_gap_person(d, k);
        if (p >= 0)
            d->people[p].reserved = 1;
    }
    int p = demo_gap_person(d, GAP_RETIRED_ACTIVE);
    if (p >= 0) {
        d->people[p].status = "retired";
        d->people[p].status_since = d->people[p].left_on = demo_shift(d, "2026-03-31");
    }
    p = demo_gap_person(d, GAP_TRANSFERRED_ACTIVE);
    if (p >= 0) {
        d->people[p].status = "transferred";
        d->people[p].status_since = d->fy_start;
        d->people[p].title = demo_fmt(d, "%s（架空県へ派遣）", d->people[p].title);
    }
    p = demo_gap_person(d, GAP_RETIRED_ROLE);
    if (p >= 0) {
        d->people[p].status = "retired";
        d->people[p].status_since = d->people[p].left_on = demo_shift(d, "2026-03-31");
    }
    /* the stale account must predate its last login (the reference date minus 467 days) */
    p = demo_gap_person(d, GAP_STALE);
    if (p >= 0 && strcmp(d->people[p].hired_on, demo_april(d, 2020)) > 0)
        d->people[p].hired_on = demo_april(d, 2018);
}

static int missing(struct mm_err *err, const char *what)
{
    return mm_err_set(err, MM_EINTERNAL,
                      "デモの不備「%s」を置く対象が見つかりません（data/demo を確認してください）",
                      what);
}

static struct demo_account *find_account(struct demo *d, const char *sysid, int holder,
                                         int privileged)
{
    int s = demo_find_system(d, sysid);
    for (size_t i = 0; i < d->n_accounts; i++)
        if (d->accounts[i].sys == s && d->accounts[i].holder == holder &&
            d->accounts[i].privileged == privileged)
            return &d->accounts[i];
    return NULL;
}

static void remove_role(struct demo *d, size_t i)
{
    memmove(&d->roles[i], &d->roles[i + 1], (d->n_roles - i - 1) * sizeof d->roles[0]);
    d->n_roles--;
}

static int remove_roles(struct demo *d, const char *role, int dept, int sys)
{
    int removed = 0;
    for (size_t i = d->n_roles; i-- > 0;) {
        const struct demo_role *r = &d->roles[i];
        if (strcmp(r->role, role) == 0 && r->scope_dept == dept && r->scope_sys == sys) {
            remove_role(d, i);
            removed++;
        }
    }
    return removed;
}

static void add_asset(struct demo *d, const char *dept, const char *sys, const char *name,
                      const char *c, const char *i, const char *a, int personal, const char *note)
{
    struct demo_asset *as = demo_push(&d->assets, &d->n_assets, &d->cap_assets, sizeof *as);
    as->dept = demo_find_dept(d, dept);
    as->manager = d->depts[as->dept].head;
    as->sys = demo_find_system(d, sys);
    as->medium = "electronic";
    as->name = name;
    as->c = c;
    as->i = i;
    as->a = a;
    as->retention = "1y";
    as->personal = personal;
    as->note = note;
}

static struct demo_account *new_account(struct demo *d, const char *sys, int holder,
                                        const char *login)
{
    struct demo_account *a = demo_push(&d->accounts, &d->n_accounts, &d->cap_accounts, sizeof *a);
    a->sys = demo_find_system(d, sys);
    a->holder = holder;
    a->login = login;
    a->mfa = 1;
    a->status = "active";
    return a;
}

int demo_plant_gaps(struct demo *d, struct mm_err *err)
{
    struct demo_account *a;
    int p;

    /* 1. 退職者のアカウントが有効のまま（グループウェア） */
    p = demo_gap_person(d, GAP_RETIRED_ACTIVE);
    if (p < 0 || !(a = find_account(d, "sys30", p, 0)))
        return missing(err, "退職者の有効なアカウント");
    a->status = "active";

    /* 2. 異動（派遣）した職員のアカウントが有効のまま（個人住民税システム） */
    p = demo_gap_person(d, GAP_TRANSFERRED_ACTIVE);
    if (p < 0 || !(a = find_account(d, "sys05", p, 0)))
        return missing(err, "異動者の有効なアカウント");
    a->status = "active";

    /* 3. 利用者のいない個人用（共用でない）アカウント（財務会計システム） */
    if (demo_find_system(d, "sys32") < 0)
        return missing(err, "利用者のいないアカウント");
    a = new_account(d, "sys32", -1, "test01");
    a->created_on = demo_shift(d, "2025-02-10");
    a->last_login = demo_fmt(d, "%sT16:42:05+09:00", demo_ago(d, 13));

    /* 4. 多要素認証を設定していない特権ID（契約管理システム） */
    int s = demo_find_system(d, "sys36");
    if (s < 0 || d->systems[s].n_staff < 1 ||
        !(a = find_account(d, "sys36", d->systems[s].staff[0], 1)))
        return missing(err, "多要素認証のない特権ID");
    a->mfa = 0;

    /* 5. 多要素認証を設定していないマイナンバー利用事務系のアカウント（国民健康保険システム） */
    p = demo_gap_person(d, GAP_MYNUMBER_NO_MFA);
    if (p < 0 || !(a = find_account(d, "sys10", p, 0)))
        return missing(err, "多要素認証のないマイナンバー利用事務系アカウント");
    a->mfa = 0;

    /* 6. 機密性3Bの情報資産をインターネット接続系（電子申請システム）に保存 */
    if (demo_find_dept(d, "ka0502") < 0 || demo_find_system(d, "sys44") < 0)
        return missing(err, "インターネット接続系の機密性3B");
    add_asset(d, "ka0502", "sys44", "障害福祉サービス申請データ（電子申請受付分）", "3B", "2", "1",
              1, NULL);

    /* 7. 可用性2の情報資産を目標復旧時間のないシステム（議会資料閲覧システム）に保存 */
    s = demo_find_system(d, "sys41");
    if (s < 0 || d->systems[s].rto != 0 || demo_find_dept(d, "ka1201") < 0)
        return missing(err, "RTOのないシステムの可用性2");
    add_asset(d, "ka1201", "sys41", "本会議 議案資料（会期中・議場閲覧用）", "1", "2", "2", 0,
              NULL);

    /* 8. 情報システム管理者のいないシステム（公用車管理システム） */
    s = demo_find_system(d, "sys39");
    if (s < 0 || remove_roles(d, "sysm", -1, s) != 1)
        return missing(err, "情報システム管理者のいないシステム");

    /* 9. 情報セキュリティ管理者のいない課室（基準日の年度の4月1日に新設したデジタル推進課） */
    int u = demo_find_dept(d, "ka0107");
    if (u < 0 || remove_roles(d, "ism", u, -1) != 1)
        return missing(err, "情報セキュリティ管理者のいない課室");

    /* 10. 退職者が役割（CSIRT要員）を持ったまま */
    p = demo_gap_person(d, GAP_RETIRED_ROLE);
    if (p < 0)
        return missing(err, "退職者の役割");
    demo_add_role(d, "csirt_member", p, "organization", -1, -1,
                  demo_later(d->people[p].hired_on, demo_april(d, 2024)), NULL);

    /* 11. 共用の特権ID（ファイルサーバ） */
    u = demo_find_dept(d, "ka0104");
    if (u < 0 || demo_find_system(d, "sys35") < 0)
        return missing(err, "共用の特権ID");
    a = new_account(d, "sys35", d->depts[u].head, "fsadmin");
    a->privileged = 1;
    a->shared = 1;
    a->created_on = demo_shift(d, "2020-01-06");
    a->last_login = demo_fmt(d, "%sT18:05:44+09:00", demo_ago(d, 5));

    /* 12. 1年以上使われていないアカウント（統合型地理情報システム） */
    p = demo_gap_person(d, GAP_STALE);
    if (p < 0 || !(a = find_account(d, "sys48", p, 0)))
        return missing(err, "長期間使われていないアカウント");
    a->last_login = demo_fmt(d, "%sT10:15:32+09:00", demo_ago(d, 467));
    return MM_OK;
}
