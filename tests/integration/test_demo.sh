#!/bin/bash
# test_demo.sh — `mamori init --demo` end to end: the demo municipality loads through the normal
# import, the database holds what the snapshot says, the planted gaps of docs/demo-gaps.md are
# found by plain SQL (and nothing else by the same queries), a second init without --replace is
# refused without touching the data, and export → import → export gives the same bytes.
source "$MAMORI_ROOT/tests/integration/lib.sh"

q() { sqlite3 -batch -noheader demo.db "$1"; }

# eq DESC GOT WANT
eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}

start=$(date +%s%N)
expect_exit 0 "init --demo creates the demo municipality" "$MAMORI" --db demo.db init --demo
end=$(date +%s%N)
echo "# init --demo: $(((end - start) / 1000000)) ms, $(stat -c %s demo.db) bytes"
[ -f demo.db ] || { not_ok "demo.db exists"; exit 0; }

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
current="valid_from <= '2026-04-01' AND (valid_to IS NULL OR valid_to >= '2026-04-01')"
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
    "SELECT id FROM account WHERE status = 'active' AND last_login < '2025-04-01'"
eq "the same account is the only one past inactive_account_days" ac-sys48-e00580 \
    "$(q "SELECT id FROM account WHERE status = 'active'
          AND julianday('2026-04-01') - julianday(substr(last_login, 1, 10)) >
              (SELECT CAST(value AS INTEGER) FROM org_parameter WHERE key = 'inactive_account_days')")"
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
    assets:asset accounts:account; do
    arr=${pair%%:*} table=${pair##*:}
    eq "$table count matches the snapshot's $arr" "$(q "SELECT count(*) FROM $table")" \
        "$(sqlite3 -batch -noheader :memory: "SELECT json_array_length(readfile('one.json'), '\$.$arr')")"
done
expect_exit 0 "import the export into a new database" "$MAMORI" --db copy.db import one.json
expect_exit 0 "export the copy" "$MAMORI" --db copy.db export -o two.json
check "export → import → export is byte-identical" cmp -s one.json two.json

# --replace rebuilds the same municipality (same seed, same bytes).
expect_exit 0 "init --demo --replace over existing data" "$MAMORI" --db copy.db init --demo --replace
expect_exit 0 "export after --replace" "$MAMORI" --db copy.db export -o three.json
check "the demo is deterministic through the CLI" cmp -s one.json three.json
