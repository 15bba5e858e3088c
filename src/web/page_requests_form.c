/*
 * page_requests_form.c — filing a request in the browser: the kinds to choose from (label,
 * clauses, who decides), the form of one kind with a control per field type, the engine's
 * field problems next to their fields, a hard-condition refusal with its reason, and the route
 * resolved for the values before filing; and the same form to correct a request after 差戻し.
 */
#include "web/page_requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"

#define RQ_VALUE_MAX 8192

/* ---- the kinds ---- */

/* Who would decide the user's request of this kind today, when the values do not matter. */
static void grantors(struct web_ctx *c, const char *kind)
{
    struct approval_route r = {0};
    struct mm_err err;
    mm_err_clear(&err);
    if (approval_resolve(c->st, kind, c->person_id, NULL, 0, c->today, &r, &err) != MM_OK) {
        html_raw(APP_SB(c), "<span class=\"rq-hint\">申請の内容で決まります</span>");
        return;
    }
    for (size_t i = 0; i < r.n; i++)
        html_f(APP_SB(c), "%s%s", i ? "、" : "", r.steps[i].person_name);
    approval_route_free(&r);
}

void rq_page_kinds(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "request", AUTHZ_WRITE, NULL)) {
        app_deny(c);
        return;
    }
    json_t *kinds = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (approval_kinds_json(c->st, &kinds, &err)) {
        app_internal(c, &err);
        return;
    }
    app_begin(c, "新しい申請", "/requests");
    struct strbuf *sb = APP_SB(c);
    html_raw(sb, "<p class=\"sub\">申請の種類を選んでください。対策基準が許可・承認を求める行為ごとに、"
                 "決定する人が決まっています。</p>\n"
                 "<div class=\"table-wrap\"><table class=\"list rq-kinds\"><caption>申請の種類</caption>"
                 "<thead><tr><th scope=\"col\">種類</th><th scope=\"col\">対策基準の条項</th>"
                 "<th scope=\"col\">決定する人</th><th scope=\"col\">あなたの申請では</th>"
                 "</tr></thead><tbody>");
    size_t i;
    json_t *k;
    json_array_foreach(kinds, i, k)
    {
        html_f(sb, "<tr><th scope=\"row\"><a href=\"/requests/new/%s\">%s</a></th><td>%s</td>"
                   "<td>%s</td><td>",
               rq_js(k, "code"), rq_js(k, "label"), rq_js(k, "clauses"), rq_js(k, "basis"));
        grantors(c, rq_js(k, "code"));
        html_raw(sb, "</td></tr>");
    }
    html_raw(sb, "</tbody></table></div>\n<p><a href=\"/requests\">申請・承認へ戻る</a></p>\n");
    json_decref(kinds);
    app_end(c);
}

/* ---- controls ---- */

/* The first problem recorded for a field (by its label or code), or NULL. */
static const char *problem_for(const struct mm_problems *p, const struct approval_field *f)
{
    for (size_t i = 0; p && i < p->len; i++)
        if (p->items[i].where &&
            (strcmp(p->items[i].where, f->label) == 0 || strcmp(p->items[i].where, f->code) == 0))
            return p->items[i].msg;
    return NULL;
}

/* Options of a <select> from the (code, label) rows of a fixed query. */
static int options_sql(struct web_ctx *c, const char *sql, const char *cur, struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(c->st, sql, &s, err);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *code = store_col_text(s, 0);
        html_f(APP_SB(c), "<option value=\"%s\"%s>%s</option>", code,
               strcmp(code, cur) == 0 ? " selected" : "", store_col_text(s, 1));
    }
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}

/* Options of a choice field: "code=ラベル|code=ラベル". */
static void options_choices(struct strbuf *sb, const char *choices, const char *cur)
{
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|'), *eq = strchr(p, '=');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char code[128], label[256];
        size_t cl = eq && eq < p + len ? (size_t)(eq - p) : len;
        snprintf(code, sizeof code, "%.*s", (int)cl, p);
        snprintf(label, sizeof label, "%.*s", (int)(cl < len ? len - cl - 1 : cl),
                 cl < len ? eq + 1 : p);
        html_f(sb, "<option value=\"%s\"%s>%s</option>", code,
               strcmp(code, cur) == 0 ? " selected" : "", label);
        p = bar ? bar + 1 : NULL;
    }
}

/* Register references: the register whose ids a field holds, and a hint. */
static const struct {
    const char *type, *hint, *list_sql;
} refs[] = {
    {"person", "職員の ID（例: E00012）", NULL},
    {"asset", "情報資産台帳の ID（例: as01201）", NULL},
    {"system", "情報システムの ID（例: sys01）", "SELECT id, name FROM system ORDER BY id"},
    {"department", "部局・課室の ID（例: ka0101）", "SELECT id, name FROM department ORDER BY id"},
};

static int datalist(struct web_ctx *c, const struct approval_field *f, const char *sql,
                    struct mm_err *err)
{
    struct store_stmt *s;
    int rc = store_prepare(c->st, sql, &s, err);
    if (rc)
        return rc;
    html_f(APP_SB(c), "<datalist id=\"l_%s\">", f->code);
    while ((rc = store_step(s, err)) == STORE_ROW)
        html_f(APP_SB(c), "<option value=\"%s\">%s</option>", store_col_text(s, 0),
               store_col_text(s, 1));
    store_finalize(s);
    html_raw(APP_SB(c), "</datalist>");
    return rc == STORE_DONE ? MM_OK : rc;
}

/* Ends an opening tag: required, the error's description, and '>'. */
static void tag_end(struct strbuf *sb, const struct approval_field *f, int invalid)
{
    if (f->required)
        html_raw(sb, " required");
    if (invalid)
        html_f(sb, " aria-invalid=\"true\" aria-describedby=\"e_%s\"", f->code);
    html_raw(sb, ">");
}

/* The input of one field of a type that is not a list of options. */
static int input_plain(struct web_ctx *c, const struct approval_field *f, const char *v,
                       int invalid, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    if (strcmp(f->type, "date") == 0 || strcmp(f->type, "int") == 0) {
        if (f->type[0] == 'd')
            html_f(sb, "<input type=\"date\" id=\"v_%s\" name=\"v_%s\" value=\"%s\"", f->code,
                   f->code, v);
        else
            html_f(sb, "<input type=\"number\" min=\"0\" id=\"v_%s\" name=\"v_%s\" value=\"%s\"",
                   f->code, f->code, v);
        tag_end(sb, f, invalid);
        return MM_OK;
    }
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        if (strcmp(f->type, refs[i].type) != 0)
            continue;
        html_f(sb, "<input type=\"text\" id=\"v_%s\" name=\"v_%s\" value=\"%s\"", f->code,
               f->code, v);
        if (refs[i].list_sql)
            html_f(sb, " list=\"l_%s\"", f->code);
        tag_end(sb, f, invalid);
        html_f(sb, "<span class=\"rq-hint\">%s</span>", refs[i].hint);
        return refs[i].list_sql ? datalist(c, f, refs[i].list_sql, err) : MM_OK;
    }
    if (f->max_len > 200) {
        html_f(sb, "<textarea id=\"v_%s\" name=\"v_%s\" rows=\"4\" maxlength=\"%d\"", f->code,
               f->code, f->max_len);
        tag_end(sb, f, invalid);
        html_f(sb, "%s</textarea>", v);
    } else {
        html_f(sb, "<input type=\"text\" id=\"v_%s\" name=\"v_%s\" value=\"%s\" maxlength=\"%d\"",
               f->code, f->code, v, f->max_len);
        tag_end(sb, f, invalid);
    }
    return MM_OK;
}

static int control(struct web_ctx *c, const struct approval_field *f, const char *v,
                   const char *msg, struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<div class=\"field%s\"><label for=\"v_%s\">%s%s</label>", msg ? " invalid" : "",
           f->code, f->label, f->required ? "（必須）" : "");
    int rc = MM_OK;
    int is_bool = strcmp(f->type, "bool") == 0, is_choice = strcmp(f->type, "choice") == 0,
        is_class = strcmp(f->type, "class") == 0;
    if (is_bool || is_choice || is_class) {
        html_f(sb, "<select id=\"v_%s\" name=\"v_%s\"", f->code, f->code);
        tag_end(sb, f, msg != NULL);
        html_raw(sb, "<option value=\"\">選んでください</option>");
        if (is_bool)
            html_f(sb, "<option value=\"1\"%s>はい</option><option value=\"0\"%s>いいえ</option>",
                   strcmp(v, "1") == 0 ? " selected" : "", strcmp(v, "0") == 0 ? " selected" : "");
        else if (is_choice)
            options_choices(sb, f->choices, v);
        else
            rc = options_sql(c, "SELECT code, label FROM confidentiality_class ORDER BY rank", v,
                             err);
        html_raw(sb, "</select>");
    } else {
        rc = input_plain(c, f, v, msg != NULL, err);
    }
    if (msg)
        html_f(sb, "<p class=\"field-error\" id=\"e_%s\">%s</p>", f->code, msg);
    html_raw(sb, "</div>\n");
    return rc;
}

/* ---- the form ---- */

struct form_state {
    const struct rq_values *values; /* what was typed (NULL: empty) */
    const struct mm_problems *problems;
    const char *refusal;              /* a hard condition's reason, or NULL */
    const struct approval_route *route; /* the previewed route, or NULL */
    const char *route_note;           /* why no route could be shown, or NULL */
    const char *action;               /* where the form posts */
    const char *title;
    int emergency;
    int amend; /* correcting after 差戻し: no title or emergency to change */
};

/* The label of a role code (the code itself when the table has no such role). */
static void role_label(struct web_ctx *c, const char *code, char *out, size_t size)
{
    struct store_stmt *s;
    struct mm_err err;
    snprintf(out, size, "%s", code);
    if (store_prepare(c->st, "SELECT label FROM role WHERE code = ?", &s, &err))
        return;
    store_bind_text(s, 1, code);
    if (store_step(s, &err) == STORE_ROW && store_col_text(s, 0))
        snprintf(out, size, "%s", store_col_text(s, 0));
    store_finalize(s);
}

static void route_table(struct web_ctx *c, const struct approval_route *r, const char *caption)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<div class=\"table-wrap\"><table class=\"list rq-route\"><caption>%s</caption>"
               "<thead><tr><th scope=\"col\">段階</th><th scope=\"col\">役割</th>"
               "<th scope=\"col\">決定する人</th><th scope=\"col\">決定の仕方</th>"
               "<th scope=\"col\">備考</th></tr></thead><tbody>",
           caption);
    for (size_t i = 0; i < r->n; i++) {
        const struct approval_step *s = &r->steps[i];
        char role[160];
        role_label(c, s->role, role, sizeof role);
        size_t same = 0;
        for (size_t j = 0; j < r->n; j++)
            same += r->steps[j].step == s->step;
        const char *mode = same < 2                      ? "一人で決定"
                           : strcmp(s->mode, "any") == 0 ? "いずれか一人（又は）"
                                                         : "全員（及び）";
        html_f(sb, "<tr><td class=\"num\">%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
               s->step, role, s->person_name, mode, s->escalation);
    }
    html_raw(sb, "</tbody></table></div>\n");
}

static int render_form(struct web_ctx *c, const struct approval_kind *k, const struct form_state *fs,
                       struct mm_err *err)
{
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<p class=\"sub\">対策基準 %s ／ 決定: %s</p>\n", k->clauses, k->basis);
    if (fs->refusal)
        html_f(sb, "<div class=\"errors rq-refusal\" role=\"alert\"><p><strong>この申請は受け付けられません。"
                   "</strong></p><p>%s</p></div>\n",
               fs->refusal);
    if (fs->problems && fs->problems->len) {
        html_f(sb, "<div class=\"errors\" role=\"alert\"><p>入力に誤りが %zu 件あります。"
                   "各項目の説明を見て直してください。</p><ul>",
               fs->problems->len);
        for (size_t i = 0; i < fs->problems->len; i++)
            html_f(sb, "<li>%s: %s</li>", fs->problems->items[i].where, fs->problems->items[i].msg);
        html_raw(sb, "</ul></div>\n");
    }
    if (fs->route)
        route_table(c, fs->route, "この内容で申請したときの決裁の経路");
    else if (fs->route_note)
        html_f(sb, "<p class=\"notice\">%s</p>\n", fs->route_note);
    html_f(sb, "<form class=\"edit rq-form\" method=\"post\" action=\"%s\">", fs->action);
    app_csrf_field(c);
    if (!fs->amend)
        html_f(sb, "<div class=\"field\"><label for=\"title\">件名（省略すると「%s（申請者名）」）</label>"
               "<input type=\"text\" id=\"title\" name=\"title\" maxlength=\"120\" value=\"%s\"></div>\n",
           k->label, fs->title ? fs->title : "");
    for (size_t i = 0; i < k->nfields; i++) {
        const struct approval_field *f = &k->fields[i];
        const char *v = fs->values ? rq_values_get(fs->values, f->code) : NULL;
        int rc = control(c, f, v ? v : "", problem_for(fs->problems, f), err);
        if (rc)
            return rc;
    }
    if (k->emergency && !fs->amend)
        html_f(sb, "<div class=\"field rq-check\"><input type=\"checkbox\" id=\"emergency\" "
                   "name=\"emergency\" value=\"1\"%s><label for=\"emergency\">緊急時の例外措置として、"
                   "実施済みのものを事後に届け出る（7.4(2)）</label></div>\n",
               fs->emergency ? " checked" : "");
    html_raw(sb, "<div class=\"actions\"><button type=\"submit\" name=\"op\" value=\"preview\">"
                 "経路を確認する</button><button type=\"submit\" name=\"op\" value=\"submit\">"
                 "申請する</button><a href=\"/requests\">取りやめる</a></div></form>\n");
    return MM_OK;
}

/* The values typed into the form for the kind's fields (an empty field is left out). */
static void form_values(struct web_ctx *c, const struct approval_kind *k, struct rq_values *vs)
{
    char *buf = malloc(RQ_VALUE_MAX);
    for (size_t i = 0; buf && i < k->nfields; i++) {
        char name[80];
        snprintf(name, sizeof name, "v_%s", k->fields[i].code);
        if (app_form(c, name, buf, RQ_VALUE_MAX) && buf[0])
            rq_values_add(vs, k->fields[i].code, buf);
    }
    free(buf);
}

/* Loads the kind named in the path; answers 404 / 500 and returns nonzero when it cannot. */
static int load_kind(struct web_ctx *c, const char *code, struct approval_kind *k)
{
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_kind_load(c->st, code, k, &err);
    if (rc == MM_EINPUT)
        app_not_found(c);
    else if (rc)
        app_internal(c, &err);
    return rc;
}

static void show_form(struct web_ctx *c, const struct approval_kind *k, struct form_state *fs,
                      const char *title)
{
    struct mm_err err;
    mm_err_clear(&err);
    app_begin(c, title, "/requests");
    if (render_form(c, k, fs, &err)) {
        strbuf_reset(APP_SB(c));
        app_internal(c, &err);
        return;
    }
    app_end(c);
}

static int may_file(struct web_ctx *c)
{
    if (authz_allows(c->who, "request", AUTHZ_WRITE, NULL) && c->person_id[0])
        return 1;
    app_deny(c);
    return 0;
}

void rq_page_new(struct web_ctx *c, char *const *args)
{
    struct approval_kind k;
    if (!may_file(c) || load_kind(c, args[0], &k))
        return;
    struct approval_route r = {0};
    struct mm_err err;
    mm_err_clear(&err);
    int resolved = approval_resolve(c->st, k.code, c->person_id, NULL, 0, c->today, &r, &err) == MM_OK;
    struct form_state fs = {.action = c->req->path, .route = resolved ? &r : NULL,
                            .route_note = "決定する人は入力の内容（情報システム・機密性など）で決まります。"
                                          "「経路を確認する」で確かめられます。"};
    char title[300];
    snprintf(title, sizeof title, "申請: %s", k.label);
    show_form(c, &k, &fs, title);
    if (resolved)
        approval_route_free(&r);
    approval_kind_free(&k);
}

/* After a failed filing: the form again with the problems or the refusal. */
static void refile(struct web_ctx *c, const struct approval_kind *k, struct form_state *fs, int rc,
                   const struct mm_err *err, const char *title)
{
    if (rc == MM_EREFUSED)
        fs->refusal = err->msg;
    else if (rc != MM_EINPUT) {
        app_internal(c, err);
        return;
    }
    show_form(c, k, fs, title);
}

void rq_post_new(struct web_ctx *c, char *const *args)
{
    struct approval_kind k;
    if (!may_file(c) || load_kind(c, args[0], &k))
        return;
    struct rq_values vs = {0};
    form_values(c, &k, &vs);
    char op[16], title[1024], emergency[4];
    app_form(c, "op", op, sizeof op);
    app_form(c, "title", title, sizeof title);
    app_form(c, "emergency", emergency, sizeof emergency);
    struct form_state fs = {.values = &vs, .action = c->req->path, .title = title,
                            .emergency = strcmp(emergency, "1") == 0};
    struct mm_problems problems = {0};
    fs.problems = &problems;
    struct mm_err err;
    mm_err_clear(&err);
    char page_title[300];
    snprintf(page_title, sizeof page_title, "申請: %s", k.label);
    if (strcmp(op, "preview") == 0) {
        struct approval_route r = {0};
        int rc = approval_check_refusals(c->st, k.code, vs.v, vs.n, &err);
        if (!rc)
            rc = approval_resolve(c->st, k.code, c->person_id, vs.v, vs.n, c->today, &r, &err);
        if (!rc) {
            fs.route = &r;
            show_form(c, &k, &fs, page_title);
            approval_route_free(&r);
        } else if (rc == MM_EINPUT) {
            fs.route_note = err.msg;
            show_form(c, &k, &fs, page_title);
        } else {
            refile(c, &k, &fs, rc, &err, page_title);
        }
    } else {
        struct approval_new q = {.kind = k.code, .title = title[0] ? title : NULL,
                                 .requester_id = c->person_id, .values = vs.v, .nvalues = vs.n,
                                 .emergency = fs.emergency, .today = c->today};
        long long id = 0;
        int rc = MM_EINPUT;
        if (rq_title_ok(title))
            rc = approval_create(c->st, &c->actor, &q, &id, &problems, &err);
        else
            mm_problems_add(&problems, "件名", "%d 文字以内で書いてください", RQ_TITLE_MAX);
        if (rc) {
            refile(c, &k, &fs, rc, &err, page_title);
        } else {
            char loc[64];
            snprintf(loc, sizeof loc, "/requests/%lld?done=filed", id);
            app_redirect(c, loc);
        }
    }
    mm_problems_free(&problems);
    rq_values_free(&vs);
    approval_kind_free(&k);
}

/* ---- correcting after 差戻し ---- */

/* A request its requester corrects: the request, its kind, the form's address and title. */
struct amend {
    json_t *r;
    struct approval_kind k;
    char action[64], title[300];
};

/*
 * Opens the request when its requester may correct it (差戻し): 1 with *a filled (release with
 * amend_close); 0 with 403, 400 or the error of the kind answered.
 */
static int amend_open(struct web_ctx *c, const char *arg, struct amend *a)
{
    json_t *r = rq_load_visible(c, rq_id(arg));
    if (!r)
        return 0;
    if (!rq_is_requester(c, r) || !authz_allows(c->who, "request", AUTHZ_WRITE, NULL)) {
        json_decref(r);
        app_deny(c);
        return 0;
    }
    if (strcmp(rq_js(r, "state"), "returned") != 0) {
        json_decref(r);
        app_bad_request(c, "差し戻された申請だけを直して再申請できます。");
        return 0;
    }
    if (load_kind(c, rq_js(r, "kind"), &a->k)) {
        json_decref(r);
        return 0;
    }
    a->r = r;
    snprintf(a->action, sizeof a->action, "/requests/%s/amend", arg);
    snprintf(a->title, sizeof a->title, "再申請: %s（申請 %s）", a->k.label, arg);
    return 1;
}

static void amend_close(struct amend *a)
{
    approval_kind_free(&a->k);
    json_decref(a->r);
}

void rq_page_amend(struct web_ctx *c, char *const *args)
{
    struct amend a;
    if (!amend_open(c, args[0], &a))
        return;
    struct rq_values vs = {0};
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(a.r, "values"), i, v)
    {
        for (size_t j = 0; j < a.k.nfields; j++)
            if (strcmp(a.k.fields[j].code, rq_js(v, "field")) == 0)
                rq_values_add(&vs, a.k.fields[j].code, rq_js(v, "value"));
    }
    struct form_state fs = {.values = &vs, .action = a.action, .amend = 1};
    show_form(c, &a.k, &fs, a.title);
    rq_values_free(&vs);
    amend_close(&a);
}

void rq_post_amend(struct web_ctx *c, char *const *args)
{
    struct amend a;
    if (!amend_open(c, args[0], &a))
        return;
    struct rq_values vs = {0};
    form_values(c, &a.k, &vs);
    struct mm_problems problems = {0};
    struct mm_err err;
    mm_err_clear(&err);
    int rc = approval_amend(c->st, &c->actor, rq_id(args[0]), c->person_id, vs.v, vs.n, c->today,
                            &problems, &err);
    if (rc) {
        struct form_state fs = {.values = &vs, .problems = &problems, .action = a.action,
                                .amend = 1};
        refile(c, &a.k, &fs, rc, &err, a.title);
    } else {
        char loc[64];
        snprintf(loc, sizeof loc, "/requests/%s?done=amended", args[0]);
        app_redirect(c, loc);
    }
    mm_problems_free(&problems);
    rq_values_free(&vs);
    amend_close(&a);
}
