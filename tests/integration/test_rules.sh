#!/bin/bash
# test_rules.sh — every rule of data/rules/ against tests/rules/: on the compliant organization
# (base.json) it reports nothing; with <ID>.violate.sql applied it reports exactly the one entity
# named by the file's `-- expect: <id>` line; with the optional <ID>.comply.sql (a near miss)
# it reports nothing. A rule without a violate test fails. Check date fixed at 2026-06-01.
. "$MAMORI_ROOT/tests/integration/lib.sh"

RULES="$MAMORI_ROOT/data/rules"
CASES="$MAMORI_ROOT/tests/rules"
ASOF=2026-06-01

"$MAMORI" --db base.db import "$CASES/base.json" >import.out 2>&1
check "base.json imports" test $? -eq 0 || cat import.out

# Runs one rule; its findings go to f.txt as lines "entity_type<TAB>entity_id", mamori's exit
# status to $rc.
findings() {
    local db=$1 id=$2
    "$MAMORI" --db "$db" check --rule "$id" --format json --as-of "$ASOF" --no-store >f.json 2>f.err
    rc=$?
    python3 -c '
import json, sys
d = json.load(open("f.json"))
for f in d["findings"]:
    print(f["entity_type"] + "\t" + f["entity_id"])
' >f.txt 2>/dev/null
}

# Applies one SQL file to a copy of base.db in one transaction with foreign keys enforced.
apply_sql() {
    local db=$1 file=$2
    cp base.db "$db"
    { echo "PRAGMA foreign_keys = ON; BEGIN;"; cat "$file"; echo; echo "COMMIT;"; } |
        sqlite3 -bail "$db" >apply.err 2>&1
}

# Base: every rule at once reports nothing (one run, so the count of rules is checked too).
"$MAMORI" --db base.db check --format json --as-of "$ASOF" --no-store >all.json 2>all.err
all_rc=$?
nrules=$(ls "$RULES"/*.sql 2>/dev/null | wc -l)
ran=$(python3 -c 'import json; d = json.load(open("all.json")); print(d["rules_run"], len(d["rules_skipped"]), d["summary"]["findings"])' 2>/dev/null)
set -- $ran
if [ "$all_rc" -eq 0 ] && [ "${1:-0}" -eq "$nrules" ] && [ "${3:-1}" -eq 0 ]; then
    ok "base: all $nrules rules run (none skipped) and find nothing"
else
    not_ok "base: rules run ${1:-?} of $nrules, skipped ${2:-?}, findings ${3:-?} (exit $all_rc)"
    sed 's/^/#   /' all.err | head -5
    python3 -c '
import json
for f in json.load(open("all.json"))["findings"]:
    print("#   ", f["rule"], f["entity_type"], f["entity_id"], f["detail"][:100])' 2>/dev/null
fi

for rule in "$RULES"/*.sql; do
    id=$(basename "$rule" .sql)
    findings base.db "$id"; out=$(cat f.txt)
    if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
        ok "$id: base reports nothing"
    else
        not_ok "$id: base reports $(echo "$out" | grep -c .) findings (exit $rc): $(echo $out | head -c 200)"
        sed 's/^/#   /' f.err | head -3
    fi

    v="$CASES/$id.violate.sql"
    if [ ! -f "$v" ]; then
        not_ok "$id: no violate test ($v)"
        continue
    fi
    expect=$(sed -n '1s/^-- expect: *//p' "$v" | tr -d '[:space:]')
    if [ -z "$expect" ]; then
        not_ok "$id: $v does not start with '-- expect: <entity_id>'"
        continue
    fi
    if ! apply_sql v.db "$v"; then
        not_ok "$id: violate SQL does not apply: $(head -c 300 apply.err)"
        continue
    fi
    findings v.db "$id"; out=$(cat f.txt)
    n=$(echo "$out" | grep -c .)
    got=$(echo "$out" | cut -f2)
    if [ "$rc" -eq 0 ] && [ "$n" -eq 1 ] && [ "$got" = "$expect" ]; then
        ok "$id: violation found exactly once ($expect)"
    else
        not_ok "$id: violation: $n findings [$(echo $got | head -c 200)], want exactly $expect (exit $rc)"
        sed 's/^/#   /' f.err | head -3
    fi

    c="$CASES/$id.comply.sql"
    if [ -f "$c" ]; then
        if ! apply_sql c.db "$c"; then
            not_ok "$id: comply SQL does not apply: $(head -c 300 apply.err)"
            continue
        fi
        findings c.db "$id"; out=$(cat f.txt)
        if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
            ok "$id: near miss reports nothing"
        else
            not_ok "$id: near miss reports [$(echo $out | head -c 200)] (exit $rc)"
        fi
    fi
done
