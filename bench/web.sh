#!/bin/bash
# web.sh BUILD [SCALE] — the web pages under load at prefecture size: the demo organization
# SCALE times over (default 50; built once and kept under BUILD/bench/, keyed by the mamori
# version and the schema and demo files), a 統括 and a 課長 signed in with curl (password change,
# TOTP enrolment with codes computed in python3), `mamori serve` on a free loopback port, then
# `wrk -t2 -c32 -d20s --latency` with each user's session cookie against /dashboard and a
# filtered, sorted, paged asset list. Each URL is first checked with curl to answer 200 (a
# redirect to /login would count as a success in wrk). Prints `name value` lines with the
# targets beside them: p99 < 50 ms, no non-2xx answers and no socket errors, server peak RSS
# (VmHWM) < 64 MB. A benchmark, not a test: it never fails on a slow figure. Loopback only,
# fixed duration (about 5 × 20 s plus the first build of the data set).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
build=${1:-build}
scale=${2:-${MAMORI_BENCH_SCALE:-50}}
duration=${MAMORI_BENCH_WRK_SECONDS:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
mamori="$root/$build/mamori"
p99_target_ms=50
rss_target_kb=$((64 * 1024))

if [ ! -x "$mamori" ]; then
    echo "bench: $mamori がありません。先に make BUILD=$build を実行してください" >&2
    exit 2
fi
echo "# web pages under load: ${scale}x the demo, wrk -t2 -c32 -d${duration}s ($(nproc) CPU)"
for tool in wrk curl sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "skip web: $tool がありません（make deps）"; exit 0; }
done
if ! "$mamori" help init 2>&1 | grep -q -- '--scale'; then
    echo "skip web: mamori init --demo --scale がまだありません"
    exit 0
fi

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 3

# --- the data set, built once per mamori version and schema/demo files ------------------------
key=$( { "$mamori" version | head -1; echo checked; cat "$root"/data/schema/*.sql "$root"/data/demo/*.tsv 2>/dev/null; } |
       sha256sum | cut -c1-16)
cache="$root/$build/bench/web-demo-x$scale-$key.db"
if [ ! -f "$cache" ]; then
    mkdir -p "$root/$build/bench"
    rm -f "$root/$build/bench/web-demo-x$scale-"*.db
    t0=$(date +%s%N)
    if ! "$mamori" --db "$work/build.db" init --demo --scale "$scale" >init.out 2>init.err; then
        echo "skip web: init --demo --scale $scale failed: $(head -1 init.err)"
        exit 0
    fi
    # one stored check run, so the dashboard has findings to count and draw
    "$mamori" --db "$work/build.db" check --format json >check.out 2>check.err
    [ $? -le 1 ] || echo "# check on the data set failed: $(head -1 check.err)"
    sqlite3 "$work/build.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    echo "web_init_demo_seconds $(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
    cp "$work/build.db" "$cache.tmp" && mv "$cache.tmp" "$cache"
    [ -f "$work/build.db.key" ] && cp "$work/build.db.key" "$cache.key"
    rm -f "$work"/build.db*
else
    echo "# data set from the cache: ${cache#"$root"/}"
fi
cp "$cache" bench.db
[ -f "$cache.key" ] && cp "$cache.key" bench.db.key && chmod 600 bench.db.key
echo "web_rows_asset $(sqlite3 bench.db 'SELECT COUNT(*) FROM asset')"
echo "web_rows_finding $(sqlite3 bench.db 'SELECT COUNT(*) FROM finding' 2>/dev/null || echo 0)"
echo "# load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (figures from a busy machine are not comparable)"

# --- two users: the 統括 and a 課長 (ism of one 課 with the most assets) ------------------------
current="valid_from <= date('now', '+9 hours') AND (valid_to IS NULL OR valid_to >= date('now', '+9 hours'))"
tk_person=$(sqlite3 bench.db "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' AND $current ORDER BY person_id LIMIT 1")
ism_person=$(sqlite3 bench.db "SELECT r.person_id FROM role_assignment r
   WHERE r.role = 'ism' AND r.scope_type = 'kashitsu' AND $current
   ORDER BY (SELECT COUNT(*) FROM asset a WHERE a.department_id = r.scope_department_id) DESC,
            r.person_id LIMIT 1")
if [ -z "$tk_person" ] || [ -z "$ism_person" ]; then
    echo "skip web: no 統括 or 課長 in the data set"
    exit 0
fi

totp() { # SECRET STEP_OFFSET
    python3 - "$1" "${2:-0}" <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]
key = base64.b32decode(s + "=" * (-len(s) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30 + int(sys.argv[2])), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
port=
req() { # METHOD PATH OUT [curl options…] : prints the status
    local m=$1 p=$2 out=$3; shift 3
    curl -s --max-time 30 -X "$m" -o "$out" -D "$out.h" -w '%{http_code}' "$@" "http://127.0.0.1:$port$p"
}
cookie_of() { tr -d '\r' <"$1.h" | sed -n 's/^[Ss]et-[Cc]ookie: mamori_session=\([^;]*\).*/\1/p'; }
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }

# sign_in LOGIN PERSON : creates the user, changes the initial password, enrols TOTP; prints
# the full session's cookie value ("" on failure, with the reason on stderr)
sign_in() {
    local login=$1 person=$2 pw newpw="Bench-$1-pass-2026!" c secret
    pw=$("$mamori" --db bench.db user add "$login" --person "$person" | sed -n 's/^初期パスワード: //p')
    [ -n "$pw" ] || { echo "user add $login failed" >&2; return 1; }
    req POST /login "$login.1" --data-urlencode "login=$login" --data-urlencode "password=$pw" >/dev/null
    c=$(cookie_of "$login.1")
    req GET /password "$login.2" -H "Cookie: mamori_session=$c" >/dev/null
    req POST /password "$login.3" -H "Cookie: mamori_session=$c" --data "csrf=$(csrf_of "$login.2")" \
        --data-urlencode "current=$pw" --data-urlencode "new=$newpw" --data-urlencode "confirm=$newpw" >/dev/null
    c=$(cookie_of "$login.3")
    req GET /totp/enroll "$login.4" -H "Cookie: mamori_session=$c" >/dev/null
    secret=$(sed -n 's/.*<code class="secret">\([A-Z2-7]*\)<.*/\1/p' "$login.4")
    [ -n "$secret" ] || { echo "$login: no TOTP enrolment page" >&2; return 1; }
    req POST /totp/enroll "$login.5" -H "Cookie: mamori_session=$c" \
        --data "csrf=$(csrf_of "$login.4")&code=$(totp "$secret")" >/dev/null
    c=$(cookie_of "$login.5")
    [ "$(req GET / "$login.6" -H "Cookie: mamori_session=$c")" = 200 ] || { echo "$login: / is not 200" >&2; return 1; }
    echo "$c"
}

# --- the server -----------------------------------------------------------------------------
# start_server : on a free loopback port; a port taken before the server binds it (exit 3) is
# replaced by another one. Returns 1 when the server does not answer.
start_server() {
    local p
    for _ in 1 2 3; do
        port=
        for _ in $(seq 1 50); do
            p=$((20000 + RANDOM % 12000)) # below the ephemeral range (32768 up)
            if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
        done
        [ -n "$port" ] || return 1
        "$mamori" --db bench.db serve --listen "127.0.0.1:$port" >serve.out 2>serve.err &
        server_pid=$!
        for _ in $(seq 1 100); do
            curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$server_pid" 2>/dev/null && return 1
        wait "$server_pid"
        local st=$?
        server_pid=
        [ "$st" = 3 ] || return 1
    done
    return 1
}
if ! start_server; then
    echo "skip web: the server did not start: $(head -1 serve.err 2>/dev/null)"
    exit 0
fi
echo "web_server_vmrss_idle_kb $(awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status")"

tk_cookie=$(sign_in toukatsu "$tk_person" 2>signin.err)
ism_cookie=$(sign_in kacho "$ism_person" 2>>signin.err)
# Signing in hashes passwords (Argon2id, memory-hard, one at a time): report that peak against
# the same target, then reset it (clear_refs 5) so the figure below is the pages' under load.
hwm_signin=$(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")
echo "web_server_vmhwm_signin_kb $hwm_signin  # peak through the sign-ins; target < $rss_target_kb KiB (64 MB): $([ "$hwm_signin" -lt "$rss_target_kb" ] && echo met || echo "NOT met")"
hwm_reset=0
{ echo 5 >"/proc/$server_pid/clear_refs"; } 2>/dev/null && hwm_reset=1

# load NAME COOKIE PATH : one wrk run; figures as NAME_* lines with the targets beside them
load() {
    local name=$1 c=$2 p=$3 status
    if [ -z "$c" ]; then
        echo "skip web_$name: not signed in: $(head -1 signin.err)"
        return 0
    fi
    status=$(req GET "$p" "$name.html" -H "Cookie: mamori_session=$c")
    if [ "$status" != 200 ]; then
        echo "skip web_$name: GET $p answers $status, not 200"
        return 0
    fi
    echo "# $name: GET $p ($(wc -c <"$name.html") bytes, $(grep -o '<tr>' "$name.html" | wc -l) table rows)"
    wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: mamori_session=$c" \
        "http://127.0.0.1:$port$p" >"$name.wrk" 2>&1
    awk -v n="web_$name" -v p99t="$p99_target_ms" '
        function ms(v) {   # wrk prints 850.00us, 12.34ms, 1.20s
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Requests\/sec:/ { rps = $2 }
        /requests in/ { total = $1 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ { gsub(",", ""); sockerr = $4 + $6 + $8 + $10
                           kinds = sprintf("connect %d, read %d, write %d, timeout %d", $4, $6, $8, $10) }
        END {
            printf "%s_p50_ms %.2f\n", n, p50
            printf "%s_p99_ms %.2f  # target < %d ms: %s\n", n, p99, p99t, (p99 < p99t ? "met" : "NOT met")
            printf "%s_requests_per_s %s\n", n, rps
            printf "%s_requests %d\n", n, total
            printf "%s_non_2xx %d  # target 0: %s\n", n, non2xx, (non2xx == 0 ? "met" : "NOT met")
            printf "%s_socket_errors %d  # target 0: %s%s\n", n, sockerr, (sockerr == 0 ? "met" : "NOT met"),
                   (sockerr ? " (" kinds "; wrk gives up on an answer after 2 s)" : "")
        }' "$name.wrk"
}
# Filters that leave rows on the page asked for: 3B is the 統括's largest 3-class (about 80 per
# demo body, so page 3 is full at 50×); class 2 is most of a 課's own assets.
load dashboard_toukatsu "$tk_cookie" /dashboard
load assets_toukatsu "$tk_cookie" "/r/asset?f_confidentiality=3B&sort=name&page=3"
load dashboard_kacho "$ism_cookie" /dashboard
load assets_kacho "$ism_cookie" "/r/asset?f_confidentiality=2&sort=name"
# the front page every user lands on: organization-wide register counts and what awaits them
load home_kacho "$ism_cookie" /

hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status")
[ "$hwm_reset" = 1 ] || echo "# the peak could not be reset after sign-in: the figure below includes it"
echo "web_server_vmhwm_kb $hwm  # peak under the page load; target < $rss_target_kb KiB (64 MB): $([ "$hwm" -lt "$rss_target_kb" ] && echo met || echo "NOT met")"
if grep -qv ' [23][0-9][0-9] ' serve.err 2>/dev/null; then
    echo "# server log lines other than 2xx/3xx answers: $(grep -cv ' [23][0-9][0-9] ' serve.err)"
fi
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null
server_pid=
