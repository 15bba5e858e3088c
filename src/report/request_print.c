/*
 * request_print.c — the printable 申請書/決裁記録 of one approval request: what was asked (kind,
 * clauses, requester, fields), how it was decided (each step's role, person, decision, comment
 * and time, 代決 and escalation notes), the validity period, the 承認欄 and where the change
 * log records it. It takes a plain struct, so it does not depend on how requests are stored.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report/report.h"
#include "util/strbuf.h"

static const char *or_dash(const char *s)
{
    return s && *s ? s : "—";
}

/* A UTC date-time "YYYY-MM-DDTHH:MM…Z" moved to JST, written back as "YYYY-MM-DDTHH:MM". */
static int utc_to_jst(const char *iso, char out[17])
{
    size_t n = strlen(iso);
    struct tm tm = {0};
    if (n < 17 || iso[n - 1] != 'Z' ||
        sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min) != 5)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm) + 9 * 3600;
    gmtime_r(&t, &tm);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min);
    memcpy(out, buf, 16);
    out[16] = 0;
    return 0;
}

void report_wareki(const char *iso, char *buf, size_t size)
{
    if (!iso || !*iso) {
        snprintf(buf, size, "—");
        return;
    }
    char jst[17];
    if (utc_to_jst(iso, jst) == 0)
        iso = jst;
    struct mm_date dt;
    struct mm_err e;
    char date[11];
    size_t k = strnlen(iso, 10);
    memcpy(date, iso, k);
    date[k] = 0;
    if (strlen(iso) < 10 || date_parse(date, NULL, &dt, &e) != MM_OK ||
        wareki_format(dt, buf, size, &e) != MM_OK) {
        snprintf(buf, size, "%s", iso);
        return;
    }
    /* a date-time: add hh:mm */
    if ((iso[10] == 'T' || iso[10] == ' ') && strlen(iso) >= 16) {
        size_t n = strlen(buf);
        snprintf(buf + n, size > n ? size - n : 0, " %.5s", iso + 11);
    }
}

static void period_text(const struct request_print *r, char *buf, size_t size)
{
    int from = r->valid_from && *r->valid_from, until = r->valid_until && *r->valid_until;
    char a[64], b[64];
    report_wareki(r->valid_from, a, sizeof a);
    report_wareki(r->valid_until, b, sizeof b);
    if (from && until)
        snprintf(buf, size, "%s から %s まで", a, b);
    else if (from)
        snprintf(buf, size, "%s から（終期の定めなし）", a);
    else if (until)
        snprintf(buf, size, "%s まで", b);
    else
        snprintf(buf, size, "定めなし");
}

static void render_summary(struct pdf_doc *d, const struct request_print *r)
{
    char id[32], submitted[64], period[160], round[80], who[256], clauses[256];
    snprintf(id, sizeof id, "第 %lld 号", r->id);
    report_wareki(r->submitted_at, submitted, sizeof submitted);
    period_text(r, period, sizeof period);
    if (r->round > 1)
        snprintf(round, sizeof round, "第%d回（差戻し後の再申請）", r->round);
    else
        snprintf(round, sizeof round, "初回");
    snprintf(who, sizeof who, "%s　%s", or_dash(r->department), or_dash(r->requester));
    snprintf(clauses, sizeof clauses, "対策基準 %s", or_dash(r->clauses));
    const struct pdf_kv kv[] = {
        {"申請番号", id},
        {"件名", or_dash(r->title)},
        {"申請の種類", or_dash(r->kind_label)},
        {"根拠条項", clauses},
        {"許可・承認する者", or_dash(r->basis)},
        {"申請者", who},
        {"申請日", submitted},
        {"申請の回", round},
        {"状態", or_dash(r->state_label)},
        {"有効期間", period},
        {"許可の条件", r->conditions && *r->conditions ? r->conditions : "なし"},
        {"緊急時の事後承認", r->emergency ? "該当（実施後に決裁。対策基準 7.4(2)）" : "該当しない"},
    };
    pdf_kv_block(d, kv, sizeof kv / sizeof *kv);
}

static void render_fields(struct pdf_doc *d, const struct request_print *r)
{
    pdf_heading(d, 2, "申請内容");
    if (!r->nfields) {
        pdf_note(d, "申請内容の項目はありません。");
        return;
    }
    struct pdf_kv kv[r->nfields];
    for (size_t i = 0; i < r->nfields; i++)
        kv[i] = (struct pdf_kv){or_dash(r->fields[i].label), or_dash(r->fields[i].value)};
    pdf_kv_block(d, kv, r->nfields);
}

/* The 決裁者 cell: the grantor, and who decided in their place (代決). */
static void person_cell(const struct request_print_step *s, struct strbuf *sb)
{
    strbuf_addstr(sb, or_dash(s->person));
    if (s->delegation && *s->delegation)
        strbuf_addf(sb, "\n（代決）%s", s->delegation);
}

static void render_route(struct pdf_doc *d, const struct request_print *r)
{
    pdf_heading(d, 2, "決裁の経過");
    if (!r->nsteps) {
        pdf_note(d, "決裁の経路はまだ定まっていません。");
        return;
    }
    static const struct pdf_column cols[] = {
        {"段階", 0.8, PDF_CENTER}, {"役職", 2.3, PDF_LEFT},   {"決裁者", 2.6, PDF_LEFT},
        {"決定", 1.5, PDF_CENTER}, {"日時", 2.1, PDF_CENTER}, {"意見・条件", 2.5, PDF_LEFT},
    };
    pdf_table_begin(d, NULL, cols, sizeof cols / sizeof *cols);
    int escalated = 0;
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct request_print_step *s = &r->steps[i];
        char step[32], when[64];
        struct strbuf who = STRBUF_INIT;
        if (s->round && r->round > 1)
            snprintf(step, sizeof step, "第%d回\n%d", s->round, s->step);
        else
            snprintf(step, sizeof step, "%d", s->step);
        person_cell(s, &who);
        if (s->decided_at && *s->decided_at)
            report_wareki(s->decided_at, when, sizeof when);
        else
            snprintf(when, sizeof when, "—");
        const char *cells[] = {step,  or_dash(s->role), who.buf, s->decision ? s->decision : "未決",
                               when, s->comment && *s->comment ? s->comment : ""};
        pdf_table_row(d, cells);
        strbuf_release(&who);
        escalated |= s->escalation && *s->escalation;
    }
    pdf_table_end(d);
    if (!escalated)
        return;
    for (size_t i = 0; i < r->nsteps; i++)
        if (r->steps[i].escalation && *r->steps[i].escalation) {
            struct strbuf sb = STRBUF_INIT;
            strbuf_addf(&sb, "段階 %d（%s）: %s", r->steps[i].step, or_dash(r->steps[i].role),
                        r->steps[i].escalation);
            pdf_note(d, sb.buf);
            strbuf_release(&sb);
        }
}

/* 承認欄: one box per grantor, dated when decided. */
static void render_signatures(struct pdf_doc *d, const struct request_print *r)
{
    if (!r->nsteps)
        return;
    pdf_heading(d, 3, "決裁欄");
    struct pdf_signer s[r->nsteps];
    char dates[r->nsteps][64];
    size_t n = 0;
    for (size_t k = 0; k < r->nsteps; k++) {
        const struct request_print_step *st = &r->steps[k];
        if (st->round && st->round != r->round)
            continue; /* earlier rounds are in the table above */
        size_t i = n++;
        dates[i][0] = 0;
        if (st->decided_at && *st->decided_at) {
            char buf[64];
            report_wareki(st->decided_at, buf, sizeof buf);
            snprintf(dates[i], sizeof dates[i], "%.*s", (int)strcspn(buf, " "), buf);
        }
        s[i] = (struct pdf_signer){st->role, st->decision ? st->person : NULL,
                                   dates[i][0] ? dates[i] : NULL};
    }
    pdf_signature_row(d, s, n);
}

void request_print_render(struct pdf_doc *d, const struct request_print *r)
{
    pdf_heading(d, 1, "申請書・決裁記録");
    render_summary(d, r);
    render_fields(d, r);
    render_route(d, r);
    render_signatures(d, r);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "この文書は mamori の記録から作成しました。変更の経緯は %s で確認できます。",
                or_dash(r->changelog_ref));
    pdf_note(d, sb.buf);
    strbuf_release(&sb);
}

int request_print_pdf(const struct request_print *r, const char *org, const struct report_out *out,
                      struct mm_err *err)
{
    char title[256];
    snprintf(title, sizeof title, "申請書・決裁記録 第%lld号", r->id);
    const struct pdf_meta meta = {.title = title,
                                  .organization = org,
                                  .subject = r->kind_label,
                                  .created_at = out->created_at,
                                  .print_date = out->print_date};
    struct pdf_doc *d;
    int rc = out->path ? pdf_open_file(out->path, &meta, &d, err) : pdf_open_mem(&meta, &d, err);
    if (rc != MM_OK)
        return rc;
    request_print_render(d, r);
    return out->path ? pdf_close(d, err) : pdf_close_mem(d, out->data, out->len, err);
}
