/*
 * register_form.c — creating and editing register rows on the web: GET shows the form
 * (selects for codes, yes/no and small reference tables; an id field for references to
 * people), POST checks every field (register_edit.c) and either shows the form again with a
 * Japanese message beside each wrong field and the values kept, or writes the row with its
 * change-log entry and answers 303 to the detail page. Rows outside the user's WRITE reach are
 * 403 for GET and POST.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/app.h"
#include "web/html.h"
#include "web/register.h"

/* References with more rows than this are typed as an id rather than chosen. */
#define REG_SELECT_MAX 300

struct opt_ctx {
    struct strbuf *sb;
    const char *selected;
};

static void option(void *ctx, const char *code, const char *label)
{
    struct opt_ctx *o = ctx;
    int sel = o->selected && code && strcmp(o->selected, code) == 0;
    if (code && label && strcmp(code, label) != 0)
        html_f(o->sb, "<option value=\"%s\"%s>%s（%s）</option>", code, sel ? " selected" : "",
               label, code);
    else
        html_f(o->sb, "<option value=\"%s\"%s>%s</option>", code, sel ? " selected" : "", label);
}

/* A select when the choices are few enough; a typed id otherwise (people, large bodies). */
static int selectable(struct web_ctx *c, const struct reg_col *col)
{
    if (col->kind == REG_CODE || col->kind == REG_BOOL)
        return 1;
    if (col->kind != REG_REF)
        return 0;
    long long n = reg_options_count(c->st, col, REG_SELECT_MAX);
    return n >= 0 && n <= REG_SELECT_MAX;
}

static int field(struct web_ctx *c, const struct reg_col *col, const char *value, const char *msg)
{
    struct strbuf *sb = APP_SB(c);
    int req = (col->flags & REG_REQUIRED) != 0;
    html_f(sb, "<div class=\"field%s\"><label for=\"c_%s\">%s%s</label>", msg[0] ? " invalid" : "",
           col->name, col->label, req ? "（必須）" : "");
    if (selectable(c, col)) {
        html_f(sb, "<select id=\"c_%s\" name=\"%s\"", col->name, col->name);
        if (msg[0])
            html_f(sb, " aria-invalid=\"true\" aria-describedby=\"e_%s\"", col->name);
        html_f(sb, "><option value=\"\">%s</option>", req ? "（選んでください）" : "（なし）");
        struct opt_ctx o = {sb, value};
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
        html_raw(sb, "</select>");
    } else {
        const char *type = col->kind == REG_DATE ? "date" : "text";
        html_f(sb, "<input type=\"%s\" id=\"c_%s\" name=\"%s\" value=\"%s\"", type, col->name,
               col->name, value);
        if (col->kind == REG_INT)
            html_raw(sb, " inputmode=\"numeric\"");
        if (msg[0])
            html_f(sb, " aria-invalid=\"true\" aria-describedby=\"e_%s\"", col->name);
        html_raw(sb, ">");
        if (col->kind == REG_REF)
            html_f(sb, "<span class=\"hint\">%sの番号（id）で入力してください</span>", col->label);
    }
    if (msg[0])
        html_f(sb, "<p class=\"field-error\" id=\"e_%s\">%s</p>", col->name, msg);
    html_raw(sb, "</div>\n");
    return 1;
}

/* The form; vals and msgs per column (NULL vals: the row's current values). */
static void form_page(struct web_ctx *c, const struct reg_desc *d, const struct reg_row *before,
                      const struct reg_input *vals, const struct reg_errors *e)
{
    char title[512];
    snprintf(title, sizeof title, before ? "%s — %s の編集" : "%s — 新規登録", d->label,
             before ? before->raw[0] : "");
    app_begin(c, title, "/r");
    struct strbuf *sb = APP_SB(c);
    if (e && e->n) {
        if (c->resp)
            c->resp->status = 422;
        html_f(sb, "<div class=\"errors\" role=\"alert\"><p>入力に誤りが %zu 件あります。"
                   "各項目のメッセージを確認してください。</p>",
               e->n);
        if (e->general[0])
            html_f(sb, "<p>%s</p>", e->general);
        html_raw(sb, "</div>\n");
    }
    struct strbuf action = STRBUF_INIT;
    if (before) {
        reg_url_param(&action, "x", before->raw[0]);
        html_f(sb, "<form class=\"edit\" method=\"post\" action=\"/r/%s/%s/edit\" novalidate>\n",
               d->code, action.buf + 2);
    } else {
        html_f(sb, "<form class=\"edit\" method=\"post\" action=\"/r/%s/new\" novalidate>\n",
               d->code);
    }
    strbuf_release(&action);
    app_csrf_field(c);
    for (size_t i = 0; i < d->ncols; i++) {
        const struct reg_col *col = &d->cols[i];
        if (!(col->flags & REG_EDIT) && !(i == 0 && !before))
            continue;
        const char *v = vals ? vals->val[i] : before && before->raw[i] ? before->raw[i] : "";
        if (!field(c, col, v, e ? e->msg[i] : ""))
            return;
        if (i == 0)
            html_f(sb, "<p class=\"hint\">例: %s</p>\n", d->id_hint);
    }
    html_raw(sb, "<div class=\"actions\"><button type=\"submit\">保存する</button> ");
    if (before) {
        struct strbuf id = STRBUF_INIT;
        reg_url_param(&id, "x", before->raw[0]);
        html_f(sb, "<a href=\"/r/%s/%s\">取り消す</a>", d->code, id.buf + 2);
        strbuf_release(&id);
    } else {
        html_f(sb, "<a href=\"/r/%s\">取り消す</a>", d->code);
    }
    html_raw(sb, "</div>\n</form>\n");
    app_end(c);
}

/* The row named by args[1], with READ and WRITE checked; 0 when answered. */
static int load_for_edit(struct web_ctx *c, const struct reg_desc *d, const char *id,
                         struct reg_row *r)
{
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (reg_get(c->st, d, id, r, &found, &err)) {
        app_internal(c, &err);
        return 0;
    }
    if (!found) {
        app_not_found(c);
        return 0;
    }
    if (!reg_allows(c->who, d, AUTHZ_WRITE, r)) {
        reg_row_free(r);
        app_deny(c);
        return 0;
    }
    return 1;
}

static const struct reg_desc *writable_register(struct web_ctx *c, const char *code)
{
    const struct reg_desc *d = reg_find(code);
    if (!d) {
        app_not_found(c);
        return NULL;
    }
    if (!reg_allows(c->who, d, AUTHZ_WRITE, NULL)) {
        app_deny(c);
        return NULL;
    }
    return d;
}

static void read_form(struct web_ctx *c, const struct reg_desc *d, struct reg_input *in)
{
    memset(in, 0, sizeof *in);
    for (size_t i = 0; i < d->ncols; i++)
        in->present[i] = app_form(c, d->cols[i].name, in->val[i], sizeof in->val[i]);
}

static void submit_with(struct web_ctx *c, const struct reg_desc *d,
                        const struct reg_row *before, struct reg_input *in, struct reg_input *mp);

/* Validates and saves; on errors shows the form again. */
static void submit(struct web_ctx *c, const struct reg_desc *d, const struct reg_row *before)
{
    struct reg_input *in = calloc(2, sizeof *in); /* large: kept off the stack */
    if (!in) {
        app_internal(c, NULL);
        return;
    }
    submit_with(c, d, before, in, in + 1);
    free(in);
}

static void submit_with(struct web_ctx *c, const struct reg_desc *d, const struct reg_row *before,
                        struct reg_input *in, struct reg_input *mp)
{
    struct reg_errors e;
    struct mm_err err;
    mm_err_clear(&err);
    read_form(c, d, in);
    if (reg_validate(c->st, c->who, d, before, in, mp, &e, &err)) {
        app_internal(c, &err);
        return;
    }
    if (e.n) {
        form_page(c, d, before, mp, &e);
        return;
    }
    if (reg_save(c->st, &c->actor, d, before, mp, &err)) {
        memset(&e, 0, sizeof e);
        e.n = 1;
        snprintf(e.general, sizeof e.general,
                 "保存できませんでした。ほかの項目との組合せが台帳の決まりに合いません（%s）。",
                 "整合性の制約");
        if (c->log)
            strbuf_addstr(c->log, err.msg);
        form_page(c, d, before, mp, &e);
        return;
    }
    struct strbuf loc = STRBUF_INIT, id = STRBUF_INIT;
    reg_url_param(&id, "x", mp->val[0]);
    strbuf_addf(&loc, "/r/%s/%s?saved=1", d->code, id.buf + 2);
    app_redirect(c, loc.buf);
    strbuf_release(&loc);
    strbuf_release(&id);
}

void reg_page_new(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = writable_register(c, args[0]);
    if (d)
        form_page(c, d, NULL, NULL, NULL);
}

void reg_page_new_post(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = writable_register(c, args[0]);
    if (d)
        submit(c, d, NULL);
}

void reg_page_edit(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = writable_register(c, args[0]);
    struct reg_row r;
    if (!d || !load_for_edit(c, d, args[1], &r))
        return;
    form_page(c, d, &r, NULL, NULL);
    reg_row_free(&r);
}

void reg_page_edit_post(struct web_ctx *c, char *const *args)
{
    const struct reg_desc *d = writable_register(c, args[0]);
    struct reg_row r;
    if (!d || !load_for_edit(c, d, args[1], &r))
        return;
    submit(c, d, &r);
    reg_row_free(&r);
}
