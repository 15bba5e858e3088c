#!/bin/bash
# test_serve.sh — `mamori serve`: the front page (signed out: 303 to /login; signed in:
# escaping, counts from a fixture, the empty database guidance), /healthz, static files, 404/405, security headers, the request log,
# reading while another process writes, DNS rebinding refused, a busy port (exit 3) and a clean
# stop on SIGTERM.
source "$MAMORI_ROOT/tests/integration/lib.sh"

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
}
trap cleanup EXIT

# get URL OUT [curl options…] : body to OUT, headers to OUT.h; prints the status code
get() {
    local url=$1 out=$2; shift 2
    curl -s --max-time 5 -o "$out" -D "$out.h" -w '%{http_code}' "$@" "$url"
}

# signin DB BASE LOGIN PERSON : adds a user, signs in, changes the initial password; prints the
# session cookie ("mamori_session=…") for curl -H "Cookie: …"
signin() {
    local db=$1 b=$2 login=$3 person=$4 pw newpw=Serve-test-pass-2026 tok csrf
    pw=$("$MAMORI" --db "$db" user add "$login" --person "$person" | sed -n 's/^初期パスワード: //p')
    curl -s --max-time 10 -o /dev/null -D si1.h --data-urlencode "login=$login" \
        --data-urlencode "password=$pw" "$b/login"
    tok=$(tr -d '\r' <si1.h | sed -n 's/^[Ss]et-[Cc]ookie: mamori_session=\([^;]*\).*/\1/p')
    csrf=$(curl -s --max-time 10 -H "Cookie: mamori_session=$tok" "$b/password" |
        sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
    curl -s --max-time 10 -o /dev/null -D si2.h -H "Cookie: mamori_session=$tok" --data "csrf=$csrf" \
        --data-urlencode "current=$pw" --data-urlencode "new=$newpw" \
        --data-urlencode "confirm=$newpw" "$b/password"
    tok=$(tr -d '\r' <si2.h | sed -n 's/^[Ss]et-[Cc]ookie: mamori_session=\([^;]*\).*/\1/p')
    echo "mamori_session=$tok"
}

# start_server DB PORT NAME [OPTION…] : starts serve in the background; sets $server_pid
start_server() {
    "$MAMORI" --db "$1" serve --listen "127.0.0.1:$2" "${@:4}" >"$3.out" 2>"$3.err" &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 1 100); do
        if curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$2/healthz"; then return 0; fi
        kill -0 "$server_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# stop_server PID : SIGTERM, then the exit code (or 124 if it does not stop within 10 s)
stop_server() {
    kill -TERM "$1" 2>/dev/null
    for _ in $(seq 1 100); do
        if ! kill -0 "$1" 2>/dev/null; then wait "$1"; return $?; fi
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null
    return 124
}

header() { # header FILE NAME VALUE DESC : response header NAME has exactly VALUE
    if tr -d '\r' <"$1" | grep -qiF -- "$2: $3"; then ok "$4"; else not_ok "$4"; sed 's/^/#   /' "$1"; fi
}

row() { # row FILE LABEL N DESC : the page shows LABEL with count N
    contains "$1" "<th scope=\"row\">$2</th><td class=\"num\">$3</td>" "$4"
}

# --- fixture ---------------------------------------------------------------------------------
"$MAMORI" --db t.db init >/dev/null || not_ok "init t.db"
sqlite3 t.db <<'SQL'
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO organization (id, name, kind, prefecture, policy_title, policy_date)
  VALUES (1, '試験<script>alert(1)</script>&市', '市', '架空県', '試験市情報セキュリティ基本方針', '2026-03-25');
INSERT INTO org_body VALUES ('mayor', '市長部局', NULL, 1), ('edu', '教育委員会', '学校は対象外 <b>', 2);
INSERT INTO org_excluded_network VALUES (1, '学校ネットワーク', '所管省庁のガイドラインがあるため');
INSERT INTO org_network_inclusion VALUES (1, '議会ネットワーク', 'internet', '議場で資料を閲覧する <i>');
INSERT INTO department VALUES
  ('b1', NULL, '総務部', 'bukyoku', 'mayor', 1), ('b2', NULL, '市民部', 'bukyoku', 'mayor', 2),
  ('k1', 'b1', '情報政策課', 'kashitsu', 'mayor', 1), ('k2', 'b1', '人事課', 'kashitsu', 'mayor', 2),
  ('k3', 'b2', '市民課', 'kashitsu', 'mayor', 1), ('d1', 'k3', '北出張所', 'desaki', 'mayor', 1);
INSERT INTO person (id, name, department_id, employment, status, status_since, left_on) VALUES
  ('p1', '一郎', 'k1', 'regular', 'active', NULL, NULL),
  ('p2', '二郎', 'k1', 'regular', 'active', NULL, NULL),
  ('p3', '三郎', 'k2', 'regular', 'active', NULL, NULL),
  ('p4', '四郎', 'k3', 'regular', 'active', NULL, NULL),
  ('p5', '五子', 'k3', 'fiscal_year', 'active', NULL, NULL),
  ('p6', '六郎', 'k3', 'regular', 'retired', '2025-03-31', '2025-03-31');
INSERT INTO system (id, name, domain, hosting, department_id, mfa) VALUES
  ('s1', '住民記録システム', 'mynumber', 'gov_cloud', 'k3', 1),
  ('s2', '税務システム', 'mynumber', 'gov_cloud', 'k3', 1),
  ('s3', '文書管理システム', 'lgwan', 'onprem', 'k1', 0);
INSERT INTO asset (id, name, department_id, medium, confidentiality, integrity, availability) VALUES
  ('a1', '住民票データ', 'k3', 'electronic', '3A', '2', '2'),
  ('a2', '人事記録', 'k2', 'electronic', '2', '2', '1'),
  ('a3', '会議資料', 'k1', 'paper', '2', '1', '1'),
  ('a4', '広報原稿', 'k1', 'electronic', '1', '1', '1');
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status) VALUES
  ('c1', 's1', 'ichiro', 'p1', 1, 0, 1, 'active'),
  ('c2', 's1', 'jiro', 'p2', 0, 0, 1, 'active'),
  ('c3', 's3', 'saburo', 'p3', 0, 0, 0, 'active'),
  ('c4', 's3', 'admin', NULL, 1, 1, 0, 'suspended');
COMMIT;
SQL
check "fixture loads" test "$(sqlite3 t.db 'SELECT COUNT(*) FROM account')" = 4

# --- usage errors ----------------------------------------------------------------------------
expect_exit 2 "a malformed --listen exits 2" "$MAMORI" --db t.db serve --listen localhost 2>err.out
contains err.out "--listen" "the malformed --listen is named"
expect_exit 2 "a missing database exits 2" timeout 10 "$MAMORI" --db nowhere.db serve --listen 127.0.0.1:1 2>err.out
contains err.out "mamori --db nowhere.db init" "a missing database names the command to run"
check "serve does not create a missing database" test ! -e nowhere.db
for bad in 0 65 x 2x ""; do
    expect_exit 2 "--threads '$bad' exits 2" timeout 10 "$MAMORI" --db t.db serve --listen 127.0.0.1:1 --threads "$bad" 2>err.out
    contains err.out "--threads は 1〜64 の整数" "--threads '$bad' is refused with the allowed range"
done

# --- the front page --------------------------------------------------------------------------
port=$(free_port) || not_ok "free port"
base="http://127.0.0.1:$port"
if start_server t.db "$port" s1; then ok "server answers /healthz"; else not_ok "server answers /healthz"; cat s1.err; fi
pid1=$server_pid
contains s1.out "mamori を http://127.0.0.1:$port/ で起動しました（Ctrl+C で停止）" "start message names the URL"

code=$(get "$base/" anon.html)
check "/ signed out is 303" test "$code" = 303
header anon.html.h Location /login "/ signed out redirects to /login"
auth=(-H "Cookie: $(signin t.db "$base" ichiro p1)")
code=$(get "$base/" page.html "${auth[@]}")
check "/ signed in is 200" test "$code" = 200
contains page.html '<html lang="ja">' "page is Japanese"
contains page.html '<meta charset="utf-8">' "page declares UTF-8"
contains page.html '試験&lt;script&gt;alert(1)&lt;/script&gt;&amp;市' "organization name is escaped"
if grep -q '<script' page.html; then not_ok "no <script> on the page"; else ok "no <script> on the page"; fi
contains page.html '学校は対象外 &lt;b&gt;' "body note is escaped"
contains page.html '市長部局' "行政機関 are listed"
contains page.html '<dt>学校ネットワーク</dt>' "excluded network is listed"
contains page.html '<dt>議会ネットワーク（インターネット接続系）</dt>' "included network is listed with its domain"
contains page.html '議場で資料を閲覧する &lt;i&gt;' "inclusion note is escaped"
contains page.html '（令和8年3月25日）' "policy date is shown in 和暦"
contains page.html '所管省庁のガイドラインがあるため' "exclusion reason is shown"
row page.html 部局 2 "部局 count"
row page.html 課室 3 "課室 count"
row page.html 出先機関 1 "出先機関 count"
row page.html 正規職員 4 "在職 正規職員 count (retired excluded)"
row page.html 会計年度任用職員 1 "在職 会計年度任用職員 count"
row page.html '在職 計' 5 "在職 total"
row page.html マイナンバー利用事務系 2 "systems in マイナンバー利用事務系"
row page.html LGWAN接続系 1 "systems in LGWAN接続系"
row page.html インターネット接続系 0 "systems in インターネット接続系 (none)"
row page.html 自治体機密性３Ａ 1 "assets of class 3A"
row page.html 自治体機密性３Ｂ 0 "assets of class 3B (none)"
row page.html 自治体機密性２ 2 "assets of class 2"
row page.html 自治体機密性１ 1 "assets of class 1"
row page.html '情報資産 計' 4 "assets total"
row page.html 有効 3 "active accounts"
row page.html 有効な特権アカウント 1 "active privileged accounts (suspended one excluded)"
if grep -qE '<(script|iframe|img)|https?://' page.html; then
    not_ok "page has no scripts and no external resources"
else
    ok "page has no scripts and no external resources"
fi

header page.html.h Content-Type "text/html; charset=utf-8" "page Content-Type"
header page.html.h Content-Security-Policy "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" "CSP header"
header page.html.h X-Frame-Options DENY "X-Frame-Options header"
header page.html.h Referrer-Policy same-origin "Referrer-Policy header (no referrer leaves the site)"
header page.html.h X-Content-Type-Options nosniff "X-Content-Type-Options header"
header page.html.h Cache-Control no-store "Cache-Control header"

code=$(get "$base/" head.out -I "${auth[@]}")
check "HEAD / is 200" test "$code" = 200
header head.out.h X-Frame-Options DENY "HEAD carries the security headers"

# Another process writes while the server runs: the next page shows it. The counts are kept
# with each server thread's connection until the database changes, so every thread first
# serves the page a few times (keep-alive off: each request is a new connection).
for i in 1 2 3 4 5 6 7 8; do get "$base/" warm$i.html "${auth[@]}" -H "Connection: close" >/dev/null; done
row warm8.html インターネット接続系 0 "the page before the write counts no インターネット接続系 system"
sqlite3 t.db >/dev/null "PRAGMA busy_timeout=5000; INSERT INTO system (id, name, domain, hosting, department_id, mfa) VALUES ('s4', 'ホームページ', 'internet', 'datacenter', 'k1', 0)"
stale=0
for i in 1 2 3 4 5 6 7 8; do
    get "$base/" page2.html "${auth[@]}" -H "Connection: close" >/dev/null
    grep -qF "<th scope=\"row\">インターネット接続系</th><td class=\"num\">1</td>" page2.html || stale=$((stale + 1))
done
check "a write by another process shows on every later page ($stale of 8 stale)" test $stale = 0
row page2.html インターネット接続系 1 "a write by another process shows on the next page"

# --- health, static, errors ------------------------------------------------------------------
code=$(get "$base/healthz" health.json)
check "/healthz is 200" test "$code" = 200
schema=$(sqlite3 t.db 'SELECT MAX(version) FROM schema_migrations')
check "/healthz reports the schema version" test "$(cat health.json)" = "{\"status\":\"ok\",\"schema\":$schema}"
header health.json.h Content-Type application/json "/healthz is JSON"

code=$(get "$base/static/mamori.css" css.out)
check "stylesheet is 200" test "$code" = 200
header css.out.h Content-Type "text/css; charset=utf-8" "stylesheet is text/css"
check "stylesheet is the embedded file" cmp -s css.out "$MAMORI_ROOT/web/static/mamori.css"
header css.out.h X-Content-Type-Options nosniff "static files carry the security headers"
check "unknown static file is 404" test "$(get "$base/static/nothing.css" x.out)" = 404
check "static path traversal is 404" test "$(get "$base/static/..%2F..%2Fdata%2Fschema%2F001_registers.sql" x.out --path-as-is)" = 404

code=$(get "$base/no/such/page" nf.html)
check "unknown path is 404" test "$code" = 404
contains nf.html "ページが見つかりません" "404 page is in Japanese"
header nf.html.h X-Frame-Options DENY "404 carries the security headers"

code=$(get "$base/" post.html -X POST --data 'a=b')
check "POST is 405" test "$code" = 405
header post.html.h Allow "GET, HEAD" "405 names the allowed methods"
contains post.html "この操作はできません" "405 page is in Japanese"

# DNS rebinding: on loopback, only loopback host names are answered.
code=$(get "$base/" rebind.html -H "Host: attacker.example:$port")
check "a foreign Host on a loopback server is 421" test "$code" = 421
contains rebind.html "このアドレスでは表示できません" "421 page is in Japanese"
if grep -q '試験' rebind.html; then not_ok "421 page reveals no data"; else ok "421 page reveals no data"; fi
check "Host localhost is answered" test "$(get "$base/" lh.html -H "Host: localhost:$port" "${auth[@]}")" = 200

# --- the request log -------------------------------------------------------------------------
get "$base/?token=s3cr3t-value" q.html "${auth[@]}" >/dev/null
sleep 0.2
contains s1.err "GET / 200" "request log has method, path and status"
contains s1.err "POST / 405" "request log records refused methods"
if grep -qE 'GET / 200 [0-9]+\.[0-9]ms' s1.err; then ok "request log has the time in ms"; else not_ok "request log has the time in ms"; fi
if grep -q 's3cr3t' s1.err; then not_ok "query strings are not logged"; else ok "query strings are not logged"; fi

# --- a busy port -----------------------------------------------------------------------------
expect_exit 3 "a second server on the same port exits 3" timeout 10 "$MAMORI" --db t.db serve --listen "127.0.0.1:$port" 2>busy.err
contains busy.err "既に使われています" "busy port is explained in Japanese"

# --- stop ------------------------------------------------------------------------------------
stop_server "$pid1"
rc=$?
check "SIGTERM stops the server with exit 0 (exit $rc)" test "$rc" -eq 0
if curl -s --max-time 2 -o /dev/null "$base/healthz"; then not_ok "stopped server no longer answers"; else ok "stopped server no longer answers"; fi

# --- an empty database, then one that disappears ---------------------------------------------
"$MAMORI" --db e.db init >/dev/null
port2=$(free_port) || not_ok "free port"
# one request thread: every page still answers (the connections queue on it)
if start_server e.db "$port2" s2 --threads 1; then ok "server on an empty database starts with --threads 1"; else not_ok "server on an empty database starts with --threads 1"; cat s2.err; fi
pid2=$server_pid
sqlite3 e.db "INSERT INTO person (id, name, employment, status) VALUES ('p1', '一郎', 'regular', 'active')"
auth2=(-H "Cookie: $(signin e.db "http://127.0.0.1:$port2" ichiro p1)")
code=$(get "http://127.0.0.1:$port2/" empty.html "${auth2[@]}")
check "empty database page is 200" test "$code" = 200
contains empty.html "まだ団体が登録されていません。mamori import または mamori init --demo を実行してください" "empty database shows the guidance"
mkdir gone && mv e.db e.db-wal e.db-shm gone/ 2>/dev/null
check "/healthz is 503 when the database is gone" test "$(get "http://127.0.0.1:$port2/healthz" h503.json)" = 503
check "/ is 500 when the database is gone" test "$(get "http://127.0.0.1:$port2/" p500.html "${auth2[@]}")" = 500
contains p500.html "内部エラーが発生しました" "500 page is in Japanese"
kill -INT "$pid2" 2>/dev/null
for _ in $(seq 1 100); do kill -0 "$pid2" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid2" 2>/dev/null; then not_ok "SIGINT stops the server"; else
    wait "$pid2"
    rc=$?
    check "SIGINT stops the server with exit 0 (exit $rc)" test "$rc" -eq 0
fi

# --- IPv6 loopback, where the host has it --------------------------------------------------------
if [ -r /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6; then
    port3=$(free_port)
    "$MAMORI" --db t.db serve --listen "[::1]:$port3" >s3.out 2>s3.err &
    pid3=$!
    pids+=("$pid3")
    for _ in $(seq 1 100); do curl -s --max-time 1 -o /dev/null "http://[::1]:$port3/healthz" && break; sleep 0.1; done
    check "IPv6 [::1] listen answers" test "$(get "http://[::1]:$port3/healthz" v6.json)" = 200
    contains s3.out "http://[::1]:$port3/" "IPv6 start message uses brackets"
    stop_server "$pid3" >/dev/null
else
    echo "# IPv6 loopback not available here; IPv6 listen not exercised"
fi
