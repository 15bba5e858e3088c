#!/bin/bash
# test_web_dashboard.sh — the dashboard, findings, check-run and catalog pages on the demo
# organization, signed in as three people: the 統括情報セキュリティ責任者 (runs a check from the
# browser form; the run page lists as many findings as `mamori check` reports; the dashboard's
# charts and counts equal SQL counts; a second run makes a trend), a 情報セキュリティ管理者 of
# one 課 (sees only findings of that 課, may not run a check) and a staff member without a role
# (no /checks, no other people's findings). Also CSRF, 404s and the catalog pages.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

REQ_TIMEOUT=60  # the check run behind a request may take long
# session LOGIN PERSON : a new user signs in (initial password changed, TOTP enrolled when the
# person holds a role); prints the full session's cookie value
session() {
    local pw
    pw=$("$MAMORI" --db demo.db user add "$1" --person "$2" | sed -n 's/^初期パスワード: //p')
    web_first_signin "$1" "$pw" 'Dash-Test-pass-2026!'
}
# same DESC GOT WANT
same() { if [ "$2" = "$3" ] && [ -n "$2" ]; then ok "$1 ($2)"; else not_ok "$1 (got '$2', want '$3')"; fi; }
q() { sqlite3 demo.db "$1"; }
# the number after a marker in a page, e.g. num f.html 'id="run-findings">'
num() { grep -o "$2[0-9]*" "$1" | head -1 | grep -o '[0-9]*$'; }

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >/dev/null || not_ok "demo init"
tk_person=$(q "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' LIMIT 1")
ism_person=E00005
ism_dept=$(q "SELECT scope_department_id FROM role_assignment WHERE person_id = '$ism_person' AND role = 'ism'")
staff_person=E00017
same "the fixture's people: a 統括, an ism of a 課, a staff member without a role" \
    "$(q "SELECT COUNT(*) FROM role_assignment WHERE person_id = '$staff_person'")/$ism_dept" "0/ka0101"

web_serve demo.db "the server starts" 1

check "signed out, /dashboard is 303" test "$(req GET /dashboard x.html)" = 303
same "… to /login" "$(location x.html)" /login

TK=(-H "Cookie: mamori_session=$(session tk "$tk_person")")
ISM=(-H "Cookie: mamori_session=$(session ism "$ism_person")")
ST=(-H "Cookie: mamori_session=$(session staff "$staff_person")")

# --- before any run: empty states ---------------------------------------------------------
check "tk: /dashboard is 200 before any run" test "$(req GET /dashboard d0.html "${TK[@]}")" = 200
contains d0.html "まだ点検の記録がありません" "empty dashboard explains there is no run yet"
contains d0.html "mamori check" "… and how to run one"
contains d0.html 'action="/checks"' "… and offers 今すぐ点検する to the 統括"
check "ism: /dashboard is 200" test "$(req GET /dashboard d0i.html "${ISM[@]}")" = 200
if grep -q 'action="/checks"' d0i.html; then not_ok "no run-now form for an ism"; else ok "no run-now form for an ism"; fi
check "tk: /findings without a run is 200" test "$(req GET /findings f0.html "${TK[@]}")" = 200
contains f0.html "まだすべての規則での点検が記録されていません" "findings page says no run yet"

# --- running a check from the browser -----------------------------------------------------
check "tk: /checks is 200" test "$(req GET /checks c0.html "${TK[@]}")" = 200
contains c0.html "今すぐ点検する" "the run-now button is on /checks"
check "POST /checks without CSRF is 403" test "$(req POST /checks x.html "${TK[@]}" --data "x=1")" = 403
check "ism: POST /checks with its CSRF is 403 (no check_run write)" \
    test "$(req POST /checks x.html "${ISM[@]}" --data "csrf=$(csrf_of d0i.html)")" = 403
check "staff: GET /checks is 403" test "$(req GET /checks x.html "${ST[@]}")" = 403
same "no run was stored by the refused requests" "$(q 'SELECT COUNT(*) FROM check_run')" 0
check "tk: POST /checks with CSRF is 303" test "$(req POST /checks p1.html "${TK[@]}" --data "csrf=$(csrf_of c0.html)")" = 303
same "… to the new run's page" "$(location p1.html)" /checks/1
cli=$("$MAMORI" --db demo.db check --format json --no-store | jq '.summary.findings')
check "tk: /checks/1 is 200" test "$(req GET /checks/1 r1.html "${TK[@]}")" = 200
same "the run page's count equals mamori check's" "$(num r1.html 'id="run-findings">')" "$cli"
same "the run page lists that many findings" "$(grep -o '該当 [0-9]* 件' r1.html | grep -o '[0-9]*')" "$cli"
same "the run is stored with the user as actor and today as as_of" \
    "$(q "SELECT actor || ' ' || scope FROM check_run WHERE id = 1")" "user:tk all"
same "one change-log entry for the run" \
    "$(q "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'check_run' AND entity_id = '1' AND action = 'create' AND actor = 'user:tk'")" 1
contains r1.html '<span class="state new">新規</span>' "findings of the first run are marked 新規"

# --- the dashboard against SQL --------------------------------------------------------------
check "tk: /dashboard is 200" test "$(req GET /dashboard d1.html "${TK[@]}")" = 200
same "three SVG charts with an accessible name (no trend with one run)" "$(grep -c '<svg xmlns="http://www.w3.org/2000/svg" viewBox="[0-9 ]*" role="img" aria-label=' d1.html)" 3
contains d1.html "点検が2回以上記録されると" "one run: a short note instead of the trend chart"
contains d1.html "<caption>重大度別の件数</caption>" "the 重大度別 card has its table"
if grep -qiE '<script|style=' d1.html; then not_ok "no script or style attribute"; else ok "no script or style attribute"; fi
open=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND accepted = 0")
same "未対応 equals SQL" "$(grep -o '<span class="n">[0-9]*</span>未対応' d1.html | grep -o '[0-9]*')" "$open"
sect_sum=$(grep -o 'data-section-total="[0-9]*">[0-9]*' d1.html | sed 's/.*>//' | paste -sd+ | bc)
same "the section totals add up to the open findings" "$sect_sum" "$open"
for sv in critical:重大 high:高 medium:中 low:低; do
    code=${sv%%:*} label=${sv#*:}
    want=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND accepted = 0 AND severity = '$code'")
    same "severity bar $label equals SQL" "$(grep -o "<title>$label: [0-9]* 件</title>" d1.html | head -1 | grep -o '[0-9]*')" "$want"
done
top=$(q "SELECT d.name || ': ' || COUNT(*) FROM finding f JOIN department d ON d.id = f.department_id WHERE run_id = 1 AND accepted = 0 GROUP BY f.department_id ORDER BY COUNT(*) DESC, f.department_id LIMIT 1")
contains d1.html "<title>$top 件</title>" "the department chart's first bar equals SQL ($top)"
contains d1.html "<p class=\"hint\">その他 " "departments past the top 10 are summed as その他"
contains d1.html "対応が必要なもの" "the dashboard has 対応が必要なもの"
# what awaits a person: open findings whose responsible role they hold for the finding's scope
awaits() {
    q "WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM department UNION
         SELECT sub.root, d.id FROM department d JOIN sub ON d.parent_id = sub.id)
       SELECT COUNT(*) FROM finding f WHERE f.run_id = 1 AND f.accepted = 0 AND EXISTS (
         SELECT 1 FROM role_assignment ra WHERE ra.person_id = '$1' AND ra.role = f.responsible_role
           AND (ra.scope_type = 'organization' OR (ra.scope_type = 'system' AND ra.scope_system_id = f.system_id)
                OR f.department_id IN (SELECT id FROM sub WHERE root = ra.scope_department_id)))"
}
aw=$(awaits "$tk_person")
same "あなたの対応待ち equals the findings of the roles the 統括 holds, within their scopes" \
    "$(grep -o '<span class="n">[0-9]*</span>あなたの対応待ち' d1.html | grep -o '[0-9]*')" "$aw"

# --- the front page: 「対応を待っているもの」 --------------------------------------------------
# home_n PAGE LABEL : the count shown before LABEL on the front page, empty when not listed
home_n() { grep -o "<span class=\"n\">[0-9]*</span>件<span class=\"label\">$2<" "$1" | grep -o '[0-9]*' | head -1; }
# want_n N : the count the page should show (nothing when 0: kinds with nothing waiting are left out)
want_n() { [ "$1" -gt 0 ] && echo "$1"; }
check "tk: / is 200" test "$(req GET / h1.html "${TK[@]}")" = 200
contains h1.html "<h2 id=\"home-aw-h\">対応を待っているもの</h2>" "the front page has 対応を待っているもの"
same "front page: findings awaiting the 統括 equal SQL" "$(home_n h1.html あなたが対応する点検の指摘)" "$aw"
rq_n=$("$MAMORI" --db demo.db request list --awaiting "$tk_person" --format json | jq length)
inc_n=$("$MAMORI" --db demo.db incident awaiting --person "$tk_person" --format json | jq length)
check "front page: requests awaiting the 統括's decision equal the engine's ($rq_n)" \
    test "$(home_n h1.html あなたの決裁を待っている申請)" = "$(want_n "$rq_n")"
check "front page: incident reports awaiting the 統括 equal the engine's ($inc_n)" \
    test "$(home_n h1.html あなたの受領を待っているインシデント報告)" = "$(want_n "$inc_n")"
contains h1.html '<a href="/dashboard#awaiting">' "the findings count links to the dashboard's list"
check "staff: / is 200" test "$(req GET / hs.html "${ST[@]}")" = 200
same "staff without roles: nothing awaits them" "$(grep -c '<span class="label">' hs.html)" 0
contains hs.html "いま、あなたの対応を待っているものはありません。" "… with the empty state in Japanese"

# --- the findings list and one finding -------------------------------------------------------
check "tk: /findings is 200" test "$(req GET /findings f1.html "${TK[@]}")" = 200
same "the list counts every finding of the run" "$(grep -o '該当 [0-9]* 件' f1.html | grep -o '[0-9]*')" "$cli"
same "50 rows on the first page" "$(grep -c '^<tr><td><span class="sev' f1.html)" 50
check "page 2 is 200" test "$(req GET '/findings?page=2' f2.html "${TK[@]}")" = 200
contains f2.html 'aria-current="page">2 /' "the pager shows page 2"
want=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND severity = 'critical'")
req GET '/findings?severity=critical' fc.html "${TK[@]}" >/dev/null
same "severity filter equals SQL" "$(grep -o '該当 [0-9]* 件' fc.html | grep -o '[0-9]*')" "$want"
want=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND rule_id = 'DEV-001'")
req GET '/findings?rule=DEV-001&sort=department&order=asc' fr.html "${TK[@]}" >/dev/null
same "rule filter equals SQL" "$(grep -o '該当 [0-9]* 件' fr.html | grep -o '[0-9]*')" "$want"
want=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND department_id = 'ka0104'")
req GET '/findings?department=ka0104' fd.html "${TK[@]}" >/dev/null
same "department filter equals SQL" "$(grep -o '該当 [0-9]* 件' fd.html | grep -o '[0-9]*')" "$want"
req GET '/findings?section=9&sort=bogus' fs.html "${TK[@]}" >/dev/null
contains fs.html "該当 0 件" "section 9 has no findings on the demo (an unknown sort is ignored)"
fp=$(q "SELECT fingerprint FROM finding WHERE run_id = 1 AND rule_id = 'NET-004' LIMIT 1")
fpe=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$fp")
check "tk: /findings/{fp} is 200" test "$(req GET "/findings/$fpe" one.html "${TK[@]}")" = 200
contains one.html 'href="/catalog/3%281%29%E2%91%A0"' "the clause links to the catalog"
contains one.html "初めて検出" "the history shows the first sighting"
contains one.html "令和" "dates in 和暦"
contains one.html 'href="/r/network_connection/' "the entity links to its register page"
check "an unknown fingerprint is 404" test "$(req GET '/findings/NOPE%7Cx%7Cy' x.html "${TK[@]}")" = 404
check "/checks/999 is 404" test "$(req GET /checks/999 x.html "${TK[@]}")" = 404
check "/checks/abc is 404" test "$(req GET /checks/abc x.html "${TK[@]}")" = 404

# --- the ism: only the 課's findings --------------------------------------------------------
scope="(department_id IN (WITH RECURSIVE t(id) AS (SELECT '$ism_dept' UNION SELECT d.id FROM department d JOIN t ON d.parent_id = t.id) SELECT id FROM t) OR (entity_type = 'person' AND entity_id = '$ism_person'))"
ism_n=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND $scope")
check "ism: /findings is 200" test "$(req GET /findings fi.html "${ISM[@]}")" = 200
same "ism: the list holds only the 課's findings" "$(grep -o '該当 [0-9]* 件' fi.html | grep -o '[0-9]*')" "$ism_n"
check "ism: fewer than all" test "$ism_n" -lt "$cli"
req GET /dashboard di.html "${ISM[@]}" >/dev/null
same "ism: the dashboard counts only the 課's open findings" \
    "$(grep -o '<span class="n">[0-9]*</span>未対応' di.html | grep -o '[0-9]*')" \
    "$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND accepted = 0 AND $scope")"
other=$(q "SELECT fingerprint FROM finding WHERE run_id = 1 AND NOT $scope AND department_id IS NOT NULL LIMIT 1")
othere=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$other")
check "ism: another 課's finding is 403" test "$(req GET "/findings/$othere" x.html "${ISM[@]}")" = 403
same "ism: あなたの対応待ち equals SQL" "$(grep -o '<span class="n">[0-9]*</span>あなたの対応待ち' di.html | grep -o '[0-9]*')" "$(awaits "$ism_person")"
check "ism: /checks/1 is 200 (check_run read)" test "$(req GET /checks/1 ri.html "${ISM[@]}")" = 200
same "ism: the run page lists only the 課's findings" "$(grep -o '該当 [0-9]* 件' ri.html | grep -o '[0-9]*')" "$ism_n"

# --- a staff member without a role ------------------------------------------------------------
own=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND entity_type = 'person' AND entity_id = '$staff_person'")
check "staff: /dashboard is 200" test "$(req GET /dashboard ds.html "${ST[@]}")" = 200
same "staff: the dashboard counts only findings about themself" \
    "$(grep -o '<span class="n">[0-9]*</span>未対応' ds.html | grep -o '[0-9]*')" "$own"
check "staff: /findings is 200" test "$(req GET /findings fst.html "${ST[@]}")" = 200
same "staff: the list holds only their own findings" "$(grep -o '該当 [0-9]* 件' fst.html | grep -o '[0-9]*')" "$own"
check "staff: another person's finding is 403" test "$(req GET "/findings/$fpe" x.html "${ST[@]}")" = 403
check "staff: /checks/1 is 403" test "$(req GET /checks/1 x.html "${ST[@]}")" = 403
check "staff: POST /checks is 403" test "$(req POST /checks x.html "${ST[@]}" --data "csrf=$(csrf_of ds.html)")" = 403

# --- a second run: trend, new and resolved ----------------------------------------------------
req GET /checks c1.html "${TK[@]}" >/dev/null
check "tk: a second run (303)" test "$(req POST /checks p2.html "${TK[@]}" --data "csrf=$(csrf_of c1.html)")" = 303
same "… to /checks/2" "$(location p2.html)" /checks/2
req GET /checks/2 r2.html "${TK[@]}" >/dev/null
contains r2.html "新規 0 件、解消 0 件" "the second run has nothing new or resolved"
req GET /dashboard d2.html "${TK[@]}" >/dev/null
same "the trend has a point per run" "$(grep -c '<circle class="dot"' d2.html)" 2
same "two runs: the trend chart replaces the note" "$(grep -c '点検が2回以上記録されると' d2.html)" 0
req GET /checks c2.html "${TK[@]}" >/dev/null
same "/checks lists both runs" "$(grep -c '<tr><th scope="row"><a href="/checks/' c2.html)" 2
req GET "/findings/$fpe" one2.html "${TK[@]}" >/dev/null
contains one2.html "検出（継続）" "the finding's history shows the second run"

# --- the catalog ----------------------------------------------------------------------------
check "staff: /catalog is 200" test "$(req GET /catalog cat.html "${ST[@]}")" = 200
contains cat.html '<h2 id="s1">1 組織体制</h2>' "the catalog is grouped by section"
same "every clause of the catalog is listed" "$(grep -c '<tr><th scope="row"><a href="/catalog/' cat.html)" \
    "$(q "SELECT COUNT(*) FROM catalog_clause WHERE parent_id IS NOT NULL")"
contains cat.html "推奨" "recommended clauses are marked"
check "tk: /catalog/{clause} is 200" test "$(req GET '/catalog/6.2(1)%E2%91%A1(%E3%82%A2)' cl.html "${TK[@]}")" = 200
contains cl.html "統括情報セキュリティ責任者" "the clause names its roles"
contains cl.html "規則 ACC-001" "the clause lists the rules that check it"
n=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 2 AND rule_id = 'ACC-001'")
contains cl.html "現在の指摘 $n 件" "with the current findings of each rule"
req GET '/catalog/1(1)%E2%91%A1' cr.html "${TK[@]}" >/dev/null
contains cr.html "この団体では採用していません" "a 推奨事項 says whether it was adopted"
check "an unknown clause is 404" test "$(req GET /catalog/99.9 x.html "${TK[@]}")" = 404
