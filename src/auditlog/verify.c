/*
 * verify.c — walks the whole change log in seq order, in constant memory, recomputing every
 * hash and checking every checkpoint against the chain, the pinned key and its signature.
 * Stops at the first break and says exactly which entry and what is wrong.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "auditlog/auditlog.h"
#include "auditlog/chain.h"

const char *auditlog_break_name(enum auditlog_break k)
{
    switch (k) {
    case AUDIT_OK:
        return "異常なし";
    case AUDIT_BREAK_GAP:
        return "記録の欠落";
    case AUDIT_BREAK_ORDER:
        return "順序の入れ替え";
    case AUDIT_BREAK_LINK:
        return "連結の不一致";
    case AUDIT_BREAK_HASH:
        return "ハッシュの不一致（内容の改変）";
    case AUDIT_BREAK_FIELD:
        return "記録の形式の誤り";
    case AUDIT_BREAK_CP_HEAD:
        return "チェックポイントとの不一致";
    case AUDIT_BREAK_CP_BEYOND:
        return "チェックポイント以降の記録の欠落";
    case AUDIT_BREAK_CP_SIGNATURE:
        return "チェックポイントの署名が不正";
    case AUDIT_BREAK_CP_KEY:
        return "未知の鍵による署名";
    }
    return "不明";
}

static void set_break(struct auditlog_verify_result *r, enum auditlog_break k, long long seq,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void set_break(struct auditlog_verify_result *r, enum auditlog_break k, long long seq,
                      const char *fmt, ...)
{
    va_list ap;
    r->kind = k;
    r->broken_seq = seq;
    va_start(ap, fmt);
    vsnprintf(r->what, sizeof r->what, fmt, ap);
    va_end(ap);
}

/* The seq of the entry whose stored hash is `hex`, or 0 (used only to explain a break). */
static long long seq_with_hash(struct store *st, const char *hex)
{
    struct store_stmt *s;
    struct mm_err e;
    mm_err_clear(&e);
    long long seq = 0;
    if (store_prepare(st, "SELECT seq FROM audit_log WHERE hash = ? LIMIT 1", &s, &e) != MM_OK)
        return 0;
    store_bind_text(s, 1, hex);
    if (store_step(s, &e) == STORE_ROW)
        seq = store_col_int(s, 0);
    store_finalize(s);
    return seq;
}

/* A checkpoint row, copied out of its statement. */
struct cp {
    int have;
    long long seq;
    char head[AUDITLOG_HASH_HEX];
    char at[AUDITLOG_TIME_LEN + 8];
    char pk[80];
    char sig[160];
};

static int cp_next(struct store_stmt *s, struct cp *c, struct mm_err *err)
{
    int rc = store_step(s, err);
    if (rc == STORE_DONE) {
        c->have = 0;
        return MM_OK;
    }
    if (rc != STORE_ROW)
        return rc;
    c->have = 1;
    c->seq = store_col_int(s, 0);
    const char *v;
    snprintf(c->head, sizeof c->head, "%s", (v = store_col_text(s, 1)) ? v : "");
    snprintf(c->at, sizeof c->at, "%s", (v = store_col_text(s, 2)) ? v : "");
    snprintf(c->pk, sizeof c->pk, "%s", (v = store_col_text(s, 3)) ? v : "");
    snprintf(c->sig, sizeof c->sig, "%s", (v = store_col_text(s, 4)) ? v : "");
    return MM_OK;
}

/* Checks a checkpoint's key and signature (not yet its place in the chain). */
static int cp_check_signature(const struct cp *c, const unsigned char *pinned,
                              unsigned char first_key[32], int *have_first,
                              struct auditlog_verify_result *r)
{
    unsigned char pk[32], sig[crypto_sign_BYTES];
    char sighex[2 * crypto_sign_BYTES + 1];
    if (chain_hex32(c->pk, pk) != 0) {
        set_break(r, AUDIT_BREAK_CP_KEY, c->seq,
                  "seq %lld のチェックポイント: 公開鍵の形式が正しくありません", c->seq);
        return 1;
    }
    const unsigned char *trusted = pinned;
    if (!trusted) {
        if (!*have_first) {
            memcpy(first_key, pk, 32);
            *have_first = 1;
        }
        trusted = first_key;
    }
    if (sodium_memcmp(pk, trusted, 32) != 0) {
        char want[65];
        chain_tohex(trusted, 32, want);
        set_break(r, AUDIT_BREAK_CP_KEY, c->seq,
                  "seq %lld のチェックポイントは未知の鍵 %.16s… で署名されています"
                  "（信頼する鍵は %.16s…）",
                  c->seq, c->pk, want);
        return 1;
    }
    int ok = strlen(c->sig) == 2 * crypto_sign_BYTES;
    for (int i = 0; ok && i < 2; i++) {
        memcpy(sighex, c->sig + 64 * i, 64);
        sighex[64] = '\0';
        ok = chain_hex32(sighex, sig + 32 * i) == 0;
    }
    struct strbuf msg = STRBUF_INIT;
    chain_checkpoint_message(c->seq, c->head, c->at, &msg);
    if (ok)
        ok = crypto_sign_verify_detached(sig, (const unsigned char *)msg.buf, msg.len, pk) == 0;
    strbuf_release(&msg);
    if (!ok) {
        set_break(r, AUDIT_BREAK_CP_SIGNATURE, c->seq,
                  "seq %lld のチェックポイントの署名が検証できません（署名・時刻・ハッシュの"
                  "いずれかが書き換えられています）",
                  c->seq);
        return 1;
    }
    return 0;
}

int auditlog_verify(struct store *st, const unsigned char *pinned,
                    void (*progress)(void *ctx, long long done, long long total), void *ctx,
                    struct auditlog_verify_result *r, struct mm_err *err)
{
    memset(r, 0, sizeof *r);
    if (sodium_init() < 0)
        return mm_err_set(err, MM_EINTERNAL, "libsodium を初期化できません");
    long long total = 0;
    int rc;
    if (progress && (rc = store_query_int(st, "SELECT COUNT(*) FROM audit_log", &total, err)))
        return rc;

    struct store_stmt *es = NULL, *cs = NULL;
    rc = store_prepare(st,
                       "SELECT seq, at, actor, action, entity_type, entity_id, before_json,"
                       " after_json, prev_hash, hash FROM audit_log ORDER BY seq",
                       &es, err);
    if (rc)
        return rc;
    rc = store_prepare(st,
                       "SELECT seq, head_hash, at, public_key, signature FROM audit_checkpoint"
                       " ORDER BY seq",
                       &cs, err);
    if (rc) {
        store_finalize(es);
        return rc;
    }

    struct cp c = {0};
    unsigned char first_key[32];
    int have_first = 0;
    unsigned char running[32] = {0}, computed[32], stored[32];
    char running_hex[AUDITLOG_HASH_HEX];
    chain_tohex(running, 32, running_hex);
    long long expect = 1;
    struct strbuf canon = STRBUF_INIT;

    rc = cp_next(cs, &c, err);
    /* A checkpoint at seq 0 or below names no entry. */
    if (rc == MM_OK && c.have && c.seq < 1) {
        set_break(r, AUDIT_BREAK_CP_HEAD, c.seq,
                  "チェックポイントの seq %lld は存在しない記録を指しています", c.seq);
        goto done;
    }
    while (rc == MM_OK) {
        int step = store_step(es, err);
        if (step == STORE_DONE)
            break;
        if (step != STORE_ROW) {
            rc = step;
            break;
        }
        struct auditlog_entry e = {
            .seq = store_col_int(es, 0),
            .at = store_col_text(es, 1),
            .actor = store_col_text(es, 2),
            .action = store_col_text(es, 3),
            .entity_type = store_col_text(es, 4),
            .entity_id = store_col_text(es, 5),
            .before = store_col_text(es, 6),
            .after = store_col_text(es, 7),
            .prev_hash = store_col_text(es, 8),
            .hash = store_col_text(es, 9),
        };
        if (e.seq != expect) {
            if (e.seq == expect + 1)
                set_break(r, AUDIT_BREAK_GAP, expect,
                          "seq %lld の記録がありません（seq %lld の次が seq %lld）", expect,
                          expect - 1, e.seq);
            else
                set_break(r, AUDIT_BREAK_GAP, expect,
                          "seq %lld から seq %lld までの記録がありません", expect, e.seq - 1);
            goto done;
        }
        if (!e.at || !e.actor || !e.action || !e.entity_type || !e.prev_hash || !e.hash) {
            set_break(r, AUDIT_BREAK_FIELD, e.seq,
                      "seq %lld の記録に必須の項目がないか、ハッシュの形式が正しくありません",
                      e.seq);
            goto done;
        }
        if (strcmp(e.prev_hash, running_hex) != 0) {
            long long other = seq_with_hash(st, e.prev_hash);
            if (other > 0 && other != e.seq - 1)
                set_break(r, AUDIT_BREAK_ORDER, e.seq,
                          "seq %lld の位置にある記録は、本来 seq %lld の記録の直後のものです"
                          "（記録の順序が入れ替えられています）",
                          e.seq, other);
            else
                set_break(r, AUDIT_BREAK_LINK, e.seq,
                          "seq %lld の記録の前ハッシュが seq %lld の記録のハッシュと一致しません"
                          "（seq %lld が書き換えられ、ハッシュが計算し直された可能性）",
                          e.seq, e.seq - 1, e.seq - 1);
            goto done;
        }
        strbuf_reset(&canon);
        chain_canonical(&e, &canon);
        chain_hash(running, canon.buf, canon.len, computed);
        char computed_hex[AUDITLOG_HASH_HEX];
        chain_tohex(computed, 32, computed_hex);
        if (memcmp(computed_hex, e.hash, AUDITLOG_HASH_HEX) != 0) {
            if (chain_hex32(e.hash, stored) != 0)
                set_break(r, AUDIT_BREAK_FIELD, e.seq,
                          "seq %lld の記録のハッシュの形式が正しくありません（16進 64 桁でない）",
                          e.seq);
            else
                set_break(r, AUDIT_BREAK_HASH, e.seq,
                          "seq %lld の記録の内容が、記録されたハッシュと一致しません"
                          "（内容が書き換えられています）",
                          e.seq);
            goto done;
        }
        /* Checkpoints at this seq. */
        while (c.have && c.seq == e.seq) {
            if (cp_check_signature(&c, pinned, first_key, &have_first, r))
                goto done;
            if (strcmp(c.head, e.hash) != 0) {
                set_break(r, AUDIT_BREAK_CP_HEAD, e.seq,
                          "seq %lld のチェックポイントが署名したハッシュと、その記録のハッシュが"
                          "一致しません（この seq までの記録が計算し直されています）",
                          e.seq);
                goto done;
            }
            r->checkpoints++;
            r->last_checkpoint_seq = c.seq;
            if ((rc = cp_next(cs, &c, err)))
                goto done;
        }
        memcpy(running, computed, 32);
        memcpy(running_hex, computed_hex, AUDITLOG_HASH_HEX);
        r->entries++;
        r->head_seq = e.seq;
        expect = e.seq + 1;
        if (progress && (r->entries & 0xffff) == 0)
            progress(ctx, r->entries, total);
    }
    if (rc == MM_OK && c.have) {
        /* The chain ended before a signed head: entries at the end were removed. */
        if (!cp_check_signature(&c, pinned, first_key, &have_first, r))
            set_break(r, AUDIT_BREAK_CP_BEYOND, expect,
                      "seq %lld 以降の記録がありません（seq %lld までの記録が署名されています）",
                      expect, c.seq);
    }
done:
    if (r->kind == AUDIT_OK)
        memcpy(r->head_hash, running_hex, sizeof r->head_hash);
    if (progress && rc == MM_OK)
        progress(ctx, r->entries, total);
    strbuf_release(&canon);
    store_finalize(es);
    store_finalize(cs);
    return rc;
}
