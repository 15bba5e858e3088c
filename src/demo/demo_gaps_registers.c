/*
 * demo_gaps_registers.c — the deliberate policy gaps in the demo's 004 registers (gaps 13–25
 * of docs/demo-gaps.md). Like demo_gaps.c, each target is chosen by id or position, never by
 * the PRNG, so the ids are the same for every seed, and a target that cannot be found is an
 * internal error rather than a gap that silently disappears.
 */
#include "demo/demo_model.h"

#include <stdio.h>
#include <string.h>

static int missing(struct mm_err *err, const char *what)
{
    return mm_err_set(err, MM_EINTERNAL,
                      "デモの不備「%s」を置く対象が見つかりません（data/demo を確認してください）",
                      what);
}

static struct demo_conn *new_conn(struct demo *d, const char *id, const char *name,
                                  const char *from_domain, const char *from_sys, int dept)
{
    struct demo_conn *c = demo_push(&d->conns, &d->n_conns, &d->cap_conns, sizeof *c);
    c->id = id;
    c->name = name;
    c->from_domain = from_domain;
    c->from_sys = demo_find_system(d, from_sys);
    c->to_sys = -1;
    c->dept = dept;
    c->restricted_ip = c->restricted_port = c->encrypted = 1;
    c->sanitization = "none";
    c->approved_by = demo_role_holder(d, "toukatsu", -1);
    return c;
}

static int head_pc(struct demo *d, const char *unit)
{
    int u = demo_find_dept(d, unit);
    if (u < 0)
        return -1;
    char id[32];
    snprintf(id, sizeof id, "pc-%s", d->people[d->depts[u].head].id);
    for (char *c = id; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return demo_find_device(d, id);
}

/* The first registered asset of a unit with confidentiality 3A/3B/3C, or -1. */
static int class3_asset(const struct demo *d, int dept)
{
    for (int i = 0; i < d->n_assets_clean; i++)
        if (d->assets[i].dept == dept && d->assets[i].c[0] == '3' &&
            strcmp(d->assets[i].medium, "electronic") == 0)
            return i;
    return -1;
}

int demo_plant_register_gaps(struct demo *d, struct mm_err *err)
{
    int i, u, p;
    struct demo_conn *c;

    /* 13. マイナンバー利用事務系からインターネットへの直接の接続（OS更新の取得） */
    u = demo_find_dept(d, "ka0104");
    if (u < 0 || demo_find_system(d, "sys25") < 0)
        return missing(err, "マイナンバー利用事務系からインターネットへの接続");
    c = new_conn(d, "cn24", "マイナンバー系端末認証システムの更新ファイル取得", "mynumber", "sys25",
                 u);
    c->to_external = "internet";
    c->purpose = "patch";
    c->via = "internet";
    c->restricted_ip = 0;
    c->approved_on = demo_connection_approved_on(d, "2024-09-02");
    c->note = "保守事業者の作業手順に従い開設";

    /* 14. インターネット接続系から LGWAN 接続系へのファイル取り込み（無害化なし） */
    if (demo_find_system(d, "sys44") < 0 || demo_find_system(d, "sys31") < 0)
        return missing(err, "無害化のないファイル取り込み");
    c = new_conn(d, "cn25", "電子申請の添付ファイルを文書管理システムへ取り込み", "internet",
                 "sys44", u);
    c->to_domain = "lgwan";
    c->to_sys = demo_find_system(d, "sys31");
    c->purpose = "file";
    c->via = "internal";
    c->approved_on = demo_connection_approved_on(d, "2025-06-16");

    /* 15. 機密性3の情報資産を保存した私物の端末（許可なし） */
    p = demo_gap_person(d, GAP_PERSONAL_PC);
    i = p >= 0 ? class3_asset(d, d->people[p].dept) : -1;
    if (i < 0 || strcmp(d->people[p].status, "active") != 0)
        return missing(err, "機密性3の情報を保存した私物の端末");
    struct demo_device *v = demo_push(&d->devices, &d->n_devices, &d->cap_devices, sizeof *v);
    {
        char id[32];
        snprintf(id, sizeof id, "pv-%s", d->people[p].id);
        for (char *ch = id; *ch; ch++)
            if (*ch >= 'A' && *ch <= 'Z')
                *ch = (char)(*ch - 'A' + 'a');
        v->id = demo_str(d, id);
    }
    v->name = "私物のノートパソコン（持ち込み）";
    v->kind = "pc";
    v->domain = "lgwan";
    v->dept = d->people[p].dept;
    v->holder = p;
    v->sys = v->area = -1;
    v->ownership = "personal";
    v->location = "office";
    v->usb_policy = "registered";
    v->mfa = v->encrypted = v->registered = v->wire_locked = v->os_supported = 1;
    v->patched_on = demo_ago(d, 9);
    v->av_on = demo_ago(d, 1);
    v->note = "統合端末管理システムで検出";
    demo_ints_add(&v->assets, i);
    int os = demo_find_software(d, "sw01"), av = demo_find_software(d, "sw06");
    if (os < 0 || av < 0)
        return missing(err, "私物の端末のソフトウェア");
    demo_ints_add(&v->software, os);
    demo_ints_add(&v->software, av);

    /* 16. CISO の承認のない庁外（外部データセンター）のサーバ */
    if ((i = demo_find_device(d, "sv-sys50-01")) < 0)
        return missing(err, "承認のない庁外のサーバ");
    d->devices[i].offsite_approved_on = NULL;

    /* 17. USB の使用が制限されていないマイナンバー利用事務系の端末 */
    if ((i = demo_find_device(d, "mt-ka0401-02")) < 0)
        return missing(err, "USB 制限のないマイナンバー利用事務系端末");
    d->devices[i].usb_policy = "open";

    /* 18. 許可されていないソフトウェアの導入 */
    i = head_pc(d, "ka0703");
    int sw = demo_find_software(d, "sw30");
    if (i < 0 || sw < 0 || d->software[sw].allowed)
        return missing(err, "許可されていないソフトウェア");
    demo_ints_add(&d->devices[i].software, sw);

    /* 19. サポートの終了したソフトウェアが導入されたまま */
    i = head_pc(d, "ka0802");
    sw = demo_find_software(d, "sw32");
    if (i < 0 || sw < 0 || !d->software[sw].support_ends ||
        strcmp(d->software[sw].support_ends, d->ref) >= 0)
        return missing(err, "サポートの終了したソフトウェア");
    demo_ints_add(&d->devices[i].software, sw);

    /* 20. 契約項目の一部が定められていない契約（脆弱性診断） */
    if ((i = demo_find_contract(d, "ko-m09")) < 0)
        return missing(err, "契約項目の欠けた契約");
    for (int k = 0; k < DEMO_CONTRACT_ITEMS; k++)
        if (strcmp(demo_contract_items[k], "audit_inspection") == 0 ||
            strcmp(demo_contract_items[k], "incident_publication") == 0 ||
            strcmp(demo_contract_items[k], "breach_remedy") == 0)
            d->contracts[i].items &= ~(1u << k);

    /* 21. 機密性2以上の情報を扱うのに秘密保持契約のない契約（公文書の外部保管） */
    if ((i = demo_find_contract(d, "ko-m06")) < 0 || strcmp(d->contracts[i].max_c, "1") == 0)
        return missing(err, "秘密保持契約のない契約");
    d->contracts[i].nda = 0;

    /* 22. 利用承認のないクラウドサービスに機密性2の情報（観光課のオンラインストレージ） */
    u = demo_find_dept(d, "ka0703");
    int bu = u >= 0 ? demo_bukyoku_of(d, u) : -1;
    i = -1;
    for (int k = 0; k < d->n_assets_clean && u >= 0; k++)
        if (d->assets[k].dept == u && strcmp(d->assets[k].c, "2") == 0 &&
            strcmp(d->assets[k].medium, "electronic") == 0) {
            i = k;
            break;
        }
    if (u < 0 || bu < 0 || i < 0)
        return missing(err, "利用承認のないクラウドサービス");
    struct demo_cloud *cs = demo_push(&d->clouds, &d->n_clouds, &d->cap_clouds, sizeof *cs);
    cs->id = "cs-x01";
    cs->name = "オンラインストレージ（イベント写真・出展者名簿の共有）";
    cs->provider = "ゆうぐれクラウド株式会社";
    cs->model = "saas";
    cs->ismap = 0;
    cs->dept = u;
    cs->sys = cs->contract = cs->approved_by = cs->manager = -1;
    cs->max_c = "2";
    cs->requested_by = d->depts[bu].head;
    cs->use_start = demo_shift(d, "2025-07-01");
    cs->in_japan = 1;
    cs->note = "約款による無料プランを課で利用";
    demo_ints_add(&cs->assets, i);

    /* 23. 申請者と承認者が同じクラウドサービスの利用（電子申請システム） */
    if ((i = demo_find_cloud(d, "cs-sys44")) < 0)
        return missing(err, "申請者が承認したクラウドサービス");
    d->clouds[i].requested_by = d->clouds[i].approved_by;

    /* 24. 今年度の研修を受けていない在職者（企画課の会計年度任用職員） */
    p = demo_gap_person(d, GAP_NO_TRAINING);
    if (p < 0 || strcmp(d->people[p].status, "active") != 0)
        return missing(err, "研修を受けていない職員");
    int removed = 0;
    for (size_t k = 0; k < d->n_courses; k++) {
        struct demo_course *co = &d->courses[k];
        if (co->fiscal_year != d->fiscal_year)
            continue;
        for (size_t a = 0; a < co->n_att; a++)
            if (co->att[a].person == p) {
                memmove(&co->att[a], &co->att[a + 1], (co->n_att - a - 1) * sizeof co->att[0]);
                co->n_att--;
                removed++;
                break;
            }
    }
    if (!removed)
        return missing(err, "研修を受けていない職員");

    /* 25. 入退室管理のない管理区域（電磁的記録媒体保管室） */
    if ((i = demo_find_area(d, "ma03")) < 0)
        return missing(err, "入退室管理のない管理区域");
    d->areas[i].access_control = "none";
    return MM_OK;
}
