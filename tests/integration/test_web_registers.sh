#!/bin/bash
# test_web_registers.sh — the register pages on the demo organization, as a 情報セキュリティ
#管理者 (ism) of one 課: the asset list holds exactly the 課's rows, search (2 and 3+
# characters), sort, paging, filter, detail, an edit with its change-log entry, a refused edit
# with field messages, 403 for another 課's asset, the three downloads with exactly the
# filtered rows, and HTML escaping of a stored <script>.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

header() { tr -d '\r' <"$1.h" | sed -n "s/^$2: //Ip" | head -1; }
total_of() { sed -n 's/.*<strong id="total">\([0-9]*\)<.*/\1/p' "$1" | head -1; }
rows_of() { grep -c '<tr><th scope="row">' "$1"; }
q() { sqlite3 demo.db "$1"; }

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >/dev/null 2>&1 || not_ok "init --demo"
# an ism of a 課 with assets, and another 課's asset
now="date('now', '+9 hours')"
current="valid_from <= $now AND (valid_to IS NULL OR valid_to >= $now)"
read -r person dept <<<"$(q "SELECT r.person_id, r.scope_department_id FROM role_assignment r
  WHERE r.role = 'ism' AND r.scope_type = 'kashitsu' AND r.$current
    AND (SELECT COUNT(*) FROM asset WHERE department_id = r.scope_department_id) > 20
    AND NOT EXISTS (SELECT 1 FROM role_assignment o WHERE o.person_id = r.person_id AND o.$current
                    AND o.role NOT IN ('ism', 'sysm', 'sys_staff', 'permit_authority', 'cloud_manager'))
  ORDER BY r.id LIMIT 1" | tr '|' ' ')"
check "an ism with a 課 found ($person, $dept)" test -n "$person" -a -n "$dept"
# what the ism may read: their 課, the systems they manage, the assets they manage
REACH="(department_id IN (SELECT scope_department_id FROM role_assignment WHERE person_id = '$person' AND role = 'ism' AND $current)
  OR system_id IN (SELECT scope_system_id FROM role_assignment WHERE person_id = '$person' AND role IN ('sysm', 'sys_staff') AND $current)
  OR manager_id = '$person')"
n_dept=$(q "SELECT COUNT(*) FROM asset WHERE $REACH")
mine=$(q "SELECT id FROM asset WHERE department_id = '$dept' ORDER BY id LIMIT 1")
other=$(q "SELECT id FROM asset WHERE NOT $REACH ORDER BY id LIMIT 1")
other_dept=$(q "SELECT department_id FROM asset WHERE id = '$other'")
pw=$("$MAMORI" --db demo.db user add kanri --person "$person" | sed -n 's/^初期パスワード: //p')
check "user for the ism" test -n "$pw"

web_serve demo.db

# --- sign in: password change, TOTP enrolment ---------------------------------------------
check "signed out /r/asset is 303" test "$(req GET /r/asset r.html)" = 303
req POST /login l.html --data-urlencode "login=kanri" --data-urlencode "password=$pw" >/dev/null
H=(-H "Cookie: mamori_session=$(cookie l.html)")
req GET /password p.html "${H[@]}" >/dev/null
newpw='Kanri-new-pass-2026!'
req POST /password r.html "${H[@]}" --data "csrf=$(csrf_of p.html)" --data-urlencode "current=$pw" --data-urlencode "new=$newpw" --data-urlencode "confirm=$newpw" >/dev/null
H=(-H "Cookie: mamori_session=$(cookie r.html)")
req GET /totp/enroll e.html "${H[@]}" >/dev/null
secret=$(sed -n 's/.*<code class="secret">\([A-Z2-7]*\)<.*/\1/p' e.html)
req POST /totp/enroll rc.html "${H[@]}" --data "csrf=$(csrf_of e.html)&code=$(totp "$secret")" >/dev/null
H=(-H "Cookie: mamori_session=$(cookie rc.html)")
check "signed in with TOTP (/ is 200)" test "$(req GET / home.html "${H[@]}")" = 200

# --- the index and the list -------------------------------------------------------------
check "/r is 200" test "$(req GET /r idx.html "${H[@]}")" = 200
contains idx.html 'href="/r/asset"' "/r links the asset register"
if grep -q 'href="/r/software"' idx.html; then not_ok "/r hides registers without a grant"; else ok "/r hides registers without a grant"; fi
check "/r/software without a grant is 403" test "$(req GET /r/software x.html "${H[@]}")" = 403
check "/r/nothing is 404" test "$(req GET /r/nothing x.html "${H[@]}")" = 404
check "/r/asset is 200" test "$(req GET /r/asset a.html "${H[@]}")" = 200
check "the count is the assets in reach ($n_dept)" test "$(total_of a.html)" = "$n_dept"
check "the first page has all of them (up to 50)" test "$(rows_of a.html)" = "$((n_dept > 50 ? 50 : n_dept))"
foreign=$(grep -o 'href="/r/asset/[^"]*"' a.html | sed 's/.*asset\/\(.*\)"/\1/' | while read -r id; do
    q "SELECT id FROM asset WHERE id = '$id' AND NOT $REACH"; done)
check "no asset outside the reach is listed" test -z "$foreign"
contains a.html '<th scope="col" aria-sort="ascending">' "the sorted column has aria-sort"
contains a.html '<caption>情報資産台帳</caption>' "the table has a caption"
contains a.html '自治体機密性' "codes are shown as labels"
check "page 2 of 10 is 200" test "$(req GET "/r/asset?page=2&per=10" a2.html "${H[@]}")" = 200
check "page 2 holds 10 rows" test "$(rows_of a2.html)" = 10
first2=$(q "SELECT id FROM asset WHERE $REACH ORDER BY id LIMIT 1 OFFSET 10")
contains a2.html "href=\"/r/asset/$first2\"" "page 2 starts with the 11th asset"
contains a2.html 'rel="prev"' "page 2 links the previous page"
contains a2.html 'rel="next"' "page 2 links the next page"

# sort by name, descending
req GET "/r/asset?sort=name&order=desc&per=500" s.html "${H[@]}" >/dev/null
got=$(grep -o '<tr><th scope="row"><a href="/r/asset/[^"]*"' s.html | head -1 | sed 's/.*asset\/\(.*\)"/\1/')
want=$(q "SELECT id FROM asset WHERE $REACH ORDER BY name DESC, id DESC LIMIT 1")
check "sort by name descending ($got)" test "$got" = "$want"
contains s.html 'aria-sort="descending"' "descending sort is marked"

# filter by a code
n_c2=$(q "SELECT COUNT(*) FROM asset WHERE $REACH AND confidentiality = '2'")
req GET "/r/asset?f_confidentiality=2" f.html "${H[@]}" >/dev/null
check "filter 機密性２ counts $n_c2" test "$(total_of f.html)" = "$n_c2"
contains f.html '<option value="2" selected>' "the filter stays selected"

# search: 3+ characters (FTS) and 2 characters (LIKE)
w3=$(q "SELECT substr(name, 1, 4) FROM asset WHERE $REACH AND name GLOB '*システム*' LIMIT 1")
[ -n "$w3" ] || w3="業務資料"
n3=$(q "SELECT COUNT(*) FROM asset WHERE $REACH AND (id || ' ' || name || ' ' || COALESCE(location,'') || ' ' || COALESCE(note,'')) LIKE '%$w3%'")
req GET "/r/asset?q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$w3")" q3.html "${H[@]}" >/dev/null
check "search 「$w3」 finds $n3" test "$(total_of q3.html)" = "$n3" -a "$n3" -gt 0
n2=$(q "SELECT COUNT(*) FROM asset WHERE $REACH AND (id || ' ' || name || ' ' || COALESCE(location,'') || ' ' || COALESCE(note,'')) LIKE '%資料%'")
req GET "/r/asset?q=%E8%B3%87%E6%96%99" q2.html "${H[@]}" >/dev/null
check "2-character search 「資料」 finds $n2" test "$(total_of q2.html)" = "$n2" -a "$n2" -gt 0
req GET "/r/department?q=%E7%A8%8E%E5%8B%99" qd.html "${H[@]}" >/dev/null
nd=$(q "SELECT COUNT(*) FROM department WHERE name LIKE '%税務%'")
check "department search 「税務」 finds the 部 when readable (total $(total_of qd.html))" test -n "$(total_of qd.html)"
req GET "/r/asset?q=%25" qp.html "${H[@]}" >/dev/null
check "a search for % matches no row (escaped)" test "$(total_of qp.html)" = 0

# --- detail -----------------------------------------------------------------------------
check "detail of $mine is 200" test "$(req GET "/r/asset/$mine" d.html "${H[@]}")" = 200
contains d.html "<dt>資産番号</dt><dd>$mine</dd>" "detail shows the id"
contains d.html "href=\"/r/asset/$mine/edit\"" "detail has the edit link"
contains d.html 'href="/r/department/' "the department is a link"
check "detail of another 課's asset is 403" test "$(req GET "/r/asset/$other" x.html "${H[@]}")" = 403
check "detail of an unknown asset is 404" test "$(req GET "/r/asset/no-such" x.html "${H[@]}")" = 404

# --- edit: success, with one change-log entry ------------------------------------------
check "GET edit is 200" test "$(req GET "/r/asset/$mine/edit" ed.html "${H[@]}")" = 200
t=$(csrf_of ed.html)
form() { # the current form values as --data-urlencode options, with overrides NAME=VALUE
    python3 - ed.html "$@" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
vals = {}
for m in re.finditer(r'<input type="(?:text|date)" id="c_(\w+)" name="\w+" value="([^"]*)"', page):
    vals[m.group(1)] = html.unescape(m.group(2))
for m in re.finditer(r'<select id="c_(\w+)" name="\w+"[^>]*>(.*?)</select>', page, re.S):
    sel = re.search(r'<option value="([^"]*)" selected>', m.group(2))
    vals[m.group(1)] = html.unescape(sel.group(1)) if sel else ""
for a in sys.argv[2:]:
    k, v = a.split("=", 1)
    vals[k] = v
for k, v in vals.items():
    print(f"{k}={v}")
PY
}
post_form() { # post_form PATH OUT overrides…
    local path=$1 out=$2; shift 2
    local args=()
    while IFS= read -r line; do args+=(--data-urlencode "$line"); done < <(form "$@")
    req POST "$path" "$out" "${H[@]}" --data "csrf=$t" "${args[@]}"
}
log0=$(q "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'asset' AND entity_id = '$mine'")
check "POST edit is 303" test "$(post_form "/r/asset/$mine/edit" pe.html "location=第2書庫 <script>alert(1)</script>")" = 303
check "303 goes to the detail page" test "$(location pe.html)" = "/r/asset/$mine?saved=1"
check "the change is stored" test "$(q "SELECT location FROM asset WHERE id = '$mine'")" = "第2書庫 <script>alert(1)</script>"
log1=$(q "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'asset' AND entity_id = '$mine'")
check "one change-log entry" test "$log1" = "$((log0 + 1))"
check "the entry has before and after" test "$(q "SELECT action, json_extract(after_json, '$.location') IS NOT NULL AND before_json IS NOT NULL FROM audit_log WHERE entity_id = '$mine' ORDER BY seq DESC LIMIT 1")" = "update|1"
req GET "/r/asset/$mine?saved=1" d2.html "${H[@]}" >/dev/null
contains d2.html "保存しました" "the detail page confirms the save"
contains d2.html "第2書庫 &lt;script&gt;alert(1)&lt;/script&gt;" "the stored <script> is escaped"
if grep -q '<script>alert' d2.html; then not_ok "no raw script on the page"; else ok "no raw script on the page"; fi
contains d2.html "変更の履歴" "the detail page shows the history"
contains d2.html "保管場所:" "the history names the changed field"
grep -q '<td>令和[0-9元]*年[0-9]*月[0-9]*日 [0-9:]*</td>' d2.html && ok "history time in 和暦" || not_ok "history time in 和暦"
medium_label=$(q "SELECT m.label FROM asset a JOIN asset_medium m ON m.code = a.medium WHERE a.id = '$mine'")
conf_label=$(q "SELECT c.label FROM asset a JOIN confidentiality_class c ON c.code = a.confidentiality WHERE a.id = '$mine'")
contains d2.html "媒体: （なし） → $medium_label" "the history shows a code as its label ($medium_label)"
contains d2.html "機密性: （なし） → $conf_label" "… the class as its label ($conf_label)"
if grep -q '→ \(electronic\|removable\|paper\|true\|false\)<' d2.html; then not_ok "no raw code or bool in the history"; else ok "no raw code or bool in the history"; fi
if grep -q '<caption>変更の履歴</caption>' d2.html; then not_ok "the history caption does not repeat its heading"; else ok "the history caption does not repeat its heading"; fi

# --- validation errors change nothing ---------------------------------------------------
before=$(q "SELECT * FROM asset WHERE id = '$mine'")
check "a blank name and a bad code are 422" test "$(post_form "/r/asset/$mine/edit" bad.html "name=" "confidentiality=9" "note=kept")" = 422
contains bad.html '名称を入力してください' "the name's message"
contains bad.html '機密性の選択肢にない値です' "the code's message"
contains bad.html 'value="kept"' "typed values are kept"
check "moving the asset to another 課 is refused (422)" test "$(post_form "/r/asset/$mine/edit" bad2.html "department_id=$other_dept")" = 422
contains bad2.html '範囲' "the scope message"
check "nothing changed" test "$(q "SELECT * FROM asset WHERE id = '$mine'")" = "$before"
check "no further change-log entry" test "$(q "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'asset' AND entity_id = '$mine'")" = "$log1"

# --- another 課's asset: 403 for GET and POST --------------------------------------------
obefore=$(q "SELECT * FROM asset WHERE id = '$other'")
check "GET edit of another 課's asset is 403" test "$(req GET "/r/asset/$other/edit" x.html "${H[@]}")" = 403
check "POST edit of another 課's asset is 403" test "$(req POST "/r/asset/$other/edit" x.html "${H[@]}" --data "csrf=$t" --data-urlencode "name=乗っ取り")" = 403
check "the other asset is unchanged" test "$(q "SELECT * FROM asset WHERE id = '$other'")" = "$obefore"
check "POST edit without csrf is 403" test "$(req POST "/r/asset/$mine/edit" x.html "${H[@]}" --data-urlencode "name=x")" = 403

# --- create -----------------------------------------------------------------------------
# the front page's asset total (kept by the server until the database changes)
home_assets() {
    req GET / home.html "${H[@]}" >/dev/null
    sed -n 's|.*<th scope="row">情報資産 計</th><td class="num">\([0-9]*\)</td>.*|\1|p' home.html
}
assets_before=$(home_assets)
is "the front page counts every asset" "$assets_before" "$(q "SELECT COUNT(*) FROM asset")"
check "GET new is 200" test "$(req GET /r/asset/new n.html "${H[@]}")" = 200
cp n.html ed.html
check "POST new is 303" test "$(post_form /r/asset/new pn.html "id=as99001" "name=新しい資産" "department_id=$dept" "medium=paper" "confidentiality=2" "integrity=1" "availability=1" "personal_info=0")" = 303
check "the new asset exists" test "$(q "SELECT department_id FROM asset WHERE id = 'as99001'")" = "$dept"
is "the front page counts the asset created through the web" "$(home_assets)" "$((assets_before + 1))"
check "a duplicate id is 422" test "$(post_form /r/asset/new pn2.html "id=as99001" "name=もう一つ" "department_id=$dept" "medium=paper" "confidentiality=2" "integrity=1" "availability=1" "personal_info=0")" = 422
contains pn2.html "既に使われています" "duplicate id message"
check "a created asset in another 課 is refused" test "$(post_form /r/asset/new pn3.html "id=as99002" "name=他課" "department_id=$other_dept" "medium=paper" "confidentiality=2" "integrity=1" "availability=1" "personal_info=0")" = 422
check "a bad date is 422 with the message" test "$(req POST "/r/contract/new" cd.html "${H[@]}" --data "csrf=$t" --data-urlencode "id=ko-x1" --data-urlencode "start_on=2026-02-30")" = 422
contains cd.html "実在する日付" "the date message"

# --- downloads --------------------------------------------------------------------------
n_now=$(q "SELECT COUNT(*) FROM asset WHERE $REACH AND confidentiality = '2'")
check "CSV download is 200" test "$(req GET "/r/asset/export?format=csv&f_confidentiality=2" e.csv "${H[@]}")" = 200
case "$(header e.csv Content-Disposition)" in attachment*asset-*.csv*) ok "CSV is an attachment";; *) not_ok "CSV is an attachment";; esac
check "CSV starts with a BOM" test "$(head -c 3 e.csv | od -An -tx1 | tr -d ' ')" = efbbbf
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig"))) - 1)' e.csv)
check "CSV has exactly the filtered rows ($n_now)" test "$rows" = "$n_now"
contains e.csv "資産番号" "CSV has the Japanese headers"
contains e.csv "自治体機密性２" "CSV has code labels"
check "CP932 download is 200" test "$(req GET "/r/asset/export?format=csv-cp932&f_confidentiality=2" e2.csv "${H[@]}")" = 200
if iconv -f CP932 -t UTF-8 e2.csv >e2u.csv 2>/dev/null; then ok "CP932 CSV decodes"; else not_ok "CP932 CSV decodes"; fi
rows2=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))) - 1)' e2u.csv)
check "CP932 CSV has the filtered rows" test "$rows2" = "$n_now"
check "XLSX download is 200" test "$(req GET "/r/asset/export?format=xlsx&f_confidentiality=2" e.xlsx "${H[@]}")" = 200
mkdir -p x && (cd x && unzip -q -o ../e.xlsx) && ok "XLSX unzips" || not_ok "XLSX unzips"
contains x/xl/sharedStrings.xml "資産番号" "XLSX shared strings hold the headers"
xrows=$(grep -o '<row ' x/xl/worksheets/sheet1.xml | wc -l)
check "XLSX has the filtered rows" test "$xrows" = "$((n_now + 1))"
check "an unknown format is 400" test "$(req GET "/r/asset/export?format=pdf" x.html "${H[@]}")" = 400
check "no temporary file is left" test -z "$(ls /tmp/mamori-export-* 2>/dev/null)"

# --- training: the course page lists attendance of the people the user may read ------------
course=$(q "SELECT course_id FROM training_attendance a JOIN person p ON p.id = a.person_id
  WHERE p.department_id = '$dept' GROUP BY course_id ORDER BY COUNT(*) DESC LIMIT 1")
check "a course page is 200 ($course)" test "$(req GET "/r/training/$course" tr.html "${H[@]}")" = 200
contains tr.html "受講の記録" "the course page has the attendance"
want=$(q "SELECT COUNT(*) FROM training_attendance a JOIN person p ON p.id = a.person_id
  WHERE a.course_id = '$course' AND (p.department_id = '$dept' OR p.id = '$person')")
check "attendance of the 課 only ($want)" test "$(grep -c '<tr><td><a href="/r/person/' tr.html)" = "$want"
if grep -q "href=\"/r/training/$course/edit\"" tr.html; then not_ok "no edit link on a course for an ism"; else ok "no edit link on a course for an ism"; fi
