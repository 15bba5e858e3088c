/*
 * cmd_incident.c — `mamori incident report|list|show|timeline|ack|triage|action|duty|close|
 * contacts|report-pdf`: 情報セキュリティインシデントの報告・報告経路・評価・対応・対外対応・
 * 緊急連絡網 (対策基準 5.3, 7.3) on the engine of src/incident/. docs/incidents.md.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog/auditlog.h"
#include "cli/browse.h"
#include "cli/cli.h"
#include "cli/table.h"
#include "incident/incident.h"
#include "incident/incident_pdf.h"
#include "model/wareki.h"
#include "report/pdf.h"

#define CMD (&cmd_incident_def)

/* A growable list of option values (--system S --system T …). */
struct strs {
    const char **v;
    size_t n;
};

static void strs_add(struct strs *l, const char *s)
{
    l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
    if (!l->v)
        abort();
    l->v[l->n++] = s;
}

static int opt_error(int c, char **argv)
{
    return browse_opt_error(CMD, c, argv);
}

/* Runs one write with the CLI actor; prints the error and returns the exit code. */
static int open_rw(struct cli *cli, struct store **st)
{
    return cli_open(cli, STORE_OPEN_READWRITE, st);
}

static const char *actor_init(struct audit_actor *a, char *buf, size_t size)
{
    audit_actor_cli(a, buf, size);
    return a->id;
}

#define S(o, k) json_string_value(json_object_get((o), (k)))
#define I(o, k) json_integer_value(json_object_get((o), (k)))
#define B(o, k) json_is_true(json_object_get((o), (k)))

static void print_json(json_t *v)
{
    json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
}

static const char *disp(const char *t, char *buf, size_t size)
{
    incident_time_display(t, buf, size);
    return buf[0] ? buf : "—";
}

/* ---- report ---- */

static int incident_report_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {
        {"title", required_argument, NULL, 't'},       {"description", required_argument, NULL, 'd'},
        {"reporter", required_argument, NULL, 'r'},    {"external", no_argument, NULL, 'x'},
        {"from", required_argument, NULL, 'f'},        {"contact", required_argument, NULL, 'c'},
        {"department", required_argument, NULL, 'D'},  {"occurred", required_argument, NULL, 'o'},
        {"system", required_argument, NULL, 's'},      {"asset", required_argument, NULL, 'a'},
        {"at", required_argument, NULL, 'T'},          {"id", required_argument, NULL, 'I'},
        {NULL, 0, NULL, 0}};
    struct incident_report r = {0};
    struct strs systems = {0}, assets = {0};
    const char *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 't': r.title = optarg; break;
        case 'd': r.description = optarg; break;
        case 'r': r.reporter_id = optarg; break;
        case 'x': r.source = "external"; break;
        case 'f': r.outside_name = optarg; break;
        case 'c': r.outside_contact = optarg; break;
        case 'D': r.department_id = optarg; break;
        case 'o': r.occurred_at = optarg; break;
        case 's': strs_add(&systems, optarg); break;
        case 'a': strs_add(&assets, optarg); break;
        case 'T': at = optarg; break;
        case 'I': r.id = optarg; break;
        default: free(systems.v), free(assets.v); return opt_error(c, argv);
        }
    }
    if (optind < argc || !r.title || !r.description) {
        free(systems.v), free(assets.v);
        return cli_usage(CMD, "report には --title と --description が必要です");
    }
    if (r.source && !r.outside_name) {
        free(systems.v), free(assets.v);
        return cli_usage(CMD, "--external には報告者の --from が必要です");
    }
    r.system_ids = systems.v, r.nsystems = systems.n;
    r.asset_ids = assets.v, r.nassets = assets.n;
    struct store *st;
    int rc = open_rw(cli, &st);
    if (rc) {
        free(systems.v), free(assets.v);
        return rc;
    }
    struct mm_err err;
    mm_err_clear(&err);
    char abuf[256], id[INCIDENT_ID_LEN];
    struct audit_actor actor;
    actor_init(&actor, abuf, sizeof abuf);
    rc = incident_report(st, &actor, &r, at, id, &err);
    json_t *o = NULL;
    if (!rc)
        rc = incident_get(st, id, at, &o, &err);
    if (!rc) {
        printf("インシデント %s を受け付けました。次の者へ報告しました:\n", id);
        size_t i;
        json_t *s;
        char b[64];
        json_array_foreach(json_object_get(o, "steps"), i, s)
        {
            printf("  %s  %s%s%s  受領期限 %s", S(s, "id"), S(s, "role_label"),
                   S(s, "scope_name") ? " " : "", S(s, "scope_name") ? S(s, "scope_name") : "",
                   disp(S(s, "due_at"), b, sizeof b));
            if (S(s, "gap"))
                printf("  ※%s", incident_gap_label(S(s, "gap")));
            printf("\n");
        }
    }
    json_decref(o);
    free(systems.v), free(assets.v);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

/* ---- list ---- */

static const struct table_column list_cols[] = {
    {"id", "ID", TC_TEXT, NULL, NULL, TC_BOTH},
    {"reported_at", "報告日時", TC_TEXT, NULL, NULL, TC_BOTH},
    {"status", "状態", TC_TEXT, NULL, NULL, TC_BOTH},
    {"judgement", "評価", TC_TEXT, NULL, NULL, TC_BOTH},
    {"severity", "重大度", TC_TEXT, NULL, NULL, TC_BOTH},
    {"department", "課室", TC_TEXT, NULL, NULL, TC_BOTH},
    {"overdue", "期限超過", TC_INT, NULL, NULL, TC_BOTH},
    {"title", "件名", TC_TEXT, NULL, NULL, TC_BOTH},
};

static int incident_list_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"status", required_argument, NULL, 's'},
                                         {"department", required_argument, NULL, 'D'},
                                         {"overdue", no_argument, NULL, 'o'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    struct incident_filter f = {0};
    enum table_format fmt = TABLE_TEXT;
    const char *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 's': f.status = optarg; break;
        case 'D': f.department_id = optarg; break;
        case 'o': f.overdue_only = 1; break;
        case 'f':
            if (browse_format(CMD, optarg, &fmt))
                return 2;
            break;
        case 'T': at = optarg; break;
        default: return opt_error(c, argv);
        }
    }
    if (optind < argc)
        return cli_usage(CMD, "list に余分な引数「%s」があります", argv[optind]);
    static const char *const statuses[] = {"open", "reported", "responding", "closed"};
    int known = !f.status;
    for (size_t i = 0; f.status && i < 4; i++)
        known |= !strcmp(f.status, statuses[i]);
    if (!known)
        return cli_usage(CMD, "--status は open, reported, responding, closed のいずれかです");
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    json_t *arr = NULL;
    rc = incident_list(st, &f, at, &arr, &err);
    if (!rc && fmt == TABLE_JSON) {
        print_json(arr);
    } else if (!rc) {
        struct table t;
        table_init(&t, list_cols, sizeof list_cols / sizeof list_cols[0]);
        size_t i;
        json_t *o;
        json_array_foreach(arr, i, o)
        {
            char when[64], overdue[24];
            snprintf(overdue, sizeof overdue, "%lld",
                     (long long)(I(o, "overdue_steps") + I(o, "overdue_duties")));
            const char *cells[] = {S(o, "id"),
                                   fmt == TABLE_TEXT ? disp(S(o, "reported_at"), when, sizeof when)
                                                     : S(o, "reported_at"),
                                   fmt == TABLE_TEXT ? S(o, "status_label") : S(o, "status"),
                                   fmt == TABLE_TEXT ? S(o, "judgement_label") : S(o, "judgement"),
                                   fmt == TABLE_TEXT ? S(o, "severity_label") : S(o, "severity"),
                                   S(o, "department_name"),
                                   overdue,
                                   S(o, "title")};
            table_add_row(&t, cells);
        }
        table_print(&t, fmt, stdout);
        table_free(&t);
    }
    json_decref(arr);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

/* ---- show ---- */

static void show_text(json_t *o, json_t *timeline)
{
    char b[64], b2[64], b3[64];
    printf("%s  %s\n", S(o, "id"), S(o, "title"));
    show_field("状態", S(o, "status_label"));
    show_field("報告の種別", S(o, "source_label"));
    show_field(!strcmp(S(o, "source"), "external") ? "受け付けた職員等" : "報告者",
               S(o, "reporter_name"));
    if (S(o, "outside_name"))
        show_fieldf("外部の報告者", "%s%s%s", S(o, "outside_name"),
                    S(o, "outside_contact") ? "（連絡先 " : "",
                    S(o, "outside_contact") ? S(o, "outside_contact") : "");
    show_fieldf("課室", "%s（%s）", S(o, "department_name"), S(o, "department_id"));
    show_field("発生日時", disp(S(o, "occurred_at"), b, sizeof b));
    show_field("報告日時", disp(S(o, "reported_at"), b, sizeof b));
    show_field("内容", S(o, "description"));
    show_fieldf("評価", "%s%s%s（%s）", S(o, "judgement_label"),
                S(o, "severity_label") ? "、重大度 " : "",
                S(o, "severity_label") ? S(o, "severity_label") : "",
                disp(S(o, "triaged_at"), b2, sizeof b2));
    static const char *const flags[][2] = {
        {"personal_info", "個人情報"},         {"specific_personal", "特定個人情報"},
        {"sensitive_personal", "要配慮個人情報"}, {"ordinance_sensitive", "条例要配慮個人情報"},
        {"property_damage", "財産的被害のおそれ"}, {"improper_purpose", "不正の目的のおそれ"},
        {"crime_suspected", "犯罪のおそれ"},     {"press_release", "公表する"},
        {"provider_involved", "事業者・委託先が関係"}};
    char fl[512] = "";
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (B(o, flags[i][0]))
            snprintf(fl + strlen(fl), sizeof fl - strlen(fl), "%s%s", fl[0] ? "・" : "",
                     flags[i][1]);
    show_field("該当", fl);
    if (json_is_integer(json_object_get(o, "persons_affected")))
        show_fieldf("本人の数", "%lld 人", (long long)I(o, "persons_affected"));
    size_t i;
    json_t *x;
    printf("\n影響を受けた情報システム・情報資産\n");
    json_array_foreach(json_object_get(o, "systems"), i, x)
        printf("  システム %s %s\n", S(x, "id"), S(x, "name") ? S(x, "name") : "");
    json_array_foreach(json_object_get(o, "assets"), i, x)
        printf("  情報資産 %s %s（機密性%s・完全性%s・可用性%s%s）\n", S(x, "id"),
               S(x, "name") ? S(x, "name") : "", S(x, "confidentiality"), S(x, "integrity"),
               S(x, "availability"), B(x, "personal_info") ? "・個人情報" : "");
    printf("\n報告経路（期限超過 %lld 件）\n", (long long)I(o, "overdue_steps"));
    json_array_foreach(json_object_get(o, "steps"), i, x)
    {
        char people[512] = "";
        size_t k;
        json_t *p;
        json_array_foreach(json_object_get(x, "people"), k, p)
            snprintf(people + strlen(people), sizeof people - strlen(people), "%s%s（%s）",
                     k ? "、" : "", S(p, "name") ? S(p, "name") : "", S(p, "person_id"));
        printf("  %s 第%lld段階 %s%s%s: %s\n      報告 %s  期限 %s  受領 %s  [%s]%s%s\n",
               S(x, "id"), (long long)I(x, "stage"), S(x, "role_label"),
               S(x, "scope_name") ? " " : "", S(x, "scope_name") ? S(x, "scope_name") : "",
               people[0] ? people : "（担い手なし）", disp(S(x, "handed_over_at"), b, sizeof b),
               disp(S(x, "due_at"), b2, sizeof b2), disp(S(x, "acknowledged_at"), b3, sizeof b3),
               S(x, "state_label"), S(x, "gap") ? " ※" : "",
               S(x, "gap") ? incident_gap_label(S(x, "gap")) : "");
    }
    printf("\n対応\n");
    if (!json_array_size(json_object_get(o, "actions")))
        printf("  （なし）\n");
    json_array_foreach(json_object_get(o, "actions"), i, x)
        printf("  %s %s: %s\n", disp(S(x, "done_at"), b, sizeof b), S(x, "kind_label"),
               S(x, "description"));
    printf("\n対外対応（期限超過 %lld 件）\n", (long long)I(o, "overdue_duties"));
    if (!json_array_size(json_object_get(o, "duties")))
        printf("  （なし）\n");
    json_array_foreach(json_object_get(o, "duties"), i, x)
        printf("  %-12s %s  期限 %s  [%s]%s%s\n      根拠: %s\n", S(x, "kind"), S(x, "kind_label"),
               disp(S(x, "due_at"), b, sizeof b), S(x, "state_label"),
               S(x, "reference") ? "  番号 " : "", S(x, "reference") ? S(x, "reference") : "",
               S(x, "basis"));
    if (S(o, "closed_at"))
        printf("\n終結 %s%s%s\n", disp(S(o, "closed_at"), b, sizeof b),
               S(o, "outcome") ? "  結果: " : "", S(o, "outcome") ? S(o, "outcome") : "");
    printf("\n経過\n");
    json_array_foreach(timeline, i, x)
        printf("  %s  %s\n", disp(S(x, "at"), b, sizeof b), S(x, "text"));
}

static int incident_show_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    int json = 0, timeline_only = !strcmp(argv[0], "timeline");
    const char *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") && strcmp(optarg, "table"))
                return cli_usage(CMD, "--format は table か json です");
            json = !strcmp(optarg, "json");
            break;
        case 'T': at = optarg; break;
        default: return opt_error(c, argv);
        }
    }
    if (optind + 1 != argc)
        return cli_usage(CMD, "%s にはインシデントの ID を一つ指定してください", argv[0]);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    json_t *o = NULL, *tl = NULL;
    rc = incident_get(st, argv[optind], at, &o, &err);
    if (!rc)
        rc = incident_timeline(st, argv[optind], &tl, &err);
    if (!rc && json) {
        json_object_set(o, "timeline", tl);
        print_json(timeline_only ? tl : o);
    } else if (!rc && timeline_only) {
        size_t i;
        json_t *x;
        char b[64];
        json_array_foreach(tl, i, x)
            printf("%s  %s\n", disp(S(x, "at"), b, sizeof b), S(x, "text"));
    } else if (!rc) {
        show_text(o, tl);
    }
    json_decref(o), json_decref(tl);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

/* ---- writes that take an id and a few options ---- */

/* A write subcommand's store (read-write), error and acting user. */
struct incident_write {
    struct store *st;
    struct mm_err err;
    char abuf[256];
    struct audit_actor actor;
};

static int write_open(struct cli *cli, struct incident_write *w)
{
    int rc = open_rw(cli, &w->st);
    if (rc)
        return rc;
    mm_err_clear(&w->err);
    actor_init(&w->actor, w->abuf, sizeof w->abuf);
    return 0;
}

/* Closes the store; prints `done` on success, else the error. */
static int finish_write(struct incident_write *w, int rc, const char *done)
{
    store_close(w->st);
    if (rc)
        return cli_fail(&w->err);
    printf("%s\n", done);
    return 0;
}

static int incident_ack_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"by", required_argument, NULL, 'b'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *by = NULL, *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'b')
            by = optarg;
        else if (c == 'T')
            at = optarg;
        else
            return opt_error(c, argv);
    }
    if (optind + 1 != argc)
        return cli_usage(CMD, "ack には報告経路の段階の ID（例 INC-2026-0001-01）を一つ指定してください");
    struct incident_write w;
    int rc = write_open(cli, &w);
    if (rc)
        return rc;
    char msg[160];
    rc = incident_ack(w.st, &w.actor, argv[optind], by, at, &w.err);
    snprintf(msg, sizeof msg, "%s を受領しました", argv[optind]);
    return finish_write(&w, rc, msg);
}

/* --X sets a triage flag, --no-X clears it. */
static const struct triage_flag {
    const char *name;
    size_t off;
} triage_flags[] = {
    {"personal", offsetof(struct incident_triage, personal_info)},
    {"specific", offsetof(struct incident_triage, specific_personal)},
    {"sensitive", offsetof(struct incident_triage, sensitive_personal)},
    {"ordinance-sensitive", offsetof(struct incident_triage, ordinance_sensitive)},
    {"property-damage", offsetof(struct incident_triage, property_damage)},
    {"improper-purpose", offsetof(struct incident_triage, improper_purpose)},
    {"crime", offsetof(struct incident_triage, crime_suspected)},
    {"press", offsetof(struct incident_triage, press_release)},
    {"provider", offsetof(struct incident_triage, provider_involved)},
};
#define NFLAGS (sizeof triage_flags / sizeof triage_flags[0])

static int incident_triage_cmd(int argc, char **argv, struct cli *cli)
{
    struct option opts[2 * NFLAGS + 12];
    char nobuf[NFLAGS][40];
    size_t k = 0;
    for (size_t i = 0; i < NFLAGS; i++) {
        opts[k++] = (struct option){triage_flags[i].name, no_argument, NULL, 1000 + (int)i};
        snprintf(nobuf[i], sizeof nobuf[i], "no-%s", triage_flags[i].name);
        opts[k++] = (struct option){nobuf[i], no_argument, NULL, 2000 + (int)i};
    }
    static const struct option rest[] = {
        {"incident", no_argument, NULL, 'i'},       {"not-incident", no_argument, NULL, 'n'},
        {"undetermined", no_argument, NULL, 'u'},   {"severity", required_argument, NULL, 'S'},
        {"persons", required_argument, NULL, 'p'},  {"system", required_argument, NULL, 's'},
        {"asset", required_argument, NULL, 'a'},    {"note", required_argument, NULL, 'N'},
        {"by", required_argument, NULL, 'b'},       {"at", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0}};
    memcpy(opts + k, rest, sizeof rest);
    struct incident_triage t;
    incident_triage_init(&t);
    struct strs systems = {0}, assets = {0};
    const char *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c >= 1000 && c < 1000 + (int)NFLAGS) {
            *(int *)((char *)&t + triage_flags[c - 1000].off) = 1;
            continue;
        }
        if (c >= 2000 && c < 2000 + (int)NFLAGS) {
            *(int *)((char *)&t + triage_flags[c - 2000].off) = 0;
            continue;
        }
        switch (c) {
        case 'i': t.judgement = "incident"; break;
        case 'n': t.judgement = "not_incident"; break;
        case 'u': t.judgement = "undetermined"; break;
        case 'S': t.severity = optarg; break;
        case 'p': {
            char *end;
            long long v = strtoll(optarg, &end, 10);
            if (*end || v < 0) {
                free(systems.v), free(assets.v);
                return cli_usage(CMD, "--persons は 0 以上の整数です");
            }
            t.persons_affected = v;
            break;
        }
        case 's': strs_add(&systems, optarg); break;
        case 'a': strs_add(&assets, optarg); break;
        case 'N': t.note = optarg; break;
        case 'b': t.triaged_by = optarg; break;
        case 'T': at = optarg; break;
        default: free(systems.v), free(assets.v); return opt_error(c, argv);
        }
    }
    if (optind + 1 != argc) {
        free(systems.v), free(assets.v);
        return cli_usage(CMD, "triage にはインシデントの ID を一つ指定してください");
    }
    t.add_systems = systems.v, t.nadd_systems = systems.n;
    t.add_assets = assets.v, t.nadd_assets = assets.n;
    struct store *st;
    int rc = open_rw(cli, &st);
    if (rc) {
        free(systems.v), free(assets.v);
        return rc;
    }
    struct mm_err err;
    mm_err_clear(&err);
    char abuf[256];
    struct audit_actor actor;
    actor_init(&actor, abuf, sizeof abuf);
    const char *id = argv[optind];
    rc = incident_triage(st, &actor, id, &t, at, &err);
    free(systems.v), free(assets.v);
    json_t *o = NULL;
    if (!rc)
        rc = incident_get(st, id, at, &o, &err);
    if (!rc) {
        printf("%s を評価しました: %s\n", id, S(o, "judgement_label"));
        size_t i;
        json_t *d;
        char b[64];
        json_array_foreach(json_object_get(o, "duties"), i, d)
            printf("  対外対応 %-12s %s  期限 %s\n", S(d, "kind"), S(d, "kind_label"),
                   disp(S(d, "due_at"), b, sizeof b));
    }
    json_decref(o);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

static int incident_action_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"description", required_argument, NULL, 'd'},
                                         {"by", required_argument, NULL, 'b'},
                                         {"done-at", required_argument, NULL, 'w'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *desc = NULL, *by = NULL, *done_at = NULL, *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': desc = optarg; break;
        case 'b': by = optarg; break;
        case 'w': done_at = optarg; break;
        case 'T': at = optarg; break;
        default: return opt_error(c, argv);
        }
    }
    if (optind + 2 != argc || !desc)
        return cli_usage(CMD, "action には ID と種類（evidence, containment, recovery, monitoring, "
                              "root_cause, prevention_plan, note）と --description が必要です");
    struct incident_write w;
    int rc = write_open(cli, &w);
    if (rc)
        return rc;
    char aid[INCIDENT_ID_LEN], msg[160];
    rc = incident_action_add(w.st, &w.actor, argv[optind], argv[optind + 1], desc, by, done_at, at,
                             aid, &w.err);
    snprintf(msg, sizeof msg, "対応 %s を記録しました", aid);
    return finish_write(&w, rc, msg);
}

static int incident_duty_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"reference", required_argument, NULL, 'r'},
                                         {"by", required_argument, NULL, 'b'},
                                         {"done-at", required_argument, NULL, 'w'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *ref = NULL, *by = NULL, *done_at = NULL, *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'r': ref = optarg; break;
        case 'b': by = optarg; break;
        case 'w': done_at = optarg; break;
        case 'T': at = optarg; break;
        default: return opt_error(c, argv);
        }
    }
    if (optind + 2 != argc)
        return cli_usage(CMD, "duty には ID と対外対応の種類（mic, prefecture, ppc_prompt, "
                              "ppc_final, data_subject, police, press, provider, reporter）が必要です");
    struct incident_write w;
    int rc = write_open(cli, &w);
    if (rc)
        return rc;
    char msg[160];
    rc = incident_duty_done(w.st, &w.actor, argv[optind], argv[optind + 1], ref, by, done_at, at,
                            &w.err);
    snprintf(msg, sizeof msg, "%s の対外対応 %s を済みにしました", argv[optind], argv[optind + 1]);
    return finish_write(&w, rc, msg);
}

static int incident_close_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"outcome", required_argument, NULL, 'o'},
                                         {"by", required_argument, NULL, 'b'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *outcome = NULL, *by = NULL, *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'o': outcome = optarg; break;
        case 'b': by = optarg; break;
        case 'T': at = optarg; break;
        default: return opt_error(c, argv);
        }
    }
    if (optind + 1 != argc)
        return cli_usage(CMD, "close にはインシデントの ID を一つ指定してください");
    struct incident_write w;
    int rc = write_open(cli, &w);
    if (rc)
        return rc;
    char msg[160];
    rc = incident_close(w.st, &w.actor, argv[optind], outcome, by, at, &w.err);
    snprintf(msg, sizeof msg, "%s を終結しました", argv[optind]);
    return finish_write(&w, rc, msg);
}

/* ---- 緊急連絡網 ---- */

static const struct table_column contact_cols[] = {
    {"role", "役割", TC_TEXT, NULL, NULL, TC_BOTH},
    {"scope_id", "範囲ID", TC_TEXT, NULL, NULL, TC_MACHINE},
    {"scope", "範囲", TC_TEXT, NULL, NULL, TC_BOTH},
    {"person_id", "職員番号", TC_TEXT, NULL, NULL, TC_BOTH},
    {"name", "氏名", TC_TEXT, NULL, NULL, TC_BOTH},
    {"email", "連絡先", TC_TEXT, NULL, NULL, TC_BOTH},
    {"gap", "不備", TC_TEXT, NULL, NULL, TC_BOTH},
};

static int incident_contacts_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"as-of", required_argument, NULL, 'a'},
                                         {"gaps", no_argument, NULL, 'g'},
                                         {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    const char *asof = NULL;
    int gaps_only = 0;
    enum table_format fmt = TABLE_TEXT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'a': asof = optarg; break;
        case 'g': gaps_only = 1; break;
        case 'f':
            if (browse_format(CMD, optarg, &fmt))
                return 2;
            break;
        default: return opt_error(c, argv);
        }
    }
    if (optind < argc)
        return cli_usage(CMD, "contacts に余分な引数「%s」があります", argv[optind]);
    char today[16];
    if (!asof)
        asof = browse_today(today, sizeof today);
    struct mm_date d;
    struct mm_err err;
    mm_err_clear(&err);
    if (date_parse(asof, "--as-of", &d, &err))
        return cli_usage(CMD, "%s", err.msg);
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    json_t *arr = NULL;
    size_t ngaps = 0;
    rc = incident_contacts(st, asof, &arr, &ngaps, &err);
    if (!rc) {
        json_t *shown = json_array();
        size_t i;
        json_t *o;
        json_array_foreach(arr, i, o) if (!gaps_only || S(o, "gap")) json_array_append(shown, o);
        if (fmt == TABLE_JSON) {
            print_json(shown);
        } else {
            struct table t;
            table_init(&t, contact_cols, sizeof contact_cols / sizeof contact_cols[0]);
            json_array_foreach(shown, i, o)
            {
                const char *cells[] = {fmt == TABLE_TEXT ? S(o, "role_label") : S(o, "role"),
                                       S(o, "scope_id"),
                                       S(o, "scope_name"),
                                       S(o, "person_id"),
                                       S(o, "person_name"),
                                       S(o, "email"),
                                       fmt == TABLE_TEXT ? incident_gap_label(S(o, "gap"))
                                                         : S(o, "gap")};
                table_add_row(&t, cells);
            }
            table_print(&t, fmt, stdout);
            table_free(&t);
            if (fmt == TABLE_TEXT)
                printf("\n緊急連絡網（%s 現在）: %zu 件、うち不備 %zu 件\n", asof,
                       json_array_size(arr), ngaps);
        }
        json_decref(shown);
    }
    json_decref(arr);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

/* ---- what awaits a person ---- */

static const struct table_column await_cols[] = {
    {"step_id", "段階ID", TC_TEXT, NULL, NULL, TC_BOTH},
    {"due_at", "受領期限", TC_TEXT, NULL, NULL, TC_BOTH},
    {"state", "状況", TC_TEXT, NULL, NULL, TC_BOTH},
    {"role", "報告先", TC_TEXT, NULL, NULL, TC_BOTH},
    {"title", "件名", TC_TEXT, NULL, NULL, TC_BOTH},
};

static int incident_awaiting_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"person", required_argument, NULL, 'p'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *person = NULL, *at = NULL;
    enum table_format fmt = TABLE_TEXT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'p': person = optarg; break;
        case 'f':
            if (browse_format(CMD, optarg, &fmt))
                return 2;
            break;
        case 'T': at = optarg; break;
        default: return opt_error(c, argv);
        }
    }
    if (optind < argc || !person)
        return cli_usage(CMD, "awaiting には --person 職員番号 が必要です");
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    json_t *arr = NULL;
    rc = incident_awaiting(st, person, at, &arr, &err);
    if (!rc && fmt == TABLE_JSON) {
        print_json(arr);
    } else if (!rc) {
        struct table t;
        table_init(&t, await_cols, sizeof await_cols / sizeof await_cols[0]);
        size_t i;
        json_t *o;
        json_array_foreach(arr, i, o)
        {
            char b[64], role[256];
            snprintf(role, sizeof role, "%s%s%s", S(o, "role_label") ? S(o, "role_label") : "",
                     S(o, "scope_name") ? " " : "", S(o, "scope_name") ? S(o, "scope_name") : "");
            const char *cells[] = {S(o, "step_id"),
                                   fmt == TABLE_TEXT ? disp(S(o, "due_at"), b, sizeof b)
                                                     : S(o, "due_at"),
                                   fmt == TABLE_TEXT ? S(o, "state_label") : S(o, "state"), role,
                                   S(o, "title")};
            table_add_row(&t, cells);
        }
        table_print(&t, fmt, stdout);
        table_free(&t);
    }
    json_decref(arr);
    store_close(st);
    return rc ? cli_fail(&err) : 0;
}

/* ---- PDF ---- */

static int incident_pdf_cmd(int argc, char **argv, struct cli *cli)
{
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"at", required_argument, NULL, 'T'},
                                         {NULL, 0, NULL, 0}};
    const char *out = NULL, *at = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (c == 'o')
            out = optarg;
        else if (c == 'T')
            at = optarg;
        else
            return opt_error(c, argv);
    }
    if (optind + 1 != argc || !out)
        return cli_usage(CMD, "report-pdf にはインシデントの ID と --out ファイル が必要です");
    struct store *st;
    int rc = cli_open(cli, STORE_OPEN_READONLY, &st);
    if (rc)
        return rc;
    struct mm_err err;
    mm_err_clear(&err);
    rc = incident_pdf_write(st, argv[optind], at, out, NULL, NULL, &err);
    store_close(st);
    pdf_shutdown(); /* the font library's caches, so leak checkers see a clean exit */
    if (rc)
        return cli_fail(&err);
    printf("%s に %s の報告書を書き出しました\n", out, argv[optind]);
    return 0;
}

static int incident_run(int argc, char **argv, struct cli *cli)
{
    static const struct browse_sub subs[] = {
        {"report", incident_report_cmd},     {"list", incident_list_cmd},
        {"show", incident_show_cmd},         {"timeline", incident_show_cmd},
        {"ack", incident_ack_cmd},           {"triage", incident_triage_cmd},
        {"action", incident_action_cmd},     {"duty", incident_duty_cmd},
        {"close", incident_close_cmd},       {"contacts", incident_contacts_cmd},
        {"report-pdf", incident_pdf_cmd},    {"awaiting", incident_awaiting_cmd},
        {NULL, NULL}};
    return browse_dispatch(CMD, subs, argc, argv, cli);
}

const struct command cmd_incident_def = {
    "incident", incident_run, "情報セキュリティインシデントの報告・経路・評価・対応・対外対応・緊急連絡網",
    "使い方: mamori incident <サブコマンド> …\n"
    "\n"
    "情報セキュリティインシデントを対策基準 5.3・7.3 の流れで記録します（docs/incidents.md）。\n"
    "報告は報告経路（第1段階 情報セキュリティ管理者と統一的な窓口（CSIRT）、第2段階 統括情報\n"
    "セキュリティ責任者と情報システム管理者、第3段階 CISO と情報セキュリティ責任者）へ、現在の\n"
    "役割の割当てから担い手を求めて渡されます。各段階の受領期限はローカルパラメータ\n"
    "incident_step{1,2,3}_ack_minutes で、段階の全員が受領すると次の段階へ渡ります。\n"
    "\n"
    "  report --title 件名 --description 内容 [--reporter 職員番号] [--department 課室]\n"
    "         [--occurred 日時] [--system ID]… [--asset ID]… [--id ID]\n"
    "         [--external --from 報告者 [--contact 連絡先]]   住民等外部からの報告を受け付けた\n"
    "         （--reporter は受け付けた職員等）。--id は紙の台帳から移すときなど（既定は\n"
    "         INC-年-連番）\n"
    "  list [--status open|reported|responding|closed] [--overdue] [--department 課室]\n"
    "       [--format table|tsv|json]\n"
    "  show ID [--format table|json]        詳細（報告経路・対応・対外対応・経過）\n"
    "  timeline ID [--format table|json]    経過だけ\n"
    "  ack 段階ID [--by 職員番号]            報告の受領（例 INC-2026-0001-01）\n"
    "  awaiting --person 職員番号 [--format table|tsv|json]   その人に届いて未受領の報告\n"
    "  triage ID [--incident|--not-incident|--undetermined] [--severity low|medium|high|critical]\n"
    "         [--personal] [--specific] [--sensitive] [--ordinance-sensitive]\n"
    "         [--property-damage] [--improper-purpose] [--persons 人数] [--crime] [--press]\n"
    "         [--provider] [--system ID]… [--asset ID]… [--note 所見] [--by 職員番号]\n"
    "         CSIRT の評価（5.3(3)①）。各フラグは --no-… で取り消せます。評価に応じて\n"
    "         対外対応（総務省・都道府県・個人情報保護委員会の速報と確報・本人通知・警察・\n"
    "         報道機関・事業者・報告者）と期限を計算し直します\n"
    "  action ID 種類 --description 内容 [--by 職員番号] [--done-at 日時]\n"
    "         種類: evidence（証拠保全）, containment（応急措置）, recovery（復旧）,\n"
    "         monitoring（再発の監視）, root_cause（原因の究明）, prevention_plan（再発防止計画）,\n"
    "         note（記録）。証拠保全の前に応急措置・復旧は記録できません（7.3 解説 ③(キ)）\n"
    "  duty ID 種類 [--reference 番号] [--by 職員番号] [--done-at 日時]   対外対応を済みにする\n"
    "  close ID [--outcome 結果] [--by 職員番号]   終結（足りないものがあれば断ります）\n"
    "  contacts [--as-of YYYY-MM-DD] [--gaps] [--format table|tsv|json]\n"
    "         緊急連絡網（7.3(2)①）。担い手のいない役割、退職・異動した担い手、連絡先のない\n"
    "         担い手を不備として示します\n"
    "  report-pdf ID --out ファイル          インシデント報告書（経過を含む）を PDF で\n"
    "\n"
    "日時は YYYY-MM-DD か YYYY-MM-DDTHH:MM（日本時間）。書き込むサブコマンドと show・list は\n"
    "--at 日時 で「現在」を指定できます（後から記録するとき。期限超過の判定もこの日時で）。\n"
    "変更はすべて変更履歴（mamori log）に残ります。\n"};
