#!/bin/bash
# test_demo.sh — `mamori init --demo` end to end: the demo municipality loads through the normal
# import (with a fixed --reference-date), the database holds what the snapshot says, the planted
# gaps of docs/demo-gaps.md are found by plain SQL (and nothing else by the same queries), init
# creates the change log's signing key with mode 0600, a second init without --replace is
# refused without touching the data, export → import → export gives the same bytes, the default
# reference date is today, bad options are usage errors, and --scale 2 loads two cities.
source "$MAMORI_ROOT/tests/integration/lib.sh"

q() { sqlite3 -batch -noheader demo.db "$1"; }

# eq DESC GOT WANT
eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}

REF=2026-06-01
start=$(date +%s%N)
expect_exit 0 "init --demo creates the demo municipality" \
    "$MAMORI" --db demo.db init --demo --reference-date $REF
end=$(date +%s%N)
echo "# init --demo: $(((end - start) / 1000000)) ms, $(stat -c %s demo.db) bytes"
[ -f demo.db ] || { not_ok "demo.db exists"; exit 0; }
eq "init creates the signing key with mode 0600" "$(stat -c %a demo.db.key 2>/dev/null)" 600
expect_exit 0 "plain init on a new database" "$MAMORI" --db plain.db init
eq "plain init creates the signing key too" "$(stat -c %a plain.db.key 2>/dev/null)" 600

eq "organization is こもれび市" "$(q "SELECT name || '/' || kind FROM organization")" "こもれび市/市"
eq "nine bodies in scope (基本方針 4(1))" "$(q "SELECT count(*) FROM org_body")" 9
eq "学校・医療系 networks excluded" \
    "$(q "SELECT group_concat(name, ',') FROM (SELECT name FROM org_excluded_network ORDER BY position)")" \
    "学校ネットワーク,医療系ネットワーク"
eq "議会ネットワーク counted in インターネット接続系" \
    "$(q "SELECT domain FROM org_network_inclusion WHERE name = '議会ネットワーク'")" internet

# Volumes in the promised ranges.
in_range() { # DESC VALUE LO HI
    if [ "$2" -ge "$3" ] && [ "$2" -le "$4" ]; then ok "$1 ($2)"; else not_ok "$1 ($2 not in $3..$4)"; fi
}
in_range "about 15 部局" "$(q "SELECT count(*) FROM department WHERE level = 'bukyoku'")" 13 17
in_range "about 60 課室" "$(q "SELECT count(*) FROM department WHERE level = 'kashitsu'")" 55 65
in_range "about 800 people" "$(q "SELECT count(*) FROM person")" 750 850
in_range "about 60 systems" "$(q "SELECT count(*) FROM system")" 55 65
in_range "about 1,500 assets" "$(q "SELECT count(*) FROM asset")" 1300 1700
in_range "about 2,000+ accounts" "$(q "SELECT count(*) FROM account")" 1800 2700
in_range "会計年度任用職員 about 25%" \
    "$(q "SELECT 100 * sum(employment = 'fiscal_year') / count(*) FROM person")" 20 30

# Every planted gap is found by SQL, and only it (docs/demo-gaps.md).
gap() { # NUMBER DESC WANT SQL
    eq "gap $1: $2" "$(q "$4")" "$3"
}
gap 1 "retired person's account still active" ac-sys30-e00082 \
    "SELECT a.id FROM account a JOIN person p ON p.id = a.holder_id
     WHERE a.status = 'active' AND p.status = 'retired'"
gap 2 "transferred person's account still active" ac-sys05-e00239 \
    "SELECT a.id FROM account a JOIN person p ON p.id = a.holder_id
     WHERE a.status = 'active' AND p.status = 'transferred'"
gap 3 "personal account without a holder" ac-sys32-test01 \
    "SELECT id FROM account WHERE holder_id IS NULL AND shared = 0"
gap 4 "privileged account without MFA" ac-sys36-adm-e00108 \
    "SELECT id FROM account WHERE privileged = 1 AND mfa = 0 AND status = 'active'"
gap 5 "マイナンバー利用事務系 account without MFA" ac-sys10-e00178 \
    "SELECT a.id FROM account a JOIN system s ON s.id = a.system_id
     WHERE s.domain = 'mynumber' AND a.mfa = 0 AND a.status = 'active'"
gap 6 "機密性3 asset on an インターネット接続系 system" as01441 \
    "SELECT a.id FROM asset a JOIN system s ON s.id = a.system_id
     WHERE s.domain = 'internet' AND a.confidentiality IN ('3A', '3B', '3C')"
gap 7 "可用性2 asset on a system without RTO" as01442 \
    "SELECT a.id FROM asset a JOIN system s ON s.id = a.system_id
     WHERE a.availability = '2' AND s.rto_hours IS NULL"
current="valid_from <= '$REF' AND (valid_to IS NULL OR valid_to >= '$REF')"
gap 8 "system without 情報システム管理者" sys39 \
    "SELECT id FROM system s WHERE NOT EXISTS (SELECT 1 FROM role_assignment r
     WHERE r.role = 'sysm' AND r.scope_system_id = s.id AND $current)"
gap 9 "課室 without 情報セキュリティ管理者" ka0107 \
    "SELECT id FROM department d WHERE level IN ('kashitsu', 'desaki') AND NOT EXISTS
     (SELECT 1 FROM role_assignment r WHERE r.role = 'ism' AND r.scope_department_id = d.id
      AND $current)"
gap 10 "current role held by a person who is not active" ra0288 \
    "SELECT r.id FROM role_assignment r JOIN person p ON p.id = r.person_id
     WHERE p.status <> 'active' AND $current"
gap 11 "shared privileged account" ac-sys35-fsadmin \
    "SELECT id FROM account WHERE privileged = 1 AND shared = 1 AND status = 'active'"
gap 12 "account unused for over a year" ac-sys48-e00580 \
    "SELECT id FROM account WHERE status = 'active' AND last_login < '2025-06-01'"
eq "the same account is the only one past inactive_account_days" ac-sys48-e00580 \
    "$(q "SELECT id FROM account WHERE status = 'active'
          AND julianday('$REF') - julianday(substr(last_login, 1, 10)) >
              (SELECT CAST(value AS INTEGER) FROM org_parameter WHERE key = 'inactive_account_days')")"
gap 13 "マイナンバー利用事務系 connection to the internet" cn24 \
    "SELECT id FROM network_connection WHERE from_domain = 'mynumber' AND NOT (
       purpose = 'specific_comm' AND restricted_ip = 1 AND restricted_port = 1 AND via <> 'internet'
       AND (to_domain = 'mynumber' OR to_external IN ('intermediate_server', 'other_body', 'gov_cloud')))"
gap 14 "LGWAN ↔ インターネット接続系 without 無害化" cn25 \
    "SELECT id FROM network_connection WHERE sanitization = 'none' AND
       ((from_domain = 'internet' AND to_domain = 'lgwan') OR (from_domain = 'lgwan' AND to_domain = 'internet'))"
gap 15 "機密性3 data on a device not issued" pv-e00321 \
    "SELECT DISTINCT d.id FROM device d JOIN device_asset da ON da.device_id = d.id
     JOIN asset a ON a.id = da.asset_id
     WHERE d.ownership <> 'issued' AND a.confidentiality IN ('3A', '3B', '3C')"
gap 16 "server outside the premises without CISO 承認" sv-sys50-01 \
    "SELECT id FROM device WHERE location = 'offsite' AND offsite_approved_on IS NULL"
gap 17 "USB open on a マイナンバー利用事務系 terminal" mt-ka0401-02 \
    "SELECT id FROM device WHERE domain = 'mynumber' AND kind IN ('pc', 'mobile')
     AND usb_policy NOT IN ('blocked', 'admin_unlock')"
gap 18 "software not on the allowed list installed" pc-e00472/sw30 \
    "SELECT ds.device_id || '/' || ds.software_id FROM device_software ds
     JOIN software s ON s.id = ds.software_id WHERE s.allowed = 0"
gap 19 "software past its support end installed" pc-e00533/sw32 \
    "SELECT ds.device_id || '/' || ds.software_id FROM device_software ds
     JOIN software s ON s.id = ds.software_id WHERE s.support_ends < '$REF'"
gap 20 "contract missing 契約項目" ko-m09 \
    "SELECT c.id FROM contract c WHERE (SELECT count(*) FROM contract_clause k
     WHERE k.contract_id = c.id) < (SELECT count(*) FROM contract_item)"
gap 21 "contract with 機密性2以上 without NDA" ko-m06 \
    "SELECT id FROM contract WHERE nda = 0 AND max_confidentiality <> '1'"
gap 22 "cloud service with 機密性2以上 without approval" cs-x01 \
    "SELECT id FROM cloud_service WHERE max_confidentiality <> '1'
     AND (approved_on IS NULL OR approved_by IS NULL)"
gap 23 "cloud service approved by its requester" cs-sys44 \
    "SELECT id FROM cloud_service WHERE requested_by = approved_by"
gap 24 "active person without this 年度's training" E00017 \
    "SELECT p.id FROM person p WHERE p.status = 'active' AND NOT EXISTS (
       SELECT 1 FROM training_attendance t JOIN training_course c ON c.id = t.course_id
       WHERE t.person_id = p.id AND c.fiscal_year = 2026 AND c.kind = 'general')"
gap 25 "管理区域 without access control" ma03 \
    "SELECT id FROM managed_area WHERE access_control = 'none'"
eq "cloud approvers hold permit_authority" 0 \
    "$(q "SELECT count(*) FROM cloud_service c WHERE c.approved_by IS NOT NULL AND NOT EXISTS
          (SELECT 1 FROM role_assignment r WHERE r.role = 'permit_authority'
           AND r.person_id = c.approved_by AND $current)")"
eq "adopted 推奨事項 are 推奨 clauses of the catalog" 0 \
    "$(q "SELECT count(*) FROM org_recommendation o WHERE NOT EXISTS
          (SELECT 1 FROM catalog_clause c WHERE c.id = o.clause_id AND c.recommended = 1)")"
eq "CISO is the 副市長" "$(q "SELECT p.title FROM role_assignment r JOIN person p ON p.id = r.person_id
                           WHERE r.role = 'ciso' AND $current")" 副市長

# A second init without --replace is refused and changes nothing.
before=$(sqlite3 demo.db .dump | sha256sum)
expect_exit 1 "second init --demo without --replace is refused" \
    "$MAMORI" --db demo.db init --demo 2>second.err
eq "data unchanged after the refusal" "$(sqlite3 demo.db .dump | sha256sum)" "$before"

# export → import → export gives identical bytes, and counts match the snapshot.
expect_exit 0 "export the demo" "$MAMORI" --db demo.db export -o one.json
for pair in departments:department people:person systems:system role_assignments:role_assignment \
    assets:asset accounts:account connections:network_connection managed_areas:managed_area \
    devices:device software:software contractors:contractor contracts:contract \
    cloud_services:cloud_service training_courses:training_course; do
    arr=${pair%%:*} table=${pair##*:}
    eq "$table count matches the snapshot's $arr" "$(q "SELECT count(*) FROM $table")" \
        "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(readfile('one.json'), '\$.$arr')")"
done
expect_exit 0 "import the export into a new database" "$MAMORI" --db copy.db import one.json
expect_exit 0 "export the copy" "$MAMORI" --db copy.db export -o two.json
check "export → import → export is byte-identical" cmp -s one.json two.json

# --replace rebuilds the same municipality (same seed, same bytes).
expect_exit 0 "init --demo --replace over existing data" \
    "$MAMORI" --db copy.db init --demo --replace --reference-date $REF
expect_exit 0 "export after --replace" "$MAMORI" --db copy.db export -o three.json
check "the demo is deterministic through the CLI" cmp -s one.json three.json

# Without --reference-date the demo is as of today (local date).
expect_exit 0 "init --demo without a date" "$MAMORI" --db today.db init --demo
today=$(date +%Y-%m-%d)
eq "default reference date is today" \
    "$(sqlite3 -batch -noheader today.db "SELECT instr(note, '$today') > 0 FROM organization")" 1
eq "no active holder's account is unused for 90 days today" \
    "$(sqlite3 -batch -noheader today.db "SELECT group_concat(a.id) FROM account a
       JOIN person p ON p.id = a.holder_id WHERE a.status = 'active' AND p.status = 'active'
       AND julianday('$today') - julianday(substr(a.last_login, 1, 10)) > 90")" ac-sys48-e00580

# Bad options are usage errors and create nothing.
expect_exit 2 "impossible reference date" "$MAMORI" --db bad.db init --demo --reference-date 2026-02-30
expect_exit 2 "--scale 0" "$MAMORI" --db bad.db init --demo --scale 0
expect_exit 2 "--scale 101" "$MAMORI" --db bad.db init --demo --scale 101
expect_exit 2 "--scale without --demo" "$MAMORI" --db bad.db init --scale 2
check "no database after usage errors" test ! -e bad.db

# --scale 2: two cities with prefixed ids, gaps in each.
expect_exit 0 "init --demo --scale 2" "$MAMORI" --db two.db init --demo --scale 2 --reference-date $REF
eq "twice the people" "$(sqlite3 -batch -noheader two.db "SELECT count(*) FROM person")" \
    "$((2 * $(q "SELECT count(*) FROM person")))"
eq "the second copy's gaps carry its prefix" \
    "$(sqlite3 -batch -noheader two.db "SELECT group_concat(id, ' ') FROM (SELECT id FROM managed_area
       WHERE access_control = 'none' ORDER BY id)")" "k02-ma03 ma03"
