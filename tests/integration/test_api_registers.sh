#!/bin/bash
# test_api_registers.sh — the registers over the JSON API with a user's token, as an ism of
# one 課 on the demo: list envelope and reach, detail, create, update with its change-log
# entry, 401 without a token, 403 outside the reach, 422 with `fields`, 404 for an unknown id.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

q() { sqlite3 demo.db "$1"; }
# api METHOD PATH OUT [curl options…] : prints the status
api() {
    local m=$1 path=$2 out=$3; shift 3
    curl -s --max-time 20 -X "$m" -o "$out" -w '%{http_code}' "$@" "$base$path"
}
jq_() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >/dev/null 2>&1 || not_ok "init --demo"
now="date('now', '+9 hours')"
current="valid_from <= $now AND (valid_to IS NULL OR valid_to >= $now)"
read -r person dept <<<"$(q "SELECT r.person_id, r.scope_department_id FROM role_assignment r
  WHERE r.role = 'ism' AND r.scope_type = 'kashitsu' AND r.$current
    AND NOT EXISTS (SELECT 1 FROM role_assignment o WHERE o.person_id = r.person_id AND o.$current
                    AND o.role <> 'ism')
    AND (SELECT COUNT(*) FROM asset WHERE department_id = r.scope_department_id) > 5
  ORDER BY r.id LIMIT 1" | tr '|' ' ')"
check "an ism with only that role ($person, $dept)" test -n "$person" -a -n "$dept"
REACH="(department_id = '$dept' OR manager_id = '$person')"
n=$(q "SELECT COUNT(*) FROM asset WHERE $REACH")
mine=$(q "SELECT id FROM asset WHERE department_id = '$dept' ORDER BY id LIMIT 1")
other=$(q "SELECT id FROM asset WHERE NOT $REACH ORDER BY id LIMIT 1")
other_dept=$(q "SELECT department_id FROM asset WHERE id = '$other'")
tok=$(api_token demo.db apiuser "$person")
check "a token for the user" test -n "$tok"
A=(-H "Authorization: Bearer $tok")

web_serve demo.db

check "no token is 401" test "$(api GET /api/v1/registers/asset x.json)" = 401
check "401 is the error object" test "$(jq_ x.json 'd["error"]["code"]')" = unauthorized
check "a wrong token is 401" test "$(api GET /api/v1/registers/asset x.json -H 'Authorization: Bearer mamori_00')" = 401

# list
check "list is 200" test "$(api GET "/api/v1/registers/asset?per=5&sort=name" l.json "${A[@]}")" = 200
check "total is the assets in reach ($n)" test "$(jq_ l.json 'd["total"]')" = "$n"
check "per_page and page" test "$(jq_ l.json 'd["per_page"], d["page"]')" = "(5, 1)"
check "five items" test "$(jq_ l.json 'len(d["items"])')" = 5
check "items carry labels" test "$(jq_ l.json 'd["items"][0]["confidentiality_label"].startswith("自治体機密性")')" = True
check "booleans are JSON booleans" test "$(jq_ l.json 'type(d["items"][0]["personal_info"]).__name__')" = bool
api GET "/api/v1/registers/asset?per=500" all.json "${A[@]}" >/dev/null
check "every listed asset is in reach" test "$(jq_ all.json '",".join(sorted(i["id"] for i in d["items"]))')" = "$(q "SELECT group_concat(id, ',') FROM (SELECT id FROM asset WHERE $REACH ORDER BY id)")"
nf=$(q "SELECT COUNT(*) FROM asset WHERE $REACH AND confidentiality = '2'")
api GET "/api/v1/registers/asset?f_confidentiality=2" f.json "${A[@]}" >/dev/null
check "filter counts $nf" test "$(jq_ f.json 'd["total"]')" = "$nf"
check "software without a grant is 403" test "$(api GET /api/v1/registers/software x.json "${A[@]}")" = 403
check "403 is the error object" test "$(jq_ x.json 'd["error"]["code"]')" = forbidden
check "an unknown register is 404" test "$(api GET /api/v1/registers/nothing x.json "${A[@]}")" = 404

# detail
check "detail is 200" test "$(api GET "/api/v1/registers/asset/$mine" d.json "${A[@]}")" = 200
check "detail id" test "$(jq_ d.json 'd["id"]')" = "$mine"
check "detail of another 課's asset is 403" test "$(api GET "/api/v1/registers/asset/$other" x.json "${A[@]}")" = 403
check "an unknown id is 404" test "$(api GET "/api/v1/registers/asset/no-such" x.json "${A[@]}")" = 404
check "404 is the error object" test "$(jq_ x.json 'd["error"]["code"]')" = not_found

# update
log0=$(q "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'asset' AND entity_id = '$mine'")
check "update is 200" test "$(api POST "/api/v1/registers/asset/$mine" u.json "${A[@]}" -H 'Content-Type: application/json' -d '{"note":"API で更新","personal_info":true}')" = 200
check "the answer shows the change" test "$(jq_ u.json 'd["note"], d["personal_info"]')" = "('API で更新', True)"
check "the change is stored" test "$(q "SELECT note, personal_info FROM asset WHERE id = '$mine'")" = "API で更新|1"
check "one change-log entry by the user" test "$(q "SELECT COUNT(*), max(actor) FROM audit_log WHERE entity_type = 'asset' AND entity_id = '$mine'")" = "$((log0 + 1))|user:apiuser"
before=$(q "SELECT * FROM asset WHERE id = '$mine'")
check "bad fields are 422" test "$(api POST "/api/v1/registers/asset/$mine" v.json "${A[@]}" -d '{"name":"","confidentiality":"9"}')" = 422
check "422 names each field" test "$(jq_ v.json '",".join(f["field"] for f in d["error"]["fields"])')" = "name,confidentiality"
check "422 code is invalid" test "$(jq_ v.json 'd["error"]["code"], d["error"]["status"]')" = "('invalid', 422)"
check "moving to another 課 is 422" test "$(api POST "/api/v1/registers/asset/$mine" v2.json "${A[@]}" -d "{\"department_id\":\"$other_dept\"}")" = 422
check "nothing changed" test "$(q "SELECT * FROM asset WHERE id = '$mine'")" = "$before"
check "an unknown field is 422" test "$(api POST "/api/v1/registers/asset/$mine" x.json "${A[@]}" -d '{"colour":"red"}')" = 422
check "and is named" test "$(jq_ x.json 'd["error"]["fields"][0]["field"]')" = colour
check "a body that is not JSON is 400" test "$(api POST "/api/v1/registers/asset/$mine" x.json "${A[@]}" -d 'name=x')" = 400
obefore=$(q "SELECT * FROM asset WHERE id = '$other'")
check "update of another 課's asset is 403" test "$(api POST "/api/v1/registers/asset/$other" x.json "${A[@]}" -d '{"note":"x"}')" = 403
check "the other asset is unchanged" test "$(q "SELECT * FROM asset WHERE id = '$other'")" = "$obefore"
check "update of an unknown id is 404" test "$(api POST "/api/v1/registers/asset/no-such" x.json "${A[@]}" -d '{"note":"x"}')" = 404

# create
body="{\"id\":\"as99101\",\"name\":\"API 資産\",\"department_id\":\"$dept\",\"medium\":\"paper\",\"confidentiality\":\"2\",\"integrity\":\"1\",\"availability\":\"1\",\"personal_info\":false}"
check "create is 201" test "$(api POST /api/v1/registers/asset c.json "${A[@]}" -d "$body")" = 201
check "the new asset is stored" test "$(q "SELECT name FROM asset WHERE id = 'as99101'")" = "API 資産"
check "a create entry in the change log" test "$(q "SELECT action FROM audit_log WHERE entity_type = 'asset' AND entity_id = 'as99101'")" = create
check "the same id again is 422" test "$(api POST /api/v1/registers/asset c2.json "${A[@]}" -d "$body")" = 422
check "the id field is named" test "$(jq_ c2.json 'd["error"]["fields"][0]["field"]')" = id
b2=${body/as99101/as99102}
check "creating in another 課 is 422" test "$(api POST /api/v1/registers/asset x.json "${A[@]}" -d "${b2/\"$dept\"/\"$other_dept\"}")" = 422
check "and names the department" test "$(jq_ x.json 'd["error"]["fields"][0]["field"]')" = department_id
check "create without a write grant is 403" test "$(api POST /api/v1/registers/system x.json "${A[@]}" -d '{"id":"sys99"}')" = 403
check "the new asset is found by search" test "$(api GET "/api/v1/registers/asset?q=API%20%E8%B3%87%E7%94%A3" s.json "${A[@]}")" = 200 -a "$(jq_ s.json 'd["total"]')" = 1

# a member of staff without a role: only their own rows
staff=$(q "SELECT manager_id FROM asset WHERE manager_id IS NOT NULL AND manager_id NOT IN
  (SELECT person_id FROM role_assignment) GROUP BY manager_id ORDER BY COUNT(*) DESC LIMIT 1")
if [ -z "$staff" ]; then
    staff=$(q "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM role_assignment) LIMIT 1")
fi
"$MAMORI" --db demo.db user add staff1 --person "$staff" >/dev/null
stok=$("$MAMORI" --db demo.db user token add staff1 --label test | grep '^mamori_')
S=(-H "Authorization: Bearer $stok")
api GET "/api/v1/registers/asset?per=500" st.json "${S[@]}" >/dev/null
check "staff see only the assets they manage" test "$(jq_ st.json 'd["total"]')" = "$(q "SELECT COUNT(*) FROM asset WHERE manager_id = '$staff'")"
check "staff cannot change their asset" test "$(api POST "/api/v1/registers/asset/$mine" x.json "${S[@]}" -d '{"note":"x"}')" = 403
check "staff may not read systems" test "$(api GET /api/v1/registers/system x.json "${S[@]}")" = 403
