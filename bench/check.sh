#!/bin/bash
# check.sh BUILD [SCALE] — the compliance check at prefecture size: builds the demo organization
# SCALE times over (default 50: about 40,000 people, 75,000 assets, 100,000 accounts), then times
# a full `mamori check --no-store` against the raw-SQL floor — the same rule SELECTs with the same
# parameters bound, run by the sqlite3 CLI on the same file in one transaction — median of 3
# each, and prints their ratio. Target (issue 3): ratio ≤ 1.3 and the check under 3 s.
# One `name value` line each, as bench/run.sh prints; `skip name: reason` when not measurable.
# bench/run.sh starts each script with sh; this one needs bash.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
build=${1:-build}
scale=${2:-${MAMORI_BENCH_SCALE:-50}}
root=$(cd "$(dirname "$0")/.." && pwd)
mamori="$root/$build/mamori"
date=2026-06-01
export MAMORI_ROOT="$root"
# shellcheck source=../tests/pg/params.sh
source "$root/tests/pg/params.sh"

if [ ! -x "$mamori" ]; then
    echo "bench: $mamori がありません。先に make BUILD=$build を実行してください" >&2
    exit 2
fi
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 が必要です（make deps）" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 3

echo "# compliance check at ${scale}x the demo ($(nproc) CPU, as of $date)"
if ! "$mamori" help init 2>&1 | grep -q -- '--scale'; then
    echo "skip check_seconds: mamori init --demo --scale がまだありません"
    exit 0
fi
if ! "$mamori" help 2>&1 | grep -qE '^ +check '; then
    echo "skip check_seconds: mamori check がまだありません"
    exit 0
fi

now_ns() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
# median3 CMD… : runs CMD three times (output discarded); prints the median seconds, or fails
# with CMD's status when a run fails (exit 1 from mamori check means findings: not a failure).
median3() {
    local t0 t1 st times=()
    for _ in 1 2 3; do
        t0=$(now_ns)
        "$@" >/dev/null 2>>"$work/median.err"
        st=$?
        t1=$(now_ns)
        [ "$st" -le 1 ] || return "$st"
        times+=("$(seconds "$t0" "$t1")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

init=(--db big.db init --demo --scale "$scale")
if "$mamori" help init 2>&1 | grep -q -- '--reference-date'; then
    init+=(--reference-date "$date")
fi
t0=$(now_ns)
if ! "$mamori" "${init[@]}" >init.out 2>init.err; then
    echo "skip check_seconds: init --demo --scale $scale failed: $(head -1 init.err)"
    exit 0
fi
echo "check_init_seconds $(seconds "$t0" "$(now_ns)")"
for t in person asset account device role_assignment; do
    echo "check_rows_$t $(sqlite3 big.db "SELECT COUNT(*) FROM $t")"
done
sqlite3 big.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
echo "check_db_bytes $(stat -c %s big.db)"

# The floor script: the parameters bound, then every rule the engine runs, in one read
# transaction. A rule whose 推奨事項 (requires:) is not adopted is skipped, as the engine does.
rule_params big.db "$date" >params.tsv || exit 3
{
    sqlite_param_commands params.tsv
    echo "BEGIN;"
    for f in "$root"/data/rules/*.sql; do
        req=$(sed -n 's/^-- *requires: *\([^ ]*\).*/\1/p' "$f" | head -1)
        if [ -n "$req" ] && [ "$(sqlite3 big.db "SELECT COUNT(*) FROM org_recommendation
                WHERE clause_id = '$req' AND adopted = 1")" = 0 ]; then
            continue
        fi
        cat "$f"
        printf '\n;\n'
    done
    echo "COMMIT;"
} >floor.sql
echo "check_rules $(grep -c '^;$' floor.sql)"
findings=$(sqlite3 -bail big.db <floor.sql 2>floor.err | grep -c .)
if [ -s floor.err ]; then
    echo "skip check_floor_seconds: sqlite3: $(head -1 floor.err)"
    exit 0
fi
echo "check_findings $findings"

floor=$(median3 sqlite3 -bail big.db ".read floor.sql") ||
    { echo "skip check_floor_seconds: $(tail -1 median.err)"; exit 0; }
check=$(median3 "$mamori" --db big.db check --as-of "$date" --no-store) ||
    { echo "skip check_seconds: $(tail -1 median.err)"; exit 0; }
echo "check_floor_seconds $floor"
echo "check_seconds $check"
ratio=$(awk -v a="$check" -v b="$floor" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "check_ratio $ratio"
met=$(awk -v r="$ratio" -v s="$check" 'BEGIN { print (r <= 1.3 && s < 3) ? "yes" : "no" }')
echo "check_target_met $met"
