/*
 * cmd_check.c — `mamori check`: runs the compliance rules and reports each finding with its
 * clauses, severity, entity, department and the people who must act, as a table grouped by
 * severity, JSON (docs/check.md), CSV (UTF-8 with BOM or CP932) or XLSX with 和暦 dates.
 * `check rules` lists the rules; `check accept` records an accepted risk.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog/auditlog.h"
#include "cli/cli.h"
#include "io/csv.h"
#include "io/xlsx.h"
#include "model/wareki.h"
#include "rules/check.h"
#include "rules/rules.h"
#include "util/strbuf.h"

enum out_format { OUT_TABLE, OUT_JSON, OUT_CSV, OUT_XLSX };

static const struct {
    const char *type, *label;
} entity_labels[] = {
    {"account", "アカウント"},
    {"asset", "情報資産"},
    {"system", "情報システム"},
    {"department", "部署"},
    {"person", "職員等"},
    {"role_assignment", "役割の割当て"},
    {"organization", "団体"},
    {"network_connection", "通信経路"},
    {"device", "機器・媒体"},
    {"device_software", "導入ソフトウェア"},
    {"managed_area", "管理区域"},
    {"managed_area_permit", "管理区域の入室許可"},
    {"software", "ソフトウェア"},
    {"contractor", "委託事業者"},
    {"contract", "契約"},
    {"cloud_service", "クラウドサービス"},
    {"training_course", "研修"},
};

static const char *entity_label(const char *type)
{
    for (size_t i = 0; i < sizeof entity_labels / sizeof *entity_labels; i++)
        if (!strcmp(entity_labels[i].type, type))
            return entity_labels[i].label;
    return type;
}

static int parse_format(const char *s, enum out_format *f)
{
    if (!strcmp(s, "table"))
        *f = OUT_TABLE;
    else if (!strcmp(s, "json"))
        *f = OUT_JSON;
    else if (!strcmp(s, "csv"))
        *f = OUT_CSV;
    else if (!strcmp(s, "xlsx"))
        *f = OUT_XLSX;
    else
        return -1;
    return 0;
}

static void clauses_text(const struct rule *r, struct strbuf *sb)
{
    for (size_t i = 0; i < r->nclauses; i++)
        strbuf_addf(sb, "%s%s", i ? " " : "", r->clauses[i]);
}

static void wareki_of(const char *iso, char *buf, size_t size)
{
    struct mm_date d;
    struct mm_err e;
    if (iso && date_parse(iso, NULL, &d, &e) == MM_OK && wareki_format(d, buf, size, &e) == MM_OK)
        return;
    snprintf(buf, size, "%s", iso ? iso : "");
}

/* 「状態」: 新規 / 継続 / リスク受容中 (…まで). */
static const char *state_text(const struct finding *f)
{
    if (f->accepted)
        return "リスク受容中";
    return f->is_new ? "新規" : "継続";
}

/* ---- table ----------------------------------------------------------------------------- */

static void print_table(const struct check_result *res, FILE *out)
{
    char wa[64];
    wareki_of(res->as_of, wa, sizeof wa);
    fprintf(out, "点検結果 — 基準日 %s（%s）、規則 %zu 件を実行", res->as_of, wa, res->rules_run);
    if (res->nskipped)
        fprintf(out, "（推奨事項を採用していないため %zu 件は対象外）", res->nskipped);
    fputs("\n", out);
    static const enum rule_severity order[] = {SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW};
    size_t counts[5] = {0}, accepted = 0, news = 0;
    for (size_t i = 0; i < res->n; i++) {
        counts[res->v[i].rule->severity]++;
        accepted += res->v[i].accepted;
        news += res->v[i].is_new;
    }
    for (size_t k = 0; k < 4; k++) {
        enum rule_severity sv = order[k];
        if (!counts[sv])
            continue;
        fprintf(out, "\n■ 重大度「%s」（%s） %zu 件\n", rule_severity_label(sv),
                rule_severity_code(sv), counts[sv]);
        for (size_t i = 0; i < res->n; i++) {
            const struct finding *f = &res->v[i];
            if (f->rule->severity != sv)
                continue;
            struct strbuf cl = STRBUF_INIT;
            clauses_text(f->rule, &cl);
            fprintf(out, "\n  [%s] %s %s（条項 %s）\n", state_text(f), f->rule->id,
                    f->rule->title, cl.buf);
            strbuf_release(&cl);
            fprintf(out, "    対象: %s %s", entity_label(f->entity_type), f->entity_id);
            if (f->entity_label && strcmp(f->entity_label, f->entity_id))
                fprintf(out, "「%s」", f->entity_label);
            if (f->department_id)
                fprintf(out, "　部署: %s（%s）", f->department_name ? f->department_name : "不明",
                        f->department_id);
            if (f->system_id)
                fprintf(out, "　システム: %s", f->system_id);
            fprintf(out, "\n    内容: %s\n    対処: %s\n    担当: %s — %s\n", f->detail,
                    f->rule->action, f->role_label, f->responsible_text);
            if (f->accepted) {
                char wu[64];
                wareki_of(f->accepted_until, wu, sizeof wu);
                fprintf(out, "    リスク受容: %s（%s）が %s（%s）まで受容。理由: %s\n",
                        f->accepted_by_name ? f->accepted_by_name : "", f->accepted_by,
                        f->accepted_until, wu, f->accepted_reason);
            }
        }
    }
    if (!res->n)
        fputs("\n不備は見つかりませんでした。\n", out);
    fputs("\n", out);
    if (res->previous_id) {
        char jst[AUDITLOG_TIME_LEN];
        auditlog_time_jst(res->previous_at, jst);
        fprintf(out, "前回（#%lld、%s）からの変化: 新規 %zu 件、解消 %zu 件\n", res->previous_id,
                jst, news, res->nresolved);
        for (size_t i = 0; i < res->nresolved; i++) {
            const struct resolved_finding *r = &res->resolved[i];
            fprintf(out, "  解消: %s %s %s", r->rule_id, entity_label(r->entity_type),
                    r->entity_id);
            if (r->entity_label && strcmp(r->entity_label, r->entity_id))
                fprintf(out, "「%s」", r->entity_label);
            fputs("\n", out);
        }
    } else {
        fputs("前回の記録がないため、すべて新規として扱いました。\n", out);
    }
    fprintf(out, "合計 %zu 件（重大 %zu・高 %zu・中 %zu・低 %zu、うちリスク受容中 %zu）", res->n,
            counts[SEV_CRITICAL], counts[SEV_HIGH], counts[SEV_MEDIUM], counts[SEV_LOW],
            accepted);
    if (res->run_id)
        fprintf(out, "。実行 #%lld として記録しました", res->run_id);
    fputs("\n", out);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *result_json(const struct check_result *res)
{
    json_t *root = json_object();
    json_object_set_new(root, "as_of", json_string(res->as_of));
    json_object_set_new(root, "scope", json_string(res->scope));
    json_object_set_new(root, "run", res->run_id ? json_integer(res->run_id) : json_null());
    json_object_set_new(root, "previous_run",
                        res->previous_id ? json_integer(res->previous_id) : json_null());
    json_object_set_new(root, "rules_run", json_integer((json_int_t)res->rules_run));
    json_t *sk = json_array();
    for (size_t i = 0; i < res->nskipped; i++)
        json_array_append_new(sk, json_pack("{s:s, s:s}", "rule", res->skipped[i]->id, "requires",
                                            res->skipped[i]->requires));
    json_object_set_new(root, "rules_skipped", sk);
    size_t counts[5] = {0}, accepted = 0, news = 0;
    json_t *arr = json_array();
    for (size_t i = 0; i < res->n; i++) {
        const struct finding *f = &res->v[i];
        counts[f->rule->severity]++;
        accepted += f->accepted;
        news += f->is_new;
        json_t *cl = json_array();
        for (size_t j = 0; j < f->rule->nclauses; j++)
            json_array_append_new(cl, json_string(f->rule->clauses[j]));
        json_t *people = json_array();
        for (size_t j = 0; j < f->npeople; j++)
            json_array_append_new(people, json_pack("{s:s, s:o}", "id", f->people[j].id, "name",
                                                    jstr(f->people[j].name)));
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(f->rule->id));
        json_object_set_new(o, "title", json_string(f->rule->title));
        json_object_set_new(o, "severity", json_string(rule_severity_code(f->rule->severity)));
        json_object_set_new(o, "clauses", cl);
        json_object_set_new(o, "entity_type", json_string(f->entity_type));
        json_object_set_new(o, "entity_id", json_string(f->entity_id));
        json_object_set_new(o, "entity_label", jstr(f->entity_label));
        json_object_set_new(o, "department", jstr(f->department_id));
        json_object_set_new(o, "department_name", jstr(f->department_name));
        json_object_set_new(o, "system", jstr(f->system_id));
        json_object_set_new(o, "detail", json_string(f->detail));
        json_object_set_new(o, "action", json_string(f->rule->action));
        json_object_set_new(o, "responsible",
                            json_pack("{s:s, s:s, s:o, s:b}", "role", f->rule->responsible,
                                      "role_label", f->role_label, "people", people, "absent",
                                      f->absent));
        json_object_set_new(o, "new", json_boolean(f->is_new));
        json_object_set_new(o, "accepted",
                            f->accepted ? json_pack("{s:s, s:o, s:s, s:s}", "by", f->accepted_by,
                                                    "by_name", jstr(f->accepted_by_name),
                                                    "until", f->accepted_until, "reason",
                                                    f->accepted_reason)
                                        : json_null());
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "summary",
                        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "findings",
                                  (json_int_t)res->n, "critical", (json_int_t)counts[SEV_CRITICAL],
                                  "high", (json_int_t)counts[SEV_HIGH], "medium",
                                  (json_int_t)counts[SEV_MEDIUM], "low",
                                  (json_int_t)counts[SEV_LOW], "accepted", (json_int_t)accepted,
                                  "new", (json_int_t)news, "resolved",
                                  (json_int_t)res->nresolved));
    json_object_set_new(root, "findings", arr);
    json_t *rs = json_array();
    for (size_t i = 0; i < res->nresolved; i++) {
        const struct resolved_finding *r = &res->resolved[i];
        json_array_append_new(rs, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "rule", r->rule_id,
                                            "severity", r->severity, "entity_type",
                                            r->entity_type, "entity_id", r->entity_id,
                                            "entity_label", jstr(r->entity_label), "detail",
                                            jstr(r->detail)));
    }
    json_object_set_new(root, "resolved", rs);
    json_t *ws = json_array();
    for (size_t i = 0; i < res->nwarnings; i++)
        json_array_append_new(ws, json_string(res->warnings[i]));
    json_object_set_new(root, "warnings", ws);
    return root;
}

/* ---- rows for CSV and XLSX ---------------------------------------------------------------- */

#define NCOLS 17
static const char *const row_headers[NCOLS] = {
    "重大度", "規則", "条項", "題名", "対象の種別", "対象ID", "対象名", "部署ID", "部署名",
    "システムID", "内容", "対処", "担当役割", "担当者", "状態", "受容期限", "受容した者"};
static const double row_widths[NCOLS] = {8, 10, 16, 36, 14, 18, 24, 10, 16,
                                         10, 60, 40, 22, 30, 12, 20, 16};

/* cells: n * NCOLS strings owned by the caller (free each, then the array). */
static char **finding_rows(const struct check_result *res, int wareki)
{
    char **cells = calloc(res->n * NCOLS + 1, sizeof *cells);
    if (!cells)
        abort();
    for (size_t i = 0; i < res->n; i++) {
        const struct finding *f = &res->v[i];
        char **c = cells + i * NCOLS;
        struct strbuf cl = STRBUF_INIT;
        clauses_text(f->rule, &cl);
        char until[64] = "";
        if (f->accepted) {
            if (wareki)
                wareki_of(f->accepted_until, until, sizeof until);
            else
                snprintf(until, sizeof until, "%s", f->accepted_until);
        }
        const char *v[NCOLS] = {rule_severity_label(f->rule->severity),
                                f->rule->id,
                                cl.buf,
                                f->rule->title,
                                entity_label(f->entity_type),
                                f->entity_id,
                                f->entity_label,
                                f->department_id,
                                f->department_name,
                                f->system_id,
                                f->detail,
                                f->rule->action,
                                f->role_label,
                                f->responsible_text,
                                state_text(f),
                                until,
                                f->accepted ? f->accepted_by : NULL};
        for (size_t k = 0; k < NCOLS; k++)
            c[k] = v[k] ? strdup(v[k]) : NULL;
        strbuf_release(&cl);
    }
    return cells;
}

static void free_rows(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

static int write_file(const char *path, const char *data, size_t len, struct mm_err *err)
{
    FILE *f = path ? fopen(path, "wb") : stdout;
    if (!f)
        return mm_err_set(err, MM_EINTERNAL, "%s を開けません", path);
    size_t w = fwrite(data, 1, len, f);
    int bad = w != len;
    if (path)
        bad |= fclose(f) != 0;
    else
        bad |= fflush(f) != 0;
    if (bad)
        return mm_err_set(err, MM_EINTERNAL, "%s に書き込めません", path ? path : "標準出力");
    return MM_OK;
}

static int write_csv(const struct check_result *res, const char *path, enum csv_encoding enc,
                     struct mm_err *err)
{
    struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
    csv_add_row(&sb, row_headers, NCOLS);
    char **cells = finding_rows(res, 0);
    for (size_t i = 0; i < res->n; i++)
        csv_add_row(&sb, (const char *const *)cells + i * NCOLS, NCOLS);
    free_rows(cells, res->n * NCOLS);
    int rc = csv_encode(&sb, enc, &out, err);
    if (!rc)
        rc = write_file(path, out.buf, out.len, err);
    strbuf_release(&sb);
    strbuf_release(&out);
    return rc;
}

static int write_xlsx(const struct check_result *res, const char *path, struct mm_err *err)
{
    char **cells = finding_rows(res, 1);
    char wa[64], counts[5][32], nn[32], nr[32], run[32], nrules[32];
    wareki_of(res->as_of, wa, sizeof wa);
    size_t c[5] = {0}, acc = 0, news = 0;
    for (size_t i = 0; i < res->n; i++)
        c[res->v[i].rule->severity]++, acc += res->v[i].accepted, news += res->v[i].is_new;
    snprintf(counts[0], sizeof counts[0], "%zu", res->n);
    for (int k = 1; k <= 4; k++)
        snprintf(counts[k], sizeof counts[k], "%zu", c[k]);
    snprintf(nn, sizeof nn, "%zu", news);
    snprintf(nr, sizeof nr, "%zu", res->nresolved);
    snprintf(nrules, sizeof nrules, "%zu", res->rules_run);
    if (res->run_id)
        snprintf(run, sizeof run, "#%lld", res->run_id);
    else
        snprintf(run, sizeof run, "記録なし");
    char accs[32];
    snprintf(accs, sizeof accs, "%zu", acc);
    const char *summary[] = {"基準日",       wa,          "実行",     run,
                             "実行した規則", nrules,      "不備",     counts[0],
                             "重大",         counts[4],   "高",       counts[3],
                             "中",           counts[2],   "低",       counts[1],
                             "リスク受容中", accs,        "新規",     nn,
                             "解消",         nr};
    static const char *const sum_headers[] = {"項目", "値"};
    static const double sum_widths[] = {16, 24};
    struct xlsx_sheet sheets[2] = {
        {"不備一覧", row_headers, row_widths, NCOLS, (const char *const *)cells, res->n, 1},
        {"概要", sum_headers, sum_widths, 2, summary, sizeof summary / sizeof *summary / 2, 0},
    };
    int rc = xlsx_write(path, sheets, 2, err);
    free_rows(cells, res->n * NCOLS);
    return rc;
}

/* ---- run ----------------------------------------------------------------------------------- */

static void progress(void *ctx, size_t done, size_t total)
{
    const struct cli *cli = ctx;
    cli_progress(cli, "規則を実行中", done, total);
}

static int check_main(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"rule", required_argument, NULL, 'r'},   {"section", required_argument, NULL, 's'},
        {"department", required_argument, NULL, 'd'}, {"as-of", required_argument, NULL, 'a'},
        {"fail-on", required_argument, NULL, 'F'}, {"no-store", no_argument, NULL, 'n'},
        {"encoding", required_argument, NULL, 'e'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    enum out_format fmt = OUT_TABLE;
    enum csv_encoding enc = CSV_UTF8_BOM;
    const char *out_path = NULL;
    const char **rule_ids = NULL;
    size_t nrule_ids = 0;
    struct check_opts o = {.store = 1};
    enum rule_severity fail_on = 0;
    int c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:r:s:d:a:F:ne:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (parse_format(optarg, &fmt)) {
                free(rule_ids);
                return cli_usage(&cmd_check_def, "--format は table, json, csv, xlsx のいずれかです");
            }
            break;
        case 'o':
            out_path = optarg;
            break;
        case 'r': {
            const char **nv = realloc(rule_ids, (nrule_ids + 1) * sizeof *nv);
            if (!nv)
                abort();
            rule_ids = nv;
            rule_ids[nrule_ids++] = optarg;
            break;
        }
        case 's':
            o.section = optarg;
            break;
        case 'd':
            o.department = optarg;
            break;
        case 'a':
            o.as_of = optarg;
            break;
        case 'F':
            if (rule_severity_parse(optarg, &fail_on)) {
                free(rule_ids);
                return cli_usage(&cmd_check_def,
                                 "--fail-on は critical, high, medium, low のいずれかです");
            }
            break;
        case 'n':
            o.store = 0;
            break;
        case 'e':
            if (csv_encoding_parse(optarg, &enc)) {
                free(rule_ids);
                return cli_usage(&cmd_check_def, "--encoding は utf-8 か cp932 です");
            }
            break;
        case 'h':
            free(rule_ids);
            fputs(cmd_check_def.usage, stdout);
            return 0;
        default:
            free(rule_ids);
            return cli_usage(&cmd_check_def, "オプションが正しくありません");
        }
    }
    if (optind < argc) {
        free(rule_ids);
        return cli_usage(&cmd_check_def, "余分な引数「%s」があります", argv[optind]);
    }
    if (fmt == OUT_XLSX && !out_path) {
        free(rule_ids);
        return cli_usage(&cmd_check_def, "--format xlsx では -o ファイル名 を指定してください");
    }
    if (o.as_of) {
        struct mm_date d;
        struct mm_err e;
        if (date_parse(o.as_of, "--as-of", &d, &e)) {
            free(rule_ids);
            return cli_usage(&cmd_check_def, "%s", e.msg);
        }
    }
    o.rule_ids = rule_ids;
    o.nrule_ids = nrule_ids;
    char actor_buf[256];
    struct audit_actor actor;
    audit_actor_cli(&actor, actor_buf, sizeof actor_buf);
    o.actor = actor.id;
    o.progress = progress;
    o.progress_ctx = cli;

    struct store *st;
    if ((rc = cli_open(cli, STORE_OPEN_READWRITE, &st))) {
        free(rule_ids);
        return rc;
    }
    struct mm_err err;
    mm_err_clear(&err);
    struct rule_set set = {0};
    struct check_result res = {0};
    rc = rules_load(st, &set, &err);
    if (!rc)
        rc = check_run(st, &set, &o, &res, &err);
    if (cli->tty)
        cli_progress_end(cli);
    if (!rc) {
        for (size_t i = 0; i < res.nwarnings; i++)
            fprintf(stderr, "mamori check: 注意: %s\n", res.warnings[i]);
        switch (fmt) {
        case OUT_TABLE:
        case OUT_JSON: {
            FILE *f = out_path ? fopen(out_path, "w") : stdout;
            if (!f) {
                rc = mm_err_set(&err, MM_EINTERNAL, "%s を開けません", out_path);
                break;
            }
            if (fmt == OUT_TABLE) {
                print_table(&res, f);
            } else {
                json_t *j = result_json(&res);
                json_dumpf(j, f, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0);
                fputc('\n', f);
                json_decref(j);
            }
            if (out_path && fclose(f))
                rc = mm_err_set(&err, MM_EINTERNAL, "%s に書き込めません", out_path);
            break;
        }
        case OUT_CSV:
            rc = write_csv(&res, out_path, enc, &err);
            break;
        case OUT_XLSX:
            rc = write_xlsx(&res, out_path, &err);
            break;
        }
    }
    if (!rc && fail_on && check_count_failing(&res, fail_on)) {
        fprintf(stderr, "mamori check: 重大度「%s」以上の不備が %zu 件あります\n",
                rule_severity_label(fail_on), check_count_failing(&res, fail_on));
        rc = 1;
    } else if (rc) {
        rc = cli_fail(&err);
    }
    check_result_free(&res);
    rule_set_free(&set);
    store_close(st);
    free(rule_ids);
    return rc;
}

/* ---- check rules ---------------------------------------------------------------------------- */

static int check_rules(int argc, char **argv, struct cli *cli)
{
    enum out_format fmt = OUT_TABLE;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            if (parse_format(argv[++i], &fmt) || fmt == OUT_CSV || fmt == OUT_XLSX)
                return cli_usage(&cmd_check_def, "check rules の --format は table か json です");
        } else if (!strncmp(argv[i], "--format=", 9)) {
            if (parse_format(argv[i] + 9, &fmt) || fmt == OUT_CSV || fmt == OUT_XLSX)
                return cli_usage(&cmd_check_def, "check rules の --format は table か json です");
        } else {
            return cli_usage(&cmd_check_def, "check rules の引数「%s」が分かりません", argv[i]);
        }
    }
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    struct rule_set set = {0};
    rc = rules_load(st, &set, &err);
    store_close(st);
    if (rc)
        return cli_fail(&err);
    if (fmt == OUT_JSON) {
        json_t *arr = json_array();
        for (size_t i = 0; i < set.n; i++) {
            const struct rule *r = &set.v[i];
            json_t *cl = json_array(), *pa = json_array();
            for (size_t j = 0; j < r->nclauses; j++)
                json_array_append_new(cl, json_string(r->clauses[j]));
            for (size_t j = 0; j < r->nparams; j++)
                json_array_append_new(pa, json_string(r->params[j]));
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o}", "id", r->id,
                               "severity", rule_severity_code(r->severity), "title", r->title,
                               "clauses", cl, "action", r->action, "responsible", r->responsible,
                               "requires", r->requires ? json_string(r->requires) : json_null(),
                               "parameters", pa));
        }
        json_dumpf(arr, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(arr);
    } else {
        printf("%-10s %-6s %-24s %s\n", "規則", "重大度", "条項", "題名");
        for (size_t i = 0; i < set.n; i++) {
            const struct rule *r = &set.v[i];
            struct strbuf cl = STRBUF_INIT;
            clauses_text(r, &cl);
            printf("%-10s %-6s %-24s %s%s%s%s\n", r->id, rule_severity_label(r->severity), cl.buf,
                   r->title, r->requires ? "（推奨事項 " : "", r->requires ? r->requires : "",
                   r->requires ? " を採用したとき）" : "");
            strbuf_release(&cl);
        }
        printf("規則 %zu 件\n", set.n);
    }
    rule_set_free(&set);
    return 0;
}

/* ---- check accept ---------------------------------------------------------------------------- */

static int check_accept(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        {"by", required_argument, NULL, 'b'},     {"until", required_argument, NULL, 'u'},
        {"reason", required_argument, NULL, 'r'}, {"on", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0}};
    struct risk_accept_req q = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "b:u:r:o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'b':
            q.by = optarg;
            break;
        case 'u':
            q.until = optarg;
            break;
        case 'r':
            q.reason = optarg;
            break;
        case 'o':
            q.decided_on = optarg;
            break;
        default:
            return cli_usage(&cmd_check_def, "check accept のオプションが正しくありません");
        }
    }
    if (argc - optind != 2)
        return cli_usage(&cmd_check_def,
                         "check accept には 規則ID と 種別:対象ID（例 account:ac-001）を指定してください");
    if (!q.by || !q.until || !q.reason)
        return cli_usage(&cmd_check_def, "check accept には --by, --until, --reason が必要です");
    q.rule_id = argv[optind];
    char *target = strdup(argv[optind + 1]);
    if (!target)
        abort();
    char *colon = strchr(target, ':');
    if (!colon || colon == target || !colon[1]) {
        free(target);
        return cli_usage(&cmd_check_def, "対象「%s」は 種別:ID の形で書いてください",
                         argv[optind + 1]);
    }
    *colon = '\0';
    q.entity_type = target;
    q.entity_id = colon + 1;
    char actor_buf[256];
    struct audit_actor actor;
    audit_actor_cli(&actor, actor_buf, sizeof actor_buf);
    q.actor = actor.id;

    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READWRITE, &st);
    if (rc) {
        free(target);
        return rc;
    }
    struct mm_err err;
    mm_err_clear(&err);
    struct rule_set set = {0};
    long long id = 0;
    rc = rules_load(st, &set, &err);
    if (!rc)
        rc = risk_accept(st, &set, &q, &id, &err);
    if (!rc) {
        char wu[64];
        wareki_of(q.until, wu, sizeof wu);
        printf("リスク受容 #%lld を記録しました: %s %s:%s を %s（%s）まで（決定者 %s）\n", id,
               q.rule_id, q.entity_type, q.entity_id, q.until, wu, q.by);
    } else {
        rc = cli_fail(&err);
    }
    rule_set_free(&set);
    store_close(st);
    free(target);
    return rc;
}

static int cmd_check(int argc, char **argv, struct cli *cli)
{
    if (argc > 1 && !strcmp(argv[1], "rules"))
        return check_rules(argc - 1, argv + 1, cli);
    if (argc > 1 && !strcmp(argv[1], "accept"))
        return check_accept(argc - 1, argv + 1, cli);
    return check_main(argc, argv, cli);
}

const struct command cmd_check_def = {
    "check", cmd_check, "規則で台帳を点検し、不備と対処すべき担当者を示す",
    "使い方: mamori check [--format table|json|csv|xlsx] [-o FILE] [--rule ID]... [--section N]\n"
    "                     [--department ID] [--as-of YYYY-MM-DD] [--fail-on SEVERITY]\n"
    "                     [--no-store] [--encoding utf-8|cp932]\n"
    "        mamori check rules [--format table|json]\n"
    "        mamori check accept 規則ID 種別:対象ID --by 職員ID --until YYYY-MM-DD --reason 理由\n"
    "                     [--on YYYY-MM-DD]\n"
    "\n"
    "規則（data/rules/*.sql）を一つの読み取りトランザクションで実行し、不備ごとに規則・条項・\n"
    "重大度・対象・部署と、対処すべき役割を担う者を示します。実行と不備は記録され、同じ範囲の\n"
    "前回の実行と比べて新規と解消を示します。\n"
    "\n"
    "  --format F      table（既定）, json, csv, xlsx（xlsx は -o が必要）\n"
    "  -o FILE         出力先のファイル\n"
    "  --rule ID       この規則だけを実行（繰り返し可）\n"
    "  --section N     この節（6, 6.2 など）の条項を扱う規則だけを実行\n"
    "  --department ID この部署とその下の部署の不備だけを示す\n"
    "  --as-of DATE    基準日（既定は今日）。期間の条件はこの日から数えます\n"
    "  --fail-on SEV   この重大度（critical, high, medium, low）以上の不備があれば終了コード 1\n"
    "                  （リスク受容中のものは数えません）\n"
    "  --no-store      実行を記録しない\n"
    "  --encoding E    csv の文字コード: utf-8（BOM 付き、既定）か cp932（Shift_JIS）\n"
    "\n"
    "check rules は読み込んだ規則の一覧を示します。\n"
    "check accept はリスク受容を記録します。決定者は決定日（--on、既定は今日）に CISO か\n"
    "統括情報セキュリティ責任者を担っている必要があり、期限（--until）までの間その不備は\n"
    "「リスク受容中」と表示され、--fail-on に数えられません。記録は変更履歴にも残ります。\n"};
