#!/bin/bash
# run.sh BUILD — runs every unit test binary in BUILD/tests and every integration script in
# tests/integration against BUILD/mamori, then prints the totals as its last line:
#   N passed, M failed
# A test program that crashes or exits non-zero without reporting a failure counts as one
# failure, so a sanitizer abort can never pass silently.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export MAMORI="$root/$build/mamori"
export MAMORI_ROOT="$root"
unset MAMORI_DB
passed=0
failed=0
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

for t in "$root/$build"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    log="$logdir/$name.log"
    "$t" >"$log" 2>&1
    status=$?
    p=$(grep -oE '\[  PASSED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -1)
    f=$(grep -oE '\[  FAILED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' | head -1)
    p=${p:-0}
    f=${f:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL unit/$name"
        sed 's/^/    /' "$log" | tail -40
    else
        echo "ok   unit/$name ($p)"
    fi
done

for s in "$root"/tests/integration/test_*.sh; do
    [ -f "$s" ] || continue
    name=$(basename "$s" .sh)
    log="$logdir/$name.log"
    work=$(mktemp -d)
    (cd "$work" && bash "$s") >"$log" 2>&1
    status=$?
    rm -rf "$work"
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL integration/$name"
        sed 's/^/    /' "$log" | tail -60
    else
        echo "ok   integration/$name ($p)"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
