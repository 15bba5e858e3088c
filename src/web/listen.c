/*
 * listen.c — the --listen address of `mamori serve`: IPv4 `127.0.0.1:8080` or IPv6
 * `[::1]:8080`, numeric only (no name lookup, so what is bound is exactly what was written).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

/* Parses a decimal port 0–65535 (0 lets the system choose) from the whole of s. */
static int parse_port(const char *s, unsigned *out)
{
    if (!*s || strlen(s) > 5)
        return -1;
    unsigned v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (unsigned)(*p - '0');
    }
    if (v > 65535)
        return -1;
    *out = v;
    return 0;
}

int web_listen_parse(const char *spec, struct web_listen *out, struct mm_err *err)
{
    memset(out, 0, sizeof *out);
    char host[INET6_ADDRSTRLEN + 1];
    const char *port_text;
    int v6 = spec[0] == '[';
    if (v6) {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':' || (size_t)(close - spec - 1) >= sizeof host)
            goto bad;
        memcpy(host, spec + 1, (size_t)(close - spec - 1));
        host[close - spec - 1] = '\0';
        port_text = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon || (size_t)(colon - spec) >= sizeof host)
            goto bad;
        memcpy(host, spec, (size_t)(colon - spec));
        host[colon - spec] = '\0';
        port_text = colon + 1;
    }
    unsigned port;
    if (parse_port(port_text, &port))
        goto bad;
    if (v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&out->addr;
        if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
            goto bad;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((unsigned short)port);
        out->len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&out->addr;
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            goto bad;
        a->sin_family = AF_INET;
        a->sin_port = htons((unsigned short)port);
        out->len = sizeof *a;
    }
    return MM_OK;
bad:
    return mm_err_set(err, MM_EINPUT,
                      "--listen の値「%s」が正しくありません。127.0.0.1:8080 や [::1]:8080 の"
                      "ように「アドレス:ポート」で指定してください",
                      spec);
}

void web_listen_url(const struct sockaddr *sa, char *buf, size_t size)
{
    char host[INET6_ADDRSTRLEN];
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        snprintf(buf, size, "http://[%s]:%u/", host, (unsigned)ntohs(a->sin6_port));
    } else {
        const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        snprintf(buf, size, "http://%s:%u/", host, (unsigned)ntohs(a->sin_port));
    }
}

int web_listen_is_loopback(const struct web_listen *w)
{
    if (w->addr.ss_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)&w->addr)->sin6_addr);
    return (ntohl(((const struct sockaddr_in *)&w->addr)->sin_addr.s_addr) >> 24) == 127;
}
