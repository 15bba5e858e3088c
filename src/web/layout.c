/*
 * layout.c — the shared page frame (see layout.h).
 */
#include "web/layout.h"

#include "web/html.h"

void layout_begin(struct strbuf *sb, const char *title)
{
    html_f(sb,
           "<!DOCTYPE html>\n"
           "<html lang=\"ja\">\n"
           "<head>\n"
           "<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>%s</title>\n"
           "<link rel=\"stylesheet\" href=\"/static/mamori.css\">\n"
           "</head>\n"
           "<body>\n"
           "<header class=\"bar\"><a class=\"brand\" href=\"/\">mamori（守り）</a>"
           "<span class=\"tagline\">情報セキュリティポリシーの運用</span></header>\n"
           "<main>\n",
           title);
}

void layout_end(struct strbuf *sb)
{
    html_f(sb,
           "</main>\n"
           "<footer>mamori %s</footer>\n"
           "</body>\n"
           "</html>\n",
           MAMORI_VERSION);
}
