/*
 * page_error.c — the Japanese pages for requests mamori cannot answer: a form without its CSRF
 * token (403), unknown path (404), a method the path does not take (405), a body over the
 * limit (413), a request addressed to a foreign host name (421), a
 * database that failed (500) or is unavailable (503).
 */
#include "web/html.h"
#include "web/layout.h"
#include "web/web.h"

static const struct {
    int status;
    const char *title;
    const char *text;
} error_pages[] = {
    {403, "要求を受け付けられません",
     "フォームの確認用の情報がないか、正しくありません。ページを開き直してから、"
     "もう一度操作してください。"},
    {404, "ページが見つかりません", "指定されたページはありません。アドレスを確かめてください。"},
    {405, "この操作はできません", "このページはこの方法（HTTP メソッド）の要求に対応していません。"},
    {413, "送信された内容が大きすぎます", "フォームの内容を短くして、もう一度送信してください。"},
    {414, "アドレスが長すぎます", "検索条件を短くして、もう一度お試しください。"},
    {421, "このアドレスでは表示できません",
     "この mamori は自分のコンピュータ（127.0.0.1 または "
     "localhost）からの表示だけを受け付けます。"},
    {500, "内部エラーが発生しました",
     "データベースを読み取れませんでした。しばらくしてから再読み込みしてください。"
     "続く場合はサーバーの記録（標準エラー出力）を管理者に確認してもらってください。"},
    {503, "ただいま利用できません", "データベースに接続できません。"},
};

void web_page_error(struct web_response *resp, int status)
{
    size_t n = sizeof error_pages / sizeof error_pages[0];
    size_t page = n, fallback = 0;
    for (size_t i = 0; i < n; i++) {
        if (error_pages[i].status == status)
            page = i;
        if (error_pages[i].status == 500)
            fallback = i;
    }
    if (page == n) /* a code without its own page reads as an internal error */
        page = fallback;
    resp->status = status;
    resp->content_type = "text/html; charset=utf-8";
    resp->cache = "no-store";
    strbuf_reset(&resp->body);
    layout_begin(&resp->body, error_pages[page].title);
    html_f(&resp->body,
           "<h1>%s</h1>\n"
           "<p>%s</p>\n"
           "<p><a href=\"/\">トップページへ戻る</a></p>\n",
           error_pages[page].title, error_pages[page].text);
    layout_end(&resp->body);
}
