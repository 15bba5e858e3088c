#!/bin/bash
# test_api_findings.sh — the JSON API of the dashboard, findings, check runs and the catalog on
# the demo organization, with API tokens of the 統括情報セキュリティ責任者, a 情報セキュリティ管理者
# of one 課 and a staff member without a role: 401 without or with a bad token, 403 without the
# grant or outside the reach, 404 for what does not exist, 422 naming a bad field; running a
# check (201, same count as `mamori check`), the list envelope and its paging, counts equal to
# SQL for each user's reach.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

q() { sqlite3 demo.db "$1"; }
same() { if [ "$2" = "$3" ] && [ -n "$2" ]; then ok "$1 ($2)"; else not_ok "$1 (got '$2', want '$3')"; fi; }
# api TOKEN METHOD PATH OUT : body to OUT; prints the status
api() {
    local t=$1 m=$2 path=$3 out=$4
    if [ -n "$t" ]; then
        curl -s --max-time 60 -X "$m" -o "$out" -w '%{http_code}' -H "Authorization: Bearer $t" "$base$path"
    else
        curl -s --max-time 60 -X "$m" -o "$out" -w '%{http_code}' "$base$path"
    fi
}
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
token() { api_token demo.db "$1" "$2"; }

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >/dev/null || not_ok "demo init"
TK=$(token tk "$(q "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' LIMIT 1")")
ISM=$(token ism E00005)
ST=$(token staff E00017)
check "three API tokens" test -n "$TK" -a -n "$ISM" -a -n "$ST"

web_serve demo.db "the server starts" 1

# --- authentication -------------------------------------------------------------------------
for p in /api/v1/dashboard /api/v1/findings /api/v1/checks /api/v1/catalog/1; do
    check "no token: GET $p is 401" test "$(api "" GET "$p" x.json)" = 401
done
check "a bad token is 401" test "$(api mamori_0000 GET /api/v1/dashboard x.json)" = 401
same "the 401 is the error object" "$(jq -r '.error.code + " " + (.error.status|tostring)' x.json)" "unauthorized 401"
check "no token: POST /api/v1/checks is 401" test "$(api "" POST /api/v1/checks x.json)" = 401

# --- before a run -----------------------------------------------------------------------------
check "dashboard before any run is 200" test "$(api "$TK" GET /api/v1/dashboard d0.json)" = 200
same "… with run null and zero counts" "$(jq -c '[.run, .open, .total]' d0.json)" "[null,0,0]"
check "findings before any run is 200" test "$(api "$TK" GET /api/v1/findings f0.json)" = 200
same "… an empty list envelope" "$(jq -c '[.items, .total, .page]' f0.json)" "[[],0,1]"

# --- running a check --------------------------------------------------------------------------
check "ism: POST /api/v1/checks is 403" test "$(api "$ISM" POST /api/v1/checks x.json)" = 403
same "… as the forbidden error object" "$(jq -r '.error.code' x.json)" forbidden
check "staff: POST /api/v1/checks is 403" test "$(api "$ST" POST /api/v1/checks x.json)" = 403
check "tk: POST /api/v1/checks is 201" test "$(api "$TK" POST /api/v1/checks run.json)" = 201
cli=$("$MAMORI" --db demo.db check --format json --no-store | jq '.summary.findings')
same "the run's findings equal mamori check's" "$(jq '.findings' run.json)" "$cli"
same "the run is #1, scope all, by the token's user" "$(jq -r '"\(.id) \(.scope) \(.actor)"' run.json)" "1 all user:tk"
same "one change-log entry for it" "$(q "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'check_run' AND entity_id = '1'")" 1

# --- checks -------------------------------------------------------------------------------------
check "tk: GET /api/v1/checks is 200" test "$(api "$TK" GET /api/v1/checks c.json)" = 200
same "the list envelope" "$(jq -c '[(.items|length), .total, .page, .per_page]' c.json)" "[1,1,1,20]"
check "tk: GET /api/v1/checks/1 is 200" test "$(api "$TK" GET '/api/v1/checks/1?per=5' c1.json)" = 200
same "the run with its findings, paged" "$(jq -c '[.run.id, .total, (.items|length), .per_page]' c1.json)" "[1,$cli,5,5]"
check "GET /api/v1/checks/99 is 404" test "$(api "$TK" GET /api/v1/checks/99 x.json)" = 404
same "… the not_found error object" "$(jq -r '.error.code' x.json)" not_found
check "GET /api/v1/checks/x is 404" test "$(api "$TK" GET /api/v1/checks/x x.json)" = 404
check "staff: GET /api/v1/checks is 403" test "$(api "$ST" GET /api/v1/checks x.json)" = 403
check "staff: GET /api/v1/checks/1 is 403" test "$(api "$ST" GET /api/v1/checks/1 x.json)" = 403

# --- findings -----------------------------------------------------------------------------------
check "tk: GET /api/v1/findings is 200" test "$(api "$TK" GET /api/v1/findings f.json)" = 200
same "total equals mamori check's" "$(jq '.total' f.json)" "$cli"
same "default page of 50" "$(jq -c '[(.items|length), .page, .per_page]' f.json)" "[50,1,50]"
same "sorted by severity, highest first" "$(jq -r '.items[0].severity' f.json)" critical
api "$TK" GET '/api/v1/findings?per=500&page=2' f2.json >/dev/null
same "page 2 of 500" "$(jq -c '[(.items|length), .page, .per_page]' f2.json)" "[$((cli - 500)),2,500]"
api "$TK" GET '/api/v1/findings?per=9999' f3.json >/dev/null
same "per is capped at 500" "$(jq '.per_page' f3.json)" 500
want=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND severity = 'critical'")
api "$TK" GET '/api/v1/findings?severity=critical' fc.json >/dev/null
same "severity filter equals SQL" "$(jq '.total' fc.json)" "$want"
want=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND department_id = 'ka0104'")
api "$TK" GET '/api/v1/findings?department=ka0104&sort=rule&order=asc' fd.json >/dev/null
same "department filter equals SQL" "$(jq '.total' fd.json)" "$want"
same "ascending by rule" "$(jq -r '[.items[].rule] == ([.items[].rule]|sort)' fd.json)" true
api "$TK" GET '/api/v1/findings?state=new' fn.json >/dev/null
same "all are new in the first run" "$(jq '.total' fn.json)" "$cli"
for bad in sort=bogus severity=huge state=gone order=up section=12 'rule=NO-SUCH' page=0; do
    check "422 for $bad" test "$(api "$TK" GET "/api/v1/findings?$bad" x.json)" = 422
    same "… naming the field" "$(jq -r '.error.fields[0].field + " " + .error.code' x.json)" "${bad%%=*} invalid"
done

fp=$(q "SELECT fingerprint FROM finding WHERE run_id = 1 AND rule_id = 'NET-004' LIMIT 1")
check "tk: GET /api/v1/findings/{fp} is 200" test "$(api "$TK" GET "/api/v1/findings/$(enc "$fp")" one.json)" = 200
same "the finding with its rule and history" "$(jq -c '[.fingerprint == "'"$fp"'", .rule, (.clauses|length > 0), (.history|length), .history[0].seen]' one.json)" '[true,"NET-004",true,1,true]'
check "unknown fingerprint is 404" test "$(api "$TK" GET /api/v1/findings/NOPE%7Cx%7Cy x.json)" = 404

scope="(department_id IN (WITH RECURSIVE t(id) AS (SELECT 'ka0101' UNION SELECT d.id FROM department d JOIN t ON d.parent_id = t.id) SELECT id FROM t) OR (entity_type = 'person' AND entity_id = 'E00005'))"
api "$ISM" GET /api/v1/findings fi.json >/dev/null
same "ism: only the 課's findings" "$(jq '.total' fi.json)" "$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND $scope")"
same "ism: every item is of the 課" "$(jq -r '[.items[].department] | unique | join(",")' fi.json)" ka0101
other=$(q "SELECT fingerprint FROM finding WHERE run_id = 1 AND NOT $scope AND department_id IS NOT NULL LIMIT 1")
check "ism: another 課's finding is 403" test "$(api "$ISM" GET "/api/v1/findings/$(enc "$other")" x.json)" = 403
api "$ISM" GET /api/v1/dashboard di.json >/dev/null
same "ism: the dashboard counts the 課 only" "$(jq '.open' di.json)" "$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND accepted = 0 AND $scope")"

own=$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND entity_type = 'person' AND entity_id = 'E00017'")
api "$ST" GET /api/v1/findings fs.json >/dev/null
same "staff: only findings about themself" "$(jq '.total' fs.json)" "$own"
check "staff: another person's finding is 403" test "$(api "$ST" GET "/api/v1/findings/$(enc "$fp")" x.json)" = 403

# --- dashboard ----------------------------------------------------------------------------------
check "tk: GET /api/v1/dashboard is 200" test "$(api "$TK" GET /api/v1/dashboard d.json)" = 200
same "open equals SQL" "$(jq '.open' d.json)" "$(q 'SELECT COUNT(*) FROM finding WHERE run_id = 1 AND accepted = 0')"
same "the sections add up to open" "$(jq '[.by_section[].total] | add' d.json)" "$(jq '.open' d.json)"
same "nine sections" "$(jq '.by_section | length' d.json)" 9
same "high equals SQL" "$(jq '.by_severity.high' d.json)" "$(q "SELECT COUNT(*) FROM finding WHERE run_id = 1 AND accepted = 0 AND severity = 'high'")"
same "top 10 departments and その他" "$(jq -r '[(.by_department|length), .by_department[-1].name] | join(" ")' d.json)" "11 その他"
same "the departments add up to open" "$(jq '[.by_department[].count] | add' d.json)" "$(jq '.open' d.json)"
same "the trend has the run" "$(jq -c '[.trend[].run]' d.json)" "[1]"
aw=$(q "WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM department UNION
         SELECT sub.root, d.id FROM department d JOIN sub ON d.parent_id = sub.id)
       SELECT COUNT(*) FROM finding f WHERE f.run_id = 1 AND f.accepted = 0 AND EXISTS (
         SELECT 1 FROM role_assignment ra JOIN role_assignment t ON t.role = 'toukatsu' AND t.person_id = ra.person_id
          WHERE ra.role = f.responsible_role
           AND (ra.scope_type = 'organization' OR (ra.scope_type = 'system' AND ra.scope_system_id = f.system_id)
                OR f.department_id IN (SELECT id FROM sub WHERE root = ra.scope_department_id)))")
same "awaiting: the findings of the roles the 統括 holds, within their scopes" "$(jq '.awaiting.count' d.json)" "$aw"
same "awaiting: at most 20 listed" "$(jq '.awaiting.items | length <= 20' d.json)" true

# --- catalog --------------------------------------------------------------------------------------
check "staff: GET /api/v1/catalog/{clause} is 200" test "$(api "$ST" GET "/api/v1/catalog/$(enc '6.2(1)②(ア)')" cl.json)" = 200
same "the clause with its roles and rules" "$(jq -c '[.id, ([.role_marks[].role] | index("toukatsu") != null), ([.coverage[].ref] | index("ACC-001") != null)]' cl.json)" '["6.2(1)②(ア)",true,true]'
same "staff sees no finding counts outside their reach (0 about themself)" "$(jq '[.coverage[].findings] | add' cl.json)" 0
check "an unknown clause is 404" test "$(api "$TK" GET /api/v1/catalog/99.9 x.json)" = 404
