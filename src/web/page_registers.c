/*
 * page_registers.c — the register pages (/r/…): the registers the user may read, the list of
 * one register (authz filter, search, code filters, sort links, pager, download links) and the
 * detail page of one row (every field, links to referenced rows, the edit link when the user
 * may change the row, training attendance, and the row's change history). The forms are in
 * register_form.c, the downloads in register_export.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/app.h"
#include "web/html.h"
#include "web/register.h"

/* Reference filters are offered as a select up to this many choices (e.g. the departments of
 * a normal body, not those of a very large one); beyond, only from links. */
#define REG_FILTER_SELECT_MAX 300

/* ---- shared helpers ---- */

static int query_get(const void *ctx, const char *name, char *out, size_t size)
{
    return app_query(ctx, name, out, size);
}

void reg_page_query(struct web_ctx *c, const struct reg_desc *d, struct reg_query *q)
{
    reg_query_parse(d, query_get, c, q);
}

void reg_url_param(struct strbuf *sb, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    if (sb->len)
        strbuf_addch(sb, '&');
    strbuf_addstr(sb, name);
    strbuf_addch(sb, '=');
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            strbuf_addch(sb, (char)*p);
        } else {
            strbuf_addch(sb, '%');
            strbuf_addch(sb, hex[*p >> 4]);
            strbuf_addch(sb, hex[*p & 15]);
        }
    }
}

const struct reg_desc *reg_page_register(struct web_ctx *c, const char *code)
{
    const struct reg_desc *d = reg_find(code);
    if (!d) {
        app_not_found(c);
        return NULL;
    }
    if (!authz_allows(c->who, d->code, AUTHZ_READ, NULL)) {
        app_deny(c);
        return NULL;
    }
    return d;
}

/* The list's query fields as a query string, leaving out `skip` ("sort" also drops order). */
static void query_string(const struct reg_query *q, const char *skip, struct strbuf *sb)
{
    char n[32];
    if (q->q[0])
        reg_url_param(sb, "q", q->q);
    for (size_t i = 0; i < q->nfilters; i++) {
        char name[80];
        snprintf(name, sizeof name, "f_%s", q->fcol[i]->name);
        reg_url_param(sb, name, q->fval[i]);
    }
    if (q->sort && strcmp(skip, "sort") != 0) {
        reg_url_param(sb, "sort", q->sort->name);
        reg_url_param(sb, "order", q->desc ? "desc" : "asc");
    }
    if (q->per != REG_PER_DEFAULT && q->per) {
        snprintf(n, sizeof n, "%lld", q->per);
        reg_url_param(sb, "per", n);
    }
}

/* A value cell: the display text, linked to the referenced row's page for references. */
static void value_html(struct strbuf *sb, const struct reg_col *col, const char *raw,
                       const char *disp)
{
    char buf[REG_VALUE_MAX];
    reg_display(col, raw, disp, buf, sizeof buf);
    const struct reg_ref *r = col->kind == REG_REF ? reg_ref_find(col->ref) : NULL;
    if (r && raw && r->reg) {
        struct strbuf id = STRBUF_INIT;
        reg_url_param(&id, "x", raw);
        html_f(sb, "<a href=\"/r/%s/%s\">%s</a>", r->reg, id.buf + 2, buf[0] ? buf : raw);
        strbuf_release(&id);
    } else {
        html_text(sb, buf);
    }
}

static void id_link(struct strbuf *sb, const struct reg_desc *d, const char *id, const char *tail)
{
    struct strbuf e = STRBUF_INIT;
    reg_url_param(&e, "x", id);
    html_f(sb, "/r/%s/%s%s", d->code, e.buf + 2, tail);
    strbuf_release(&e);
}

/* ---- /r ---- */

static void page_index(struct web_ctx *c, char *const *args)
{
    (void)args;
    app_begin(c, "台帳", "/r");
    html_raw(APP_SB(c), "<ul class=\"registers\">\n");
    int any = 0;
    for (size_t i = 0; i < reg_count; i++) {
        if (!authz_allows(c->who, reg_all[i]->code, AUTHZ_READ, NULL))
            continue;
        html_f(APP_SB(c), "<li><a href=\"/r/%s\">%s</a></li>\n", reg_all[i]->code,
               reg_all[i]->label);
        any = 1;
    }
    html_raw(APP_SB(c), "</ul>\n");
    if (!any)
        html_raw(APP_SB(c), "<p class=\"notice\">閲覧できる台帳はありません。</p>\n");
    app_end(c);
}

/* ---- the list ---- */

struct list_ctx {
    struct web_ctx *c;
    const struct reg_desc *d;
};

static int list_row(void *ctx, const struct reg_row *r)
{
    struct list_ctx *l = ctx;
    struct strbuf *sb = APP_SB(l->c);
    html_raw(sb, "<tr>");
    for (size_t i = 0; i < l->d->ncols; i++) {
        const struct reg_col *col = &l->d->cols[i];
        if (!(col->flags & REG_LIST))
            continue;
        if (i == 0) {
            html_raw(sb, "<th scope=\"row\"><a href=\"");
            id_link(sb, l->d, r->raw[0], "");
            html_f(sb, "\">%s</a></th>", r->raw[0]);
            continue;
        }
        /* names of people and departments, codes and dates are short: kept on one line */
        html_raw(sb, col->kind == REG_INT    ? "<td class=\"num\">"
                     : col->kind == REG_TEXT ? "<td>"
                                             : "<td class=\"short\">");
        value_html(sb, col, r->raw[i], r->disp[i]);
        html_raw(sb, "</td>");
    }
    html_raw(sb, "</tr>\n");
    return 0;
}

static void header_cell(struct strbuf *sb, const struct reg_desc *d, const struct reg_query *q,
                        const struct reg_col *col)
{
    int on = (q->sort == col) || (!q->sort && col == &d->cols[0]);
    const char *aria = !on ? NULL : q->desc ? "descending" : "ascending";
    if (aria)
        html_f(sb, "<th scope=\"col\" aria-sort=\"%s\">", aria);
    else
        html_raw(sb, "<th scope=\"col\">");
    if (!(col->flags & REG_SORT)) {
        html_f(sb, "%s</th>", col->label);
        return;
    }
    struct strbuf qs = STRBUF_INIT;
    query_string(q, "sort", &qs);
    reg_url_param(&qs, "sort", col->name);
    reg_url_param(&qs, "order", on && !q->desc ? "desc" : "asc");
    html_f(sb, "<a href=\"/r/%s?%s\">%s%s</a></th>", d->code, qs.buf, col->label,
           !on ? "" : q->desc ? " ▼" : " ▲");
    strbuf_release(&qs);
}

struct opt_ctx {
    struct strbuf *sb;
    const char *selected;
};

static void option(void *ctx, const char *code, const char *label)
{
    struct opt_ctx *o = ctx;
    int sel = o->selected && code && strcmp(o->selected, code) == 0;
    html_f(o->sb, "<option value=\"%s\"%s>%s</option>", code, sel ? " selected" : "", label);
}

static const char *filter_value(const struct reg_query *q, const struct reg_col *col)
{
    for (size_t i = 0; i < q->nfilters; i++)
        if (q->fcol[i] == col)
            return q->fval[i];
    return NULL;
}

/* Filter form: the search box, a select for each code / yes-no / department column. */
static int filter_form(struct web_ctx *c, const struct reg_desc *d, const struct reg_query *q)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<form class=\"filters\" method=\"get\" action=\"/r/%s\" role=\"search\">\n"
               "<div><label for=\"q\">検索（名称・備考など）</label>"
               "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\"></div>\n",
           d->code, q->q);
    for (size_t i = 0; i < d->ncols; i++) {
        const struct reg_col *col = &d->cols[i];
        const char *sel = filter_value(q, col);
        if (!(col->flags & REG_FILTER))
            continue;
        long long n = col->kind == REG_REF ? reg_options_count(c->st, col, REG_FILTER_SELECT_MAX) : 0;
        if (col->kind == REG_REF && (n < 0 || n > REG_FILTER_SELECT_MAX)) {
            if (sel) /* a filter from a link: kept, not offered */
                html_f(sb, "<input type=\"hidden\" name=\"f_%s\" value=\"%s\">", col->name, sel);
            continue;
        }
        html_f(sb, "<div><label for=\"f_%s\">%s</label><select id=\"f_%s\" name=\"f_%s\">"
                   "<option value=\"\">すべて</option>",
               col->name, col->label, col->name, col->name);
        struct opt_ctx o = {sb, sel};
        if (col->kind == REG_BOOL) {
            option(&o, "1", "はい");
            option(&o, "0", "いいえ");
        } else {
            struct mm_err err;
            mm_err_clear(&err);
            if (reg_options(c->st, col, 0, option, &o, &err)) {
                app_internal(c, &err);
                return 0;
            }
        }
        html_raw(sb, "</select></div>\n");
    }
    if (q->sort) {
        html_f(sb, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", q->sort->name);
        html_f(sb, "<input type=\"hidden\" name=\"order\" value=\"%s\">", q->desc ? "desc" : "asc");
    }
    html_f(sb, "<div><button type=\"submit\">絞り込む</button> "
               "<a href=\"/r/%s\">条件を解除</a></div>\n</form>\n",
           d->code);
    return 1;
}

static void pager(struct strbuf *sb, const struct reg_desc *d, const struct reg_query *q,
                  long long total)
{
    long long pages = (total + q->per - 1) / q->per;
    if (pages <= 1)
        return;
    html_raw(sb, "<nav class=\"pager\" aria-label=\"ページ送り\">");
    static const struct {
        const char *label;
        int delta;
    } links[] = {{"« 前のページ", -1}, {"次のページ »", 1}};
    for (size_t i = 0; i < 2; i++) {
        long long to = q->page + links[i].delta;
        if (i == 1)
            html_f(sb, "<span aria-current=\"page\">%lld / %lld ページ</span>", q->page, pages);
        if (to < 1 || to > pages)
            continue;
        struct strbuf qs = STRBUF_INIT;
        char n[32];
        query_string(q, "", &qs);
        snprintf(n, sizeof n, "%lld", to);
        reg_url_param(&qs, "page", n);
        html_f(sb, "<a href=\"/r/%s?%s\" rel=\"%s\">%s</a>", d->code, qs.buf,
               links[i].delta < 0 ? "prev" : "next", links[i].label);
        strbuf_release(&qs);
    }
    html_raw(sb, "</nav>\n");
}

static void downloads(struct strbuf *sb, const struct reg_desc *d, const struct reg_query *q)
{
    static const struct {
        const char *format, *label;
    } f[] = {{"csv", "CSV（UTF-8）"}, {"csv-cp932", "CSV（Shift_JIS）"}, {"xlsx", "Excel"}};
    html_raw(sb, "<p class=\"actions\">ダウンロード（絞り込んだ全件）:");
    for (size_t i = 0; i < 3; i++) {
        struct strbuf qs = STRBUF_INIT;
        reg_url_param(&qs, "format", f[i].format);
        query_string(q, "", &qs);
        html_f(sb, " <a href=\"/r/%s/export?%s\">%s</a>", d->code, qs.buf, f[i].label);
        strbuf_release(&qs);
    }
    html_raw(sb, "</p>\n");
}

static void page_list(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = reg_page_register(c, args[0]);
    if (!d)
        return;
    struct reg_query q;
    reg_page_query(c, d, &q);
    app_begin(c, d->label, "/r");
    struct strbuf *sb = APP_SB(c);
    if (reg_allows(c->who, d, AUTHZ_WRITE, NULL))
        html_f(sb, "<p class=\"actions\"><a class=\"button\" href=\"/r/%s/new\">新規登録</a></p>\n",
               d->code);
    if (!filter_form(c, d, &q))
        return;
    /* the count first: the rows are written after it */
    size_t mark = sb->len;
    html_raw(sb, "<div class=\"table-wrap\"><table class=\"list\">");
    html_f(sb, "<caption>%s</caption>\n<thead><tr>", d->label);
    for (size_t i = 0; i < d->ncols; i++)
        if (d->cols[i].flags & REG_LIST)
            header_cell(sb, d, &q, &d->cols[i]);
    html_raw(sb, "</tr></thead>\n<tbody>\n");
    struct list_ctx l = {c, d};
    long long total = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (reg_list(c->st, c->who, d, &q, &total, list_row, &l, &err)) {
        app_internal(c, &err);
        return;
    }
    html_raw(sb, "</tbody></table></div>\n");
    struct strbuf head = STRBUF_INIT;
    long long first = total ? (q.page - 1) * q.per + 1 : 0;
    long long last = q.page * q.per < total ? q.page * q.per : total;
    if (first > total)
        first = last = 0;
    html_f(&head, "<p class=\"count\" role=\"status\">該当 <strong id=\"total\">%lld</strong> 件",
           total);
    if (total)
        html_f(&head, "（%lld〜%lld 件目を表示）", first, last);
    html_raw(&head, "</p>\n");
    if (total)
        downloads(&head, d, &q);
    /* insert the count before the table */
    struct strbuf tail = STRBUF_INIT;
    strbuf_add(&tail, sb->buf + mark, sb->len - mark);
    sb->len = mark;
    sb->buf[mark] = '\0';
    strbuf_add(sb, head.buf, head.len);
    if (total)
        strbuf_add(sb, tail.buf, tail.len);
    else
        html_raw(sb, "<p class=\"notice\">条件に合うものはありません。</p>\n");
    strbuf_release(&head);
    strbuf_release(&tail);
    pager(sb, d, &q, total);
    app_end(c);
}

/* ---- the detail page ---- */

static void attendance(struct web_ctx *c, const char *course)
{
    char cond[512];
    authz_filter_sql("p.department_id", NULL, "p.id", cond, sizeof cond);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT p.id, p.name, d.name, a.completed_on FROM training_attendance a "
             "JOIN person p ON p.id = a.person_id LEFT JOIN department d ON d.id = p.department_id "
             "WHERE a.course_id = ? AND %s ORDER BY p.department_id, p.id",
             cond);
    struct store_stmt *s = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<h2>受講の記録</h2>\n");
    if (store_prepare(c->st, sql, &s, &err) == MM_OK) {
        store_bind_text(s, 1, course);
        authz_filter_bind(c->who, "person", AUTHZ_READ, s, 2);
        int n = 0;
        while (store_step(s, &err) == STORE_ROW) {
            if (!n++)
                html_raw(sb, "<div class=\"table-wrap\"><table class=\"list\"><caption>受講者"
                             "（閲覧できる職員のみ）</caption><thead><tr><th scope=\"col\">職員"
                             "</th><th scope=\"col\">所属</th><th scope=\"col\">修了日</th></tr>"
                             "</thead><tbody>\n");
            char w[64];
            app_wareki(store_col_text(s, 3), w, sizeof w);
            html_f(sb, "<tr><td><a href=\"/r/person/%s\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
                   store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2), w);
        }
        store_finalize(s);
        if (n)
            html_raw(sb, "</tbody></table></div>\n");
        else
            html_raw(sb, "<p>閲覧できる受講の記録はありません。</p>\n");
    }
}

struct hist_ctx {
    struct store *st;
    struct strbuf *sb;
    const struct reg_desc *d;
    int n;
};

struct code_match {
    const char *code;
    char *buf;
    size_t size;
};

static void code_match_fn(void *ctx, const char *code, const char *label)
{
    struct code_match *m = ctx;
    if (code && label && strcmp(code, m->code) == 0)
        snprintf(m->buf, m->size, "%s", label);
}

/* The label of a code or the name of a referenced row, into buf (left as it is when none is
 * found). Table and column names come from the compiled register tables; the value is bound. */
static void value_label(struct store *st, const struct reg_col *c, const char *v, char *buf,
                        size_t size)
{
    struct mm_err err;
    mm_err_clear(&err);
    if (c->kind == REG_CODE) {
        struct code_match m = {v, buf, size};
        reg_options(st, c, 0, code_match_fn, &m, &err);
        return;
    }
    const struct reg_ref *r = c->kind == REG_REF ? reg_ref_find(c->ref) : NULL;
    if (!r)
        return;
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", r->label_col, r->table);
    struct store_stmt *s = NULL;
    if (store_prepare(st, sql, &s, &err))
        return;
    store_bind_text(s, 1, v);
    if (store_step(s, &err) == STORE_ROW && store_col_text(s, 0))
        snprintf(buf, size, "%s", store_col_text(s, 0));
    store_finalize(s);
}

/* A logged value as text: codes as their labels, references as names, yes/no, numbers;
 * （なし） for none. */
static void json_value_text(struct store *st, const struct reg_col *c, const json_t *v, char *buf,
                            size_t size)
{
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
        snprintf(buf, size, "%s", "（なし）");
    else if (json_is_string(v)) {
        snprintf(buf, size, "%s", json_string_value(v));
        value_label(st, c, json_string_value(v), buf, size);
    }
    else if (json_is_boolean(v))
        snprintf(buf, size, "%s", json_is_true(v) ? "はい" : "いいえ");
    else if (json_is_integer(v))
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
    else
        snprintf(buf, size, "%s", "…");
}

/* The fields whose value differs between before and after, as 「label: a → b」. */
static void changes(struct store *st, struct strbuf *sb, const struct reg_desc *d,
                    const char *before, const char *after)
{
    json_t *b = before ? json_loads(before, 0, NULL) : NULL;
    json_t *a = after ? json_loads(after, 0, NULL) : NULL;
    html_raw(sb, "<ul>");
    for (size_t i = 0; i < d->ncols && a; i++) {
        json_t *bv = b ? json_object_get(b, d->cols[i].name) : NULL;
        json_t *av = json_object_get(a, d->cols[i].name);
        if (b && json_equal(bv, av))
            continue;
        if (!b && (!av || json_is_null(av)))
            continue;
        char bs[REG_VALUE_MAX], as[REG_VALUE_MAX];
        json_value_text(st, &d->cols[i], bv, bs, sizeof bs);
        json_value_text(st, &d->cols[i], av, as, sizeof as);
        html_f(sb, "<li>%s: %s → %s</li>", d->cols[i].label, bs, as);
    }
    html_raw(sb, "</ul>");
    json_decref(a);
    json_decref(b);
}

static int history_row(void *ctx, const struct auditlog_entry *e)
{
    struct hist_ctx *h = ctx;
    if (!h->n++)
        html_raw(h->sb, "<div class=\"table-wrap\"><table class=\"list history\"><caption>記録の古い順"
                        "（直近 100 件まで）。値は変更の前 → 後</caption><thead><tr><th scope=\"col\">日時</th><th scope=\"col\">操作"
                        "</th><th scope=\"col\">実行者</th><th scope=\"col\">変更内容</th></tr>"
                        "</thead><tbody>\n");
    char jst[AUDITLOG_TIME_LEN], w[64];
    auditlog_time_jst(e->at, jst);
    app_wareki(jst, w, sizeof w);
    html_f(h->sb, "<tr><td>%s %s</td><td>%s</td><td>%s</td><td>", w, strlen(jst) > 11 ? jst + 11 : "",
           strcmp(e->action, "create") == 0   ? "登録"
           : strcmp(e->action, "update") == 0 ? "変更"
                                              : e->action,
           e->actor);
    changes(h->st, h->sb, h->d, e->before, e->after);
    html_raw(h->sb, "</td></tr>\n");
    return 0;
}

static void history(struct web_ctx *c, const struct reg_desc *d, const char *id)
{
    struct auditlog_filter f = {0};
    f.entity_type = d->table;
    f.entity_id = id;
    f.limit = 100;
    struct hist_ctx h = {c->st, APP_SB(c), d, 0};
    struct mm_err err;
    mm_err_clear(&err);
    html_raw(APP_SB(c), "<h2>変更の履歴</h2>\n");
    auditlog_each(c->st, &f, history_row, &h, &err);
    if (h.n)
        html_raw(APP_SB(c), "</tbody></table></div>\n");
    else
        html_raw(APP_SB(c), "<p>この画面からの変更の記録はありません。</p>\n");
}

static void page_detail(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = reg_page_register(c, args[0]);
    if (!d)
        return;
    struct reg_row r;
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (reg_get(c->st, d, args[1], &r, &found, &err)) {
        app_internal(c, &err);
        return;
    }
    if (!found) {
        app_not_found(c);
        return;
    }
    if (!reg_allows(c->who, d, AUTHZ_READ, &r)) {
        reg_row_free(&r);
        app_deny(c);
        return;
    }
    const char *title_raw = r.raw[0];
    for (size_t i = 0; i < d->ncols; i++)
        if (strcmp(d->cols[i].name, d->title_col) == 0 && r.raw[i])
            title_raw = r.raw[i];
    char title[512];
    snprintf(title, sizeof title, "%s — %s", d->label, title_raw);
    app_begin(c, title, "/r");
    struct strbuf *sb = APP_SB(c);
    char saved[8];
    if (app_query(c, "saved", saved, sizeof saved))
        html_raw(sb, "<p class=\"ok\" role=\"status\">保存しました。</p>\n");
    html_f(sb, "<p><a href=\"/r/%s\">%sの一覧へ</a></p>\n<dl class=\"detail\">\n", d->code,
           d->label);
    for (size_t i = 0; i < d->ncols; i++) {
        html_f(sb, "<dt>%s</dt><dd>", d->cols[i].label);
        value_html(sb, &d->cols[i], r.raw[i], r.disp[i]);
        html_raw(sb, "</dd>\n");
    }
    html_raw(sb, "</dl>\n");
    if (reg_allows(c->who, d, AUTHZ_WRITE, &r)) {
        html_raw(sb, "<p class=\"actions\"><a class=\"button\" href=\"");
        id_link(sb, d, r.raw[0], "/edit");
        html_raw(sb, "\">編集</a></p>\n");
    }
    if (strcmp(d->code, "training") == 0)
        attendance(c, r.raw[0]);
    history(c, d, r.raw[0]);
    reg_row_free(&r);
    app_end(c);
}

const struct web_route web_routes_registers[] = {
    {"GET", "/r", page_index},
    {"GET", "/r/{}", page_list},
    {"GET", "/r/{}/export", reg_page_export},
    {"GET", "/r/{}/new", reg_page_new},
    {"POST", "/r/{}/new", reg_page_new_post},
    {"GET", "/r/{}/{}", page_detail},
    {"GET", "/r/{}/{}/edit", reg_page_edit},
    {"POST", "/r/{}/{}/edit", reg_page_edit_post},
    {NULL, NULL, NULL},
};
