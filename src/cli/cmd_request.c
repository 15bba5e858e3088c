/*
 * cmd_request.c — `mamori request …`: 申請・承認 from the command line over the approval engine
 * (src/approval/approval.h): the kinds, filing, listing and showing requests, decisions with
 * 代決, amendment after 差戻し, withdrawal, end reports, renewal, attachments, the inbox,
 * absences, delegations, route changes, risk acceptances filed as 例外措置 and imported
 * remote-access logins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval.h"
#include "cli/cli.h"
#include "model/params.h"

#define MAX_SET 64
#define MAX_POS 8

struct opts {
    const char *as, *today, *title, *comment, *manager, *format, *state, *kind, *reason;
    const char *until, *from, *to, *role, *instrument, *measures, *output, *mode, *awaiting;
    const char *read, *days;
    int emergency, unread, remove;
    struct approval_value set[MAX_SET];
    size_t nset;
    const char *pos[MAX_POS];
    size_t npos;
    char today_buf[11];
};

/* Options that take a value, and where it goes. */
static const char **opt_slot(struct opts *o, const char *name)
{
    static const char *const names[] = {"as",    "today",  "title",      "comment",  "manager",
                                        "format", "state", "kind",       "reason",   "until",
                                        "from",  "to",     "role",       "instrument", "measures",
                                        "output", "mode",  "awaiting",   "read",     "days"};
    const char **slots[] = {&o->as,     &o->today,  &o->title,    &o->comment,    &o->manager,
                            &o->format, &o->state,  &o->kind,     &o->reason,     &o->until,
                            &o->from,   &o->to,     &o->role,     &o->instrument, &o->measures,
                            &o->output, &o->mode,   &o->awaiting, &o->read,       &o->days};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return slots[i];
    return NULL;
}

static int parse(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            if (o->npos == MAX_POS)
                return cli_usage(&cmd_request_def, "引数が多すぎます（「%s」）", a);
            o->pos[o->npos++] = a;
            continue;
        }
        const char *name = a + 2;
        if (strcmp(name, "emergency") == 0 || strcmp(name, "unread") == 0 ||
            strcmp(name, "remove") == 0) {
            *(name[0] == 'e' ? &o->emergency : name[0] == 'u' ? &o->unread : &o->remove) = 1;
            continue;
        }
        if (i + 1 >= argc)
            return cli_usage(&cmd_request_def, "%s には値が要ります", a);
        const char *v = argv[++i];
        if (strcmp(name, "set") == 0) {
            const char *eq = strchr(v, '=');
            if (!eq || eq == v || o->nset == MAX_SET)
                return cli_usage(&cmd_request_def, "--set は 項目=値 の形です（「%s」）", v);
            char *field = strndup(v, (size_t)(eq - v));
            o->set[o->nset].field = field;
            o->set[o->nset].value = eq + 1;
            o->nset++;
            continue;
        }
        const char **slot = opt_slot(o, name);
        if (!slot)
            return cli_usage(&cmd_request_def, "オプション「%s」はありません", a);
        *slot = v;
    }
    if (!o->today) {
        approval_today_jst(o->today_buf);
        o->today = o->today_buf;
    }
    return 0;
}

static void free_opts(struct opts *o)
{
    for (size_t i = 0; i < o->nset; i++)
        free((char *)o->set[i].field);
}

static int need_as(const struct opts *o)
{
    if (o->as && *o->as)
        return 0;
    return cli_usage(&cmd_request_def, "--as に操作する職員等の ID を指定してください");
}

static int need_id(const struct opts *o, long long *id)
{
    char *end = NULL;
    *id = o->npos ? strtoll(o->pos[0], &end, 10) : 0;
    if (!o->npos || *end || *id <= 0)
        return cli_usage(&cmd_request_def, "申請の番号を指定してください");
    return 0;
}

static void actor_of(struct audit_actor *a, char *buf, size_t size)
{
    audit_actor_cli(a, buf, size);
}

static int done(int rc, const struct mm_err *err, struct mm_problems *p)
{
    if (rc) {
        cli_fail(err);
        if (p)
            cli_print_problems(p);
    }
    if (p)
        mm_problems_free(p);
    return rc;
}

static void print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0);
    if (s) {
        puts(s);
        free(s);
    }
}

static const char *js(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* ---- subcommands ---- */

static int sub_kinds(struct store *st, struct opts *o)
{
    json_t *arr = NULL;
    struct mm_err err;
    int rc = approval_kinds_json(st, &arr, &err);
    if (rc)
        return done(rc, &err, NULL);
    size_t i;
    json_t *k;
    if (o->format && strcmp(o->format, "json") == 0)
        print_json(arr);
    else
        json_array_foreach(arr, i, k)
        {
            if (o->npos && strcmp(o->pos[0], js(k, "code")) != 0)
                continue;
            printf("%-20s %s（%s）\n    決定: %s\n", js(k, "code"), js(k, "label"),
                   js(k, "clauses"), js(k, "basis"));
            if (!o->npos)
                continue;
            size_t j;
            json_t *f;
            printf("  項目:\n");
            json_array_foreach(json_object_get(k, "fields"), j, f)
            printf("    %-16s %s%s（%s）\n", js(f, "code"), js(f, "label"),
                   strcmp(js(f, "required"), "1") == 0 ? " *必須" : "", js(f, "type"));
            printf("  経路:\n");
            json_array_foreach(json_object_get(k, "route"), j, f)
            printf("    段階%s %s（%s、%s）%s%s\n", js(f, "step"), js(f, "role_label"),
                   js(f, "scope"), strcmp(js(f, "mode"), "any") == 0 ? "又は" : "及び",
                   *js(f, "when_field") ? " 条件: " : "", js(f, "when_field"));
            printf("  受け付けない条件:\n");
            json_array_foreach(json_object_get(k, "refusals"), j, f)
            printf("    %s\n", js(f, "message"));
        }
    json_decref(arr);
    return 0;
}

static int sub_route(struct store *st, struct opts *o)
{
    if (!o->npos)
        return cli_usage(&cmd_request_def, "申請の種類を指定してください");
    if (need_as(o))
        return 2;
    struct approval_route r;
    struct mm_err err;
    int rc = approval_check_refusals(st, o->pos[0], o->set, o->nset, &err);
    if (!rc)
        rc = approval_resolve(st, o->pos[0], o->as, o->set, o->nset, o->today, &r, &err);
    if (rc)
        return done(rc, &err, NULL);
    for (size_t i = 0; i < r.n; i++) {
        const struct approval_step *s = &r.steps[i];
        printf("段階%d\t%s\t%s\t%s\t%s%s%s\n", s->step, s->role, s->person_id, s->person_name,
               strcmp(s->mode, "any") == 0 ? "又は" : "及び", s->escalation[0] ? "\t" : "",
               s->escalation);
    }
    approval_route_free(&r);
    return 0;
}

static int sub_new(struct store *st, struct opts *o)
{
    if (!o->npos)
        return cli_usage(&cmd_request_def, "申請の種類を指定してください（mamori request kinds）");
    if (need_as(o))
        return 2;
    struct approval_new q = {o->pos[0], o->title, o->as, o->set, o->nset, o->emergency, 0, 0,
                             o->today};
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    long long id = 0;
    struct mm_err err;
    struct mm_problems p = {0};
    int rc = approval_create(st, &a, &q, &id, &p, &err);
    if (!rc)
        printf("申請 #%lld を受け付けました\n", id);
    return done(rc, &err, &p);
}

static int sub_list(struct store *st, struct opts *o)
{
    struct approval_filter f = {o->as, o->awaiting, o->state, o->kind, 0};
    json_t *arr = NULL;
    struct mm_err err;
    int rc = approval_list_json(st, &f, o->today, &arr, &err);
    if (rc)
        return done(rc, &err, NULL);
    if (o->format && strcmp(o->format, "json") == 0)
        print_json(arr);
    else {
        size_t i;
        json_t *r;
        json_array_foreach(arr, i, r)
        printf("#%lld\t%s\t%s\t%s\t%s%s\n", (long long)json_integer_value(json_object_get(r, "id")),
               js(r, "state_label"), js(r, "kind_label"), js(r, "requester_name"), js(r, "title"),
               json_is_true(json_object_get(r, "expired")) ? "\t期限切れ" : "");
    }
    json_decref(arr);
    return 0;
}

static int sub_show(struct store *st, struct opts *o)
{
    long long id;
    if (need_id(o, &id))
        return 2;
    json_t *r = NULL;
    struct mm_err err;
    int rc = approval_get_json(st, id, o->today, &r, &err);
    if (rc)
        return done(rc, &err, NULL);
    if (o->format && strcmp(o->format, "json") == 0) {
        print_json(r);
        json_decref(r);
        return 0;
    }
    printf("申請 #%lld %s\n種類: %s（%s）\n申請者: %s（%s）\n状態: %s%s%s\n", id, js(r, "title"),
           js(r, "kind_label"), js(r, "clauses"), js(r, "requester_name"), js(r, "requester_id"),
           js(r, "state_label"), json_is_true(json_object_get(r, "expired")) ? "（期限切れ）" : "",
           json_is_true(json_object_get(r, "emergency")) ? "（緊急時の例外措置・事後決定）" : "");
    printf("期間: %s 〜 %s\n", js(r, "valid_from"), js(r, "valid_until"));
    if (*js(r, "conditions"))
        printf("条件・理由: %s\n", js(r, "conditions"));
    size_t i;
    json_t *v;
    printf("内容:\n");
    json_array_foreach(json_object_get(r, "values"), i, v)
    printf("  %s: %s\n", js(v, "label"), js(v, "display"));
    printf("経路:\n");
    json_array_foreach(json_object_get(r, "approvals"), i, v)
    {
        printf("  第%lld回 段階%lld %s %s（%s）: %s", (long long)json_integer_value(json_object_get(v, "round")),
               (long long)json_integer_value(json_object_get(v, "step")), js(v, "role_label"),
               js(v, "name"), js(v, "person_id"),
               *js(v, "decision")     ? approval_decision_label(js(v, "decision"))
               : *js(v, "decided_at") ? "不要"
                                      : "未決定");
        if (*js(v, "instrument"))
            printf("（代決: %s、%s）", js(v, "decided_by_name"), js(v, "instrument"));
        if (*js(v, "comment"))
            printf(" 「%s」", js(v, "comment"));
        if (*js(v, "absent"))
            printf(" 不在 %s", js(v, "absent"));
        if (*js(v, "delegates"))
            printf(" 代決者: %s", js(v, "delegates"));
        if (*js(v, "escalation"))
            printf("\n    ※ %s", js(v, "escalation"));
        printf("\n");
    }
    json_array_foreach(json_object_get(r, "attachments"), i, v)
    printf("添付 #%s %s（%s バイト、SHA-256 %s）\n", js(v, "id"), js(v, "name"), js(v, "size"),
           js(v, "sha256"));
    json_decref(r);
    return 0;
}

static int sub_decide(struct store *st, struct opts *o)
{
    long long id;
    if (need_id(o, &id) || need_as(o))
        return 2;
    if (o->npos < 2)
        return cli_usage(&cmd_request_def, "決定（approve / conditional / reject / return）を指定してください");
    struct approval_decision d = {id, o->as, o->pos[1], o->comment, o->manager, o->today};
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    int rc = approval_decide(st, &a, &d, &err);
    if (!rc)
        printf("申請 #%lld に「%s」を記録しました\n", id, approval_decision_label(o->pos[1]));
    return done(rc, &err, NULL);
}

static int sub_amend(struct store *st, struct opts *o)
{
    long long id;
    if (need_id(o, &id) || need_as(o))
        return 2;
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    struct mm_problems p = {0};
    int rc = approval_amend(st, &a, id, o->as, o->set, o->nset, o->today, &p, &err);
    if (!rc)
        printf("申請 #%lld を変更し、改めて審査に回しました\n", id);
    return done(rc, &err, &p);
}

static int sub_simple(struct store *st, struct opts *o, const char *which)
{
    long long id;
    if (need_id(o, &id) || need_as(o))
        return 2;
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    int rc;
    if (which[0] == 'w')
        rc = approval_withdraw(st, &a, id, o->as, o->reason, o->today, &err);
    else
        rc = approval_close(st, &a, id, o->as, o->today, &err);
    if (!rc)
        printf("申請 #%lld を%sしました\n", id, which[0] == 'w' ? "取り下げ" : "終了");
    return done(rc, &err, NULL);
}

static int sub_renew(struct store *st, struct opts *o)
{
    long long id, nid = 0;
    if (need_id(o, &id) || need_as(o))
        return 2;
    if (!o->until)
        return cli_usage(&cmd_request_def, "--until に新しい期限を指定してください");
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    struct mm_problems p = {0};
    int rc = approval_renew(st, &a, id, o->as, o->until, o->today, &nid, &p, &err);
    if (!rc)
        printf("申請 #%lld の更新を申請 #%lld として受け付けました\n", id, nid);
    return done(rc, &err, &p);
}

static int sub_delegate(struct store *st, struct opts *o)
{
    if (o->npos < 2 || !o->role || !o->instrument || !o->from || !o->to)
        return cli_usage(&cmd_request_def,
                         "使い方: request delegate 委任する人 代決する人 --role 役割 --instrument 根拠 "
                         "--from 開始日 --to 終了日");
    struct approval_delegation q = {o->pos[0], o->role, o->pos[1], o->instrument, o->from, o->to};
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    long long id = 0;
    struct mm_err err;
    int rc = approval_delegate(st, &a, &q, &id, &err);
    if (!rc)
        printf("代決の委任 #%lld を記録しました\n", id);
    return done(rc, &err, NULL);
}

static int sub_absence(struct store *st, struct opts *o)
{
    if (!o->npos || !o->from || !o->to)
        return cli_usage(&cmd_request_def, "使い方: request absence 職員等ID --from 日付 --to 日付 [--reason 理由]");
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    long long id = 0;
    struct mm_err err;
    int rc = approval_absence(st, &a, o->pos[0], o->from, o->to, o->reason, &id, &err);
    if (!rc)
        printf("不在 #%lld を記録しました\n", id);
    return done(rc, &err, NULL);
}

static int read_file(const char *path, unsigned char **data, size_t *size, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 65536, n = 0;
    unsigned char *b = malloc(cap);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n > max)
            break;
        if (n == cap)
            b = realloc(b, cap *= 2);
    }
    fclose(f);
    *data = b;
    *size = n;
    return b ? 0 : -1;
}

static int sub_attach(struct store *st, struct opts *o)
{
    long long id, att = 0;
    if (need_id(o, &id) || need_as(o))
        return 2;
    if (o->npos < 2)
        return cli_usage(&cmd_request_def, "添付するファイルを指定してください");
    unsigned char *data = NULL;
    size_t size = 0;
    if (read_file(o->pos[1], &data, &size, 64u << 20)) {
        fprintf(stderr, "mamori: %s を読めません\n", o->pos[1]);
        free(data);
        return 2;
    }
    const char *name = strrchr(o->pos[1], '/');
    name = name ? name + 1 : o->pos[1];
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    int rc = approval_attach(st, &a, id, o->as, name, data, size, &att, &err);
    free(data);
    if (!rc)
        printf("申請 #%lld に添付 #%lld（%s、%zu バイト）を加えました\n", id, att, name, size);
    return done(rc, &err, NULL);
}

static int sub_attachment(struct store *st, struct opts *o)
{
    long long id;
    if (need_id(o, &id))
        return 2;
    unsigned char *data = NULL;
    size_t size = 0;
    char name[256];
    struct mm_err err;
    int rc = approval_attachment_get(st, id, &data, &size, name, sizeof name, &err);
    if (rc)
        return done(rc, &err, NULL);
    FILE *f = o->output ? fopen(o->output, "wb") : stdout;
    if (!f || fwrite(data, 1, size, f) != size) {
        fprintf(stderr, "mamori: %s に書けません\n", o->output ? o->output : "標準出力");
        rc = 3;
    }
    if (f && f != stdout)
        fclose(f);
    free(data);
    return rc;
}

static int print_notice(void *ctx, const struct approval_notice *n)
{
    (void)ctx;
    printf("%lld\t%s\t%s%s\n", n->id, n->created_at, n->read_at ? "" : "【未読】", n->message);
    return 0;
}

static int sub_inbox(struct store *st, struct opts *o)
{
    if (!o->npos)
        return cli_usage(&cmd_request_def, "職員等の ID を指定してください");
    struct mm_err err;
    int rc;
    if (o->read) {
        struct audit_actor a;
        char buf[128];
        actor_of(&a, buf, sizeof buf);
        long long nid = strcmp(o->read, "all") == 0 ? 0 : atoll(o->read);
        rc = approval_inbox_read(st, &a, o->pos[0], nid, &err);
        if (!rc)
            printf("既読にしました\n");
        return done(rc, &err, NULL);
    }
    rc = approval_inbox_each(st, o->pos[0], o->unread, print_notice, NULL, &err);
    return done(rc, &err, NULL);
}

static int sub_remind(struct store *st, struct opts *o)
{
    long long days = 0;
    struct mm_err err;
    int rc = MM_OK;
    if (o->days)
        days = atoll(o->days);
    else
        rc = params_get_int(st, "request_expiry_notice_days", &days, &err);
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    int count = 0;
    if (!rc)
        rc = approval_remind_expiring(st, &a, o->today, (int)days, &count, &err);
    if (!rc)
        printf("期限の近い許可 %d 件を申請者に知らせました\n", count);
    return done(rc, &err, NULL);
}

static int sub_route_set(struct store *st, struct opts *o)
{
    if (o->npos < 4)
        return cli_usage(&cmd_request_def,
                         "使い方: request route-set 種類 段階 役割 範囲 [--mode all|any] [--remove]");
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    int rc = approval_route_set(st, &a, o->pos[0], atoi(o->pos[1]), o->pos[2], o->pos[3],
                                o->mode ? o->mode : "all", o->remove, &err);
    if (!rc)
        printf("「%s」の経路を%sしました\n", o->pos[0], o->remove ? "削除" : "設定");
    return done(rc, &err, NULL);
}

static int sub_from_risk(struct store *st, struct opts *o)
{
    long long rid = o->npos ? atoll(o->pos[0]) : 0, id = 0;
    if (rid <= 0 || need_as(o))
        return cli_usage(&cmd_request_def, "使い方: request from-risk リスク受容番号 --as 申請者 --measures 代替措置");
    if (!o->measures)
        return cli_usage(&cmd_request_def, "--measures に代替措置を書いてください");
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    int rc = approval_from_risk(st, &a, rid, o->as, o->measures, o->today, &id, &err);
    if (!rc)
        printf("リスク受容 #%lld を例外措置の申請 #%lld として CISO に回しました\n", rid, id);
    return done(rc, &err, NULL);
}

/* Lines "person_id,system_id,login_at[,source]" (comma or tab); '#' lines and a header skipped. */
static int sub_import_logins(struct store *st, struct opts *o)
{
    if (!o->npos)
        return cli_usage(&cmd_request_def, "ログインの記録（CSV か TSV）を指定してください");
    FILE *f = strcmp(o->pos[0], "-") == 0 ? stdin : fopen(o->pos[0], "r");
    if (!f) {
        fprintf(stderr, "mamori: %s を読めません\n", o->pos[0]);
        return 2;
    }
    struct approval_login *rows = NULL;
    char **lines = NULL;
    size_t n = 0, cap = 0;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line;
        if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3;
        if (!*p || *p == '#' || strncmp(p, "person_id", 9) == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            rows = realloc(rows, cap * sizeof *rows);
            lines = realloc(lines, cap * sizeof *lines);
        }
        char *copy = strdup(p), *fields[4] = {0};
        lines[n] = copy;
        int k = 0;
        for (char *save = NULL, *t = strtok_r(copy, ",\t", &save); t && k < 4;
             t = strtok_r(NULL, ",\t", &save))
            fields[k++] = t;
        rows[n] = (struct approval_login){fields[0], fields[1], fields[2], fields[3]};
        n++;
    }
    if (f != stdin)
        fclose(f);
    struct audit_actor a;
    char buf[128];
    actor_of(&a, buf, sizeof buf);
    struct mm_err err;
    struct mm_problems p = {0};
    int rc = approval_import_logins(st, &a, rows, n, &p, &err);
    if (!rc)
        printf("外部からのログイン %zu 件を読み込みました\n", n);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    free(rows);
    return done(rc, &err, &p);
}

struct sub {
    const char *name;
    int write;
    int (*fn)(struct store *, struct opts *);
};

static int sub_withdraw(struct store *st, struct opts *o)
{
    return sub_simple(st, o, "withdraw");
}

static int sub_close(struct store *st, struct opts *o)
{
    return sub_simple(st, o, "close");
}

static const struct sub subs[] = {
    {"kinds", 0, sub_kinds},       {"route", 0, sub_route},         {"new", 1, sub_new},
    {"list", 0, sub_list},         {"show", 0, sub_show},           {"decide", 1, sub_decide},
    {"amend", 1, sub_amend},       {"withdraw", 1, sub_withdraw},   {"close", 1, sub_close},
    {"renew", 1, sub_renew},       {"delegate", 1, sub_delegate},   {"absence", 1, sub_absence},
    {"attach", 1, sub_attach},     {"attachment", 0, sub_attachment}, {"inbox", 1, sub_inbox},
    {"remind", 1, sub_remind},     {"route-set", 1, sub_route_set}, {"from-risk", 1, sub_from_risk},
    {"import-logins", 1, sub_import_logins}};

static int run(int argc, char **argv, struct cli *cli)
{
    if (argc < 2)
        return cli_usage(&cmd_request_def, "サブコマンドを指定してください");
    const struct sub *sub = NULL;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(subs[i].name, argv[1]) == 0)
            sub = &subs[i];
    if (!sub)
        return cli_usage(&cmd_request_def, "サブコマンド「%s」はありません", argv[1]);
    struct opts o;
    int rc = parse(argc - 2, argv + 2, &o);
    if (rc) {
        free_opts(&o);
        return rc;
    }
    struct store *st;
    rc = cli_open(cli, sub->write ? STORE_OPEN_READWRITE : STORE_OPEN_READONLY, &st);
    if (!rc) {
        rc = sub->fn(st, &o);
        store_close(st);
    }
    free_opts(&o);
    return rc;
}

const struct command cmd_request_def = {
    "request", run, "申請・承認（持ち出し、例外措置、クラウドサービス利用 …）",
    "使い方: mamori request <サブコマンド> [引数] [オプション]\n\n"
    "申請の種類はデータです（docs/approvals.md）。経路は条項の「許」「承」から作られ、申請者の課室・\n"
    "部局や申請の情報システムを通じて、その日に役割を持つ職員等に解決されます。申請者本人が決定者に\n"
    "なる場合は上位の役割へ回ります（兼務の禁止 1.(8)①）。\n\n"
    "  kinds [種類] [--format json]          申請の種類（種類を指定すると項目・経路・受け付けない条件）\n"
    "  route 種類 --as 申請者 [--set 項目=値 …]  経路を試しに解決して表示する（記録しない）\n"
    "  new 種類 --as 申請者 --set 項目=値 … [--title 件名] [--emergency]\n"
    "                                        申請する（--emergency は緊急時の例外措置の事後決定）\n"
    "  list [--as 職員等] [--awaiting 決定者] [--state 状態] [--kind 種類] [--format json]\n"
    "  show 番号 [--format json]              申請の内容・経路・決定・添付\n"
    "  decide 番号 approve|conditional|reject|return --as 決定者 [--comment 条件・理由]\n"
    "         [--manager クラウドサービス管理者]  決定する（代決の委任を受けた人も決定できる）\n"
    "  amend 番号 --as 申請者 --set 項目=値 …  差戻し後（又は決定前）に内容を直して審査に回す\n"
    "  withdraw 番号 --as 申請者 [--reason 理由]  取り下げる\n"
    "  close 番号 --as 申請者                  許可された利用の終了を報告する\n"
    "  renew 番号 --as 申請者 --until 日付      期限を延ばす更新を申請する\n"
    "  delegate 委任する人 代決する人 --role 役割 --instrument 根拠 --from 日付 --to 日付\n"
    "  absence 職員等 --from 日付 --to 日付 [--reason 理由]  決定者の不在を記録する\n"
    "  attach 番号 ファイル --as 申請者          添付する（上限 request_attachment_max_kb）\n"
    "  attachment 添付番号 [--output ファイル]   添付を取り出す\n"
    "  inbox 職員等 [--unread] [--read 番号|all]  受信箱（通知）\n"
    "  remind [--days N]                       期限の近い許可を申請者に知らせる\n"
    "  route-set 種類 段階 役割 範囲 [--mode all|any] [--remove]  団体の経路に変える\n"
    "  from-risk リスク受容番号 --as 申請者 --measures 代替措置  リスク受容を例外措置として申請する\n"
    "  import-logins ファイル                  外部からのログイン（person_id,system_id,login_at[,source]）\n\n"
    "共通: --today 日付 で基準日を変えられます（既定は今日、日本時間）。\n"};
