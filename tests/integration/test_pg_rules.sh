#!/bin/bash
# test_pg_rules.sh — the compliance rules run unchanged on PostgreSQL 15: starts a private
# server (unix socket only), applies the portable schema files, copies the demo organization's
# rows into it, then runs every data/rules/*.sql on both databases with the same parameters and
# asserts PostgreSQL raises no error and finds exactly the entities SQLite (and mamori check)
# find. docs/postgresql.md explains what this proves.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/pg/lib.sh"
source "$MAMORI_ROOT/tests/pg/params.sh"

DATE=2026-06-01
# Schema files that use SQLite-only syntax, with the reason (docs/postgresql.md).
declare -A SQLITE_ONLY=(
    [003_auditlog.sql]="append-only triggers in SQLite's CREATE TRIGGER … BEGIN … END form"
    [008_search.sql]="the FTS5 trigram search index and the triggers that keep it (PostgreSQL: pg_trgm)"
)
US=$'\037'
RS=$'\036'
HEADER="entity_type${US}entity_id${US}entity_label${US}department_id${US}system_id${US}detail"

if ! pg_available; then
    not_ok "postgresql not installed ($PG_BIN/initdb; make deps installs postgresql)"
    exit 0
fi
trap pg_stop EXIT

# --- the same data on both sides ---------------------------------------------------------
demo=(init --demo)
if "$MAMORI" help init 2>/dev/null | grep -q -- '--reference-date'; then
    demo+=(--reference-date "$DATE")
fi
if ! "$MAMORI" --db demo.db "${demo[@]}" >init.out 2>init.err; then
    not_ok "mamori ${demo[*]} creates the demo organization"
    sed 's/^/#   /' init.err
    exit 0
fi

if pg_start 2>pg_start.err; then
    ok "a private PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') starts on a unix socket in $PG_DIR"
else
    not_ok "a private PostgreSQL server starts"
    sed 's/^/#   /' pg_start.err
    exit 0
fi

schema_ok=1
for f in "$MAMORI_ROOT"/data/schema/*.sql; do
    name=$(basename "$f")
    if [ -n "${SQLITE_ONLY[$name]:-}" ]; then
        echo "# $name not applied: ${SQLITE_ONLY[$name]}"
        continue
    fi
    if pg_apply_schema "$f" >schema.out 2>schema.err; then
        ok "schema $name applies unchanged on PostgreSQL"
    else
        not_ok "schema $name applies unchanged on PostgreSQL"
        sed 's/^/#   /' schema.err
        schema_ok=0
    fi
done
[ "$schema_ok" = 1 ] || exit 0

if ! pg_note_data_tables 2>copy.err; then
    not_ok "the schema leaves register tables to fill"
    exit 0
fi
if pg_copy_from_sqlite demo.db >copied.txt 2>copy.err; then
    mismatch=$(pg_sqlite_count_mismatches demo.db)
    if [ -z "$mismatch" ] && [ -s copied.txt ]; then
        ok "the demo's rows are in PostgreSQL with every constraint checked ($(wc -l <copied.txt) tables, $(awk '{n += $2} END {print n}' copied.txt) rows; every shared table has the same row count)"
    else
        not_ok "the demo's rows are in PostgreSQL"
        echo "$mismatch" | sed 's/^/#   /'
        exit 0
    fi
else
    not_ok "the demo's rows copy into PostgreSQL (one transaction, constraints deferred)"
    sed 's/^/#   /' copy.err | head -20
    exit 0
fi

# --- parameters ----------------------------------------------------------------------------
if ! rule_params demo.db "$DATE" >params.tsv 2>params.err; then
    not_ok "rule parameters for $DATE"
    sed 's/^/#   /' params.err
    exit 0
fi
sqlite_param_commands params.tsv >params.sqlite
mapfile -t psql_params < <(psql_param_args params.tsv)

# Whether the engine exists yet; until then SQLite runs the rule through the sqlite3 CLI only.
have_check=0
if "$MAMORI" help 2>/dev/null | grep -qE '^ +check '; then
    have_check=1
fi

# entity_keys FILE : reads US/RS-separated query output with a header record; writes the
# header to FILE.header and the sorted `entity_type<TAB>entity_id` lines to stdout.
entity_keys() {
    awk -v RS="$RS" -v FS="$US" -v hdr="$1.header" '
        { sub(/\n$/, "") }
        NR == 1 { print > hdr; next }
        $0 != "" { print $1 "\t" $2 }' "$1" | LC_ALL=C sort
}

# differences PG_KEYS OTHER_KEYS OTHER_NAME : a one-line summary of what only one side found.
differences() {
    local a b
    a=$(comm -23 "$1" "$2" | LC_ALL=C sort -u)
    b=$(comm -13 "$1" "$2" | LC_ALL=C sort -u)
    printf 'only PostgreSQL: %s entities (%s); only %s: %s entities (%s)' \
        "$(grep -c . <<<"$a")" "$(head -3 <<<"$a" | paste -sd, | tr '\t' ' ')" \
        "$3" "$(grep -c . <<<"$b")" "$(head -3 <<<"$b" | paste -sd, | tr '\t' ' ')"
}

# --- every rule on both sides --------------------------------------------------------------
shopt -s nullglob
rules=("$MAMORI_ROOT"/data/rules/*.sql)
if [ "${#rules[@]}" -eq 0 ]; then
    not_ok "there are rules in data/rules to compare"
    exit 0
fi
mkdir -p rule pg sq
for f in "${rules[@]}"; do
    { cat "$f"; printf '\n;\n'; } >"rule/$(basename "$f")"
done

# PostgreSQL, one session: each rule's rows to pg/ID.out; a `\warn @@ ID` marker before each
# rule splits the session's stderr into pg/ID.err. psql replaces each :name with the literal.
for f in "${rules[@]}"; do
    id=$(basename "$f" .sql)
    printf '\\warn @@ %s\n\\o pg/%s.out\n\\i rule/%s.sql\n\\o\n' "$id" "$id" "$id"
done >pg-rules.sql
pg_psql -v ON_ERROR_STOP=0 -A -F "$US" -R "$RS" -P footer=off "${psql_params[@]}" \
    -f pg-rules.sql >/dev/null 2>pg-rules.err
awk '/^@@ / { f = "pg/" $2 ".err"; printf "" > f; next } f { print >> f }' pg-rules.err

# The engine, once over every rule, as users run it.
if [ "$have_check" = 1 ]; then
    "$MAMORI" --db demo.db check --format json --as-of "$DATE" --no-store >check.json 2>check.err
    check_status=$?
    if [ "$check_status" -gt 1 ] ||
        [ "$(sqlite3 :memory: "SELECT json_valid(readfile('check.json'))")" != 1 ]; then
        not_ok "mamori check --format json runs on the demo (exit $check_status)"
        sed 's/^/#   /' check.err | head -5
        have_check=0
    else
        sqlite3 -separator "$US" :memory: "SELECT json_extract(value, '\$.rule'),
                json_extract(value, '\$.entity_type'), json_extract(value, '\$.entity_id')
                FROM json_each(readfile('check.json'), '\$.findings')" >check.rows
        sqlite3 -separator "$US" :memory: "SELECT json_extract(value, '\$.rule'),
                json_extract(value, '\$.requires')
                FROM json_each(readfile('check.json'), '\$.rules_skipped')" >check.skipped
    fi
fi

nonempty=0
for f in "${rules[@]}"; do
    id=$(basename "$f" .sql)
    problems=()

    pg_ran=0
    if [ -f "pg/$id.out" ] && [ -f "pg/$id.err" ] && [ ! -s "pg/$id.err" ]; then
        entity_keys "pg/$id.out" >pg.keys
        pg_ran=1
        [ "$(cat "pg/$id.out.header")" = "$HEADER" ] ||
            problems+=("PostgreSQL columns are '$(tr "$US" ' ' <"pg/$id.out.header")'")
    else
        problems+=("PostgreSQL: $(tr '\n' ' ' <"pg/$id.err" 2>/dev/null || echo 'did not run')")
        : >pg.keys
    fi

    # SQLite, the same text through the sqlite3 CLI with the same values bound.
    if sqlite3 -bail -header -separator "$US" -newline "$RS" demo.db \
        ".read params.sqlite" ".read rule/$id.sql" >sq.out 2>sq.err && [ ! -s sq.err ]; then
        entity_keys sq.out >sq.keys
        if [ "$pg_ran" = 1 ] && ! cmp -s pg.keys sq.keys; then
            problems+=("PostgreSQL and sqlite3 differ: $(differences pg.keys sq.keys sqlite3)")
        fi
    else
        problems+=("sqlite3: $(tr '\n' ' ' <sq.err)")
    fi

    # SQLite through the engine; it skips a rule whose 推奨事項 the organization has not adopted.
    how="sqlite3"
    if [ "$have_check" = 1 ]; then
        how="mamori check"
        awk -F "$US" -v id="$id" '$1 == id { print $2 "\t" $3 }' check.rows | LC_ALL=C sort >check.keys
        requires=$(awk -F "$US" -v id="$id" '$1 == id { print $2 }' check.skipped)
        if [ -n "$requires" ]; then
            how="mamori check skipped it: $requires not adopted"
            [ -s check.keys ] && problems+=("mamori check reported findings for a skipped rule")
        elif [ "$pg_ran" = 1 ] && ! cmp -s pg.keys check.keys; then
            problems+=("PostgreSQL and mamori check differ: $(differences pg.keys check.keys "mamori check")")
        fi
    fi

    n=$(wc -l <pg.keys)
    if [ "${#problems[@]}" -eq 0 ]; then
        [ "$n" -gt 0 ] && nonempty=$((nonempty + 1))
        ok "$id: PostgreSQL runs it unchanged and finds the same $n entities as SQLite ($how)"
    else
        not_ok "$id on PostgreSQL vs SQLite"
        printf '#   %s\n' "${problems[@]}"
    fi
done

if [ "$nonempty" -ge 1 ]; then
    ok "$nonempty of ${#rules[@]} rules find something on the demo, so the comparison is not vacuous"
else
    not_ok "at least one rule finds something on the demo (none of ${#rules[@]} did)"
fi

# --- the rule tests' organizations (tests/rules/) ------------------------------------------
# On the demo most rules find nothing. The rule tests give every rule a case it must find
# (<ID>.violate.sql) and often a near miss (<ID>.comply.sql), each applied to base.json the way
# tests/integration/test_rules.sh applies them. PostgreSQL holds base.json; each case replaces
# the tables it changed inside its own transaction (constraints checked, the rule run, rolled
# back), all in one session.
cases_dir="$MAMORI_ROOT/tests/rules"
if [ ! -f "$cases_dir/base.json" ]; then
    echo "# no $cases_dir/base.json: the rule-test comparison is left out"
    exit 0
fi
if ! "$MAMORI" --db base.db import "$cases_dir/base.json" >import.out 2>&1; then
    not_ok "tests/rules/base.json imports"
    sed 's/^/#   /' import.out | head -5
    exit 0
fi
mapfile -t data_tables <"$PG_DIR/data_tables"
if ! pg_psql -c "TRUNCATE $(printf '"%s",' "${data_tables[@]}" | sed 's/,$//')" >/dev/null 2>base.err ||
    ! pg_copy_from_sqlite base.db >/dev/null 2>>base.err; then
    not_ok "tests/rules/base.json's rows load into PostgreSQL"
    sed 's/^/#   /' base.err | head -5
    exit 0
fi
rule_params base.db "$DATE" >base.params
sqlite_param_commands base.params >base.sqlite
psql_param_sets base.params >base.psqlset

# SQLite: one sqlite3 process per case on work.db (a copy of base.db) attaches the pristine
# base.db, applies the case in a transaction, lists the tables that now differ (after `@@changed`),
# writes their rows to case/KEY/<table>.csv, runs the rule (after `@@rule`) and rolls back.
cp base.db work.db
differs() { printf 'EXISTS (SELECT * FROM main."%s" EXCEPT SELECT * FROM b."%s") OR EXISTS (SELECT * FROM b."%s" EXCEPT SELECT * FROM main."%s")' "$1" "$1" "$1" "$1"; }
declare -A differs_sql=()
for t in "${data_tables[@]}"; do
    differs_sql[$t]=$(differs "$t")
done
mkdir -p case
cases=()
: >cases.sql
for f in "${rules[@]}"; do
    id=$(basename "$f" .sql)
    for kind in violate comply; do
        sqlf="$cases_dir/$id.$kind.sql"
        [ -f "$sqlf" ] || continue
        key="$id.$kind"
        dir="$PWD/case/$key"
        mkdir -p "$dir"
        {
            echo "ATTACH 'base.db' AS b;"
            cat base.sqlite
            echo "PRAGMA foreign_keys = ON;"
            echo "BEGIN;"
            cat "$sqlf"
            printf '\n;\n.mode list\n.headers off\n.print @@changed\n'
            for t in "${data_tables[@]}"; do
                echo "SELECT '$t' WHERE ${differs_sql[$t]};"
            done
            echo ".mode csv"
            echo ".headers on"
            for t in "${data_tables[@]}"; do
                echo ".once $dir/$t.csv"
                echo "SELECT * FROM main.\"$t\" WHERE ${differs_sql[$t]} ORDER BY rowid;"
            done
            printf '.mode list\n.separator "%s" "%s"\n.print @@rule\n' "$US" "$RS"
            cat "rule/$id.sql"
            echo "ROLLBACK;"
        } >"$dir.script"
        if ! sqlite3 -bail work.db ".read $dir.script" >"$dir.out" 2>"$dir.err" ||
            [ -s "$dir.err" ]; then
            if ! grep -q '^@@rule$' "$dir.out"; then
                echo "# $key: the case does not apply to base.json in SQLite (test_rules.sh reports it)"
                continue
            fi
        fi
        unset is_changed
        declare -A is_changed=()
        while read -r t; do
            is_changed[$t]=1
        done < <(sed -n '/^@@changed$/,/^@@rule$/p' "$dir.out" | sed '1d;$d')
        sed '1,/^@@rule$/d' "$dir.out" >"$dir.sq"
        params=base # the parameters change only with org_parameter
        if [ -n "${is_changed[org_parameter]:-}" ]; then
            params="$dir"
            cp base.db "$dir.db"
            { echo "BEGIN;"; cat "$sqlf"; printf '\n;\nCOMMIT;\n'; } | sqlite3 -bail "$dir.db"
            rule_params "$dir.db" "$DATE" >"$params.params" || continue
            sqlite_param_commands "$params.params" >"$params.sqlite"
            psql_param_sets "$params.params" >"$params.psqlset"
            sqlite3 -bail -header -separator "$US" -newline "$RS" "$dir.db" \
                ".read $params.sqlite" ".read rule/$id.sql" >"$dir.sq" 2>"$dir.err"
        fi
        {
            printf '\\warn @@ %s\nBEGIN;\nSET CONSTRAINTS ALL DEFERRED;\n' "$key"
            for ((i = ${#data_tables[@]} - 1; i >= 0; i--)); do
                t=${data_tables[$i]}
                [ -n "${is_changed[$t]:-}" ] && echo "DELETE FROM \"$t\";"
            done
            for t in "${data_tables[@]}"; do
                [ -n "${is_changed[$t]:-}" ] && [ -s "$dir/$t.csv" ] &&
                    echo "\\copy \"$t\" FROM '$dir/$t.csv' WITH (FORMAT csv, HEADER match)"
            done
            echo "SET CONSTRAINTS ALL IMMEDIATE;"
            cat "$params.psqlset"
            printf '\\o pg/%s.out\n\\i rule/%s.sql\n\\o\nROLLBACK;\n' "$key" "$id"
        } >>cases.sql
        cases+=("$key")
    done
done
pg_psql -v ON_ERROR_STOP=0 -A -F "$US" -R "$RS" -P footer=off -f cases.sql \
    >/dev/null 2>cases.err
awk '/^@@ / { f = "pg/" $2 ".err"; printf "" > f; next } f { print >> f }' cases.err

declare -A case_problems=() case_rows=()
for key in "${cases[@]}"; do
    id=${key%.*}
    dir="case/$key"
    if [ -f "pg/$key.out" ] && [ -f "pg/$key.err" ] && [ ! -s "pg/$key.err" ]; then
        entity_keys "pg/$key.out" >pg.keys
    else
        case_problems[$id]+="$key: PostgreSQL: $(tr '\n' ' ' <"pg/$key.err" 2>/dev/null | head -c 400); "
        continue
    fi
    if [ ! -s "$dir.err" ]; then
        entity_keys "$dir.sq" >sq.keys
        cmp -s pg.keys sq.keys ||
            case_problems[$id]+="$key: $(differences pg.keys sq.keys sqlite3); "
        case_rows[$id]+="${key#*.} $(wc -l <pg.keys), "
    else
        case_problems[$id]+="$key: sqlite3: $(tr '\n' ' ' <"$dir.err"); "
    fi
done
found=0
for f in "${rules[@]}"; do
    id=$(basename "$f" .sql)
    [ -n "${case_problems[$id]:-}${case_rows[$id]:-}" ] || continue
    if [ -z "${case_problems[$id]:-}" ]; then
        ok "$id on its rule tests: PostgreSQL finds the same entities as SQLite (${case_rows[$id]%, })"
        case ${case_rows[$id]} in *"violate 0"*) ;; *violate*) found=$((found + 1)) ;; esac
    else
        not_ok "$id on its rule tests, PostgreSQL vs SQLite"
        echo "#   ${case_problems[$id]}"
    fi
done
echo "# $found rules find their violation in both databases"
