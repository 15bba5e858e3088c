/*
 * cmd_assessment.c — `mamori assessment`: 自己点検 (対策基準 9.2). Creating a 年度 campaign,
 * listing and showing assessments, answering, attaching evidence, submitting, reviewing, the
 * progress per 部局, and the question templates a municipality may edit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pdca_args.h"
#include "pdca/assessment.h"
#include "pdca/evidence.h"

extern const struct command cmd_assessment_def;
#define CMD (&cmd_assessment_def)

static int open_rw(struct cli *cli, const struct pargs *a, struct store **st,
                   struct pdca_actor *actor, char *buf, size_t size, char today[16])
{
    if (pargs_actor(CMD, a, actor, buf, size, today))
        return 2;
    return cli_open(cli, STORE_OPEN_READWRITE, st);
}

static int done(struct store *st, int rc, struct mm_err *err, const char *msg)
{
    store_close(st);
    if (rc)
        return cli_fail(err);
    if (msg)
        printf("%s\n", msg);
    return 0;
}

/* ---- campaign ---- */

static const struct table_column campaign_cols[] = {
    {"id", "番号", TC_INT, 0, 0, TC_BOTH},
    {"fiscal_year", "年度", TC_INT, 0, 0, TC_BOTH},
    {"title", "名称", TC_TEXT, 0, 0, TC_BOTH},
    {"due_on", "期限", TC_TEXT, 0, 0, TC_BOTH},
    {"assessments", "点検数", TC_INT, 0, 0, TC_BOTH},
    {"accepted", "受理", TC_INT, 0, 0, TC_BOTH},
    {"check_run_id", "自動点検の実行", TC_INT, 0, 0, TC_BOTH},
};

static int campaign_create(const struct pargs *a, struct cli *cli)
{
    struct assessment_campaign_opts o = {0, pargs_get(a, "title"), pargs_get(a, "due"),
                                         !pargs_flag(a, "no-carry")};
    if (pargs_nendo(CMD, a, &o.fiscal_year))
        return 2;
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, a, &st, &actor, buf, sizeof buf, today);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct assessment_campaign_result r;
    rc = assessment_campaign_create(st, &actor, &o, &r, &err);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    printf("令和%d年度の自己点検（番号 %lld）を作成しました: 点検 %lld 件、設問 %lld 問\n",
           o.fiscal_year - 2018, r.id, r.assessments, r.questions);
    printf("  前年度から引き継いだ回答 %lld 問、自動点検の結果で埋めた回答 %lld 問%s\n",
           r.carried, r.auto_prefilled,
           r.run_id ? "" : "（全規則の自動点検の記録がないため、自動の結果はありません）");
    return 0;
}

static int run_campaign(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"nendo", "due", "title", "format", "as-of", "by", NULL};
    static const char *const flags[] = {"no-carry", NULL};
    struct pargs a;
    if (pargs_parse(CMD, argc, argv, 1, opts, flags, &a))
        return 2;
    if (a.npos == 1 && !strcmp(a.pos[0], "create"))
        return campaign_create(&a, cli);
    if (a.npos == 1 && !strcmp(a.pos[0], "refresh")) {
        int fy;
        struct store *st;
        struct pdca_actor actor;
        char buf[300], today[16], msg[200];
        if (pargs_nendo(CMD, &a, &fy))
            return 2;
        int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
        if (rc)
            return rc;
        struct mm_err err;
        mm_err_clear(&err);
        long long n = 0;
        rc = assessment_refresh_auto(st, &actor, fy, &n, &err);
        snprintf(msg, sizeof msg, "最新の自動点検の結果を反映しました（自動点検による回答 %lld 問）", n);
        return done(st, rc, &err, msg);
    }
    if (a.npos != 1 || strcmp(a.pos[0], "list"))
        return cli_usage(CMD, "assessment campaign create --nendo N | campaign refresh --nendo N | "
                              "campaign list");
    enum table_format fmt;
    if (pargs_format(CMD, &a, &fmt))
        return 2;
    return pargs_list(cli,
                      "SELECT c.id, c.fiscal_year, c.title, c.due_on, "
                      "(SELECT COUNT(*) FROM assessment a WHERE a.campaign_id = c.id), "
                      "(SELECT COUNT(*) FROM assessment a WHERE a.campaign_id = c.id "
                      "AND a.status = 'accepted'), c.check_run_id "
                      "FROM assessment_campaign c ORDER BY c.fiscal_year",
                      NULL, NULL, campaign_cols, sizeof campaign_cols / sizeof *campaign_cols, fmt);
}

/* ---- list, show ---- */

static const struct table_column list_cols[] = {
    {"id", "番号", TC_INT, 0, 0, TC_BOTH},
    {"target_kind", "対象区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"target_kind_label", "区分", TC_TEXT, 0, 0, TC_BOTH},
    {"target_id", "対象ID", TC_TEXT, 0, 0, TC_BOTH},
    {"target_name", "対象", TC_TEXT, 0, 0, TC_BOTH},
    {"department_id", "部局ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"status", "状態コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"status_label", "状態", TC_TEXT, 0, 0, TC_BOTH},
    {"questions", "設問", TC_INT, 0, 0, TC_BOTH},
    {"answered", "回答済み", TC_INT, 0, 0, TC_BOTH},
    {"auto_findings", "自動点検の指摘", TC_INT, 0, 0, TC_BOTH},
};

#define TARGET_NAME                                                                            \
    "COALESCE((SELECT name FROM department WHERE id = a.target_id AND a.target_kind = 'bukyoku'), " \
    "(SELECT label FROM network_domain WHERE code = a.target_id AND a.target_kind = 'network'), " \
    "(SELECT name FROM system WHERE id = a.target_id AND a.target_kind = 'system'))"

static int run_list(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"nendo", "department", "status", "kind", "format", NULL};
    struct pargs a;
    enum table_format fmt;
    int fy;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a) || pargs_nendo(CMD, &a, &fy) ||
        pargs_format(CMD, &a, &fmt))
        return 2;
    long long y = fy;
    const char *dept = pargs_get(&a, "department"), *status = pargs_get(&a, "status");
    const char *kind = pargs_get(&a, "kind");
    const void *p[] = {&y, dept, dept, status, status, kind, kind};
    return pargs_list(
        cli,
        "SELECT a.id, a.target_kind, k.label, a.target_id, " TARGET_NAME ", a.department_id, "
        "a.status, s.label, "
        "(SELECT COUNT(*) FROM assessment_question q WHERE q.assessment_id = a.id), "
        "(SELECT COUNT(*) FROM assessment_question q WHERE q.assessment_id = a.id "
        "AND q.answer IS NOT NULL), "
        "(SELECT COALESCE(SUM(q.auto_findings), 0) FROM assessment_question q "
        "WHERE q.assessment_id = a.id) "
        "FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id "
        "JOIN assessment_target_kind k ON k.code = a.target_kind "
        "JOIN assessment_status s ON s.code = a.status WHERE c.fiscal_year = ? "
        "AND (CAST(? AS TEXT) IS NULL OR a.department_id = ?) "
        "AND (CAST(? AS TEXT) IS NULL OR a.status = ?) "
        "AND (CAST(? AS TEXT) IS NULL OR a.target_kind = ?) ORDER BY k.sort, a.target_id",
        "itttttt", p, list_cols, sizeof list_cols / sizeof *list_cols, fmt);
}

static const struct table_column question_cols[] = {
    {"id", "設問番号", TC_INT, 0, 0, TC_BOTH},
    {"clause_id", "条項", TC_TEXT, 0, 0, TC_BOTH},
    {"role", "役割コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"role_label", "回答者", TC_TEXT, 0, 0, TC_BOTH},
    {"text", "設問", TC_TEXT, 0, 0, TC_BOTH},
    {"answer", "回答コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"answer_label", "回答", TC_TEXT, 0, 0, TC_BOTH},
    {"answer_source", "回答の出所", TC_TEXT, 0, 0, TC_MACHINE},
    {"source_label", "出所", TC_TEXT, 0, 0, TC_BOTH},
    {"auto_findings", "自動点検の指摘", TC_INT, 0, 0, TC_BOTH},
    {"comment", "コメント", TC_TEXT, 0, 0, TC_BOTH},
    {"answered_by", "回答者ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"evidence", "証跡", TC_INT, 0, 0, TC_BOTH},
};

static int run_show(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"format", NULL};
    struct pargs a;
    enum table_format fmt;
    long long id;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a) || pargs_format(CMD, &a, &fmt))
        return 2;
    if (a.npos != 1 || pargs_id(CMD, a.pos[0], "自己点検", &id))
        return 2;
    if (fmt == TABLE_TEXT) {
        const void *p[] = {&id};
        static const struct table_column head[] = {
            {"id", "番号", TC_INT, 0, 0, TC_BOTH},
            {"fiscal_year", "年度", TC_INT, 0, 0, TC_BOTH},
            {"target", "対象", TC_TEXT, 0, 0, TC_BOTH},
            {"status", "状態", TC_TEXT, 0, 0, TC_BOTH},
            {"submitted_by", "提出者", TC_TEXT, 0, 0, TC_BOTH},
            {"improvement", "改善策", TC_TEXT, 0, 0, TC_BOTH},
        };
        int rc = pargs_list(cli,
                            "SELECT a.id, c.fiscal_year, k.label || ' ' || " TARGET_NAME
                            " || '（' || a.target_id || '）', s.label, a.submitted_by, "
                            "a.improvement FROM assessment a "
                            "JOIN assessment_campaign c ON c.id = a.campaign_id "
                            "JOIN assessment_target_kind k ON k.code = a.target_kind "
                            "JOIN assessment_status s ON s.code = a.status WHERE a.id = ?",
                            "i", p, head, sizeof head / sizeof *head, fmt);
        if (rc)
            return rc;
        printf("\n");
    }
    const void *p[] = {&id};
    return pargs_list(cli,
                      "SELECT q.id, q.clause_id, q.role, r.label, q.text, q.answer, ak.label, "
                      "q.answer_source, src.label, q.auto_findings, q.comment, q.answered_by, "
                      "(SELECT COUNT(*) FROM pdca_evidence e WHERE e.owner_kind = 'question' "
                      "AND e.owner_id = q.id) "
                      "FROM assessment_question q JOIN role r ON r.code = q.role "
                      "LEFT JOIN assessment_answer_kind ak ON ak.code = q.answer "
                      "LEFT JOIN assessment_answer_source src ON src.code = q.answer_source "
                      "WHERE q.assessment_id = ? ORDER BY q.sort, q.role, q.id",
                      "i", p, question_cols, sizeof question_cols / sizeof *question_cols, fmt);
}

/* ---- answer, submit, review ---- */

static int run_answer(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"answer", "comment", "evidence", "by", "as-of", NULL};
    struct pargs a;
    long long qid;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a))
        return 2;
    if (a.npos != 1 || pargs_id(CMD, a.pos[0], "設問", &qid))
        return 2;
    if (!pargs_get(&a, "answer") || !pargs_get(&a, "by"))
        return cli_usage(CMD, "assessment answer 設問番号 --answer done|partial|not_done|na --by 職員ID");
    struct mm_err err;
    mm_err_clear(&err);
    char *data = NULL;
    size_t len = 0;
    const char *file = pargs_get(&a, "evidence");
    if (file && pargs_read_file(file, &data, &len, &err))
        return cli_fail(&err);
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
    if (rc) {
        free(data);
        return rc;
    }
    rc = assessment_answer(st, &actor, qid, pargs_get(&a, "answer"), pargs_get(&a, "comment"),
                           &err);
    long long eid = 0;
    if (!rc && file) {
        const char *base = strrchr(file, '/');
        rc = evidence_add(st, &actor, "question", qid, base ? base + 1 : file, data, len, &eid,
                          &err);
    }
    free(data);
    return done(st, rc, &err, file ? "回答と証跡を記録しました" : "回答を記録しました");
}

static int run_submit(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"improvement", "by", "as-of", NULL};
    struct pargs a;
    long long id;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a))
        return 2;
    if (a.npos != 1 || pargs_id(CMD, a.pos[0], "自己点検", &id))
        return 2;
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    rc = assessment_submit(st, &actor, id, pargs_get(&a, "improvement"), &err);
    return done(st, rc, &err, "提出しました");
}

static int run_review(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"comment", "by", "as-of", NULL};
    static const char *const flags[] = {"accept", "return", NULL};
    struct pargs a;
    long long id;
    if (pargs_parse(CMD, argc, argv, 1, opts, flags, &a))
        return 2;
    if (a.npos != 1 || pargs_id(CMD, a.pos[0], "自己点検", &id))
        return 2;
    int accept = pargs_flag(&a, "accept"), ret = pargs_flag(&a, "return");
    if (accept == ret)
        return cli_usage(CMD, "--accept（受理）か --return（差戻し）のどちらかを指定してください");
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    rc = assessment_review(st, &actor, id, accept, pargs_get(&a, "comment"), &err);
    return done(st, rc, &err, accept ? "受理しました" : "差し戻しました");
}

/* ---- progress ---- */

static const struct table_column progress_cols[] = {
    {"department_id", "部局ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"name", "部局", TC_TEXT, 0, 0, TC_BOTH},
    {"assessments", "点検", TC_INT, 0, 0, TC_BOTH},
    {"submitted", "提出済み", TC_INT, 0, 0, TC_BOTH},
    {"accepted", "受理", TC_INT, 0, 0, TC_BOTH},
    {"returned", "差戻し中", TC_INT, 0, 0, TC_BOTH},
    {"questions", "設問", TC_INT, 0, 0, TC_BOTH},
    {"answered", "回答あり", TC_INT, 0, 0, TC_BOTH},
    {"confirmed", "回答者が確認", TC_INT, 0, 0, TC_BOTH},
};

static int progress_row(void *ctx, const struct assessment_progress_row *r)
{
    char v[7][24];
    const long long n[7] = {r->assessments, r->submitted, r->accepted, r->returned,
                            r->questions,   r->answered,  r->confirmed};
    for (int i = 0; i < 7; i++)
        snprintf(v[i], sizeof v[i], "%lld", n[i]);
    const char *cells[] = {r->department_id, r->name, v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
    table_add_row(ctx, cells);
    return 0;
}

static int run_progress(int argc, char **argv, struct cli *cli)
{
    struct pargs a;
    enum table_format fmt;
    int fy;
    if (pargs_nendo_format(CMD, argc, argv, &a, &fy, &fmt))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, progress_cols, sizeof progress_cols / sizeof *progress_cols);
    long long cid = 0;
    rc = store_begin_read(st, &err);
    if (!rc)
        rc = assessment_campaign_of(st, fy, &cid, &err);
    if (!rc && cid)
        rc = assessment_progress(st, fy, progress_row, &t, &err);
    store_rollback(st);
    store_close(st);
    if (!rc && !cid)
        fprintf(stderr, "mamori: %d年度の自己点検はまだ作成されていません\n", fy);
    if (!rc && cid)
        table_print(&t, fmt, stdout);
    table_free(&t);
    return rc ? cli_fail(&err) : cid ? 0 : 1;
}

/* ---- question templates ---- */

static const struct table_column template_cols[] = {
    {"id", "ひな形ID", TC_TEXT, 0, 0, TC_BOTH},
    {"target_kind", "対象区分", TC_TEXT, 0, 0, TC_BOTH},
    {"role", "役割", TC_TEXT, 0, 0, TC_BOTH},
    {"clause_id", "条項", TC_TEXT, 0, 0, TC_BOTH},
    {"active", "使用", TC_BOOL, "使う", "使わない", TC_BOTH},
    {"text", "設問", TC_TEXT, 0, 0, TC_BOTH},
};

static int run_question(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"kind", "role", "clause", "text", "active", "format", "by",
                                       "as-of", NULL};
    struct pargs a;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a))
        return 2;
    struct mm_err err;
    mm_err_clear(&err);
    if (a.npos >= 1 && !strcmp(a.pos[0], "seed")) {
        struct store *st;
        int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
        long long n = 0;
        if (rc)
            return rc;
        rc = store_begin(st, &err);
        if (!rc)
            rc = assessment_templates_seed(st, &n, &err);
        if (!rc)
            rc = store_commit(st, &err);
        if (rc)
            store_rollback(st);
        store_close(st);
        if (rc)
            return cli_fail(&err);
        printf("設問のひな形: %lld 問\n", n);
        return 0;
    }
    if (a.npos == 2 && !strcmp(a.pos[0], "set")) {
        const char *act = pargs_get(&a, "active");
        if (act && strcmp(act, "0") && strcmp(act, "1"))
            return cli_usage(CMD, "--active は 1（使う）か 0（使わない）です");
        struct store *st;
        struct pdca_actor actor;
        char buf[300], today[16];
        int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
        if (rc)
            return rc;
        rc = assessment_template_set(st, &actor, a.pos[1], pargs_get(&a, "text"),
                                     act ? atoi(act) : -1, &err);
        return done(st, rc, &err, "設問のひな形を変更しました（次の年度の自己点検から使われます）");
    }
    if (a.npos == 2 && !strcmp(a.pos[0], "add")) {
        struct store *st;
        struct pdca_actor actor;
        char buf[300], today[16];
        int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
        if (rc)
            return rc;
        rc = assessment_template_add(st, &actor, a.pos[1], pargs_get(&a, "kind"),
                                     pargs_get(&a, "role"), pargs_get(&a, "clause"),
                                     pargs_get(&a, "text"), &err);
        return done(st, rc, &err, "設問のひな形を追加しました（次の年度の自己点検から使われます）");
    }
    if (a.npos != 1 || strcmp(a.pos[0], "list"))
        return cli_usage(CMD, "assessment question list|seed|add ID …|set ID [--text 文] [--active 0|1]");
    enum table_format fmt;
    if (pargs_format(CMD, &a, &fmt))
        return 2;
    const char *kind = pargs_get(&a, "kind"), *role = pargs_get(&a, "role");
    const void *p[] = {kind, kind, role, role};
    return pargs_list(cli,
                      "SELECT id, target_kind, role, clause_id, active, text "
                      "FROM assessment_question_template "
                      "WHERE (CAST(? AS TEXT) IS NULL OR target_kind = ?) "
                      "AND (CAST(? AS TEXT) IS NULL OR role = ?) ORDER BY target_kind, role, sort",
                      "tttt", p, template_cols, sizeof template_cols / sizeof *template_cols, fmt);
}

static const struct browse_sub subs[] = {
    {"campaign", run_campaign}, {"list", run_list},         {"show", run_show},
    {"answer", run_answer},     {"submit", run_submit},     {"review", run_review},
    {"progress", run_progress}, {"question", run_question}, {NULL, NULL}};

static int cmd_assessment(int argc, char **argv, struct cli *cli)
{
    return pargs_dispatch(CMD, subs, argc, argv, cli);
}

const struct command cmd_assessment_def = {
    "assessment", cmd_assessment, "自己点検（年度の点検の作成、回答、提出、確認、進捗）",
    "使い方: mamori assessment <サブコマンド> …\n\n"
    "  campaign create --nendo N [--due 期限] [--title 名称] [--no-carry]\n"
    "                 年度の自己点検を作る: 部局ごと（情報セキュリティ責任者・管理者が回答）、\n"
    "                 ネットワークごと（統括）、情報システムごと（情報システム管理者）\n"
    "  campaign refresh [--nendo N]   最新の全体の自動点検の結果を、回答中・差戻しの点検に反映する\n"
    "                 （回答者が答えた設問は変えない）\n"
    "  campaign list  作成済みの年度\n"
    "  list [--nendo N] [--department 部局ID] [--status 状態] [--kind bukyoku|network|system]\n"
    "  show 番号      点検の設問と回答\n"
    "  answer 設問番号 --answer done|partial|not_done|na [--comment 文] [--evidence ファイル]\n"
    "                 --by 職員ID   回答する（実施・一部実施・未実施・該当なし）\n"
    "  submit 番号 --by 職員ID [--improvement 改善策]   提出する（全設問に回答が必要）\n"
    "  review 番号 --by 職員ID --accept | --return --comment 理由   受理又は差戻し\n"
    "  progress [--nendo N]   部局ごとの進捗\n"
    "  question list [--kind 区分] [--role 役割] | question seed |\n"
    "  question set ID [--text 文] [--active 0|1] |\n"
    "  question add ID --kind bukyoku|network|system --role 役割 --clause 条項 --text 文\n"
    "                 設問のひな形（団体が編集・追加できるデータ。次に作る年度の点検から使われる）\n\n"
    "設問は対策基準カタログの「権限・責任等一覧表」で回答者の役割に ○ がある条項から作られます\n"
    "（採用していない推奨事項を除く）。作成時に、前年度の回答を引き継ぎ（--no-carry で引き継がない）、\n"
    "条項を点検する規則があれば最新の全体の自動点検（mamori check）の結果で回答を埋めます（指摘が\n"
    "あれば「一部実施」、なければ「実施」）。回答者は確かめて回答し直してから提出します。\n"
    "--by は操作する職員の ID、--as-of はその日に有効な役割で判断するための基準日です。\n"};
