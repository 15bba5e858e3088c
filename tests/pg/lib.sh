# shellcheck shell=bash
# lib.sh — a private, throwaway PostgreSQL server for tests: initdb into a temporary directory,
# listen only on a unix socket there (no TCP), load mamori's portable schema files and copy the
# rows of a mamori SQLite database into it. Sourced by tests/integration/test_pg_rules.sh; see
# docs/postgresql.md. Runs the server as the `postgres` user when called as root.

PG_BIN=${MAMORI_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=
PG_PORT=5432 # only names the socket file inside PG_DIR; nothing listens on TCP

# pg_as_owner CMD… : runs CMD as the server's owner (postgres when we are root, else ourselves).
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_available : whether the PostgreSQL server programs are installed.
pg_available() {
    [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && command -v psql >/dev/null &&
        { [ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1; }
}

# pg_start : creates and starts a server in a new temporary directory (PG_DIR). Every wait is
# bounded. On failure prints the server log to stderr and returns non-zero.
pg_start() {
    PG_DIR=$(mktemp -d /tmp/mamori-pg.XXXXXX) || return 3
    chmod 700 "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
    if ! (cd "$PG_DIR" && pg_as_owner timeout 120 "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C --no-sync) >"$PG_DIR/initdb.log" 2>&1; then
        echo "initdb failed:" >&2
        tail -20 "$PG_DIR/initdb.log" >&2
        return 3
    fi
    # fsync off and a small footprint: the data is thrown away afterwards.
    if ! (cd "$PG_DIR" && pg_as_owner timeout 60 "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
        -w -t 30 -o "-k $PG_DIR -h '' -p $PG_PORT -F -c shared_buffers=32MB" start \
        ) >"$PG_DIR/pg_ctl.log" 2>&1; then
        echo "pg_ctl start failed:" >&2
        tail -20 "$PG_DIR/server.log" "$PG_DIR/pg_ctl.log" >&2 2>/dev/null
        return 3
    fi
}

# pg_stop : stops the server (immediate mode: nothing to keep) and removes its directory. Safe
# to call more than once and when the server never started.
pg_stop() {
    [ -n "$PG_DIR" ] || return 0
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
        (cd "$PG_DIR" && pg_as_owner timeout 30 "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate \
            -w -t 20 stop) >/dev/null 2>&1
    fi
    rm -rf "$PG_DIR"
    PG_DIR=
}

# pg_psql ARGS… : psql against the server, stopping at the first error, no psqlrc, bounded.
pg_psql() {
    PGCONNECT_TIMEOUT=10 timeout 300 psql -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres \
        -d postgres -v ON_ERROR_STOP=1 "$@"
}

# pg_apply_schema FILE… : applies each schema file in one transaction of its own.
pg_apply_schema() {
    local f
    for f in "$@"; do
        pg_psql --single-transaction -f "$f" || return 1
    done
}

# pg_tables : the tables of the public schema, in the order the schema files created them.
pg_tables() {
    pg_psql -At -c "SELECT relname FROM pg_class
        WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY oid"
}

# table_counts TABLE… : one `SELECT 'table', COUNT(*) FROM table UNION ALL …` over the tables.
table_counts() {
    local t sep=""
    for t in "$@"; do
        printf "%sSELECT '%s', COUNT(*) FROM \"%s\"" "$sep" "$t" "$t"
        sep=" UNION ALL "
    done
}

# pg_shared_counts DB : `table sqlite_rows postgresql_rows` for every table present in both the
# SQLite file DB and PostgreSQL, in PostgreSQL's creation order.
pg_shared_counts() {
    local db=$1
    local -a shared
    mapfile -t shared < <(comm -12 <(pg_tables | LC_ALL=C sort) \
        <(sqlite3 "$db" "SELECT name FROM sqlite_schema WHERE type = 'table'" | LC_ALL=C sort))
    [ "${#shared[@]}" -gt 0 ] || return 1
    join -j 1 <(sqlite3 -separator ' ' "$db" "$(table_counts "${shared[@]}")" | LC_ALL=C sort) \
        <(pg_psql -At -F ' ' -c "$(table_counts "${shared[@]}")" | LC_ALL=C sort) >"$PG_DIR/counts"
    pg_tables | awk 'NR == FNR { c[$1] = $2 " " $3; next } ($1 in c) { print $1, c[$1] }' \
        "$PG_DIR/counts" -
}

# pg_note_data_tables : records in PG_DIR/data_tables the tables that are still empty — call it
# right after the schema files, when only the lookup tables (seeded by the schema) have rows.
pg_note_data_tables() {
    local -a all
    mapfile -t all < <(pg_tables)
    pg_psql -At -F ' ' -c "$(table_counts "${all[@]}")" | awk '$2 == 0 { print $1 }' |
        awk 'NR == FNR { empty[$1] = 1; next } ($1 in empty)' - <(printf '%s\n' "${all[@]}") \
        >"$PG_DIR/data_tables"
    [ -s "$PG_DIR/data_tables" ]
}

# pg_copy_commands DB DIR : writes DIR/<table>.csv for every data table with rows in the SQLite
# file DB and prints the \copy commands that load them, in the order the schema created the
# tables (so non-deferrable references to earlier tables hold row by row). CSV keeps NULL
# (unquoted empty) apart from '' (quoted ""); HEADER match checks the column order is the same.
pg_copy_commands() {
    local db=$1 dir=$2 t
    local -a tables have dump=()
    mapfile -t tables < <(comm -12 <(LC_ALL=C sort "$PG_DIR/data_tables") \
        <(sqlite3 "$db" "SELECT name FROM sqlite_schema WHERE type = 'table'" | LC_ALL=C sort))
    [ "${#tables[@]}" -gt 0 ] || return 1
    mapfile -t have < <(sqlite3 -separator ' ' "$db" "$(table_counts "${tables[@]}")" |
        awk '$2 > 0 { print $1 }')
    for t in $(grep -xF -f <(printf '%s\n' "${have[@]}") "$PG_DIR/data_tables"); do
        dump+=(".once $dir/$t.csv" "SELECT * FROM \"$t\" ORDER BY rowid;")
        echo "\\copy \"$t\" FROM '$dir/$t.csv' WITH (FORMAT csv, HEADER match)"
    done
    [ "${#dump[@]}" -eq 0 ] || sqlite3 -bail -csv -header "$db" "${dump[@]}" || return 1
}

# pg_copy_from_sqlite DB : copies the rows of the data tables (pg_note_data_tables) from the
# SQLite file DB in one transaction with deferred constraints, so PostgreSQL checks every
# reference and CHECK constraint at commit. Prints `table rows` for each table copied.
pg_copy_from_sqlite() {
    local db=$1 script="$PG_DIR/copy.sql"
    [ -s "$PG_DIR/data_tables" ] || pg_note_data_tables || return 1
    mkdir -p "$PG_DIR/copy"
    {
        echo "BEGIN;"
        echo "SET CONSTRAINTS ALL DEFERRED;"
        pg_copy_commands "$db" "$PG_DIR/copy" || return 1
        echo "COMMIT;"
    } >"$script" || return 1
    pg_psql -f "$script" >&2 || return 1
    pg_shared_counts "$db" | grep -wF -f "$PG_DIR/data_tables" | awk '$2 > 0 { print $1, $2 }'
}

# pg_sqlite_count_mismatches DB : prints `table sqlite=N postgresql=M` for every table present
# in both whose row counts differ (nothing when the copy is complete).
pg_sqlite_count_mismatches() {
    local out
    if ! out=$(pg_shared_counts "$1") || [ -z "$out" ]; then
        echo "(the row counts could not be read)"
        return
    fi
    awk '$2 != $3 { print $1 " sqlite=" $2 " postgresql=" $3 }' <<<"$out"
}
