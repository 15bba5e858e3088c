/*
 * approval_mail.c — inbox notices also sent by e-mail through SMTP with libcurl, when the
 * profile parameter mail_enabled is true (off by default). The server and sender come from
 * mail_smtp_url and mail_from. A notice is sent once, right after the change that made it
 * commits; a failed send never undoes the change, and the notice stays in the inbox.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "approval/approval_impl.h"
#include "model/params.h"
#include "util/strbuf.h"

struct upload {
    const char *data;
    size_t len, pos;
};

static size_t read_cb(char *buf, size_t size, size_t nmemb, void *p)
{
    struct upload *u = p;
    size_t room = size * nmemb, left = u->len - u->pos;
    size_t n = left < room ? left : room;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

/* An address safe to put in a header: no CR, LF, angle brackets or spaces. */
static int plain_address(const char *a)
{
    if (!a || !*a || !strchr(a, '@'))
        return 0;
    for (; *a; a++)
        if ((unsigned char)*a <= ' ' || *a == '<' || *a == '>' || *a == ',')
            return 0;
    return 1;
}

static int send_one(const char *url, const char *from, const char *to, const char *body,
                    struct mm_err *err)
{
    struct strbuf msg;
    strbuf_init(&msg);
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    strbuf_addf(&msg, "Date: %s\r\n", date);
    strbuf_addf(&msg,
                "From: <%s>\r\nTo: <%s>\r\nSubject: =?UTF-8?B?44CQbWFtb3Jp44CR55Sz6KuL44Gu44GK55+l44KJ44Gb?=\r\n"
                "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n",
                from, to);
    for (const char *p = body; *p; p++) /* bare LF to CRLF; a lone "." line cannot occur */
        if (*p == '\n')
            strbuf_add(&msg, "\r\n", 2);
        else
            strbuf_addch(&msg, *p);
    strbuf_addstr(&msg, "\r\n");
    CURL *c = curl_easy_init();
    if (!c) {
        strbuf_release(&msg);
        return mm_err_set(err, MM_EINTERNAL, "libcurl を初期化できません");
    }
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    struct upload u = {msg.buf, msg.len, 0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    CURLcode res = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    strbuf_release(&msg);
    if (res != CURLE_OK)
        return mm_err_set(err, MM_EINTERNAL, "通知メールを送れませんでした（%s 宛て）: %s", to,
                          curl_easy_strerror(res));
    return MM_OK;
}

int approval_mail_since(struct store *st, long long after_id, int *sent, struct mm_err *err)
{
    *sent = 0;
    int on = 0;
    int rc = params_get_bool(st, "mail_enabled", &on, err);
    if (rc || !on)
        return rc;
    char *url = NULL, *from = NULL;
    rc = params_get(st, "mail_smtp_url", &url, err);
    if (!rc)
        rc = params_get(st, "mail_from", &from, err);
    if (!rc && strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0)
        rc = mm_err_set(err, MM_EINPUT, "mail_smtp_url は smtp:// か smtps:// で始めてください");
    if (!rc && !plain_address(from))
        rc = mm_err_set(err, MM_EINPUT, "mail_from のアドレス「%s」は使えません", from);
    struct store_stmt *s = NULL;
    if (!rc)
        rc = ap_prepare(st,
                        "SELECT p.email, n.message FROM request_notice n JOIN person p "
                        "ON p.id = n.person_id WHERE n.id > ? AND p.email IS NOT NULL ORDER BY n.id",
                        &s, err, "i", after_id);
    int failed = 0;
    while (!rc && store_step(s, err) == STORE_ROW) {
        const char *to = store_col_text(s, 0);
        if (!plain_address(to))
            continue;
        struct mm_err e;
        if (send_one(url, from, to, store_col_text(s, 1), &e) == MM_OK)
            (*sent)++;
        else if (!failed++)
            *err = e;
    }
    store_finalize(s);
    free(url);
    free(from);
    if (!rc && failed)
        rc = err->code;
    return rc;
}
