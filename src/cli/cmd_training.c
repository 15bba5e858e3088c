/*
 * cmd_training.c — `mamori training`: 研修・訓練 (対策基準 5.2). Courses and sessions, recording
 * completion, importing attendance from CSV (all or nothing, errors as file:line), and the
 * completion rate by 部局 and 課室 for a 年度.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pdca_args.h"
#include "pdca/training.h"

extern const struct command cmd_training_def;
#define CMD (&cmd_training_def)

static const struct table_column course_cols[] = {
    {"id", "研修ID", TC_TEXT, 0, 0, TC_BOTH},
    {"title", "研修名", TC_TEXT, 0, 0, TC_BOTH},
    {"kind", "種類コード", TC_TEXT, 0, 0, TC_MACHINE},
    {"kind_label", "種類", TC_TEXT, 0, 0, TC_BOTH},
    {"mandatory", "必須", TC_BOOL, "必須", "任意", TC_BOTH},
    {"held_on", "開催日", TC_TEXT, 0, 0, TC_BOTH},
    {"sessions", "回数", TC_INT, 0, 0, TC_BOTH},
    {"completed", "修了者数", TC_INT, 0, 0, TC_BOTH},
};

static int run_courses(int argc, char **argv, struct cli *cli)
{
    struct pargs a;
    enum table_format fmt;
    int fy;
    if (pargs_nendo_format(CMD, argc, argv, &a, &fy, &fmt))
        return 2;
    long long y = fy;
    const void *p[] = {&y};
    return pargs_list(cli,
                      "SELECT c.id, c.title, c.kind, k.label, c.mandatory, c.held_on, "
                      "(SELECT COUNT(*) FROM training_session s WHERE s.course_id = c.id), "
                      "(SELECT COUNT(*) FROM training_attendance t WHERE t.course_id = c.id) "
                      "FROM training_course c JOIN training_kind k ON k.code = c.kind "
                      "WHERE c.fiscal_year = ? ORDER BY k.sort, c.held_on, c.id",
                      "i", p, course_cols, sizeof course_cols / sizeof *course_cols, fmt);
}

/* Opens the database for writing and sets up the actor; returns an exit code or 0. */
static int open_rw(struct cli *cli, const struct pargs *a, struct store **st,
                   struct pdca_actor *actor, char *buf, size_t size, char today[16])
{
    if (pargs_actor(CMD, a, actor, buf, size, today))
        return 2;
    return cli_open(cli, STORE_OPEN_READWRITE, st);
}

static int finish(struct store *st, int rc, struct mm_err *err, const char *ok)
{
    store_close(st);
    if (rc)
        return cli_fail(err);
    if (ok)
        printf("%s\n", ok);
    return 0;
}

static int run_session(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"course", "date", "place", "by", "as-of", NULL};
    struct pargs a;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a))
        return 2;
    if (a.npos != 2 || strcmp(a.pos[0], "add"))
        return cli_usage(CMD, "training session add ID --course 研修ID --date YYYY-MM-DD");
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    rc = training_session_add(st, &actor, a.pos[1], pargs_get(&a, "course"), pargs_get(&a, "date"),
                              pargs_get(&a, "place"), &err);
    return finish(st, rc, &err, "研修の回を登録しました");
}

static int run_attend(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"course", "person", "date", "session", "by", "as-of", NULL};
    struct pargs a;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a))
        return 2;
    if (a.npos || !pargs_get(&a, "course") || !pargs_get(&a, "person") || !pargs_get(&a, "date"))
        return cli_usage(CMD, "training attend --course 研修ID --person 職員ID --date 修了日");
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    rc = training_attend(st, &actor, pargs_get(&a, "course"), pargs_get(&a, "person"),
                         pargs_get(&a, "date"), pargs_get(&a, "session"), "cli", &err);
    return finish(st, rc, &err, "修了を記録しました");
}

static int run_import(int argc, char **argv, struct cli *cli)
{
    static const char *const opts[] = {"by", "as-of", NULL};
    struct pargs a;
    if (pargs_parse(CMD, argc, argv, 1, opts, NULL, &a))
        return 2;
    if (a.npos != 1)
        return cli_usage(CMD, "training import FILE.csv");
    struct mm_err err;
    mm_err_clear(&err);
    char *data = NULL;
    size_t len = 0;
    if (pargs_read_file(a.pos[0], &data, &len, &err))
        return cli_fail(&err);
    struct store *st;
    struct pdca_actor actor;
    char buf[300], today[16];
    int rc = open_rw(cli, &a, &st, &actor, buf, sizeof buf, today);
    if (rc) {
        free(data);
        return rc;
    }
    struct mm_problems probs = {0};
    struct training_import_result res;
    rc = training_import_csv(st, &actor, a.pos[0], data, len, &probs, &res, &err);
    free(data);
    cli_print_problems(&probs);
    mm_problems_free(&probs);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    printf("%s から修了 %lld 件を取り込みました（記録済みで飛ばした行 %lld 件）\n", a.pos[0],
           res.added, res.skipped);
    return 0;
}

static const struct table_column rate_cols[] = {
    {"department_id", "部署ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"level", "区分", TC_TEXT, 0, 0, TC_MACHINE},
    {"bukyoku_id", "部局ID", TC_TEXT, 0, 0, TC_MACHINE},
    {"name", "部署", TC_TEXT, 0, 0, TC_BOTH},
    {"staff", "対象者", TC_INT, 0, 0, TC_BOTH},
    {"completed", "修了者", TC_INT, 0, 0, TC_BOTH},
    {"missing", "未修了", TC_INT, 0, 0, TC_BOTH},
    {"rate", "修了率（%）", TC_TEXT, 0, 0, TC_BOTH},
};

static int rate_row(void *ctx, const struct training_rate_row *r)
{
    char name[300], staff[24], done[24], miss[24], rate[16];
    int indent = r->level && strcmp(r->level, "bukyoku") && strcmp(r->level, "organization");
    snprintf(name, sizeof name, "%s%s", indent ? "　" : "", r->name);
    snprintf(staff, sizeof staff, "%lld", r->staff);
    snprintf(done, sizeof done, "%lld", r->completed);
    snprintf(miss, sizeof miss, "%lld", r->staff - r->completed);
    if (r->staff)
        snprintf(rate, sizeof rate, "%.1f", 100.0 * (double)r->completed / (double)r->staff);
    else
        snprintf(rate, sizeof rate, "—");
    const char *cells[] = {r->department_id, r->level, r->bukyoku_id, name, staff, done, miss, rate};
    table_add_row(ctx, cells);
    return 0;
}

static int run_rate(int argc, char **argv, struct cli *cli)
{
    struct pargs a;
    enum table_format fmt;
    int fy;
    if (pargs_nendo_format(CMD, argc, argv, &a, &fy, &fmt))
        return 2;
    if (a.npos)
        return cli_usage(CMD, "余分な引数「%s」があります", a.pos[0]);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct table t;
    table_init(&t, rate_cols, sizeof rate_cols / sizeof *rate_cols);
    rc = store_begin_read(st, &err);
    if (!rc)
        rc = training_rate(st, fy, rate_row, &t, &err);
    store_rollback(st);
    store_close(st);
    if (!rc) {
        if (fmt == TABLE_TEXT)
            printf("令和%d年度（%d年度）の情報セキュリティ研修の修了状況（在職者、委託先要員を除く）\n",
                   fy - 2018, fy);
        table_print(&t, fmt, stdout);
    }
    table_free(&t);
    return rc ? cli_fail(&err) : 0;
}

static const struct table_column missing_cols[] = {
    {"person_id", "職員ID", TC_TEXT, 0, 0, TC_BOTH},
    {"name", "氏名", TC_TEXT, 0, 0, TC_BOTH},
    {"employment", "任用", TC_TEXT, 0, 0, TC_BOTH},
    {"department", "所属", TC_TEXT, 0, 0, TC_BOTH},
};

static int run_missing(int argc, char **argv, struct cli *cli)
{
    struct pargs a;
    enum table_format fmt;
    int fy;
    if (pargs_nendo_format(CMD, argc, argv, &a, &fy, &fmt))
        return 2;
    long long y = fy;
    const void *p[] = {&y};
    return pargs_list(cli,
                      "SELECT p.id, p.name, e.label, d.name FROM person p "
                      "JOIN employment_type e ON e.code = p.employment "
                      "LEFT JOIN department d ON d.id = p.department_id "
                      "WHERE p.status = 'active' AND p.employment <> 'contractor' AND NOT EXISTS "
                      "(SELECT 1 FROM training_attendance ta JOIN training_course c "
                      "ON c.id = ta.course_id WHERE ta.person_id = p.id AND c.fiscal_year = ? "
                      "AND ((c.mandatory = 1 AND c.kind = 'general') OR c.kind = 'new_staff')) "
                      "ORDER BY d.sort, p.id",
                      "i", p, missing_cols, sizeof missing_cols / sizeof *missing_cols, fmt);
}

static const struct browse_sub subs[] = {{"courses", run_courses},
                                         {"session", run_session},
                                         {"attend", run_attend},
                                         {"import", run_import},
                                         {"rate", run_rate},
                                         {"missing", run_missing},
                                         {NULL, NULL}};

static int cmd_training(int argc, char **argv, struct cli *cli)
{
    return pargs_dispatch(CMD, subs, argc, argv, cli);
}

const struct command cmd_training_def = {
    "training", cmd_training, "研修・訓練の受講記録と修了率（courses, attend, import, rate）",
    "使い方: mamori training <サブコマンド> …\n\n"
    "  courses [--nendo N] [--format 形式]      その年度の研修と修了者数\n"
    "  session add ID --course 研修ID --date YYYY-MM-DD [--place 場所]\n"
    "                                           研修の回（別の日程・会場）を登録する\n"
    "  attend --course 研修ID --person 職員ID --date 修了日 [--session 回ID]\n"
    "                                           修了を記録する\n"
    "  import FILE.csv                          修了記録を CSV から取り込む（全部か、何もしないか）\n"
    "  rate [--nendo N] [--format 形式]         部局・課室ごとの修了率\n"
    "  missing [--nendo N] [--format 形式]      今年度の研修を修了していない在職者\n\n"
    "--nendo は年度（2026、又は令和の年 8）。既定は今日の年度です。対象者は委託先要員を除く\n"
    "在職者全員（正規職員、会計年度任用職員、特別職、非常勤職員）で、その年度の全職員向け必須研修\n"
    "又は新規採用職員研修の修了を「修了」と数えます（規則 TRN-001 と同じ）。\n\n"
    "CSV の 1 行目は見出しです: 研修ID,職員ID,修了日[,回ID]（英語の course_id,person_id,\n"
    "completed_on,session_id も可）。UTF-8（BOM の有無を問わない）又は CP932。誤りが 1 件でも\n"
    "あれば「ファイル:行: 内容」を示して何も取り込みません（終了コード 2）。同じ日付で記録済みの\n"
    "行は飛ばします。変更は一つのトランザクションで、1 件ごとに変更記録を残します。\n"
    "--by 職員ID で記録した者を、--as-of で基準日を指定できます。\n"};
