#!/bin/bash
# run.sh BUILD — what `make bench` runs: builds the demo database and prints figures a release
# can be compared on, one `name value` line each (bench/README.md says what each one means).
# Figures that cannot be measured yet (e.g. before `init --demo` works) print a `skip` line.
# Then runs every other bench/*.sh with BUILD (benchmarks of single modules, e.g. the change log).
# A benchmark, not a test: it never fails on a slow figure. Loopback only.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
mamori="$root/$build/mamori"
requests=${MAMORI_BENCH_REQUESTS:-200}

if [ ! -x "$mamori" ]; then
    echo "bench: $mamori がありません。先に make BUILD=$build を実行してください" >&2
    exit 2
fi
for tool in curl sqlite3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool が必要です（make deps）" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 3

now_ns() { date +%s%N; }
# seconds NS_START NS_END : elapsed seconds with three decimals
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
# timed NAME CMD… : runs CMD, prints "NAME SECONDS" or a skip line; returns CMD's status
timed() {
    local name=$1; shift
    local t0 t1
    t0=$(now_ns)
    if "$@" >"$name.out" 2>"$name.err"; then
        t1=$(now_ns)
        echo "$name $(seconds "$t0" "$t1")"
        return 0
    fi
    echo "skip $name: $(head -1 "$name.err" 2>/dev/null)"
    return 1
}
free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 12000)) # below the ephemeral range (32768 up)
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}

echo "# mamori bench: $("$mamori" version | head -1), $(uname -m), $(nproc) CPU, $(date -u +%Y-%m-%dT%H:%M:%SZ)"

db=demo.db
if timed init_demo_seconds "$mamori" --db demo.db init --demo; then
    for t in department person system asset account role_assignment; do
        echo "rows_$t $(sqlite3 demo.db "SELECT COUNT(*) FROM $t")"
    done
    if timed export_seconds "$mamori" --db demo.db export -o snapshot.json; then
        echo "snapshot_bytes $(stat -c %s snapshot.json)"
        timed import_seconds "$mamori" --db imported.db import snapshot.json
    else
        echo "skip import_seconds: export did not succeed"
    fi
else
    echo "skip export_seconds: no demo database"
    echo "skip import_seconds: no demo database"
    echo "# the page figures below are for an empty database"
    db=empty.db
    "$mamori" --db empty.db init >/dev/null || { echo "skip page: init failed"; db=; }
fi
if [ -n "$db" ]; then
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null 2>&1
    echo "db_bytes $(stat -c %s "$db")"
fi

# page_figures DB : the server figures (latency of the signed-in front page /, memory)
page_figures() {
    local port
    port=$(free_port) || { echo "skip page: no free port"; return 0; }
    local url="http://127.0.0.1:$port/"
    "$mamori" --db "$1" serve --listen "127.0.0.1:$port" >serve.out 2>serve.err &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -s --max-time 1 -o /dev/null "${url}healthz" && break
        sleep 0.1
    done
    if ! curl -s --max-time 2 -o /dev/null "${url}healthz"; then
        echo "skip page: the server did not start: $(head -1 serve.err)"
        kill -KILL "$server_pid" 2>/dev/null
        server_pid=
        return 0
    fi
    echo "server_vmrss_idle_kb $(awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status")"

    # The front page needs a signed-in user: a member of staff without a role (no TOTP), signed
    # in once with curl (initial password, then the forced change); the cookie goes with each
    # request. Without one (an empty database) the figures are those of /login.
    local cookie=() person pw
    person=$(sqlite3 "$1" "SELECT id FROM person WHERE status = 'active' AND NOT EXISTS
        (SELECT 1 FROM role_assignment r WHERE r.person_id = person.id) ORDER BY id LIMIT 1" 2>/dev/null)
    if [ -n "$person" ] &&
        pw=$("$mamori" --db "$1" user add bench --person "$person" 2>/dev/null |
            sed -n 's/^初期パスワード: //p') && [ -n "$pw" ]; then
        curl -s --max-time 10 -c jar -b jar -o /dev/null --data-urlencode login=bench \
            --data-urlencode "password=$pw" "${url}login"
        local csrf
        csrf=$(curl -s --max-time 10 -c jar -b jar "${url}password" |
            sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
        curl -s --max-time 10 -c jar -b jar -o /dev/null --data-urlencode "csrf=$csrf" \
            --data-urlencode "current=$pw" --data-urlencode "new=Bench-Pass-word-2026" \
            --data-urlencode "confirm=Bench-Pass-word-2026" "${url}password"
        cookie=(-b jar)
    else
        url="${url}login"
        echo "# page: no member of staff to sign in; measuring /login"
    fi

    # One curl process, $requests sequential requests over one keep-alive connection; warm up first.
    args=()
    for _ in $(seq 1 "$requests"); do args+=(-o /dev/null "$url"); done
    curl -s --max-time 5 "${cookie[@]}" -o /dev/null "$url" -o /dev/null "$url" -o /dev/null "$url"
    curl -s --max-time 120 "${cookie[@]}" -w '%{http_code} %{time_total}\n' "${args[@]}" >times.txt
    bad=$(awk '$1 != 200' times.txt | wc -l)
    awk '$1 == 200 { print $2 * 1000 }' times.txt | sort -n >ms.txt
    n=$(wc -l <ms.txt)
    if [ "$n" -eq 0 ]; then
        echo "skip page: no successful request"
    else
        awk -v n="$n" '{ v[NR] = $1 } END {
            m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            i = int(0.95 * n + 0.999999); if (i < 1) i = 1
            printf "page_ms_median %.2f\npage_ms_p95 %.2f\npage_ms_max %.2f\n", m, v[i], v[n]
        }' ms.txt
        echo "page_requests $n"
        [ "$bad" -gt 0 ] && echo "page_non_200 $bad"
    fi
    echo "page_bytes $(curl -s --max-time 5 "${cookie[@]}" "$url" | wc -c)"
    echo "server_vmhwm_kb $(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")"
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null
    server_pid=
}
[ -n "$db" ] && page_figures "$db"

# The other benchmarks (one script per module), each given BUILD; a failing one is reported.
cd "$root" || exit 3
for b in "$root"/bench/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo
    sh "$b" "$build" || echo "skip $(basename "$b" .sh): exit $?"
done
