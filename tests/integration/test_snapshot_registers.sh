#!/bin/bash
# test_snapshot_registers.sh — the registers of schema 004 in the organization snapshot
# (connections, managed_areas, devices, software, contractors, contracts, cloud_services,
# training_courses, organization.recommendations): what lands in the tables, nested lists
# sorted on export, old snapshots without the new arrays, rejections that name the JSON path
# and leave the database unchanged, and the change-log entries every import writes.
source "$MAMORI_ROOT/tests/integration/lib.sh"

FIX="$MAMORI_ROOT/tests/fixtures/snapshot-small.json"
dump() { sqlite3 "$1" .dump | md5sum; }
q() { sqlite3 "$1" "$2"; }
# mut OUT PYTHON : a copy of the fixture changed by Python statements on `d` (the parsed JSON)
mut() {
    python3 - "$FIX" "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
exec(sys.argv[3])
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
EOF
}

# ---- what lands in the tables ---------------------------------------------------------
expect_exit 0 "import the fixture with every new register" "$MAMORI" --db a.db import "$FIX" >/dev/null
for pair in network_connection:3 managed_area:1 managed_area_permit:2 device:3 device_asset:3 \
            device_software:4 software:3 contractor:1 contractor_staff:1 contract:1 \
            contract_clause:6 cloud_service:1 cloud_service_asset:1 training_course:2 \
            training_attendance:3 org_recommendation:2; do
    t=${pair%%:*} n=${pair##*:}
    check "table $t holds $n rows" test "$(q a.db "SELECT COUNT(*) FROM $t")" = "$n"
done
check "to_external stored, to_domain NULL" \
    test "$(q a.db "SELECT IFNULL(to_domain, 'NULL') || '|' || to_external FROM network_connection WHERE id = 'CN-003'")" = "NULL|vendor"
check "references drop _id: device.area → area_id" \
    test "$(q a.db "SELECT area_id FROM device WHERE id = 'DV-0001'")" = "MA-01"
check "a nested pair keeps its extra value (device_software.version)" \
    test "$(q a.db "SELECT version FROM device_software WHERE device_id = 'DV-0001' AND software_id = 'SW-01'")" = "12.4"
check "booleans stored as 1/0" test "$(q a.db "SELECT restricted_port FROM network_connection WHERE id = 'CN-003'")" = 0
check "recommendation clause stored as written" \
    test "$(q a.db "SELECT adopted FROM org_recommendation WHERE clause_id = '4.1(2)①'")" = 1
check "the database passes its own foreign-key check" test -z "$(q a.db 'PRAGMA foreign_key_check')"
"$MAMORI" --db a.db export >a.json
check "export reproduces the fixture byte for byte" cmp -s a.json "$FIX"

# Nested lists and organization.recommendations given out of order come back sorted; omitted
# defaults come back filled in.
mut shuffled.json '
d["managed_areas"][0]["permitted"].reverse()
d["devices"][0]["software"].reverse()
d["devices"][2]["assets"].reverse()
d["contracts"][0]["items"].reverse()
d["training_courses"][0]["attendance"].reverse()
d["organization"]["recommendations"].reverse()
for k in ("mfa", "registered", "os_supported"): del d["devices"][1][k]
del d["devices"][2]["wire_locked"]
d["devices"].reverse()
del d["connections"][0]["sanitization"]
del d["contracts"][0]["subcontracting"]
del d["training_courses"][1]["attendance"]'
check "the shuffled file differs from the fixture" sh -c "! cmp -s shuffled.json '$FIX'"
expect_exit 0 "a snapshot with unsorted nested lists imports" "$MAMORI" --db s.db import shuffled.json >/dev/null
"$MAMORI" --db s.db export >s.json
check "export sorts nested lists and fills defaults (equals the fixture)" cmp -s s.json "$FIX"

# An old snapshot without the new arrays still imports, and exports them empty.
mut old.json '
for k in ("connections", "managed_areas", "devices", "software", "contractors", "contracts", "cloud_services", "training_courses"): del d[k]
del d["organization"]["recommendations"]'
expect_exit 0 "an old snapshot without the new arrays imports" "$MAMORI" --db o.db import old.json >/dev/null
"$MAMORI" --db o.db export >o.json
check "its export has the new arrays, empty" \
    test "$(jq -c '[.connections, .managed_areas, .devices, .software, .contractors, .contracts, .cloud_services, .training_courses, .organization.recommendations]' o.json)" = "[[],[],[],[],[],[],[],[],[]]"
check "its export keeps the v1 part" \
    test "$(jq -c 'del(.connections, .managed_areas, .devices, .software, .contractors, .contracts, .cloud_services, .training_courses, .organization.recommendations)' o.json)" = "$(jq -c . old.json)"

# --replace removes the new registers too.
expect_exit 0 "--replace with the old snapshot" "$MAMORI" --db a.db import --replace old.json >/dev/null
check "--replace emptied every new table" test "$(q a.db "SELECT (SELECT COUNT(*) FROM network_connection) + (SELECT COUNT(*) FROM managed_area_permit) + (SELECT COUNT(*) FROM device_software) + (SELECT COUNT(*) FROM contract_clause) + (SELECT COUNT(*) FROM training_attendance) + (SELECT COUNT(*) FROM org_recommendation) + (SELECT COUNT(*) FROM device) + (SELECT COUNT(*) FROM contract)")" = 0
expect_exit 0 "--replace back to the full fixture" "$MAMORI" --db a.db import --replace "$FIX" >/dev/null
"$MAMORI" --db a.db export >a2.json
check "after two replaces the export equals the fixture" cmp -s a2.json "$FIX"

# ---- rejections --------------------------------------------------------------------------
# reject DESC FILE TEXT... : importing FILE with --replace over a.db exits 2, stderr holds each
# TEXT, and a.db (including its change log) is unchanged.
reject() {
    local desc=$1 file=$2; shift 2
    if cmp -s "$file" "$FIX"; then not_ok "$desc: the broken file differs from the fixture"; return; fi
    local before
    before=$(dump a.db)
    expect_exit 2 "$desc: exit 2" "$MAMORI" --db a.db import --replace "$file" 2>err.txt
    for t in "$@"; do contains err.txt "$t" "$desc: message has $t"; done
    check "$desc: database unchanged" test "$(dump a.db)" = "$before"
}

mut r1.json 'd["managed_areas"][0]["permitted"][1] = "P-404"'
reject "dangling person in a nested id list" r1.json \
    '$.managed_areas[0].permitted[1]: 職員等「P-404」は people にありません'
mut r2.json 'd["devices"][0]["assets"] = ["A-0404"]; d["cloud_services"][0]["assets"] = ["A-0005", "A-9"]'
reject "dangling assets in nested lists" r2.json '$.devices[0].assets[0]: 情報資産「A-0404」は assets にありません' \
    '$.cloud_services[0].assets[1]: 情報資産「A-9」は assets にありません'
mut r3.json 'd["devices"][1]["software"][0]["software"] = "SW-404"'
reject "dangling software in a nested object" r3.json \
    '$.devices[1].software[0].software: ソフトウェア「SW-404」は software にありません'
mut r4.json 'd["training_courses"][0]["attendance"][2]["person"] = "P-0002"'
reject "a person twice in one course" r4.json \
    '$.training_courses[0].attendance[2].person: 受講の記録 に「P-0002」が重複しています（$.training_courses[0].attendance[0] と同じ）'
mut r5.json 'd["managed_areas"][0]["permitted"] = ["P-0003", "P-0003"]'
reject "a person twice in one area" r5.json '$.managed_areas[0].permitted[1]:' "重複しています"
mut r6.json 'd["contracts"][0]["items"][1] = "nda_signed"'
reject "unknown contract item code" r6.json \
    '$.contracts[0].items[1]: 契約項目「nda_signed」は定義されていません（policy_compliance, technical_safeguards,'
mut r7.json 'd["connections"][1]["purpose"] = "chat"; d["devices"][0]["kind"] = "laptop"; d["cloud_services"][0]["service_model"] = "faas"'
reject "unknown codes" r7.json '$.connections[1].purpose: 通信の目的「chat」は定義されていません' \
    '$.devices[0].kind: 機器の種類「laptop」は定義されていません' \
    '$.cloud_services[0].service_model: クラウドサービスの形態「faas」は定義されていません（iaas, paas, saas のいずれか）'
mut r8.json 'd["connections"][0]["to_external"] = "internet"'
reject "both to_domain and to_external" r8.json \
    '$.connections[0].to_external: 接続先は to_domain（庁内のネットワークの区分）か to_external（外部の接続先）のどちらか一方だけを書きます'
mut r9.json 'd["connections"][2]["to_external"] = None'
reject "neither to_domain nor to_external" r9.json '$.connections[2].to_domain: 接続先が必須です'
mut r10.json 'd["contracts"][0]["end_on"] = "2025-03-31"'
reject "contract ending before it starts" r10.json \
    '$.contracts[0].end_on: 契約の終了日 2025-03-31 が開始日 2025-04-01 より前です'
mut r11.json 'd["training_courses"][0]["attendance"][1]["completed_on"] = "2025-07-32"; d["devices"][2]["disposed_on"] = "2025/12/01"'
reject "bad dates" r11.json '$.training_courses[0].attendance[1].completed_on: 日付「2025-07-32」は正しくありません' \
    '$.devices[2].disposed_on: 日付「2025/12/01」は正しくありません'
mut r12.json 'd["organization"]["recommendations"] = [{"clause": "4.1(2)①", "adopted": True, "note": None}, {"clause": "6.2(1)①", "adopted": True, "note": None}, {"clause": "4.1 (2) ①", "adopted": False, "note": None}, {"clause": "99.9", "adopted": True, "note": None}]'
reject "recommendations: not a 推奨事項, not normalised, not in the catalog" r12.json \
    '$.organization.recommendations[1].clause: 条項 6.2(1)①' "は推奨事項ではありません" \
    '$.organization.recommendations[2].clause: 条項「4.1 (2) ①」は「4.1(2)①」と書きます' \
    '$.organization.recommendations[3].clause: 条項「99.9」はガイドラインの目録にありません'
mut r13.json 'd["organization"]["recommendations"][1]["clause"] = "1(1)②"'
reject "a recommendation twice" r13.json '$.organization.recommendations[1].clause: 条項「1(1)②」が重複しています'
mut r14.json 'd["devices"][0]["area"] = "MA-404"; d["contracts"][0]["contractor"] = "CT-404"; d["cloud_services"][0]["contract"] = "K-404"'
reject "dangling area, contractor, contract" r14.json '$.devices[0].area: 管理区域「MA-404」は managed_areas にありません' \
    '$.contracts[0].contractor: 委託事業者「CT-404」は contractors にありません' \
    '$.cloud_services[0].contract: 契約「K-404」は contracts にありません'
mut r15.json 'd["software"][1]["id"] = "SW-01"'
reject "duplicate software id" r15.json '$.software[1].id: id「SW-01」が重複しています（$.software[0] と同じ）'
mut r16.json 'd["devices"][0]["software"][0] = {"software": "SW-01", "versoin": "1"}; d["managed_areas"][0]["permitted"] = "P-0003"; d["connections"][0]["encrypted"] = "yes"'
reject "wrong shapes in nested lists and types" r16.json \
    '$.devices[0].software[0].versoin: 項目「versoin」はこの形式にありません（「version」の書き間違いではありませんか）' \
    '$.managed_areas[0].permitted: 型が違います（配列が必要ですが文字列です' \
    '$.connections[0].encrypted: 型が違います（真偽値（true / false）が必要ですが文字列です）'
mut r17.json 'd["training_courses"][0]["fiscal_year"] = "2025"; del d["contracts"][0]["nda"]'
reject "fiscal_year as text, missing nda" r17.json '$.training_courses[0].fiscal_year: 型が違います（整数が必要ですが文字列です）' \
    '$.contracts[0].nda: 必須の項目がありません'

# ---- the change log ----------------------------------------------------------------------
entities=$(jq '1 + ([.departments, .people, .systems, .role_assignments, .assets, .accounts, .connections, .managed_areas, .devices, .software, .contractors, .contracts, .cloud_services, .training_courses] | map(length) | add)' "$FIX")
expect_exit 0 "import into a fresh database for the log" "$MAMORI" --db l.db import "$FIX" >/dev/null
"$MAMORI" --db l.db log show --format json >log.json
check "one import entry" test "$(jq '[.[] | select(.action == "import")] | length' log.json)" = 1
check "one create entry per entity ($entities)" \
    test "$(jq '[.[] | select(.action == "create")] | length' log.json)" = "$entities"
check "the import entry counts what it created" \
    test "$(jq -c '.[] | select(.action == "import") | .after | [.devices, .training_courses, .people, .name]' log.json)" = '[3,2,8,"みどり町"]'
check "a create entry carries the entity as in the snapshot" \
    test "$(jq -c '.[] | select(.action == "create" and .entity_type == "device" and .entity_id == "DV-0001") | .after' log.json)" \
         = "$(jq -c -S '.devices[] | select(.id == "DV-0001")' "$FIX")"
check "the organization entry carries the profile with its lists" \
    test "$(jq -c '.[] | select(.entity_type == "organization") | .after.recommendations | length' log.json)" = 2
check "entity types are the arrays' singular names" \
    test "$(jq -r '[.[] | select(.action == "create") | .entity_type] | unique | join(",")' log.json)" \
         = "account,asset,cloud_service,connection,contract,contractor,department,device,managed_area,organization,person,role_assignment,software,system,training_course"
check "the actor is the command-line user" test "$(jq -r '.[0].actor' log.json)" = "cli:$(id -un)"
expect_exit 0 "log verify passes after the import" "$MAMORI" --db l.db log verify >/dev/null

n=$(q l.db 'SELECT COUNT(*) FROM audit_log')
expect_exit 0 "--replace with the old snapshot" "$MAMORI" --db l.db import --replace old.json >/dev/null
"$MAMORI" --db l.db log show --format json >all.json
check "the first import wrote an import entry, the --replace one replace entry" \
    test "$(jq -c '[.[] | select(.action == "replace" or .action == "import") | .action]' all.json)" = '["import","replace"]'
check "the replace entry counts what it removed and what it loaded" \
    test "$(jq -c '.[] | select(.action == "replace") | [.before.devices, .before.training_courses, .before.name, .after.devices, .after.people]' all.json)" = '[3,2,"みどり町",0,8]'
check "--replace: a create entry per loaded entity of the old snapshot" \
    test "$(q l.db "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND seq > $n")" = \
         "$(jq '1 + ([.departments, .people, .systems, .role_assignments, .assets, .accounts] | map(length) | add)' old.json)"
check "--replace writes no per-entity delete entries" test "$(q l.db "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'")" = 0
expect_exit 0 "log verify passes after the replace" "$MAMORI" --db l.db log verify >/dev/null

# A rejected import writes no entry.
n=$(q l.db 'SELECT COUNT(*) FROM audit_log')
expect_exit 2 "a rejected import" "$MAMORI" --db l.db import --replace r8.json 2>/dev/null
check "a rejected import leaves no log entries" test "$(q l.db 'SELECT COUNT(*) FROM audit_log')" = "$n"

# A failure while writing (here: a trigger refusing training courses) rolls back the rows and
# the log entries already appended for the entities before it.
cp l.db f.db
q f.db "CREATE TRIGGER refuse_course BEFORE INSERT ON training_course BEGIN SELECT RAISE(ABORT, 'refused by test'); END;"
before=$(dump f.db)
expect_exit 3 "an import failing half-way exits 3" "$MAMORI" --db f.db import --replace "$FIX" 2>err.txt
contains err.txt "refused by test" "the failure is reported"
check "the failed import left the database and its log unchanged" test "$(dump f.db)" = "$before"

# A failure to append to the change log rolls back the whole import.
cp l.db g.db
q g.db "CREATE TRIGGER refuse_log BEFORE INSERT ON audit_log WHEN NEW.entity_type = 'device' BEGIN SELECT RAISE(ABORT, 'log refused by test'); END;"
before=$(dump g.db)
expect_exit 3 "an import whose log entry fails exits 3" "$MAMORI" --db g.db import --replace "$FIX" 2>err.txt
contains err.txt "変更ログに create device" "the failure names the entry"
check "the import was rolled back with its log entries" test "$(dump g.db)" = "$before"
