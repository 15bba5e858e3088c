/*
 * approval_misc.c — 代決 (delegations) and absences, attachments, the inbox with reminders of
 * expiring permissions, and imported remote-access logins.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approval/approval_impl.h"
#include "model/params.h"
#include "model/wareki.h"

static int log_row(struct store *st, const struct audit_actor *actor, const char *type,
                   long long id, json_t *after, struct mm_err *err)
{
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", id);
    int rc = auditlog_append(st, actor, "create", type, ids, NULL, after, err);
    json_decref(after);
    return rc;
}

static int need_period(const char *from, const char *to, struct mm_err *err)
{
    struct mm_date a, b;
    int rc = date_parse(from, "開始日", &a, err);
    if (!rc)
        rc = date_parse(to, "終了日", &b, err);
    if (!rc && date_compare(b, a) < 0)
        rc = mm_err_set(err, MM_EINPUT, "終了日 %s が開始日 %s より前です", to, from);
    return rc;
}

/* Runs fn inside one write transaction. */
static int in_tx(struct store *st, int (*fn)(struct store *, const void *, struct mm_err *),
                 const void *ctx, struct mm_err *err)
{
    int rc = store_begin(st, err);
    if (!rc)
        rc = fn(st, ctx, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

struct deleg_ctx {
    const struct audit_actor *actor;
    const struct approval_delegation *q;
    long long *id;
};

static int deleg_tx(struct store *st, const void *p, struct mm_err *err)
{
    const struct deleg_ctx *c = p;
    const struct approval_delegation *q = c->q;
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    int rc = ap_next_id(st, "request_delegation", c->id, err);
    if (!rc)
        rc = ap_exec(st,
                     "INSERT INTO request_delegation (id, delegator_id, role, delegate_id, "
                     "instrument, valid_from, valid_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     err, "isssssss", *c->id, q->delegator_id, q->role, q->delegate_id,
                     q->instrument, q->valid_from, q->valid_to, now);
    char msg[300];
    snprintf(msg, sizeof msg, "%s から代決を委任されました（%s〜%s、%s）", q->delegator_id,
             q->valid_from, q->valid_to, q->instrument);
    if (!rc)
        rc = ap_notify(st, q->delegate_id, 0, msg, err);
    if (!rc)
        rc = log_row(st, c->actor, "request_delegation", *c->id,
                     json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "delegator_id", q->delegator_id,
                               "role", q->role, "delegate_id", q->delegate_id, "instrument",
                               q->instrument, "valid_from", q->valid_from, "valid_to", q->valid_to),
                     err);
    return rc;
}

int approval_delegate(struct store *st, const struct audit_actor *actor,
                      const struct approval_delegation *q, long long *id_out, struct mm_err *err)
{
    int rc = ap_need_person(st, q->delegator_id, "委任する人", err);
    if (!rc)
        rc = ap_need_person(st, q->delegate_id, "代決する人", err);
    if (rc)
        return rc;
    if (strcmp(q->delegator_id, q->delegate_id) == 0)
        return mm_err_set(err, MM_EINPUT, "自分自身には代決を委任できません");
    if (!q->instrument || !*q->instrument)
        return mm_err_set(err, MM_EINPUT,
                          "代決の根拠（代決規程・専決規程・文書番号など）を書いてください");
    long long known = 0;
    rc = ap_int(st, "SELECT COUNT(*) FROM role WHERE code = ?", &known, err, "s",
                q->role ? q->role : "");
    if (!rc && !known)
        rc = mm_err_set(err, MM_EINPUT, "役割「%s」はありません", q->role ? q->role : "");
    if (!rc)
        rc = need_period(q->valid_from, q->valid_to, err);
    if (rc)
        return rc;
    struct deleg_ctx c = {actor, q, id_out};
    return in_tx(st, deleg_tx, &c, err);
}

struct absence_ctx {
    const struct audit_actor *actor;
    const char *person, *from, *to, *reason;
    long long *id;
};

static int absence_tx(struct store *st, const void *p, struct mm_err *err)
{
    const struct absence_ctx *c = p;
    int rc = ap_next_id(st, "request_absence", c->id, err);
    if (!rc)
        rc = ap_exec(st,
                     "INSERT INTO request_absence (id, person_id, absent_from, absent_to, reason) "
                     "VALUES (?, ?, ?, ?, ?)",
                     err, "issss", *c->id, c->person, c->from, c->to, c->reason);
    if (!rc)
        rc = log_row(st, c->actor, "request_absence", *c->id,
                     json_pack("{s:s, s:s, s:s, s:s?}", "person_id", c->person, "absent_from",
                               c->from, "absent_to", c->to, "reason", c->reason),
                     err);
    return rc;
}

int approval_absence(struct store *st, const struct audit_actor *actor, const char *person_id,
                     const char *from, const char *to, const char *reason, long long *id_out,
                     struct mm_err *err)
{
    int rc = ap_need_person(st, person_id, "不在の人", err);
    if (!rc)
        rc = need_period(from, to, err);
    if (rc)
        return rc;
    struct absence_ctx c = {actor, person_id, from, to, reason && *reason ? reason : NULL, id_out};
    return in_tx(st, absence_tx, &c, err);
}

/* ---- attachments ---- */

struct attach_ctx {
    const struct audit_actor *actor;
    long long request_id;
    const char *person, *name;
    const unsigned char *data;
    size_t size;
    long long *id;
};

static int attach_tx(struct store *st, const void *p, struct mm_err *err)
{
    const struct attach_ctx *c = p;
    char state[16], requester[APPROVAL_ID_MAX];
    int found = 0;
    int rc = ap_text(st, "SELECT state FROM request WHERE id = ?", state, sizeof state, &found,
                     err, "i", c->request_id);
    if (!rc)
        rc = ap_text(st, "SELECT requester_id FROM request WHERE id = ?", requester,
                     sizeof requester, NULL, err, "i", c->request_id);
    if (rc)
        return rc;
    if (!found)
        return mm_err_set(err, MM_EINPUT, "申請 #%lld はありません", c->request_id);
    if (strcmp(state, "pending") != 0 && strcmp(state, "returned") != 0)
        return mm_err_set(err, MM_EREFUSED, "申請 #%lld は「%s」のため添付できません",
                          c->request_id, approval_state_label(state));
    if (strcmp(requester, c->person) != 0)
        return mm_err_set(err, MM_EREFUSED, "添付できるのは申請者だけです");
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, c->data, c->size);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    size_t blen = sodium_base64_encoded_len(c->size, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(blen);
    if (!b64)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    sodium_bin2base64(b64, blen, c->data, c->size, sodium_base64_VARIANT_ORIGINAL);
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    rc = ap_next_id(st, "request_attachment", c->id, err);
    if (!rc)
        rc = ap_exec(st,
                     "INSERT INTO request_attachment (id, request_id, name, size, sha256, content, "
                     "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     err, "iisissss", *c->id, c->request_id, c->name, (long long)c->size, hex, b64,
                     c->person, now);
    free(b64);
    if (!rc)
        rc = log_row(st, c->actor, "request_attachment", *c->id,
                     json_pack("{s:I, s:s, s:I, s:s}", "request_id", (json_int_t)c->request_id,
                               "name", c->name, "size", (json_int_t)c->size, "sha256", hex),
                     err);
    return rc;
}

int approval_attach(struct store *st, const struct audit_actor *actor, long long id,
                    const char *person_id, const char *name, const unsigned char *data,
                    size_t size, long long *att_id, struct mm_err *err)
{
    if (!name || !*name || strlen(name) > 200 || strchr(name, '/') || strchr(name, '\\'))
        return mm_err_set(err, MM_EINPUT, "添付ファイルの名前は 200 バイト以内で、/ や \\ を含めません");
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p < 0x20)
            return mm_err_set(err, MM_EINPUT, "添付ファイルの名前に制御文字は使えません");
    long long max_kb = 0;
    int rc = params_get_int(st, "request_attachment_max_kb", &max_kb, err);
    if (rc)
        return rc;
    if ((long long)size > max_kb * 1024)
        return mm_err_set(err, MM_EINPUT,
                          "添付ファイルが大きすぎます（%zu バイト、上限 %lld KB: "
                          "パラメータ request_attachment_max_kb）",
                          size, max_kb);
    if (sodium_init() < 0)
        return mm_err_set(err, MM_EINTERNAL, "libsodium を初期化できません");
    struct attach_ctx c = {actor, id, person_id ? person_id : "", name, data, size, att_id};
    return in_tx(st, attach_tx, &c, err);
}

int approval_attachment_get(struct store *st, long long att_id, unsigned char **data,
                            size_t *size, char *name, size_t name_size, struct mm_err *err)
{
    struct store_stmt *s;
    *data = NULL;
    *size = 0;
    int rc = ap_prepare(st, "SELECT name, size, content FROM request_attachment WHERE id = ?", &s,
                        err, "i", att_id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(name, name_size, "%s", store_col_text(s, 0));
        size_t n = (size_t)store_col_int(s, 1);
        const char *b64 = store_col_text(s, 2);
        *data = malloc(n + 1);
        size_t got = 0;
        if (!*data || sodium_base642bin(*data, n + 1, b64, strlen(b64), NULL, &got, NULL,
                                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
            got != n) {
            free(*data);
            *data = NULL;
            rc = mm_err_set(err, MM_EINTERNAL, "添付 #%lld の内容を読めません", att_id);
        } else {
            *size = got;
            rc = MM_OK;
        }
    } else if (rc == STORE_DONE)
        rc = mm_err_set(err, MM_EINPUT, "添付 #%lld はありません", att_id);
    store_finalize(s);
    return rc;
}

/* ---- inbox ---- */

int approval_inbox_each(struct store *st, const char *person_id, int unread_only,
                        int (*fn)(void *ctx, const struct approval_notice *n), void *ctx,
                        struct mm_err *err)
{
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT id, COALESCE(request_id, 0), message, created_at, read_at "
                        "FROM request_notice WHERE person_id = ? AND (? = 0 OR read_at IS NULL) "
                        "ORDER BY id DESC",
                        &s, err, "si", person_id, (long long)unread_only);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct approval_notice n = {store_col_int(s, 0), store_col_int(s, 1),
                                    store_col_text(s, 2), store_col_text(s, 3),
                                    store_col_text(s, 4)};
        if (fn(ctx, &n))
            break;
    }
    store_finalize(s);
    return rc == STORE_DONE || rc == STORE_ROW ? MM_OK : rc;
}

struct read_ctx {
    const struct audit_actor *actor;
    const char *person;
    long long id;
};

static int read_tx(struct store *st, const void *p, struct mm_err *err)
{
    const struct read_ctx *c = p;
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    int rc = ap_exec(st,
                     "UPDATE request_notice SET read_at = ? WHERE person_id = ? "
                     "AND read_at IS NULL AND (? = 0 OR id = ?)",
                     err, "ssii", now, c->person, c->id, c->id);
    if (rc)
        return rc;
    json_t *after = json_pack("{s:s, s:I}", "person_id", c->person, "notice", (json_int_t)c->id);
    rc = auditlog_append(st, c->actor, "update", "request_notice", c->person, NULL, after, err);
    json_decref(after);
    return rc;
}

int approval_inbox_read(struct store *st, const struct audit_actor *actor, const char *person_id,
                        long long notice_id, struct mm_err *err)
{
    struct read_ctx c = {actor, person_id, notice_id};
    return in_tx(st, read_tx, &c, err);
}

struct remind_ctx {
    const struct audit_actor *actor;
    const char *today, *limit;
    int *count;
};

static int remind_tx(struct store *st, const void *p, struct mm_err *err)
{
    const struct remind_ctx *c = p;
    struct store_stmt *s;
    int rc = ap_prepare(st,
                        "SELECT r.id, r.requester_id, r.valid_until, k.label FROM request r "
                        "JOIN request_kind k ON k.code = r.kind "
                        "WHERE r.state IN ('approved', 'conditional') AND r.valid_until >= ? "
                        "AND r.valid_until <= ? AND NOT EXISTS (SELECT 1 FROM request_notice n "
                        " WHERE n.request_id = r.id AND n.message LIKE '%期限%が近づいて%') "
                        "AND NOT EXISTS (SELECT 1 FROM request x WHERE x.renewal_of = r.id "
                        " AND x.state IN ('pending', 'approved', 'conditional'))",
                        &s, err, "ss", c->today, c->limit);
    if (rc)
        return rc;
    struct item {
        long long id;
        char who[APPROVAL_ID_MAX], msg[400];
    } *items = NULL;
    size_t n = 0, cap = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            items = realloc(items, cap * sizeof *items);
        }
        items[n].id = store_col_int(s, 0);
        snprintf(items[n].who, APPROVAL_ID_MAX, "%s", store_col_text(s, 1));
        snprintf(items[n].msg, sizeof items[n].msg,
                 "申請 #%lld「%s」の期限 %s が近づいています。続けるなら更新を申請してください",
                 items[n].id, store_col_text(s, 3), store_col_text(s, 2));
        n++;
    }
    store_finalize(s);
    if (rc == STORE_DONE)
        rc = MM_OK;
    for (size_t i = 0; !rc && i < n; i++)
        rc = ap_notify(st, items[i].who, items[i].id, items[i].msg, err);
    free(items);
    *c->count = (int)n;
    if (!rc && n) {
        json_t *after = json_pack("{s:s, s:i}", "through", c->limit, "notices", (int)n);
        rc = auditlog_append(st, c->actor, "create", "request_notice", NULL, NULL, after, err);
        json_decref(after);
    }
    return rc;
}

int approval_remind_expiring(struct store *st, const struct audit_actor *actor, const char *today,
                             int days, int *count, struct mm_err *err)
{
    struct mm_date d;
    *count = 0;
    int rc = date_parse(today, "基準日", &d, err);
    if (rc)
        return rc;
    for (int i = 0; i < days; i++) { /* walk forward day by day: the periods are short */
        if (++d.d > date_days_in_month(d.y, d.m)) {
            d.d = 1;
            if (++d.m > 12) {
                d.m = 1;
                d.y++;
            }
        }
    }
    char limit[16];
    snprintf(limit, sizeof limit, "%04d-%02d-%02d", d.y, d.m, d.d);
    long long mark = ap_last_notice(st);
    struct remind_ctx c = {actor, today, limit, count};
    rc = in_tx(st, remind_tx, &c, err);
    if (!rc)
        ap_mail_after(st, mark);
    return rc;
}

/* ---- remote logins ---- */

struct login_ctx {
    const struct audit_actor *actor;
    const struct approval_login *rows;
    size_t n;
};

static int login_tx(struct store *st, const void *p, struct mm_err *err)
{
    const struct login_ctx *c = p;
    long long id;
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    int rc = ap_next_id(st, "remote_login", &id, err);
    long long first = id;
    for (size_t i = 0; !rc && i < c->n; i++, id++)
        rc = ap_exec(st,
                     "INSERT INTO remote_login (id, person_id, system_id, login_at, source, "
                     "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                     err, "isssss", id, c->rows[i].person_id, c->rows[i].system_id,
                     c->rows[i].login_at, c->rows[i].source, now);
    if (!rc) {
        json_t *after = json_pack("{s:I, s:I}", "first_id", (json_int_t)first, "rows",
                                  (json_int_t)c->n);
        rc = auditlog_append(st, c->actor, "import", "remote_login", NULL, NULL, after, err);
        json_decref(after);
    }
    return rc;
}

int approval_import_logins(struct store *st, const struct audit_actor *actor,
                           const struct approval_login *rows, size_t n, struct mm_problems *problems,
                           struct mm_err *err)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        char where[32];
        snprintf(where, sizeof where, "%zu 行目", i + 1);
        long long np = 0, ns = 0;
        int rc = ap_int(st, "SELECT COUNT(*) FROM person WHERE id = ?", &np, err, "s",
                        rows[i].person_id ? rows[i].person_id : "");
        if (!rc)
            rc = ap_int(st, "SELECT COUNT(*) FROM system WHERE id = ?", &ns, err, "s",
                        rows[i].system_id ? rows[i].system_id : "");
        if (rc)
            return rc;
        struct mm_date d;
        struct mm_err e;
        const char *at = rows[i].login_at ? rows[i].login_at : "";
        char day[11];
        snprintf(day, sizeof day, "%.10s", at);
        int bad_date = date_parse(day, "日時", &d, &e) != MM_OK;
        if (!np || !ns || bad_date) {
            if (problems)
                mm_problems_add(problems, where, "%s",
                                !np ? "職員等 ID が台帳にありません"
                                : !ns ? "情報システム ID が台帳にありません"
                                      : "日時は YYYY-MM-DD HH:MM の形で書いてください");
            bad++;
        }
    }
    if (bad)
        return mm_err_set(err, MM_EINPUT, "ログインの記録に誤りが %zu 行あります（読み込みません）",
                          bad);
    struct login_ctx c = {actor, rows, n};
    return in_tx(st, login_tx, &c, err);
}
