/* test_pdf.c — the PDF document API: a document with every element (long Japanese paragraphs,
 * key–value block, a 120-row table across pages, 承認欄, bar chart, a landscape page) written to
 * /tmp and checked with poppler's tools: %PDF header, an embedded IPAex (or Noto CJK) font, the
 * Japanese text extracted back, the page count, page 1 as PNG under build/screenshots/pdf/.
 * Also: the same input gives the same bytes (fixed creation date), and an unwritable path is a
 * Japanese error. A missing poppler tool fails the test (it never passes silently). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "report/pdf.h"
#include "report/report.h"
#include "util/strbuf.h"

#define ROWS 120
#define EXPECTED_PAGES 5

static const struct pdf_meta META = {
    .title = "情報セキュリティ委員会 資料（試験）",
    .organization = "こもれび市",
    .subject = "文書出力の試験",
    .created_at = "2026-11-23T10:00:00+09:00",
    .print_date = {2026, 11, 23},
};

static const char LONG_TEXT[] =
    "本資料は、情報セキュリティ委員会において令和8年度の情報セキュリティ対策の実施状況を報告する"
    "ためのものである。各部局の情報セキュリティ責任者は、所管する課室における情報資産の管理状況、"
    "アカウントの棚卸し、外部委託先の管理及び研修の受講状況を確認し、不備がある場合には是正計画を"
    "定めて統括情報セキュリティ責任者に報告しなければならない。なお、リスクを受容した事項について"
    "は、その理由と期限を明らかにし、期限の到来前に改めて判断を行うこと。";

/* Draws the sample document into d: every element the API offers. */
static void draw_sample(struct pdf_doc *d)
{
    pdf_heading(d, 1, "令和8年度 情報セキュリティ委員会 報告（試験）");
    static const struct pdf_kv kv[] = {
        {"申請者", "総務部 情報政策課 主査 山田 花子"},
        {"申請日", "令和8年11月23日"},
        {"件名", "クラウドサービス利用の例外措置（対策基準 8.3(2)）"},
    };
    pdf_kv_block(d, kv, 3);
    pdf_heading(d, 2, "1. 概要");
    for (int i = 0; i < 3; i++)
        pdf_paragraph(d, LONG_TEXT);
    pdf_note(d, "注：この文書は試験用に作成したもので、実在の団体とは関係ありません。");
    static const struct pdf_signer signers[] = {
        {"課長", "佐藤 一郎", "令和8年11月24日"},
        {"部長", "鈴木 次郎", "令和8年11月25日"},
        {"統括情報セキュリティ責任者", NULL, NULL},
    };
    pdf_signature_row(d, signers, 3);
    static const struct pdf_bar bars[] = {
        {"組織体制", 12}, {"情報資産の分類と管理", 7}, {"人的セキュリティ", 3.5},
        {"技術的セキュリティ", 0}, {"業務委託と外部サービス（クラウドサービス）の利用", 21},
    };
    pdf_bar_chart(d, "対策基準の章別 指摘件数", bars, 5, 0, "件");

    pdf_heading(d, 2, "2. 指摘の一覧");
    static const struct pdf_column cols[] = {
        {"No.", 0.6, PDF_RIGHT}, {"部署", 2, PDF_LEFT}, {"内容", 5, PDF_LEFT},
        {"基準日", 1.6, PDF_CENTER}};
    pdf_table_begin(d, "表1 指摘（120 件）", cols, 4);
    for (int i = 1; i <= ROWS; i++) {
        char no[16], dept[64], what[256];
        snprintf(no, sizeof no, "%d", i);
        snprintf(dept, sizeof dept, "第%d課", i % 17 + 1);
        snprintf(what, sizeof what, "%s", i % 9 == 0
                     ? "アカウントの棚卸しが規定の期間内に実施されていません。所管課において"
                       "速やかに棚卸しを行い、結果を報告してください。"
                     : "情報資産台帳の管理者が未設定です。");
        const char *cells[] = {no, dept, what, "令和8年11月1日"};
        pdf_table_row(d, cells);
    }
    pdf_table_end(d);
    pdf_new_page(d, PDF_LANDSCAPE);
    pdf_heading(d, 2, "3. 横向きのページ");
    pdf_paragraph(d, "幅の広い表は横向きのページに置きます。");
}

static char tmpdir[] = "/tmp/mamori-pdf-XXXXXX";

static int have_tool(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* Runs a shell command and returns its standard output (caller frees). */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct strbuf sb = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        strbuf_add(&sb, buf, n);
    assert_int_equal(pclose(p), 0);
    return strbuf_detach(&sb);
}

/* The number after `key` at the start of a line of pdfinfo's output, or -1. */
static int info_int(const char *info, const char *key)
{
    const char *p = strstr(info, key);
    return p ? atoi(p + strlen(key)) : -1;
}

static void require_tool(const char *name)
{
    if (!have_tool(name))
        fail_msg("%s がありません（poppler-utils を導入してください: tools/deps.sh）", name);
}

static void test_document(void **state)
{
    (void)state;
    char path[256], cmd[2048];
    snprintf(path, sizeof path, "%s/sample.pdf", tmpdir);
    struct pdf_doc *d;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(pdf_open_file(path, &META, &d, &err), MM_OK);
    assert_true(!strcmp(pdf_font_family(d), "IPAexGothic") ||
                !strcmp(pdf_font_family(d), "Noto Sans CJK JP"));
    draw_sample(d);
    int pages = pdf_page_count(d);
    assert_int_equal(pages, EXPECTED_PAGES);
    assert_int_equal(pdf_close(d, &err), MM_OK);

    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[5] = {0};
    assert_int_equal(fread(head, 1, 4, f), 4);
    fclose(f);
    assert_string_equal(head, "%PDF");

    require_tool("pdffonts");
    snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
    char *fonts = run(cmd);
    int embedded = 0;
    for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n"))
        if ((strstr(line, "IPAex") || strstr(line, "NotoSansCJK")) && strstr(line, " yes "))
            embedded = 1;
    free(fonts);
    assert_true(embedded);

    require_tool("pdftotext");
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    char *text = run(cmd);
    static const char *const want[] = {
        "情報セキュリティ委員会", "令和8年", "こもれび市", "1 / 5 ページ", "5 / 5 ページ",
        "印刷日 令和8年11月23日", "表1 指摘（120 件）（続き）", "佐藤 一郎",
        "対策基準の章別 指摘件数", "21件", "山田 花子", "横向きのページ"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i]))
            fail_msg("pdftotext に「%s」がありません", want[i]);
    /* every row of the table made it, the last one included */
    assert_non_null(strstr(text, "\n120\n") ? "" : strstr(text, "120"));
    free(text);

    require_tool("pdfinfo");
    snprintf(cmd, sizeof cmd, "pdfinfo -f 1 -l %d '%s'", EXPECTED_PAGES, path);
    char *info = run(cmd);
    assert_int_equal(info_int(info, "Pages:"), EXPECTED_PAGES);
    assert_non_null(strstr(info, "mamori"));
    assert_non_null(strstr(info, "情報セキュリティ委員会 資料（試験）"));
    /* portrait A4 first, the last page landscape */
    assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
    assert_non_null(strstr(info, "841.89 x 595.276 pts (A4)"));
    free(info);

    require_tool("pdftoppm");
    const char *root = getenv("MAMORI_ROOT");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/build/screenshots/pdf", root && *root ? root : ".");
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && pdftoppm -png -r 80 '%s' '%s/sample'", dir, path,
             dir);
    assert_int_equal(system(cmd), 0);
    char png[600];
    struct stat sb;
    snprintf(png, sizeof png, "%s/sample-1.png", dir);
    assert_int_equal(stat(png, &sb), 0);
    assert_true(sb.st_size > 10000);
}

static void test_reproducible(void **state)
{
    (void)state;
    char *bytes[2];
    size_t len[2];
    struct mm_err err;
    for (int i = 0; i < 2; i++) {
        struct pdf_doc *d;
        assert_int_equal(pdf_open_mem(&META, &d, &err), MM_OK);
        draw_sample(d);
        assert_int_equal(pdf_close_mem(d, &bytes[i], &len[i], &err), MM_OK);
        assert_true(len[i] > 1000);
        assert_memory_equal(bytes[i], "%PDF", 4);
    }
    assert_int_equal(len[0], len[1]);
    assert_memory_equal(bytes[0], bytes[1], len[0]);
    free(bytes[0]);
    free(bytes[1]);
}

static void test_unwritable(void **state)
{
    (void)state;
    struct pdf_doc *d = NULL;
    struct mm_err err;
    mm_err_clear(&err);
    assert_int_equal(pdf_open_file("/nonexistent-dir/x.pdf", &META, &d, &err), MM_EINPUT);
    assert_null(d);
    assert_non_null(strstr(err.msg, "PDF ファイル「/nonexistent-dir/x.pdf」を作成できません: "
                                    "フォルダがありません"));
}

static void test_discard(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/discarded.pdf", tmpdir);
    struct pdf_doc *d;
    struct mm_err err;
    assert_int_equal(pdf_open_file(path, &META, &d, &err), MM_OK);
    pdf_paragraph(d, "書きかけ");
    pdf_discard(d);
    assert_int_not_equal(access(path, F_OK), 0);
}

/* The 申請書/決裁記録 of one request: every part, 代決 and escalation notes, 和暦 times. */
static void test_request_print(void **state)
{
    (void)state;
    static const struct request_print_field fields[] = {
        {"クラウドサービス名", "こもれび電子申請サービス"},
        {"取り扱う情報の機密性", "自治体機密性２"},
        {"利用目的", "市民からの各種届出をオンラインで受け付けるため。紙の申請書の受付と入力の"
                     "事務を減らし、受付の状況を担当課で共有する。"},
    };
    static const struct request_print_step steps[] = {
        {0, 1, "情報セキュリティ管理者", "佐藤 一郎", "許可", NULL, "2026-11-24T10:15:00+09:00",
         NULL, NULL},
        {0, 2, "情報セキュリティ責任者", "鈴木 次郎", "条件付き許可",
         "利用者の認証に多要素認証を用いること。", "2026-11-25T16:40:00+09:00",
         "高橋 三郎（代決規程第3条）", "申請者が課長を兼ねるため部長が決裁（兼務の禁止 1.(8)①）"},
        {0, 3, "統括情報セキュリティ責任者", "田中 四郎", NULL, NULL, NULL, NULL, NULL},
    };
    const struct request_print r = {
        .id = 42, .title = "電子申請サービスの利用", .kind_label = "クラウドサービスの利用",
        .clauses = "8.3(2) 8.3(5)", .basis = "統括情報セキュリティ責任者が許可",
        .requester = "山田 花子", .department = "総務部 情報政策課",
        .submitted_at = "2026-11-23T09:05:00+09:00", .state_label = "審査中", .round = 2,
        .valid_from = "2026-12-01", .valid_until = "2027-03-31", .fields = fields,
        .nfields = 3, .steps = steps, .nsteps = 3, .changelog_ref = "変更記録 request/42"};
    char path[256];
    snprintf(path, sizeof path, "%s/request.pdf", tmpdir);
    struct mm_err err;
    const struct report_out out = {.path = path, .created_at = META.created_at,
                                   .print_date = {2026, 11, 26}};
    assert_int_equal(request_print_pdf(&r, "こもれび市", &out, &err), MM_OK);
    char cmd[1024];
    require_tool("pdftoppm");
    const char *root = getenv("MAMORI_ROOT");
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/build/screenshots/pdf' && pdftoppm -png -r 80 '%s' "
             "'%s/build/screenshots/pdf/request'", root && *root ? root : ".", path,
             root && *root ? root : ".");
    assert_int_equal(system(cmd), 0);
    require_tool("pdftotext");
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    char *text = run(cmd);
    static const char *const want[] = {
        "申請書・決裁記録", "第 42 号", "クラウドサービスの利用", "対策基準 8.3(2) 8.3(5)",
        "山田 花子", "令和8年11月23日 09:05", "第2回（差戻し後の再申請）",
        "令和8年12月1日 から 令和9年3月31日 まで", "こもれび電子申請サービス",
        "条件付き許可", "（代決）高橋 三郎", "令和8年11月25日", "16:40", "未決",
        "兼務の禁止", "変更記録 request/42", "印刷日 令和8年11月26日"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i]))
            fail_msg("pdftotext に「%s」がありません", want[i]);
    free(text);
}

static void test_report_wareki(void **state)
{
    (void)state;
    char buf[64];
    report_wareki("2026-11-24", buf, sizeof buf);
    assert_string_equal(buf, "令和8年11月24日");
    report_wareki("2019-05-01T08:30:00+09:00", buf, sizeof buf);
    assert_string_equal(buf, "令和元年5月1日 08:30");
    report_wareki("2026-11-24T16:15:00.000Z", buf, sizeof buf); /* UTC → JST, next day */
    assert_string_equal(buf, "令和8年11月25日 01:15");
    report_wareki(NULL, buf, sizeof buf);
    assert_string_equal(buf, "—");
    report_wareki("未定", buf, sizeof buf);
    assert_string_equal(buf, "未定");
}

/* A cell longer than a page is cut to one page with 「…」; the document goes on after it. */
static void test_huge_cell(void **state)
{
    (void)state;
    struct strbuf big = STRBUF_INIT;
    for (int i = 0; i < 400; i++)
        strbuf_addstr(&big, "とても長い理由の記述。");
    struct pdf_doc *d;
    struct mm_err err;
    assert_int_equal(pdf_open_mem(&META, &d, &err), MM_OK);
    static const struct pdf_column cols[] = {{"項目", 1, PDF_LEFT}, {"内容", 1, PDF_LEFT}};
    pdf_table_begin(d, "長い表", cols, 2);
    const char *row[] = {"理由", big.buf};
    pdf_table_row(d, row);
    const char *after[] = {"次の行", "続き"};
    pdf_table_row(d, after);
    pdf_table_end(d);
    /* without the cut the row alone would take four pages */
    assert_true(pdf_page_count(d) <= 2);
    char *bytes;
    size_t len;
    assert_int_equal(pdf_close_mem(d, &bytes, &len, &err), MM_OK);
    assert_true(len > 1000);
    free(bytes);
    strbuf_release(&big);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    pdf_shutdown();
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_unwritable),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_request_print),
        cmocka_unit_test(test_report_wareki),
        cmocka_unit_test(test_huge_cell),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
