#!/bin/bash
# test_snapshot.sh — mamori import / export of the organization snapshot (docs/snapshot.md)
# with the small fixture tests/fixtures/snapshot-small.json (written in export's own form):
# byte-identical round trips, what lands in the tables, stdin and --dry-run, refusal of a
# non-empty database, and rejection of broken snapshots — each rejection must name the JSON
# path (or file line) and leave the database exactly as it was.
source "$MAMORI_ROOT/tests/integration/lib.sh"

FIX="$MAMORI_ROOT/tests/fixtures/snapshot-small.json"
dump() { sqlite3 "$1" .dump | md5sum; }
q() { sqlite3 "$1" "$2"; }

# ---- a valid snapshot ----------------------------------------------------------------------
expect_exit 0 "import the small fixture into a new database" \
    "$MAMORI" --db a.db import "$FIX" >out.txt 2>err.txt
contains out.txt "部署 8、職員等 8、情報システム 3、役割の割当て 7、情報資産 5、アカウント 5" \
    "import reports what it loaded"
check "organization row written" test "$(q a.db 'SELECT name || kind FROM organization')" = "みどり町町"
check "bodies kept in file order" \
    test "$(q a.db 'SELECT group_concat(code) FROM (SELECT code FROM org_body ORDER BY position)')" = "mayor,edu"
check "parameters written as given" \
    test "$(q a.db "SELECT value FROM org_parameter WHERE key = 'password_min_length'")" = "14"
check "people written" test "$(q a.db 'SELECT COUNT(*) FROM person')" = 8
check "booleans stored as 1/0" test "$(q a.db "SELECT mfa FROM system WHERE id = 'S-002'")" = 0
check "system scope goes to scope_system_id" \
    test "$(q a.db "SELECT scope_system_id || '|' || IFNULL(scope_department_id, 'NULL') FROM role_assignment WHERE id = 'R-005'")" = "S-001|NULL"
check "department scope goes to scope_department_id" \
    test "$(q a.db "SELECT scope_department_id || '|' || IFNULL(scope_system_id, 'NULL') FROM role_assignment WHERE id = 'R-003'")" = "D-01|NULL"
check "null stays NULL" test "$(q a.db "SELECT COUNT(*) FROM system WHERE id = 'S-003' AND rto_hours IS NULL")" = 1
check "the database still passes its own foreign-key check" test -z "$(q a.db 'PRAGMA foreign_key_check')"

"$MAMORI" --db a.db export >exp1.json
check "export reproduces the fixture byte for byte" cmp -s exp1.json "$FIX"
check "export ends with a newline" test "$(tail -c 1 exp1.json | od -An -c | tr -d ' ')" = '\n'
if grep -q '\\u' exp1.json; then not_ok "export writes Japanese as UTF-8, not \\u escapes"; else ok "export writes Japanese as UTF-8, not \\u escapes"; fi

expect_exit 0 "re-import the export into another database" "$MAMORI" --db b.db import exp1.json >/dev/null
"$MAMORI" --db b.db export >exp2.json
check "export → import → export gives identical bytes" cmp -s exp1.json exp2.json

# A snapshot that leaves out optional fields is read with null / defaults, and exported in full.
sed -e '/"kana": null,/d' -e '/"id": "D-09",/,/"sort": 9/{ s/"body": "edu",$/"body": "edu"/; /"sort": 9/d; }' \
    "$FIX" >short.json
if cmp -s short.json "$FIX"; then not_ok "short fixture differs"; fi
expect_exit 0 "optional fields may be omitted" "$MAMORI" --db s.db import short.json >/dev/null 2>err.txt
check "omitted sort becomes 0" test "$(q s.db "SELECT sort FROM department WHERE id = 'D-09'")" = 0
"$MAMORI" --db s.db export >short-exp.json
check "export writes omitted fields (null / default)" grep -q '"kana": null' short-exp.json

# -o writes atomically and leaves no temporary file
echo "old content" >out.json
expect_exit 0 "export -o FILE" "$MAMORI" --db a.db export -o out.json
check "export -o replaces the file with the snapshot" cmp -s out.json "$FIX"
check "export -o leaves no temporary file" test -z "$(ls out.json.tmp.* 2>/dev/null)"
check "export -o makes the file private (personal data)" test "$(stat -c %a out.json)" = 600
expect_exit 2 "export -o into a missing directory fails with exit 2" \
    "$MAMORI" --db a.db export -o nodir/x.json 2>err.txt
contains err.txt "nodir/x.json" "the failed export names the file"
check "the failed export leaves nothing behind" test ! -e nodir
expect_exit 1 "export of a database without an organization is refused" \
    sh -c "'$MAMORI' --db empty.db init >/dev/null && '$MAMORI' --db empty.db export 2>err.txt"
contains err.txt "団体のデータがありません" "refusal says there is no organization"

# standard input
expect_exit 0 "import - reads standard input" sh -c "'$MAMORI' --db c.db import - <'$FIX' >/dev/null"
check "stdin import loaded the people" test "$(q c.db 'SELECT COUNT(*) FROM person')" = 8

# --dry-run writes nothing, not even a new database file
expect_exit 0 "--dry-run on a valid snapshot exits 0" \
    "$MAMORI" --db dry.db import --dry-run "$FIX" >out.txt
contains out.txt "書き込んでいません" "--dry-run says nothing was written"
check "--dry-run creates no database" test ! -e dry.db
before=$(dump a.db)
expect_exit 1 "--dry-run on a populated database without --replace exits 1" \
    "$MAMORI" --db a.db import --dry-run "$FIX" 2>/dev/null
expect_exit 0 "--dry-run --replace on a populated database exits 0" \
    "$MAMORI" --db a.db import --dry-run --replace "$FIX" >/dev/null
check "--dry-run left the database unchanged" test "$(dump a.db)" = "$before"

# ---- refusal of a non-empty database ------------------------------------------------------
sed 's/"name": "みどり町",/"name": "あおば町",/' "$FIX" >other.json
before=$(dump a.db)
expect_exit 1 "import into a database that has an organization is refused" \
    "$MAMORI" --db a.db import other.json 2>err.txt
contains err.txt "--replace" "the refusal tells about --replace"
check "the refused database is unchanged" test "$(dump a.db)" = "$before"
cp a.db r.db
expect_exit 0 "--replace replaces the organization" "$MAMORI" --db r.db import --replace other.json >out.txt
check "--replace wrote the new data" test "$(q r.db 'SELECT name FROM organization')" = "あおば町"
check "--replace left one organization's rows" test "$(q r.db 'SELECT COUNT(*) FROM person')" = 8
"$MAMORI" --db r.db export >r.json
check "after --replace the export equals the imported snapshot" cmp -s r.json other.json

# A snapshot of a newer format version is refused, not guessed at.
sed 's/^  "version": 1,$/  "version": 2,/' "$FIX" >v2.json
expect_exit 1 "a newer snapshot version is refused" "$MAMORI" --db a.db import --replace v2.json 2>err.txt
contains err.txt "第 2 版" "the refusal names the version"
check "version refusal left the database unchanged" test "$(dump a.db)" = "$before"

# ---- rejections --------------------------------------------------------------------------
# reject DESC FILE TEXT... : importing FILE with --replace over a.db exits 2, stderr holds each
# TEXT, and a.db is unchanged.
reject() {
    local desc=$1 file=$2; shift 2
    if cmp -s "$file" "$FIX"; then not_ok "$desc: the broken file differs from the fixture"; return; fi
    local before
    before=$(dump a.db)
    expect_exit 2 "$desc: exit 2" "$MAMORI" --db a.db import --replace "$file" 2>err.txt
    for t in "$@"; do contains err.txt "$t" "$desc: message has $t"; done
    check "$desc: database unchanged" test "$(dump a.db)" = "$before"
}
# mutate OUT SED-SCRIPT : a copy of the fixture changed by sed
mutate() { sed -e "$2" "$FIX" >"$1"; }

mutate t1.json 's/"rto_hours": 24,/"rto_hours": "24",/'
reject "wrong type" t1.json '$.systems[0].rto_hours' "型が違います（整数が必要ですが文字列です）"

mutate t2.json 's/"confidentiality": "3C",/"confidentiality": "4",/'
reject "機密性4" t2.json '$.assets[1].confidentiality' \
    "機密性の区分「4」は定義されていません（3A, 3B, 3C, 2, 1 のいずれか）" "（1 件の問題）"

mutate t3.json 's/"hosting": "onprem",/"hosting": "basement",/'
reject "unknown enum code" t3.json '$.systems[1].hosting' "「basement」は定義されていません" \
    "onprem, datacenter, gov_cloud, other_cloud"

mutate t4.json 's/"department": "D-09-01",/"department": "D-999",/'
reject "dangling department" t4.json '$.people[7].department' "部署「D-999」は departments にありません"

mutate t5.json 's/"person": "P-0007",/"person": "P-404",/'
reject "dangling person" t5.json '$.role_assignments[5].person' "職員等「P-404」は people にありません"

mutate t6.json '0,/"system": "S-003",/s//"system": "S-404",/'
reject "dangling system" t6.json '$.assets[4].system' "情報システム「S-404」は systems にありません"

mutate t7.json 's/"scope_id": "D-01-02",/"scope_id": "D-404",/; s/"scope_id": "S-001",/"scope_id": "S-404",/'
reject "dangling scope" t7.json '$.role_assignments[3].scope_id' "部署「D-404」は departments にありません" \
    '$.role_assignments[4].scope_id' "情報システム「S-404」は systems にありません"

mutate t8.json 's/"scope_type": "bukyoku",/"scope_type": "system",/'
reject "role with a scope it may not have" t8.json '$.role_assignments[2].scope_type' \
    "役割 isr（情報セキュリティ責任者）の範囲に system は使えません（使える範囲: bukyoku）"

mutate t9.json 's/"scope_id": "D-01",/"scope_id": "D-01-01",/'
reject "isr scoped to a 課室" t9.json '$.role_assignments[2].scope_id' "部署「D-01-01」は部局ではありません"

mutate t10.json 's/"id": "P-0005",/"id": "P-0001",/'
reject "duplicate id" t10.json '$.people[4].id' "id「P-0001」が重複しています（$.people[0] と同じ）"

mutate t11.json 's/"login": "tanaka",/"login": "admin",/'
reject "duplicate login in one system" t11.json '$.accounts[1].login' "ログイン ID「admin」は情報システム「S-001」の中で重複しています"

sed "s/みどり町情報/みどり町$(printf '\xff')情報/" "$FIX" >t12.json
reject "invalid UTF-8" t12.json "t12.json の 8 行" "UTF-8 として不正なバイト列があります"

head -c 3000 "$FIX" >t13.json
reject "truncated file" t13.json "t13.json の" "ファイルが途中で終わっています"

printf '{"format": "mamori-snapshot",\n "version": 1\x00}\n' >t14.json
reject "NUL byte" t14.json "t14.json の 2 行" "NUL 文字"

mutate t15.json 's/"kana": "もり はなこ",/"kanna": "もり はなこ",/'
reject "unknown field" t15.json '$.people[1].kanna' "項目「kanna」はこの形式にありません" "「kana」の書き間違い"

mutate t16.json 's/"status_since": "2025-10-01",/"status_since": "2025-02-30",/'
reject "bad date 2025-02-30" t16.json '$.people[3].status_since' "日付「2025-02-30」は正しくありません"

mutate t17.json '0,/"parent": "D-01",/s//"parent": "D-01-02",/; s/"parent": "D-01",/"parent": "D-01-01",/'
reject "department cycle" t17.json '.parent' "上位の部署をたどると循環しています（D-01-0"

mutate t18.json 's/"left_on": "2025-03-31",/"left_on": null,/'
reject "retired without left_on" t18.json '$.people[5].left_on' "状態が retired（退職）のときは退職日が必須です"

mutate t19.json '0,/"parent": null,/s//"parent": "D-02",/'
reject "部局 with a parent" t19.json '$.departments[0].parent' "部局（bukyoku）は最上位の部署"

mutate t20.json '0,/"system": "S-002",/s//"system": null,/'
reject "electronic asset without a system" t20.json '$.assets[1].system' "electronic（"

mutate t21.json 's/"password_min_length": "14"/"password_min_lenght": "14"/'
reject "unknown parameter" t21.json '$.organization.parameters.password_min_lenght' "「password_min_length」の書き間違い"

mutate t22.json 's/"login_attempt_limit": "5",/"login_attempt_limit": 5,/'
reject "parameter value not a string" t22.json '$.organization.parameters.login_attempt_limit' "型が違います"

mutate t23.json 's/"valid_to": "2026-03-31",/"valid_to": "2023-03-31",/'
reject "valid_to before valid_from" t23.json '$.role_assignments[3].valid_to' "終了日 2023-03-31 が開始日 2024-04-01 より前です"

mutate t24.json 's/"last_login": "2025-09-29T08:30:12Z"/"last_login": "2025-09-29 08:30"/'
reject "bad date-time" t24.json '$.accounts[1].last_login' "日時「2025-09-29 08:30」は正しくありません"

mutate t25.json 's/"retention": "10y",/"retention": "10 years",/'
reject "bad retention" t25.json '$.assets[2].retention' "保存期間「10 years」は正しくありません"

mutate t26.json 's/"rto_hours": 72,/"rto_hours": 0,/'
reject "rto_hours 0" t26.json '$.systems[1].rto_hours' "1 以上の整数"

mutate t27.json '0,/"mfa": true,/s//"mfa": "yes",/; s/"name": "総務部",/"name": 1,/; s/"code": "edu",/"code": "mayor",/'
reject "several problems reported together" t27.json "（5 件の問題）" '$.systems[0].mfa' \
    '$.departments[0].name' '$.organization.bodies[1].code' '$.departments[6].body'

mutate t28.json 's/"format": "mamori-snapshot",/"format": "something-else",/'
reject "wrong format" t28.json '$.format' "mamori のスナップショットではありません"

mutate t29.json '0,/"sort": 1$/s//"sort": 1,/'
reject "trailing comma" t29.json "t29.json の" "余分な ,"

mutate t30.json 's/"status": "on_leave",/"status": "sick",/'
reject "unknown person status" t30.json '$.people[3].status' "職員等の状態「sick」は定義されていません（active, transferred, on_leave, retired のいずれか）"

# Usage errors
expect_exit 2 "import without a file is a usage error" "$MAMORI" --db a.db import 2>/dev/null
expect_exit 2 "import of a missing file exits 2" "$MAMORI" --db a.db import missing.json 2>err.txt
contains err.txt "missing.json" "the missing file is named"
expect_exit 2 "export with an extra argument is a usage error" "$MAMORI" --db a.db export extra 2>/dev/null
