/*
 * evidence.c — evidence files kept with the records they support (evidence.h).
 */
#include "pdca/evidence.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdca/pdca_impl.h"

static const struct {
    const char *kind, *exists_sql;
} owners[] = {
    {"question", "SELECT 1 FROM assessment_question WHERE id = ?"},
    {"finding", "SELECT 1 FROM audit_finding WHERE id = ?"},
    {"progress", "SELECT 1 FROM improvement_progress WHERE id = ?"},
};

/* A file name without directories or control characters. */
static int name_ok(const char *n)
{
    if (!n || !*n || strlen(n) > 255 || strchr(n, '/') || strchr(n, '\\'))
        return 0;
    for (const unsigned char *p = (const unsigned char *)n; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

int evidence_add(struct store *st, const struct pdca_actor *a, const char *owner_kind,
                 long long owner_id, const char *file_name, const void *data, size_t len,
                 long long *id, struct mm_err *err)
{
    int k = -1;
    for (size_t i = 0; owner_kind && i < sizeof owners / sizeof *owners; i++)
        if (!strcmp(owners[i].kind, owner_kind))
            k = (int)i;
    if (k < 0)
        return mm_err_set(err, MM_EINPUT, "証跡の添付先「%s」は使えません",
                          owner_kind ? owner_kind : "");
    if (!name_ok(file_name))
        return mm_err_set(err, MM_EINPUT, "ファイル名「%s」は使えません", file_name ? file_name : "");
    if (len > EVIDENCE_MAX_BYTES)
        return mm_err_set(err, MM_EINPUT, "ファイルが大きすぎます（%zu バイト、上限 %d バイト）",
                          len, EVIDENCE_MAX_BYTES);
    if (sodium_init() < 0)
        return mm_err_set(err, MM_EINTERNAL, "暗号ライブラリを初期化できません");
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    size_t blen = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(blen);
    if (!b64)
        return mm_err_set(err, MM_EINTERNAL, "メモリが足りません");
    sodium_bin2base64(b64, blen, data, len, sodium_base64_VARIANT_ORIGINAL);
    char now[32], b[8];
    int found = 0;
    pdca_now(now);
    int rc = store_begin(st, err);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found, owners[k].exists_sql, "i", owner_id);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "証跡の添付先（%s %lld）がありません", owner_kind,
                        owner_id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO pdca_evidence (owner_kind, owner_id, file_name, size, sha256, "
                       "content, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       "tititttt", owner_kind, owner_id, file_name, (long long)len, hex, b64,
                       a->person_id ? a->person_id : a->log.id, now);
    free(b64);
    if (!rc)
        rc = pdca_int(st, err, id, "SELECT MAX(id) FROM pdca_evidence", "");
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", rc ? 0 : *id);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:I, s:s, s:I, s:s}", "owner_kind", owner_kind,
                                   "owner_id", (json_int_t)owner_id, "file_name", file_name,
                                   "size", (json_int_t)len, "sha256", hex);
    return pdca_finish(st, rc, a, "create", "pdca_evidence", idtxt, NULL, after, err);
}

int evidence_get(struct store *st, long long id, char **file_name, unsigned char **data,
                 size_t *len, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st, "SELECT file_name, content FROM pdca_evidence WHERE id = ?", "i", &s,
                          err, id);
    if (rc)
        return rc;
    rc = store_step(s, err);
    if (rc != STORE_ROW) {
        store_finalize(s);
        return rc == STORE_DONE ? mm_err_set(err, MM_EREFUSED, "証跡「%lld」はありません", id) : rc;
    }
    const char *b64 = store_col_text(s, 1);
    size_t cap = strlen(b64) / 4 * 3 + 3;
    *data = malloc(cap);
    *file_name = strdup(store_col_text(s, 0));
    if (!*data || !*file_name ||
        sodium_base642bin(*data, cap, b64, strlen(b64), NULL, len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        free(*data);
        free(*file_name);
        store_finalize(s);
        return mm_err_set(err, MM_EINTERNAL, "証跡「%lld」の内容が壊れています", id);
    }
    store_finalize(s);
    return MM_OK;
}
