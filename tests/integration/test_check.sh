#!/bin/bash
# test_check.sh — the compliance engine through the CLI, on tests/rules/base.json: stored runs
# and what is new and resolved between them, responsible people (and 担当者不在), accepted risks
# and their expiry, --fail-on exit codes, --department, output formats (JSON, CSV in UTF-8 and
# CP932, XLSX with Japanese headers and 和暦), values that look like SQL staying data,
# catalog coverage from the rule headers, and mamori profile.
. "$MAMORI_ROOT/tests/integration/lib.sh"

export MAMORI_DB=$PWD/c.db
ASOF=2026-06-01
"$MAMORI" import "$MAMORI_ROOT/tests/rules/base.json" >/dev/null 2>&1
check "base.json imports" test -s c.db

# jget FILE EXPR: evaluates a Python expression over the JSON document `d`.
jget() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)" 2>/dev/null; }

# --- runs, new and resolved --------------------------------------------------------------------
expect_exit 0 "first run on the compliant base" "$MAMORI" check --as-of $ASOF --format json -o r1.json
check "first run: no findings, stored as run 1" test "$(jget r1.json "d['summary']['findings'], d['run'], d['previous_run']")" = "0 1 None"

# P-04 retires but keeps the active account AC-03 on S-02 (情報システム管理者 P-07).
sqlite3 c.db "UPDATE person SET status = 'retired', status_since = '2026-05-01', left_on = '2026-05-01' WHERE id = 'P-04'"
expect_exit 0 "second run" "$MAMORI" check --as-of $ASOF --rule ACC-001 --format json -o r2.json
check "second run: the retired person's account is found" test "$(jget r2.json "[(f['rule'], f['entity_id'], f['new']) for f in d['findings']]")" = "[('ACC-001', 'AC-03', True)]"
check "responsible: the system's 情報システム管理者 by name" test "$(jget r2.json "[(p['id'], p['name']) for p in d['findings'][0]['responsible']['people']], d['findings'][0]['responsible']['absent']")" = "[('P-07', '佐藤 七海')] False"
check "finding names the department" test "$(jget r2.json "d['findings'][0]['department'], d['findings'][0]['department_name']")" = "D-01-01 総務課"
expect_exit 0 "third run (same scope)" "$MAMORI" check --as-of $ASOF --rule ACC-001 --format json -o r3.json
check "third run: the finding is no longer new; compared with run 2" test "$(jget r3.json "d['findings'][0]['new'], d['previous_run'], d['summary']['new']")" = "False 2 0"
"$MAMORI" check --as-of $ASOF --rule ACC-001 >r3.txt
contains r3.txt "[継続] ACC-001" "table marks a continuing finding"
contains r3.txt "情報システム管理者 — 佐藤 七海（P-07）" "table names the responsible person"

# Nobody holds sysm for S-02 any more: 担当者不在, fallback to the 統括情報セキュリティ責任者.
sqlite3 c.db "UPDATE role_assignment SET valid_to = '2026-05-31' WHERE id = 'R-09'"
"$MAMORI" check --as-of $ASOF --rule ACC-001 --format json --no-store -o r4.json
check "no holder: absent, falls back to 統括 (P-02)" test "$(jget r4.json "d['findings'][0]['responsible']['absent'], [p['id'] for p in d['findings'][0]['responsible']['people']]")" = "True ['P-02']"
"$MAMORI" check --as-of $ASOF --rule ACC-001 --no-store >r4.txt
contains r4.txt "担当者不在（統括情報セキュリティ責任者: 森 二郎（P-02））" "table says 担当者不在 and names the fallback"
sqlite3 c.db "UPDATE role_assignment SET valid_to = NULL WHERE id = 'R-09'"
check "--no-store records nothing (four stored runs so far)" test "$(sqlite3 c.db 'SELECT COUNT(*) FROM check_run')" = 4

sqlite3 c.db "UPDATE account SET status = 'deleted' WHERE id = 'AC-03'"
"$MAMORI" check --as-of $ASOF --rule ACC-001 >r5.txt
"$MAMORI" check --as-of $ASOF --rule ACC-001 --format json -o r5.json
check "runs are stored one after another" test "$(sqlite3 c.db 'SELECT COUNT(*) FROM check_run')" = 6
contains r5.txt "解消: ACC-001 アカウント AC-03" "table lists the resolved finding"
contains r5.txt "新規 0 件、解消 1 件" "table summarises new and resolved"
check "json: the next run compares with the one before (nothing more resolved)" test "$(jget r5.json "len(d['resolved']), d['previous_run'], d['summary']['findings']")" = "0 5 0"
"$MAMORI" check --as-of $ASOF --format json -o all.json
check "a run of another scope is compared with its own scope's previous run" test "$(jget all.json "d['previous_run'], d['scope']")" = "1 all"
sqlite3 c.db "UPDATE account SET status = 'active' WHERE id = 'AC-03'"

# --- fail-on and accepted risks ------------------------------------------------------------------
expect_exit 1 "--fail-on high with a high finding exits 1" "$MAMORI" check --as-of $ASOF --fail-on high --no-store -o /dev/null
expect_exit 0 "--fail-on critical with only a high finding exits 0" "$MAMORI" check --as-of $ASOF --fail-on critical --no-store -o /dev/null
expect_exit 2 "--fail-on with an unknown severity is a usage error" "$MAMORI" check --fail-on severe
expect_exit 1 "a person without ciso/toukatsu cannot accept a risk" "$MAMORI" check accept ACC-001 account:AC-03 --by P-07 --until 2026-06-30 --reason "移行中" --on $ASOF
expect_exit 2 "acceptance needs a reason" "$MAMORI" check accept ACC-001 account:AC-03 --by P-01 --until 2026-06-30 --reason "" --on $ASOF
expect_exit 2 "acceptance must not end before the decision" "$MAMORI" check accept ACC-001 account:AC-03 --by P-01 --until 2026-05-01 --reason "x" --on $ASOF
expect_exit 2 "acceptance of an unknown rule" "$MAMORI" check accept NOPE-1 account:AC-03 --by P-01 --until 2026-06-30 --reason "x" --on $ASOF
expect_exit 0 "the CISO accepts the risk until 2026-06-30" "$MAMORI" check accept ACC-001 account:AC-03 --by P-01 --until 2026-06-30 --reason "後任への引継ぎ中" --on $ASOF
check "the acceptance is in the change log" test "$(sqlite3 c.db "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'risk_acceptance' AND action = 'create'")" = 1
"$MAMORI" check --as-of $ASOF --rule ACC-001 --format json --no-store -o a1.json
check "accepted finding is still listed, marked accepted" test "$(jget a1.json "d['findings'][0]['accepted']['by'], d['findings'][0]['accepted']['until'], d['summary']['accepted']")" = "P-01 2026-06-30 1"
"$MAMORI" check --as-of $ASOF --rule ACC-001 --no-store >a1.txt
contains a1.txt "[リスク受容中] ACC-001" "table shows リスク受容中"
expect_exit 0 "an accepted finding does not count for --fail-on" "$MAMORI" check --as-of $ASOF --rule ACC-001 --fail-on low --no-store -o /dev/null
expect_exit 1 "after the acceptance expires it counts again" "$MAMORI" check --as-of 2026-07-01 --rule ACC-001 --fail-on low --no-store -o /dev/null
"$MAMORI" check --as-of 2026-07-01 --rule ACC-001 --format json --no-store -o a2.json
check "expired acceptance: not marked" test "$(jget a2.json "d['findings'][0]['accepted']")" = "None"

# --- department filter ---------------------------------------------------------------------------
"$MAMORI" check --as-of $ASOF --rule ACC-001 --department D-01 --format json --no-store -o d1.json
"$MAMORI" check --as-of $ASOF --rule ACC-001 --department D-02 --format json --no-store -o d2.json
check "--department D-01 (部局) includes its 課室 D-01-01" test "$(jget d1.json "d['summary']['findings']")" = 1
check "--department D-02 excludes it" test "$(jget d2.json "d['summary']['findings']")" = 0
expect_exit 2 "--department with an unknown id" "$MAMORI" check --department NOPE --no-store

# --- formats -----------------------------------------------------------------------------------------
expect_exit 0 "xlsx output" "$MAMORI" check --as-of $ASOF --format xlsx -o out.xlsx --no-store
check "xlsx is a valid zip" unzip -tq out.xlsx
unzip -p out.xlsx xl/sharedStrings.xml >ss.xml 2>/dev/null
contains ss.xml "重大度" "xlsx has Japanese headers"
contains ss.xml "担当者" "xlsx has the responsible column"
contains ss.xml "令和8年6月1日" "xlsx shows the check date in 和暦"
contains ss.xml "令和8年6月30日" "xlsx shows the acceptance's expiry in 和暦"
unzip -p out.xlsx xl/worksheets/sheet1.xml >s1.xml 2>/dev/null
contains s1.xml "autoFilter" "xlsx has an autofilter"
contains s1.xml 'state="frozen"' "xlsx freezes the header row"
expect_exit 2 "xlsx needs -o" "$MAMORI" check --format xlsx --no-store

"$MAMORI" check --as-of $ASOF --format csv -o out.csv --no-store
check "csv starts with a UTF-8 byte-order mark" test "$(head -c 3 out.csv | od -An -tx1 | tr -d ' ')" = efbbbf
contains out.csv "重大度,規則,条項" "csv header row"
"$MAMORI" check --as-of $ASOF --format csv --encoding cp932 -o sj.csv --no-store
check "cp932 csv is not UTF-8" sh -c '! grep -qF "重大度" sj.csv'
iconv -f CP932 -t UTF-8 sj.csv >sj-utf8.csv
check "cp932 round trip equals the UTF-8 csv" cmp -s sj-utf8.csv <(tail -c +4 out.csv)
sqlite3 c.db "UPDATE person SET name = '髙橋 🐢' WHERE id = 'P-04'"
expect_exit 2 "a character CP932 lacks is refused with its line" "$MAMORI" check --as-of $ASOF --format csv --encoding cp932 -o bad.csv --no-store
sqlite3 c.db "UPDATE person SET name = '川村 四郎' WHERE id = 'P-04'"

# --- values that look like SQL stay data -------------------------------------------------------------
sqlite3 c.db "UPDATE account SET login = 'x''); DROP TABLE account; --' WHERE id = 'AC-03'"
"$MAMORI" check --as-of $ASOF --rule ACC-001 --format json --no-store -o inj.json
check "an SQL-looking value is reported as text" test "$(jget inj.json "d['findings'][0]['entity_label']")" = "x'); DROP TABLE account; --"
expect_exit 2 "a parameter value with SQL in it is refused" "$MAMORI" profile set inactive_account_days "90; DROP TABLE account"
expect_exit 2 "an --as-of with SQL in it is refused" "$MAMORI" check --as-of "2026-06-01' OR '1'='1" --no-store
check "the account table is intact" test "$(sqlite3 c.db 'SELECT COUNT(*) FROM account')" = 4

# --- rules and coverage --------------------------------------------------------------------------------
"$MAMORI" check rules --format json >rules.json
nfiles=$(ls "$MAMORI_ROOT"/data/rules/*.sql | wc -l)
check "check rules lists every rule file" test "$(jget rules.json "len(d)")" = "$nfiles"
want=$(jget rules.json "len({(r['id'], c) for r in d for c in r['clauses']})")
check "catalog coverage has one row per rule and clause" test "$(sqlite3 c.db "SELECT COUNT(*) FROM catalog_coverage WHERE kind = 'rule'")" = "$want"
"$MAMORI" catalog coverage >cov.txt
check "catalog coverage counts rule-checked clauses" test "$(sqlite3 c.db "SELECT COUNT(DISTINCT clause_id) FROM catalog_coverage WHERE kind = 'rule'")" -gt 0
expect_exit 2 "an unknown --rule is an error" "$MAMORI" check --rule NOPE-999 --no-store

# --- profile -------------------------------------------------------------------------------------------
"$MAMORI" profile show --format json >p.json
check "profile show lists parameters with default and clause" test "$(jget p.json "[(p['value'], p['default'], p['clause']) for p in d['parameters'] if p['key'] == 'password_min_length']")" = "[('12', '12', '6.2(1)③')]"
check "profile show lists adopted 推奨事項" test "$(jget p.json "sorted(r['clause'] for r in d['recommendations'] if r['adopted'])")" = "['4.2(1)②', '4.4⑤', '5.2(2)②']"
expect_exit 0 "profile set" "$MAMORI" profile set inactive_account_days 30
check "profile set stores the value" test "$(sqlite3 c.db "SELECT value FROM org_parameter WHERE key = 'inactive_account_days'")" = 30
check "profile set is in the change log" test "$(sqlite3 c.db "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'org_parameter' AND entity_id = 'inactive_account_days'")" = 1
expect_exit 2 "profile set of an unknown key" "$MAMORI" profile set no_such_key 1
expect_exit 2 "profile adopt of a clause that is not 推奨" "$MAMORI" profile adopt "1(1)"
expect_exit 0 "profile unadopt" "$MAMORI" profile unadopt "4.2(1)②"
"$MAMORI" check rules >rl.txt
"$MAMORI" check --as-of $ASOF --format json --no-store -o sk.json
check "a rule whose 推奨事項 is not adopted is skipped" test "$(jget sk.json "[s['rule'] for s in d['rules_skipped'] if s['requires'] == '4.2(1)②'] != []")" = True
expect_exit 0 "profile adopt (全角 input normalised)" "$MAMORI" profile adopt "４．２（１）②"
check "adopted again" test "$(sqlite3 c.db "SELECT adopted FROM org_recommendation WHERE clause_id = '4.2(1)②'")" = 1
