#!/bin/bash
# test_report.sh — `mamori report annual`: the demo's annual report for 令和8年度 as PDF with an
# embedded Japanese font, read back with poppler's tools (Japanese text, 和暦 dates, an accepted
# risk, training by department, the sections still to come), its pages saved as PNG under
# build/screenshots/annual/ (with a self-assessment campaign, an audit plan and the demo's
# incidents); the 申請書/決裁記録 of a demo request decided by 代決 (report request);
# an empty 年度 says 「該当するデータがありません」; usage errors,
# an unwritable path and a system without a Japanese font are refused in Japanese.
# A missing poppler tool is a failure, never a silent pass.
. "$MAMORI_ROOT/tests/integration/lib.sh"

export MAMORI_DB=$PWD/demo.db
"$MAMORI" init --demo --reference-date 2026-11-01 >init.out 2>&1
check "demo database created" test -s demo.db
for d in 2026-05-01 2026-08-01 2026-11-01; do
    "$MAMORI" check --as-of "$d" >/dev/null 2>&1
done
# one accepted risk, decided by the CISO, for the first finding of the last run
read -r ciso rule target < <(python3 - <<'EOF'
import sqlite3
c = sqlite3.connect("demo.db")
ciso = c.execute("SELECT person_id FROM role_assignment WHERE role = 'ciso' LIMIT 1").fetchone()[0]
f = c.execute("SELECT rule_id, entity_type || ':' || entity_id FROM finding"
              " WHERE run_id = (SELECT MAX(id) FROM check_run) ORDER BY rule_id LIMIT 1").fetchone()
print(ciso, f[0], f[1])
EOF
)
expect_exit 0 "a risk is accepted" "$MAMORI" check accept "$rule" "$target" --by "$ciso" \
    --on 2026-11-02 --until 2027-02-28 --reason "システム更新まで代替の手順で運用するため" >accept.out 2>&1

# the 年度's self-assessment campaign and an audit plan by the 監査統括責任者
chief=$(python3 -c "import sqlite3; print(sqlite3.connect('demo.db').execute(\"SELECT person_id FROM role_assignment WHERE role = 'audit_chief' LIMIT 1\").fetchone()[0])")
expect_exit 0 "a self-assessment campaign is created" \
    "$MAMORI" assessment campaign create --nendo 2026 --due 2027-01-31 >campaign.out 2>&1
expect_exit 0 "an audit plan is drafted" "$MAMORI" audit plan create AP-2026-01 \
    --title "令和8年度 内部監査（試験）" --start 2026-12-01 --end 2027-01-31 --by "$chief" >plan.out 2>&1

expect_exit 0 "report annual writes the PDF" \
    "$MAMORI" report annual --nendo 2026 --out annual.pdf --date 2026-11-23 >report.out 2>&1
contains report.out "令和8年度の年次報告書を annual.pdf に書き出しました" "it says what it wrote"
check "the file is a PDF" test "$(head -c 4 annual.pdf)" = "%PDF"

tools_ok=1
for t in pdffonts pdftotext pdfinfo pdftoppm; do
    if ! command -v "$t" >/dev/null; then not_ok "$t is installed (poppler-utils)"; tools_ok=0; fi
done
if [ "$tools_ok" = 1 ]; then
    pdffonts annual.pdf >fonts.txt
    if grep -E 'IPAex|NotoSansCJK' fonts.txt | grep -q ' yes '; then
        ok "a Japanese font is embedded"
    else
        not_ok "a Japanese font is embedded"; sed 's/^/#   /' fonts.txt
    fi
    pdftotext -enc UTF-8 annual.pdf annual.txt
    tr -d '\n' <annual.txt >annual.flat # cells wrap: compare the text without line breaks
    for want in "令和8年度 情報セキュリティ年次報告書" "こもれび市" "令和8年4月1日 から 令和9年3月31日 まで" \
        "情報セキュリティ委員会" "点検の実施状況" "令和8年11月1日" "遵守状況の推移" \
        "対策基準の節別の指摘" "部署別の指摘" "情報政策課" "受容中のリスク" \
        "代替の手順" "令和9年2月28日" "研修の受講状況" \
        "情報セキュリティ研修（全職員" "受講率" "自己点検の結果" \
        "情報セキュリティインシデント" "年度に報告されたインシデント" "INC-DEMO-0002" \
        "情報セキュリティ監査" "令和8年度 内部監査（試験）" "立案中" "自己点検の提出状況" \
        "令和9年1月31日" "今後追加（本版は対象外）" \
        "印刷日 令和8年11月23日"; do
        contains annual.flat "$want" "the report shows 「$want」"
    done
    pages=$(pdfinfo annual.pdf | awk '/^Pages:/ {print $2}')
    check "the report has several pages ($pages)" test "${pages:-0}" -ge 3
    contains annual.txt "1 / $pages ページ" "the footer counts the pages"
    if grep -q '20[0-9][0-9]-[01][0-9]-[0-3][0-9]' annual.txt; then
        not_ok "dates are in 和暦 only"; grep -n '20[0-9][0-9]-[01][0-9]-' annual.txt | head -5
    else
        ok "dates are in 和暦 only"
    fi
    shots="$MAMORI_ROOT/build/screenshots/annual"
    mkdir -p "$shots" && rm -f "$shots"/annual-*.png "$shots"/request-*.png
    pdftoppm -png -r 80 annual.pdf "$shots/annual"
    n=$(ls "$shots"/annual-*.png 2>/dev/null | wc -l)
    check "every page saved as PNG under build/screenshots/annual ($n)" test "$n" -eq "$pages"

    # a 年度 without records
    expect_exit 0 "an empty 年度 is reported" \
        "$MAMORI" report annual --nendo 2020 --out empty.pdf --date 2026-11-23 >/dev/null 2>&1
    pdftotext -enc UTF-8 empty.pdf empty.txt
    contains empty.txt "令和2年度 情報セキュリティ年次報告書" "the empty 年度's title is in 和暦"
    contains empty.txt "該当するデータがありません" "an empty section says so"
fi

# the 申請書/決裁記録 of a demo request decided by 代決: the grantor of the first step delegates
read -r req grantor requester delegate < <(python3 - <<'EOF'
import sqlite3
c = sqlite3.connect("demo.db")
req, grantor, requester = c.execute(
    "SELECT a.request_id, a.person_id, r.requester_id FROM request_approval a"
    " JOIN request r ON r.id = a.request_id WHERE r.state = 'pending' AND a.role = 'ism'"
    " ORDER BY a.request_id LIMIT 1").fetchone()
delegate = c.execute(
    "SELECT id FROM person WHERE status = 'active' AND employment = 'regular' AND id NOT IN (?, ?)"
    " ORDER BY id LIMIT 1", (grantor, requester)).fetchone()[0]
print(req, grantor, requester, delegate)
EOF
)
expect_exit 0 "a delegation (代決) is recorded" "$MAMORI" request delegate "$grantor" "$delegate" \
    --role ism --instrument "代決規程第3条" --from 2026-11-01 --to 2026-11-30 >deleg.out 2>&1
expect_exit 0 "the delegate decides with a condition" "$MAMORI" request decide "$req" conditional \
    --as "$delegate" --comment "返却時に媒体の内容を消去すること" --today 2026-11-05 >decide.out 2>&1
expect_exit 0 "report request writes the PDF" \
    "$MAMORI" report request "$req" --out request.pdf --date 2026-11-23 >request.out 2>&1
contains request.out "申請 $req の申請書・決裁記録を request.pdf に書き出しました" "it says what it wrote"
if [ "$tools_ok" = 1 ]; then
    pdftotext -enc UTF-8 request.pdf request.txt
    tr -d '\n' <request.txt >request.flat # cells wrap: compare the text without line breaks
    for want in "申請書・決裁記録 第${req}号" "対策基準" "申請内容" "決裁の経過" "決裁欄" \
        "条件付き許可" "返却時に媒体の内容を消去すること" "（代決）" "代決規程" \
        "変更記録 第" "mamori log show --entity request:$req" "印刷日 令和8年11月23日"; do
        contains request.flat "$want" "the request shows 「$want」"
    done
    if grep -q '20[0-9][0-9]-[01][0-9]-[0-3][0-9]' request.txt; then
        not_ok "request dates are in 和暦 only"; grep -n '20[0-9][0-9]-[01][0-9]-' request.txt | head -5
    else
        ok "request dates are in 和暦 only"
    fi
    pdftoppm -png -r 80 request.pdf "$MAMORI_ROOT/build/screenshots/annual/request"
fi
expect_exit 2 "an unknown request is refused" "$MAMORI" report request 99999 --out r.pdf 2>err6.txt
contains err6.txt "申請 99999 はありません" "the message names the request"
expect_exit 2 "a request number must be a number" "$MAMORI" report request abc --out r.pdf 2>err7.txt
contains err7.txt "申請の番号は数字で指定してください" "the message asks for a number"

expect_exit 2 "a malformed 年度 is refused" "$MAMORI" report annual --nendo R8 --out x.pdf 2>err1.txt
contains err1.txt "--nendo には年度を西暦の4桁で指定してください" "the message explains the 年度"
expect_exit 2 "--out is required" "$MAMORI" report annual --nendo 2026 2>err2.txt
contains err2.txt "--out に書き出す PDF ファイルを指定してください" "the message asks for --out"
expect_exit 2 "an unknown report is refused" "$MAMORI" report monthly 2>err3.txt
contains err3.txt "「monthly」という報告書はありません" "the message names the report"
expect_exit 2 "an unwritable path is refused" \
    "$MAMORI" report annual --nendo 2026 --out /nonexistent/x.pdf 2>err4.txt
contains err4.txt "PDF ファイル「/nonexistent/x.pdf」を作成できません: フォルダがありません" "the message names the file and the reason"

# no Japanese font: fontconfig sees an empty font directory
mkdir -p nofonts
cat >nofonts.conf <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$PWD/nofonts</dir><cachedir>$PWD/nofonts-cache</cachedir></fontconfig>
EOF
expect_exit 1 "without a Japanese font the report is refused" \
    env FONTCONFIG_FILE="$PWD/nofonts.conf" "$MAMORI" report annual --nendo 2026 --out nf.pdf 2>err5.txt
contains err5.txt "日本語フォントが見つからないため PDF を作成できません" "the message names the missing font"
contains err5.txt "fonts-ipaexfont" "the message names the package to install"
check "no file is left behind" test ! -e nf.pdf
