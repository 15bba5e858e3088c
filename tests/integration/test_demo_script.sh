#!/bin/bash
# test_demo_script.sh — what `make demo` runs (tools/demo.sh): it creates the demo database,
# prints the address and a demo sign-in with a fresh initial password, and serves the page; a
# person can sign in with what it printed, change the password and see the city. A second run
# reuses the database and prints a new initial password.
source "$MAMORI_ROOT/tests/integration/lib.sh"

port=$(free_port) || { not_ok "no free port"; exit 0; }
base="http://127.0.0.1:$port"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null' EXIT

start() {
    MAMORI_DEMO_DB=$PWD/d.db MAMORI_DEMO_LISTEN=127.0.0.1:$port \
        sh "$MAMORI_ROOT/tools/demo.sh" "$MAMORI" >"$1" 2>&1 &
    pid=$!
    # Creating the demo and four sign-in users (argon2id) takes a while, longest under the
    # sanitizers: wait up to three minutes for the server, or until the script has ended.
    for _ in $(seq 1 1800); do
        kill -0 "$pid" 2>/dev/null || return 1
        curl -s -m 1 -o /dev/null "$base/healthz" && return 0
        sleep 0.1
    done
    return 1
}
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=; }
# password_of FILE [LOGIN]: the initial password printed for LOGIN (default demo)
password_of() { sed -n "s/.*ログイン ID: ${2:-demo}　初期パスワード: \([^ ]*\)$/\1/p" "$1"; }

check "the demo script starts the server" start run1.out
contains run1.out "ブラウザで http://127.0.0.1:$port/ を開いてください" "it prints the address"
contains run1.out "ログイン ID: demo" "it prints the demo sign-in"
pw1=$(password_of run1.out)
check "it prints an initial password" test -n "$pw1"
for u in kacho bucho toukatsu; do
    check "it prints an initial password for $u" test -n "$(password_of run1.out $u)"
done
check "the demo database exists" test -s d.db

code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$base/")
check "the page asks for sign-in first (303)" test "$code" = 303
out=$(curl -s -m 5 -c cj -b cj -o /dev/null -w '%{http_code} %{redirect_url}' \
    --data-urlencode login=demo --data-urlencode "password=$pw1" "$base/login")
check "the printed password signs in and asks for a new one ($out)" test "$out" = "303 $base/password"
csrf=$(curl -s -m 5 -c cj -b cj "$base/password" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
out=$(curl -s -m 5 -c cj -b cj -o /dev/null -w '%{http_code} %{redirect_url}' \
    --data-urlencode "csrf=$csrf" --data-urlencode "current=$pw1" \
    --data-urlencode "new=Komorebi-demo-2026" --data-urlencode "confirm=Komorebi-demo-2026" \
    "$base/password")
check "the new password is accepted ($out)" test "$out" = "303 $base/"
curl -s -m 5 -b cj "$base/" >page.html
contains page.html "<h1>こもれび市</h1>" "the signed-in page shows the demo city"
# A 課長 holds a role: after the new password comes the TOTP enrolment.
pwk=$(password_of run1.out kacho)
curl -s -m 5 -c ck -b ck -o /dev/null --data-urlencode login=kacho \
    --data-urlencode "password=$pwk" "$base/login"
csrf=$(curl -s -m 5 -c ck -b ck "$base/password" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
out=$(curl -s -m 5 -c ck -b ck -o /dev/null -w '%{http_code} %{redirect_url}' \
    --data-urlencode "csrf=$csrf" --data-urlencode "current=$pwk" \
    --data-urlencode "new=Komorebi-kacho-2026" --data-urlencode "confirm=Komorebi-kacho-2026" \
    "$base/password")
check "the 課長 goes on to TOTP enrolment ($out)" test "$out" = "303 $base/totp/enroll"
stop

check "a second run starts again" start run2.out
contains run2.out "既存の" "the second run reuses the database"
pw2=$(password_of run2.out)
check "the second run prints a new initial password" test -n "$pw2" -a "$pw2" != "$pw1"
stop
