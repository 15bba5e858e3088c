/*
 * chain.c — canonical entry bytes and the BLAKE2b-256 chain hash. Both append and verify use
 * exactly this code, so what is written is what is checked.
 */
#include "auditlog/chain.h"

#include <sodium.h>
#include <string.h>

static const char hexdig[] = "0123456789abcdef";

void chain_json_string(struct strbuf *sb, const char *s)
{
    strbuf_addch(sb, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        strbuf_add(sb, run, (size_t)((const char *)p - run));
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            strbuf_add(sb, esc, 2);
        } else {
            char esc[6] = {'\\', 'u', '0', '0', hexdig[*p >> 4], hexdig[*p & 15]};
            strbuf_add(sb, esc, 6);
        }
        run = (const char *)p + 1;
    }
    strbuf_addstr(sb, run);
    strbuf_addch(sb, '"');
}

static void add_raw_or_null(struct strbuf *sb, const char *json)
{
    strbuf_addstr(sb, json ? json : "null");
}

static void add_string_or_null(struct strbuf *sb, const char *s)
{
    if (s)
        chain_json_string(sb, s);
    else
        strbuf_add(sb, "null", 4);
}

/*
 * {"action":…,"actor":…,"after":…,"at":…,"before":…,"entity_id":…,"entity_type":…,"seq":N}
 * Keys in byte order, no spaces; before/after are the stored JSON text byte for byte.
 */
void chain_canonical(const struct auditlog_entry *e, struct strbuf *sb)
{
    char num[24];
    strbuf_add(sb, "{\"action\":", 10);
    chain_json_string(sb, e->action);
    strbuf_add(sb, ",\"actor\":", 9);
    chain_json_string(sb, e->actor);
    strbuf_add(sb, ",\"after\":", 9);
    add_raw_or_null(sb, e->after);
    strbuf_add(sb, ",\"at\":", 6);
    chain_json_string(sb, e->at);
    strbuf_add(sb, ",\"before\":", 10);
    add_raw_or_null(sb, e->before);
    strbuf_add(sb, ",\"entity_id\":", 13);
    add_string_or_null(sb, e->entity_id);
    strbuf_add(sb, ",\"entity_type\":", 15);
    chain_json_string(sb, e->entity_type);
    /* Decimal seq without printf: this runs once per entry in verification. */
    char *p = num + sizeof num;
    *--p = '}';
    unsigned long long v =
        e->seq < 0 ? 0ULL - (unsigned long long)e->seq : (unsigned long long)e->seq;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (e->seq < 0)
        *--p = '-';
    strbuf_add(sb, ",\"seq\":", 7);
    strbuf_add(sb, p, (size_t)(num + sizeof num - p));
}

void chain_hash(const unsigned char prev[32], const char *canon, size_t len, unsigned char out[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, prev, 32);
    crypto_generichash_update(&h, (const unsigned char *)canon, len);
    crypto_generichash_final(&h, out, 32);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int chain_hex32(const char *hex, unsigned char out[32])
{
    if (!hex)
        return -1;
    for (int i = 0; i < 32; i++) {
        int hi = hexval((unsigned char)hex[2 * i]);
        if (hi < 0)
            return -1;
        int lo = hexval((unsigned char)hex[2 * i + 1]);
        if (lo < 0)
            return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return hex[64] == '\0' ? 0 : -1;
}

void chain_tohex(const unsigned char *bin, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexdig[bin[i] >> 4];
        out[2 * i + 1] = hexdig[bin[i] & 15];
    }
    out[2 * n] = '\0';
}

int chain_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        int n;
        unsigned int cp;
        if ((*p & 0xe0) == 0xc0) {
            n = 1;
            cp = *p & 0x1f;
        } else if ((*p & 0xf0) == 0xe0) {
            n = 2;
            cp = *p & 0x0f;
        } else if ((*p & 0xf8) == 0xf0) {
            n = 3;
            cp = *p & 0x07;
        } else {
            return 0;
        }
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i] & 0x3f);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}

void chain_checkpoint_message(long long seq, const char *head_hex, const char *at,
                              struct strbuf *sb)
{
    strbuf_addf(sb, "mamori-auditlog-checkpoint-v1\nseq=%lld\nhead=%s\nat=%s\n", seq, head_hex, at);
}
