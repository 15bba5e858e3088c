/*
 * risk.c — accepted risks (リスク受容): a recorded decision, by someone who holds the CISO or
 * 統括情報セキュリティ責任者 role on the day of the decision, that one finding may stand until
 * a date. Written together with its change-log entry in one transaction.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auditlog/auditlog.h"
#include "model/wareki.h"
#include "rules/check_impl.h"

int risk_accept(struct store *st, const struct rule_set *set, const struct risk_accept_req *q,
                long long *id, struct mm_err *err)
{
    if (!rule_set_find(set, q->rule_id))
        return mm_err_set(err, MM_EINPUT, "規則「%s」はありません", q->rule_id);
    if (!q->entity_type || !*q->entity_type || !q->entity_id || !*q->entity_id)
        return mm_err_set(err, MM_EINPUT, "対象は 種別:ID（例 account:ac-001）で指定してください");
    if (!q->reason || !*q->reason)
        return mm_err_set(err, MM_EINPUT, "--reason に受容の理由を書いてください");
    char today[11];
    struct mm_date dd, du;
    if (q->decided_on) {
        int rc = date_parse(q->decided_on, "決定日", &dd, err);
        if (rc)
            return rc;
    } else {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        dd = (struct mm_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", dd.y, dd.m, dd.d);
    memcpy(today, tmp, 10);
    today[10] = '\0';
    int rc = date_parse(q->until, "期限（--until）", &du, err);
    if (rc)
        return rc;
    if (date_compare(du, dd) < 0)
        return mm_err_set(err, MM_EINPUT, "期限 %s が決定日 %s より前です", q->until, today);

    rc = store_begin(st, err);
    if (rc)
        return rc;
    long long held = 0, exists = 0;
    struct store_stmt *s;
    rc = store_prepare(st, "SELECT COUNT(*) FROM person WHERE id = ?", &s, err);
    if (!rc) {
        store_bind_text(s, 1, q->by);
        rc = store_step(s, err);
        exists = rc == STORE_ROW ? store_col_int(s, 0) : 0;
        rc = rc == STORE_ROW ? MM_OK : rc;
        store_finalize(s);
    }
    if (!rc && !exists)
        rc = mm_err_set(err, MM_EINPUT, "職員「%s」はいません", q->by);
    if (!rc) {
        rc = store_prepare(st,
                           "SELECT COUNT(*) FROM role_assignment ra JOIN person p "
                           "ON p.id = ra.person_id WHERE ra.person_id = ? "
                           "AND ra.role IN ('ciso', 'toukatsu') AND ra.valid_from <= ? "
                           "AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
                           "AND p.status <> 'retired'",
                           &s, err);
        if (!rc) {
            store_bind_text(s, 1, q->by);
            store_bind_text(s, 2, today);
            store_bind_text(s, 3, today);
            rc = store_step(s, err);
            held = rc == STORE_ROW ? store_col_int(s, 0) : 0;
            rc = rc == STORE_ROW ? MM_OK : rc;
            store_finalize(s);
        }
    }
    if (!rc && !held)
        rc = mm_err_set(err, MM_EREFUSED,
                        "%s は %s に最高情報セキュリティ責任者（CISO）も統括情報セキュリティ責任者も"
                        "担っていないため、リスクを受容できません",
                        q->by, today);
    long long nid = 0;
    if (!rc)
        rc = store_query_int(st, "SELECT COALESCE(MAX(id), 0) + 1 FROM risk_acceptance", &nid,
                             err);
    char now[AUDITLOG_TIME_LEN];
    auditlog_now(now);
    if (!rc) {
        rc = store_prepare(st,
                           "INSERT INTO risk_acceptance (id, rule_id, entity_type, entity_id, "
                           "accepted_by, reason, decided_on, expires_on, recorded_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           &s, err);
        if (!rc) {
            store_bind_int(s, 1, nid);
            store_bind_text(s, 2, q->rule_id);
            store_bind_text(s, 3, q->entity_type);
            store_bind_text(s, 4, q->entity_id);
            store_bind_text(s, 5, q->by);
            store_bind_text(s, 6, q->reason);
            store_bind_text(s, 7, today);
            store_bind_text(s, 8, q->until);
            store_bind_text(s, 9, now);
            rc = store_step(s, err);
            rc = rc == STORE_DONE ? MM_OK : rc;
            store_finalize(s);
        }
    }
    if (!rc) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", nid,
                                  "rule_id", q->rule_id, "entity_type", q->entity_type,
                                  "entity_id", q->entity_id, "accepted_by", q->by, "reason",
                                  q->reason, "decided_on", today, "expires_on", q->until);
        char idtxt[32];
        snprintf(idtxt, sizeof idtxt, "%lld", nid);
        struct audit_actor actor = {q->actor ? q->actor : "system:check"};
        rc = auditlog_append(st, &actor, "create", "risk_acceptance", idtxt, NULL, after, err);
        json_decref(after);
    }
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    if (id)
        *id = nid;
    return MM_OK;
}
