/*
 * snapshot_parse.c — turns snapshot bytes into a JSON tree, or into one Japanese message that
 * names the file, line and column and says what is wrong: invalid UTF-8, a NUL byte, a file
 * that ends too early, a duplicate key, or a syntax error.
 */
#include <stdio.h>
#include <string.h>

#include "io/snapshot.h"
#include "io/snapshot_fields.h"

/* Line and column (1-based; the column counts characters) of byte offset `pos`. */
static void locate(const char *text, size_t pos, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/*
 * Finds the first byte that is not part of well-formed UTF-8, or a NUL byte. Returns its
 * offset, or `len` if there is none; *nul tells which it was.
 */
static size_t find_bad_byte(const char *text, size_t len, int *nul)
{
    size_t i = 0;
    *nul = 0;
    while (i < len) {
        if (text[i] == '\0') {
            *nul = 1;
            return i;
        }
        size_t n = snap_utf8_seq(text + i, len - i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

/* jansson's English message, by its prefix, in Japanese. */
static const char *syntax_message(const char *text)
{
    static const struct {
        const char *prefix;
        const char *ja;
    } msgs[] = {
        {"'[' or '{' expected", "JSON の始まり（{）が必要です"},
        {"string or '}' expected", "項目名（\"…\" の文字列）か } が必要です"},
        {"':' expected", "項目名の後に : が必要です"},
        {"',' or '}' expected", ", か } が必要です（, の付け忘れではありませんか）"},
        {"',' or ']' expected", ", か ] が必要です（, の付け忘れではありませんか）"},
        {"unexpected token", "ここに置けない記号があります（末尾の余分な , ではありませんか）"},
        {"invalid token", "解釈できない語があります（文字列は \"…\" で囲み、真偽値は true / false、"
                          "空は null と書きます）"},
        {"end of file expected", "JSON の終わりの後に余分な文字があります"},
        {"control character", "文字列の中に改行・タブなどの制御文字があります（\\n や \\t と書きます）"},
        {"invalid escape", "文字列の中の \\ の使い方が正しくありません"},
        {"invalid Unicode", "\\u による文字の指定が正しくありません"},
        {"maximum parsing depth", "入れ子が深すぎます"},
        {"real number overflow", "数値が大きすぎます"},
        {"too big integer", "整数が大きすぎます"},
        {"too big negative integer", "整数が小さすぎます"},
        {"\\u0000 is not allowed", "文字列に \\u0000（NUL 文字）は使えません"},
    };
    for (size_t i = 0; i < sizeof msgs / sizeof *msgs; i++)
        if (strncmp(text, msgs[i].prefix, strlen(msgs[i].prefix)) == 0)
            return msgs[i].ja;
    return "JSON の書き方が正しくありません";
}

/* The token jansson quotes ("… near 'x'"), clipped for a message; "" when there is none. */
static const char *near_token(const char *text, char *buf, size_t bufsize)
{
    const char *p = strstr(text, " near '");
    buf[0] = '\0';
    if (!p)
        return buf;
    p += 7;
    const char *end = strrchr(p, '\'');
    if (!end || end < p)
        return buf;
    char tok[JSON_ERROR_TEXT_LENGTH];
    snprintf(tok, sizeof tok, "%.*s", (int)(end - p), p);
    size_t n = strlen(tok);
    /* jansson may cut a multibyte character when it truncates; drop a broken tail. */
    while (n && !snap_utf8_valid(tok, n))
        tok[--n] = '\0';
    snap_clip(tok, buf, bufsize, 40);
    return buf;
}

int snapshot_parse(const char *name, const char *text, size_t len, json_t **out,
                   struct mm_err *err)
{
    *out = NULL;
    if (!name)
        name = "(入力)";
    int line, col, nul;
    size_t bad = find_bad_byte(text, len, &nul);
    if (bad < len) {
        locate(text, bad, &line, &col);
        if (nul)
            return mm_err_set(err, MM_EINPUT,
                              "%s の %d 行 %d 列目: NUL 文字（0x00）が含まれています。"
                              "テキストの JSON ファイルではないようです",
                              name, line, col);
        return mm_err_set(err, MM_EINPUT,
                          "%s の %d 行 %d 列目: UTF-8 として不正なバイト列があります（0x%02X）。"
                          "Shift_JIS などで保存されていないか確かめてください",
                          name, line, col, (unsigned char)text[bad]);
    }
    /* A byte-order mark is harmless; some editors add one. */
    size_t skip = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    size_t i = skip;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (i == len)
        return mm_err_set(err, MM_EINPUT, "%s: ファイルが空です", name);

    json_error_t je;
    json_t *root = json_loadb(text + skip, len - skip, JSON_REJECT_DUPLICATES, &je);
    if (root) {
        *out = root;
        return MM_OK;
    }
    size_t pos = skip + (je.position > 0 ? (size_t)je.position : 0);
    if (pos > len)
        pos = len;
    locate(text, pos, &line, &col);
    char tok[160];
    near_token(je.text, tok, sizeof tok);
    switch (json_error_code(&je)) {
    case json_error_premature_end_of_input:
        return mm_err_set(err, MM_EINPUT,
                          "%s の %d 行 %d 列目: ファイルが途中で終わっています（閉じていない "
                          "\" { [ があります。書き出しやコピーが途中で切れていないか確かめてください）",
                          name, line, col);
    case json_error_duplicate_key:
        return mm_err_set(err, MM_EINPUT,
                          "%s の %d 行 %d 列目: 同じオブジェクトの中で項目 %s が重複しています", name,
                          line, col, tok[0] ? tok : "?");
    case json_error_invalid_utf8:
        return mm_err_set(err, MM_EINPUT, "%s の %d 行 %d 列目: UTF-8 として不正なバイト列があります",
                          name, line, col);
    case json_error_out_of_memory:
        return mm_err_set(err, MM_EINTERNAL, "%s を読み込むためのメモリが足りません", name);
    default:
        /* After a comma jansson wants the next key or value; a closing bracket there is the
         * common mistake of a trailing comma. */
        if ((strcmp(tok, "}") == 0 && strncmp(je.text, "string or '}' expected", 22) == 0) ||
            (strcmp(tok, "]") == 0 && strncmp(je.text, "unexpected token", 16) == 0))
            return mm_err_set(err, MM_EINPUT,
                              "%s の %d 行 %d 列目: 閉じかっこ %s の前に余分な , があります（JSON では"
                              "最後の要素の後に , を書きません）",
                              name, line, col, tok);
        if (tok[0])
            return mm_err_set(err, MM_EINPUT, "%s の %d 行 %d 列目（「%s」の付近）: %s", name, line,
                              col, tok, syntax_message(je.text));
        return mm_err_set(err, MM_EINPUT, "%s の %d 行 %d 列目: %s", name, line, col,
                          syntax_message(je.text));
    }
}
