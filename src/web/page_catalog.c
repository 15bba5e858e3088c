/*
 * page_catalog.c — the 対策基準 catalog: /catalog (sections → clauses with number, short
 * title, 必須/推奨, the role marks of the 権限・責任等一覧表 and how many rules check each) and
 * /catalog/{clause_id} (one clause: its role marks with the role names, its sub-clauses, the
 * rules that check it with the current findings the user may read, and for a 推奨事項 whether
 * the organization adopted it).
 */
#include <stdio.h>
#include <string.h>

#include "web/dash_catalog.h"
#include "web/dash_html.h"
#include "web/html.h"

static const char *js(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static void clause_href(struct strbuf *out, const char *id)
{
    strbuf_addstr(out, "/catalog/");
    dash_url_escape(out, id);
}

static const char *kind_label(const json_t *c)
{
    if (!json_is_true(json_object_get(c, "recommended")))
        return "必須";
    return "推奨";
}

static const char *adopted_label(const json_t *c)
{
    const json_t *a = json_object_get(c, "adopted");
    if (!json_is_true(json_object_get(c, "recommended")))
        return "";
    if (json_is_true(a))
        return "採用";
    if (json_is_false(a))
        return "不採用";
    return "未記録";
}

static void clause_tr(struct strbuf *sb, const json_t *c)
{
    struct strbuf href = STRBUF_INIT;
    clause_href(&href, js(c, "id"));
    long long rules = (long long)json_integer_value(json_object_get(c, "rules"));
    char count[24] = "—";
    if (rules)
        snprintf(count, sizeof count, "%lld", rules);
    html_f(sb, "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th><td>%s</td><td><span class=\"tag\">%s"
               "</span> %s</td><td class=\"marks\">%s</td><td class=\"num\">%s</td></tr>\n",
           href.buf, js(c, "id"), js(c, "title"), kind_label(c), adopted_label(c),
           js(c, "marks") ? js(c, "marks") : "", count);
    strbuf_release(&href);
}

static void table_open(struct strbuf *sb, const char *caption)
{
    html_f(sb, "<div class=\"table-wrap\"><table class=\"clauses\"><caption>%s</caption><thead><tr>"
               "<th scope=\"col\">条項</th><th scope=\"col\">見出し</th><th scope=\"col\">区分</th>"
               "<th scope=\"col\">役割の記号</th><th scope=\"col\">点検する規則</th></tr></thead>"
               "<tbody>\n",
           caption);
}

static void catalog_page(struct web_ctx *c, char *const *args)
{
    (void)args;
    if (!authz_allows(c->who, "catalog", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    json_t *list = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_catalog_list(c->st, &list, &err)) {
        json_decref(list);
        app_internal(c, &err);
        return;
    }
    struct strbuf *sb = APP_SB(c);
    app_begin(c, "対策基準", "/catalog");
    html_raw(sb, "<p class=\"sub\">地方公共団体における情報セキュリティポリシーに関するガイドラインの"
                 "対策基準（例文）の条項です。役割の記号は権限・責任等一覧表によります"
                 "（○ 権限又は責任等を有している者、△ 記載がある者又は報告先等、許 許可、承 承認）。"
                 "</p>\n");
    if (!json_array_size(list))
        html_raw(sb, "<p class=\"empty\">カタログが読み込まれていません。</p>\n");
    /* the index of sections (top-level clauses) */
    html_raw(sb, "<nav aria-label=\"節\"><ul class=\"section-index\">");
    size_t i;
    json_t *cl;
    json_array_foreach(list, i, cl)
        if (json_is_null(json_object_get(cl, "parent")))
            html_f(sb, "<li><a href=\"#s%s\">%s %s</a></li>", js(cl, "id"), js(cl, "id"),
                   js(cl, "title"));
    html_raw(sb, "</ul></nav>\n");
    int open = 0;
    json_array_foreach(list, i, cl) {
        if (json_is_null(json_object_get(cl, "parent"))) {
            if (open)
                html_raw(sb, "</tbody></table></div>\n");
            html_f(sb, "<h2 id=\"s%s\">%s %s</h2>\n", js(cl, "id"), js(cl, "id"), js(cl, "title"));
            char cap[256];
            snprintf(cap, sizeof cap, "%s の条項", js(cl, "title"));
            table_open(sb, cap);
            open = 1;
            continue;
        }
        if (open)
            clause_tr(sb, cl);
    }
    if (open)
        html_raw(sb, "</tbody></table></div>\n");
    app_end(c);
    json_decref(list);
}

static void marks_block(struct strbuf *sb, const json_t *o)
{
    const json_t *m = json_object_get(o, "role_marks");
    html_raw(sb, "<h2>役割（権限・責任等一覧表）</h2>\n");
    if (!json_array_size(m)) {
        html_raw(sb, "<p class=\"empty\">一覧表に記号はありません。</p>\n");
        return;
    }
    html_raw(sb, "<table class=\"counts\"><caption>この条項の役割の記号</caption><thead><tr>"
                 "<th scope=\"col\">役割</th><th scope=\"col\">記号</th><th scope=\"col\">意味</th>"
                 "</tr></thead><tbody>\n");
    size_t i;
    json_t *r;
    json_array_foreach(m, i, r)
        html_f(sb, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n", js(r, "label"),
               js(r, "mark"), js(r, "mark_label"));
    html_raw(sb, "</tbody></table>\n");
}

static void coverage_block(struct strbuf *sb, const json_t *o)
{
    const json_t *cov = json_object_get(o, "coverage");
    html_raw(sb, "<h2>点検の方法</h2>\n");
    if (!json_array_size(cov)) {
        html_raw(sb, "<p class=\"empty\">この条項を自動で点検する規則はありません"
                     "（自己点検や手続で確認します）。</p>\n");
        return;
    }
    html_raw(sb, "<ul>\n");
    size_t i;
    json_t *c;
    json_array_foreach(cov, i, c) {
        if (strcmp(js(c, "kind"), "rule")) {
            html_f(sb, "<li>%s %s</li>\n", !strcmp(js(c, "kind"), "assessment") ? "自己点検" : "手続",
                   js(c, "ref"));
            continue;
        }
        struct strbuf href = STRBUF_INIT;
        strbuf_addstr(&href, "/findings?rule=");
        dash_url_escape(&href, js(c, "ref"));
        const json_t *n = json_object_get(c, "findings");
        html_f(sb, "<li>規則 %s %s（重大度 %s）: ", js(c, "ref"), js(c, "title") ? js(c, "title") : "",
               dash_severity_label(js(c, "severity")));
        if (json_is_integer(n))
            html_f(sb, "<a href=\"%s\">現在の指摘 %lld 件</a>", href.buf,
                   (long long)json_integer_value(n));
        else
            html_raw(sb, "指摘の件数は閲覧できません");
        html_raw(sb, "</li>\n");
        strbuf_release(&href);
    }
    html_raw(sb, "</ul>\n");
}

static void clause_page(struct web_ctx *c, char *const *args)
{
    if (!authz_allows(c->who, "catalog", AUTHZ_READ, NULL)) {
        app_deny(c);
        return;
    }
    json_t *o = NULL;
    int found = 0;
    struct mm_err err;
    mm_err_clear(&err);
    if (dash_catalog_clause(c->st, c->who, args[0], &o, &found, &err)) {
        app_internal(c, &err);
        return;
    }
    if (!found) {
        app_not_found(c);
        return;
    }
    char title[512];
    snprintf(title, sizeof title, "%s %s", js(o, "id"), js(o, "title"));
    app_begin(c, title, "/catalog");
    struct strbuf *sb = APP_SB(c);
    html_f(sb, "<dl class=\"facts\"><dt>節</dt><dd>%s</dd><dt>区分</dt><dd>%s", js(o, "section"),
           json_is_true(json_object_get(o, "recommended")) ? "推奨事項" : "必須");
    if (json_is_true(json_object_get(o, "recommended")))
        html_f(sb, "（この団体では%s）", !strcmp(adopted_label(o), "採用") ? "採用しています"
                                       : !strcmp(adopted_label(o), "不採用") ? "採用していません"
                                                                               : "採否が記録されていません");
    html_f(sb, "</dd><dt>記号の確かさ</dt><dd>%s</dd>", js(o, "status_label"));
    if (js(o, "parent")) {
        struct strbuf href = STRBUF_INIT;
        clause_href(&href, js(o, "parent"));
        html_f(sb, "<dt>上位の条項</dt><dd><a href=\"%s\">%s %s</a></dd>", href.buf, js(o, "parent"),
               js(o, "parent_title") ? js(o, "parent_title") : "");
        strbuf_release(&href);
    }
    html_raw(sb, "</dl>\n");
    marks_block(sb, o);
    coverage_block(sb, o);
    const json_t *ch = json_object_get(o, "children");
    if (json_array_size(ch)) {
        html_raw(sb, "<h2>下位の条項</h2>\n");
        table_open(sb, "下位の条項");
        size_t i;
        json_t *x;
        json_array_foreach(ch, i, x)
            clause_tr(sb, x);
        html_raw(sb, "</tbody></table></div>\n");
    }
    html_raw(sb, "<p><a href=\"/catalog\">対策基準の一覧へ戻る</a></p>\n");
    app_end(c);
    json_decref(o);
}

const struct web_route web_routes_catalog[] = {
    {"GET", "/catalog", catalog_page},
    {"GET", "/catalog/{}", clause_page},
    {NULL, NULL, NULL},
};
