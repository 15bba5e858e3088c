/*
 * cmd_audit.c — `mamori audit`: 情報セキュリティ監査 (対策基準 9.1). Plans and their scope and
 * approval, the team with the independence check, findings, 改善計画, progress reports,
 * verification of closure, and the search for the same problem in other 部局.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pdca_args.h"
#include "pdca/audit.h"
#include "pdca/evidence.h"

extern const struct command cmd_audit_def;
#define CMD (&cmd_audit_def)

/* Every write subcommand: parse, open, act, close, print. */
struct write_ctx {
    struct pargs a;
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    struct mm_err err;
};

static int begin(struct write_ctx *w, struct cli *cli, int argc, char **argv,
                 const char *const *opts, const char *const *flags)
{
    mm_err_clear(&w->err);
    if (pargs_parse(CMD, argc, argv, 1, opts, flags, &w->a) ||
        pargs_actor(CMD, &w->a, &w->actor, w->buf, sizeof w->buf, w->today))
        return 2;
    if (!w->actor.person_id)
        return cli_usage(CMD, "--by 職員ID（操作する者）を指定してください");
    return cli_open(cli, STORE_OPEN_READWRITE, &w->st);
}

static int end(struct write_ctx *w, int rc, const char *msg)
{
    store_close(w->st);
    if (rc)
        return cli_fail(&w->err);
    if (msg)
        printf("%s\n", msg);
    return 0;
}

#define G(k) pargs_get(&w.a, k)

/* ---- plan ---- */

static const struct table_column plan_cols[] = {
    {"id", "計画ID", TC_TEXT, 0, 0, TC_BOTH},
    {"fiscal_year", "年度", TC_INT, 0, 0, TC_BOTH},
    {"title", "題名", TC_TEXT, 0, 0, TC_BOTH},
    {"kind", "種類", TC_TEXT, 0, 0, TC_BOTH},
    {"period", "期間", TC_TEXT, 0, 0, TC_BOTH},
    {"status", "状態", TC_TEXT, 0, 0, TC_BOTH},
    {"approved_on", "委員会承認日", TC_TEXT, 0, 0, TC_BOTH},
    {"scopes", "対象数", TC_INT, 0, 0, TC_BOTH},
    {"team", "チーム", TC_INT, 0, 0, TC_BOTH},
    {"findings", "指摘", TC_INT, 0, 0, TC_BOTH},
};

static int plan_list(struct cli *cli, enum table_format fmt)
{
    return pargs_list(cli,
                      "SELECT p.id, p.fiscal_year, p.title, k.label, p.starts_on || '〜' || "
                      "p.ends_on, s.label, p.approved_on, "
                      "(SELECT COUNT(*) FROM audit_scope x WHERE x.plan_id = p.id), "
                      "(SELECT COUNT(*) FROM audit_team_member x WHERE x.plan_id = p.id), "
                      "(SELECT COUNT(*) FROM audit_finding x WHERE x.plan_id = p.id) "
                      "FROM audit_plan p JOIN audit_kind k ON k.code = p.kind "
                      "JOIN audit_plan_status s ON s.code = p.status "
                      "ORDER BY p.fiscal_year, p.starts_on, p.id",
                      NULL, NULL, plan_cols, sizeof plan_cols / sizeof *plan_cols, fmt);
}

static const struct table_column scope_cols[] = {
    {"kind", "区分コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"kind_label", "区分", TC_TEXT, 0, 0, TC_BOTH},
    {"target_id", "対象ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "対象", TC_TEXT, 0, 0, TC_BOTH},
};
static const struct table_column team_cols[] = {
    {"person_id", "職員ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "氏名", TC_TEXT, 0, 0, TC_BOTH},
    {"lead", "主任", TC_BOOL, "主任", "", TC_BOTH},
    {"waiver", "独立性の例外の理由", TC_TEXT, 0, 0, TC_BOTH},
};

static int plan_show(struct cli *cli, const char *id, enum table_format fmt)
{
    const void *p[] = {id};
    int rc = pargs_list(cli,
                        "SELECT sc.kind, k.label, sc.target_id, COALESCE("
                        "(SELECT name FROM department WHERE id = sc.target_id AND sc.kind = 'department'),"
                        "(SELECT name FROM system WHERE id = sc.target_id AND sc.kind = 'system'),"
                        "(SELECT name FROM contractor WHERE id = sc.target_id AND sc.kind = 'contractor'),"
                        "(SELECT name FROM cloud_service WHERE id = sc.target_id "
                        "AND sc.kind = 'cloud_service')) FROM audit_scope sc "
                        "JOIN audit_scope_kind k ON k.code = sc.kind WHERE sc.plan_id = ? "
                        "ORDER BY k.sort, sc.target_id",
                        "t", p, scope_cols, sizeof scope_cols / sizeof *scope_cols, fmt);
    if (!rc)
        rc = pargs_list(cli,
                        "SELECT m.person_id, pe.name, m.lead, m.waiver FROM audit_team_member m "
                        "JOIN person pe ON pe.id = m.person_id WHERE m.plan_id = ? "
                        "ORDER BY m.lead DESC, m.person_id",
                        "t", p, team_cols, sizeof team_cols / sizeof *team_cols, fmt);
    return rc;
}

static int run_plan(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"title", "kind", "start", "end", "items", "nendo",
                                       "department", "system", "contractor", "cloud", "date",
                                       "ref", "by", "as-of", "format", NULL};
    struct write_ctx w;
    const char *sub = argc > 1 ? argv[1] : "";
    if (!strcmp(sub, "list") || !strcmp(sub, "show")) {
        enum table_format fmt;
        if (pargs_parse(CMD, argc, argv, 2, opts, NULL, &w.a) || pargs_format(CMD, &w.a, &fmt))
            return 2;
        if (!strcmp(sub, "list"))
            return plan_list(cli, fmt);
        if (w.a.npos != 1)
            return cli_usage(CMD, "audit plan show 計画ID");
        return plan_show(cli, w.a.pos[0], fmt);
    }
    int rc = begin(&w, cli, argc - 1, argv + 1, opts, NULL);
    if (rc)
        return rc;
    if (w.a.npos != 1) {
        store_close(w.st);
        return cli_usage(CMD, "audit plan create|scope|approve 計画ID …");
    }
    const char *id = w.a.pos[0];
    if (!strcmp(sub, "create")) {
        int fy = 0;
        if (G("nendo") && pargs_nendo(CMD, &w.a, &fy)) {
            store_close(w.st);
            return 2;
        }
        struct audit_plan_new p = {id, G("title"), G("kind"), fy, G("start"), G("end"), G("items")};
        return end(&w, audit_plan_create(w.st, &w.actor, &p, &w.err), "監査実施計画を作成しました");
    }
    if (!strcmp(sub, "scope")) {
        static const char *const kinds[][2] = {{"department", "department"},
                                               {"system", "system"},
                                               {"contractor", "contractor"},
                                               {"cloud", "cloud_service"}};
        for (size_t i = 0; i < 4; i++)
            if (G(kinds[i][0]))
                return end(&w, audit_scope_add(w.st, &w.actor, id, kinds[i][1], G(kinds[i][0]), &w.err),
                           "監査の対象に加えました");
        store_close(w.st);
        return cli_usage(CMD, "--department, --system, --contractor, --cloud のどれかを指定してください");
    }
    if (!strcmp(sub, "approve"))
        return end(&w, audit_plan_approve(w.st, &w.actor, id, G("date"), G("ref"), &w.err),
                   "委員会の承認を記録しました");
    store_close(w.st);
    return cli_usage(CMD, "サブコマンド「plan %s」はありません", sub);
}

/* ---- team ---- */

static int print_conflict(void *ctx, const char *kind, const char *target, const char *reason)
{
    (void)ctx;
    printf("  %s %s: %s\n", kind, target, reason);
    return 0;
}

static int run_team(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"person", "unavoidable", "by", "as-of", NULL};
    static const char *const flags[] = {"lead", NULL};
    const char *sub = argc > 1 ? argv[1] : "";
    struct write_ctx w;
    if (!strcmp(sub, "check")) {
        if (pargs_parse(CMD, argc, argv, 2, opts, flags, &w.a) || w.a.npos != 1 || !G("person"))
            return cli_usage(CMD, "audit team check 計画ID --person 職員ID");
        struct store *st;
        int rc = cli_open(cli, STORE_OPEN_READONLY, &st), n = 0;
        if (rc)
            return rc;
        mm_err_clear(&w.err);
        rc = audit_independence(st, w.a.pos[0], G("person"), print_conflict, NULL, &n, &w.err);
        store_close(st);
        if (rc)
            return cli_fail(&w.err);
        printf(n ? "独立性に問題があります（%d 件）\n" : "監査の対象から独立しています\n", n);
        return n ? 1 : 0;
    }
    if (strcmp(sub, "add"))
        return cli_usage(CMD, "audit team add|check 計画ID --person 職員ID");
    int rc = begin(&w, cli, argc - 1, argv + 1, opts, flags);
    if (rc)
        return rc;
    if (w.a.npos != 1 || !G("person")) {
        store_close(w.st);
        return cli_usage(CMD, "audit team add 計画ID --person 職員ID [--lead] [--unavoidable 理由]");
    }
    return end(&w,
               audit_team_add(w.st, &w.actor, w.a.pos[0], G("person"), pargs_flag(&w.a, "lead"),
                              G("unavoidable"), &w.err),
               "監査チームに加えました");
}

/* ---- findings ---- */

static const struct table_column finding_cols[] = {
    {"id", "番号", TC_INT, 0, 0, TC_BOTH},
    {"plan_id", "計画", TC_TEXT, 0, 0, TC_BOTH},
    {"target", "対象", TC_TEXT, 0, 0, TC_BOTH},
    {"severity", "重大度", TC_TEXT, 0, 0, TC_BOTH},
    {"clause_id", "条項", TC_TEXT, 0, 0, TC_BOTH},
    {"title", "指摘", TC_TEXT, 0, 0, TC_BOTH},
    {"status", "状態コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"status_label", "状態", TC_TEXT, 0, 0, TC_BOTH},
    {"improvement_id", "改善計画", TC_INT, 0, 0, TC_BOTH},
    {"owner", "担当", TC_TEXT, 0, 0, TC_BOTH},
    {"due_on", "期限", TC_TEXT, 0, 0, TC_BOTH},
    {"progress", "進捗（%）", TC_INT, 0, 0, TC_BOTH},
};

static int finding_list(struct cli *cli, const struct pargs *a)
{
    enum table_format fmt;
    if (pargs_format(CMD, a, &fmt))
        return 2;
    const char *plan = pargs_get(a, "plan");
    const void *p[] = {plan, plan};
    return pargs_list(cli,
                      "SELECT f.id, f.plan_id, f.scope_kind || ':' || f.target_id, sv.label, "
                      "f.clause_id, f.title, f.status, st.label, ip.id, ip.owner_id, ip.due_on, "
                      "ip.progress FROM audit_finding f "
                      "JOIN finding_severity sv ON sv.code = f.severity "
                      "JOIN audit_finding_status st ON st.code = f.status "
                      "LEFT JOIN improvement_plan ip ON ip.finding_id = f.id "
                      "WHERE (CAST(? AS TEXT) IS NULL OR f.plan_id = ?) ORDER BY f.id",
                      "tt", p, finding_cols, sizeof finding_cols / sizeof *finding_cols, fmt);
}

static int run_finding(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"scope", "target", "severity", "clause", "title", "detail",
                                       "cause", "date", "evidence", "plan", "format", "by",
                                       "as-of", NULL};
    static const char *const flags[] = {"cross-cutting", NULL};
    const char *sub = argc > 1 ? argv[1] : "";
    struct write_ctx w;
    if (!strcmp(sub, "list")) {
        if (pargs_parse(CMD, argc, argv, 2, opts, flags, &w.a))
            return 2;
        return finding_list(cli, &w.a);
    }
    if (strcmp(sub, "add"))
        return cli_usage(CMD, "audit finding add|list …");
    char *data = NULL;
    size_t len = 0;
    int rc = begin(&w, cli, argc - 1, argv + 1, opts, flags);
    if (rc)
        return rc;
    if (w.a.npos != 1) {
        store_close(w.st);
        return cli_usage(CMD, "audit finding add 計画ID --scope 区分 --target 対象ID --severity 重大度 "
                              "--clause 条項 --title 題名 --by 職員ID");
    }
    const char *file = G("evidence");
    if (file && pargs_read_file(file, &data, &len, &w.err))
        return end(&w, w.err.code, NULL);
    struct audit_finding_new f = {w.a.pos[0], G("scope"), G("target"), G("severity"), G("clause"),
                                  G("title"), G("detail"), G("cause"),
                                  pargs_flag(&w.a, "cross-cutting"),
                                  G("date") ? G("date") : w.today};
    long long id = 0, eid = 0;
    rc = audit_finding_add(w.st, &w.actor, &f, &id, &w.err);
    if (!rc && file) {
        const char *base = strrchr(file, '/');
        rc = evidence_add(w.st, &w.actor, "finding", id, base ? base + 1 : file, data, len, &eid,
                          &w.err);
    }
    free(data);
    char msg[128];
    snprintf(msg, sizeof msg, "指摘 %lld を記録しました%s", id, file ? "（証跡つき）" : "");
    return end(&w, rc, msg);
}

/* ---- improvement plans ---- */

static int run_plan_improvement(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"owner", "actions", "due", "by", "as-of", NULL};
    struct write_ctx w;
    long long fid, pid = 0;
    int rc = begin(&w, cli, argc, argv, opts, NULL);
    if (rc)
        return rc;
    if (w.a.npos != 1 || pargs_id(CMD, w.a.pos[0], "監査の指摘", &fid)) {
        store_close(w.st);
        return 2;
    }
    rc = audit_improvement_plan(w.st, &w.actor, fid, G("owner"), G("actions"), G("due"), &pid,
                                &w.err);
    char msg[128];
    snprintf(msg, sizeof msg, "改善計画 %lld を指示しました", pid);
    return end(&w, rc, msg);
}

static int run_progress(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"percent", "summary", "date", "evidence", "by", "as-of",
                                       NULL};
    struct write_ctx w;
    long long id;
    int rc = begin(&w, cli, argc, argv, opts, NULL);
    if (rc)
        return rc;
    const char *pc = G("percent");
    char *endp = NULL;
    long v = pc ? strtol(pc, &endp, 10) : -1;
    if (w.a.npos != 1 || pargs_id(CMD, w.a.pos[0], "改善計画", &id) || !pc || *endp) {
        store_close(w.st);
        return cli_usage(CMD, "audit progress 改善計画番号 --percent 0〜100 --summary 内容 --by 職員ID");
    }
    const char *file = G("evidence");
    char *data = NULL;
    size_t len = 0;
    long long rid = 0, eid = 0;
    if (file && pargs_read_file(file, &data, &len, &w.err))
        return end(&w, w.err.code, NULL);
    rc = audit_progress_report_id(w.st, &w.actor, id, G("date") ? G("date") : w.today, (int)v,
                                  G("summary"), &rid, &w.err);
    if (!rc && file) {
        const char *base = strrchr(file, '/');
        rc = evidence_add(w.st, &w.actor, "progress", rid, base ? base + 1 : file, data, len, &eid,
                          &w.err);
    }
    free(data);
    return end(&w, rc, v == 100 ? "完了を報告しました（監査チームの確認待ち）" : "進捗を報告しました");
}

static int run_verify(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"note", "date", "by", "as-of", NULL};
    static const char *const flags[] = {"reopen", NULL};
    struct write_ctx w;
    long long id;
    int rc = begin(&w, cli, argc, argv, opts, flags);
    if (rc)
        return rc;
    if (w.a.npos != 1 || pargs_id(CMD, w.a.pos[0], "改善計画", &id)) {
        store_close(w.st);
        return 2;
    }
    int reopen = pargs_flag(&w.a, "reopen");
    rc = audit_verify(w.st, &w.actor, id, G("date") ? G("date") : w.today, !reopen, G("note"),
                      &w.err);
    return end(&w, rc, reopen ? "完了と認めず、改善中に戻しました" : "完了を確認しました");
}

/* ---- search ---- */

static const struct table_column similar_cols[] = {
    {"department_id", "部局ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"name", "部局", TC_TEXT, 0, 0, TC_BOTH},
    {"check_findings", "自動点検の指摘", TC_INT, 0, 0, TC_BOTH},
    {"assessment_gaps", "自己点検の一部実施・未実施", TC_INT, 0, 0, TC_BOTH},
    {"audit_findings", "他の監査の指摘", TC_INT, 0, 0, TC_BOTH},
};

static int similar_row(void *ctx, const struct audit_similar_row *r)
{
    char v[3][24];
    snprintf(v[0], 24, "%lld", r->check_findings);
    snprintf(v[1], 24, "%lld", r->assessment_gaps);
    snprintf(v[2], 24, "%lld", r->audit_findings);
    const char *cells[] = {r->department_id, r->name, v[0], v[1], v[2]};
    table_add_row(ctx, cells);
    return 0;
}

static int run_search(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"format", NULL};
    struct pargs a;
    enum table_format fmt;
    long long id;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a) || pargs_format(CMD, &a, &fmt))
        return 2;
    if (a.npos != 1 || pargs_id(CMD, a.pos[0], "監査の指摘", &id))
        return 2;
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, similar_cols, sizeof similar_cols / sizeof *similar_cols);
    rc = store_begin_read(st, &err);
    if (!rc)
        rc = audit_search_similar(st, id, similar_row, &t, &err);
    store_rollback(st);
    store_close(st);
    if (!rc) {
        if (fmt == TABLE_TEXT)
            printf("指摘 %lld と同じ条項の問題がありそうな他の部局（9.1(7)②）\n", id);
        table_print(&t, fmt, stdout);
    }
    table_free(&t);
    return rc ? cli_fail(&err) : 0;
}

static const struct browse_sub subs[] = {
    {"plan", run_plan},         {"team", run_team},
    {"finding", run_finding},   {"plan-improvement", run_plan_improvement},
    {"progress", run_progress}, {"verify", run_verify},
    {"search", run_search},     {NULL, NULL}};

static int cmd_audit(int argc, char **argv, struct cli *cli)
{
    return pargs_dispatch(CMD, subs, argc, argv, cli);
}

const struct command cmd_audit_def = {
    "audit", cmd_audit, "情報セキュリティ監査（計画、チーム、指摘、改善計画、完了確認）",
    "使い方: mamori audit <サブコマンド> …（変更するものは --by 職員ID が必要）\n\n"
    "  plan create 計画ID --title 題名 --start 開始日 --end 終了日 [--kind 種類] [--items 監査項目]\n"
    "                 監査実施計画を立てる（監査統括責任者。種類: internal, external, mutual,\n"
    "                 follow_up）\n"
    "  plan scope 計画ID --department 部署ID | --system システムID | --contractor 事業者ID |\n"
    "                 --cloud クラウドサービスID   監査の対象を加える（承認前のみ）\n"
    "  plan approve 計画ID --date 承認日 [--ref 議事録等]   委員会の承認を記録する\n"
    "  plan list | plan show 計画ID\n"
    "  team add 計画ID --person 職員ID [--lead] [--unavoidable 理由]\n"
    "                 監査チームに加える。被監査部門に所属し又は役割を持つ者は断る（9.1(2)①、\n"
    "                 1.(8)②）。止むを得ない場合だけ --unavoidable に理由を書いて加えられる\n"
    "  team check 計画ID --person 職員ID   独立性だけを確かめる\n"
    "  finding add 計画ID --scope department|system|contractor|cloud_service --target 対象ID\n"
    "                 --severity critical|high|medium|low --clause 条項 --title 題名\n"
    "                 [--detail 内容] [--cause 原因] [--cross-cutting] [--evidence ファイル]\n"
    "  finding list [--plan 計画ID]\n"
    "  plan-improvement 指摘番号 --owner 職員ID --actions 内容 --due 期限\n"
    "                 CISO が改善計画を指示する（担当は所管の情報セキュリティ管理者、横断的な\n"
    "                 指摘は統括情報セキュリティ責任者）\n"
    "  progress 改善計画番号 --percent 0〜100 --summary 内容 [--date 報告日] [--evidence ファイル]\n"
    "                 担当者の進捗報告（100 で完了の報告）\n"
    "  verify 改善計画番号 [--reopen --note 理由] [--date 確認日]   監査チームが完了を確認する\n"
    "  search 指摘番号   同じ条項の問題がありそうな他の部局を探す（9.1(7)②）\n"};
