#!/bin/bash
# test_web_signin.sh — signing in to the web pages: the front page needs a session (303 to
# /login), one message for a wrong password and an unknown user, lockout at the limit, the
# forced change of the initial password, TOTP enrollment with the QR code and sign-in with a
# code (a replayed code refused), CSRF on POST (403 when wrong or missing), logout ending the
# session, idle and absolute timeouts, the cookie's attributes (Secure only from a trusted TLS proxy), 前回のログイン on
# the front page, and no password, code or cookie in the server's log.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

REQ_TIMEOUT=10
alert_of() { sed -n 's/.*role="alert">\([^<]*\)<.*/\1/p' "$1" | head -1; }
# login LOGIN PASSWORD OUT : POST /login; prints the status
login() { req POST /login "$3" --data-urlencode "login=$1" --data-urlencode "password=$2"; }
# redirect DESC OUT WHERE : OUT was a 303 to WHERE
redirect_to() { check "$1 (→ $(location "$2"))" test "$(location "$2")" = "$3"; }

# --- fixture: a role holder (TOTP required), two staff without a role --------------------
"$MAMORI" --db t.db init >/dev/null || not_ok "init"
sqlite3 t.db "INSERT INTO organization (id, name, kind) VALUES (1, '試験市', '市');
  INSERT INTO person (id, name, employment, status) VALUES
    ('E1', '役職 太郎', 'regular', 'active'), ('S1', '職員 花子', 'regular', 'active'),
    ('S2', '職員 次郎', 'regular', 'active');
  INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
    VALUES ('RA1', 'ciso', 'E1', 'organization', '2000-04-01');"
pw_h=$("$MAMORI" --db t.db user add hanako --person S1 | sed -n 's/^初期パスワード: //p')
pw_t=$("$MAMORI" --db t.db user add taro --person E1 | sed -n 's/^初期パスワード: //p')
pw_j=$("$MAMORI" --db t.db user add jiro --person S2 | sed -n 's/^初期パスワード: //p')
check "three users with initial passwords" test -n "$pw_h" -a -n "$pw_t" -a -n "$pw_j"

web_serve t.db

# --- signed out ---------------------------------------------------------------------------
check "/ signed out is 303" test "$(req GET / r.html)" = 303
redirect_to "/ signed out redirects to /login" r.html /login
check "/healthz stays public" test "$(req GET /healthz r.json)" = 200
check "/static/mamori.css stays public" test "$(req GET /static/mamori.css r.css)" = 200
check "GET /login is 200" test "$(req GET /login l.html)" = 200
contains l.html "利用の状況は記録され、監視されています" "login page shows the banner"
contains l.html '<html lang="ja">' "login page is Japanese"
if grep -q '<script' l.html; then not_ok "login page has no script"; else ok "login page has no script"; fi
check "GET /login/code signed out is 303" test "$(req GET /login/code r.html)" = 303
redirect_to "/login/code signed out goes to /login" r.html /login
check "PUT /login is 405" test "$(req PUT /login r.html)" = 405
check "GET /logout is 405" test "$(req GET /logout r.html)" = 405

# --- wrong password and unknown user: one message, no cookie ------------------------------
login hanako 'Wrong-password-1' w.html >/dev/null
login nobody 'Wrong-password-1' u.html >/dev/null
m1=$(alert_of w.html); m2=$(alert_of u.html)
check "wrong password gives a message ($m1)" test -n "$m1"
check "unknown user gets the same message as a wrong password" test "$m1" = "$m2"
check "no cookie after a wrong password" test -z "$(cookie w.html)"
contains w.html 'value="hanako"' "the login typed is kept in the form"
check "a foreign Origin on POST /login is 403" test "$(req POST /login o.html -H "Origin: http://evil.example" --data-urlencode "login=hanako" --data-urlencode "password=$pw_h")" = 403
check "the form's own Origin is accepted" test "$(req POST /login o.html -H "Origin: $base" --data-urlencode "login=nobody" --data-urlencode "password=x")" = 200
check "a body over the limit is 413" test "$(req POST /login big.html --data "login=$(head -c 70000 /dev/zero | tr '\0' a)")" = 413

# --- first sign-in: the initial password must be changed ----------------------------------
check "initial password signs in (303)" test "$(login hanako "$pw_h" h1.html)" = 303
redirect_to "first sign-in goes to /password" h1.html /password
c1=$(cookie h1.html)
check "a session cookie is set (64 hex digits)" test "${#c1}" = 64
setc=$(tr -d '\r' <h1.html.h | grep -i '^set-cookie: mamori_session=')
case "$setc" in *"; HttpOnly"*) ok "cookie is HttpOnly";; *) not_ok "cookie is HttpOnly ($setc)";; esac
case "$setc" in *"; SameSite=Strict"*) ok "cookie is SameSite=Strict";; *) not_ok "cookie is SameSite=Strict ($setc)";; esac
case "$setc" in *"; Path=/"*) ok "cookie has Path=/";; *) not_ok "cookie has Path=/ ($setc)";; esac
case "$setc" in *Secure*) not_ok "no Secure over plain HTTP ($setc)";; *) ok "no Secure over plain HTTP";; esac
case "$setc" in *Max-Age*|*Expires*) not_ok "a browser-session cookie ($setc)";; *) ok "a browser-session cookie";; esac
H=(-H "Cookie: mamori_session=$c1")
check "/ in the password stage is 303" test "$(req GET / r.html "${H[@]}")" = 303
redirect_to "/ in the password stage goes to /password" r.html /password
check "GET /password is 200" test "$(req GET /password p.html "${H[@]}")" = 200
t1=$(csrf_of p.html)
check "the password form carries a CSRF token" test "${#t1}" = 64
newpw_h='Hanako-new-pass-2026'
check "POST /password without csrf is 403" test "$(req POST /password r.html "${H[@]}" --data-urlencode "current=$pw_h" --data-urlencode "new=$newpw_h" --data-urlencode "confirm=$newpw_h")" = 403
contains r.html "要求を受け付けられません" "403 page is Japanese"
check "a mismatched confirmation is refused" test "$(req POST /password r.html "${H[@]}" --data "csrf=$t1" --data-urlencode "current=$pw_h" --data-urlencode "new=$newpw_h" --data-urlencode "confirm=x$newpw_h")" = 200
contains r.html "一致しません" "mismatch message"
check "a too short password is refused by the policy" test "$(req POST /password r.html "${H[@]}" --data "csrf=$t1" --data-urlencode "current=$pw_h" --data-urlencode "new=Ab1" --data-urlencode "confirm=Ab1")" = 200
check "the policy message is shown" test -n "$(alert_of r.html)"
check "POST /password with csrf is 303" test "$(req POST /password r2.html "${H[@]}" --data "csrf=$t1" --data-urlencode "current=$pw_h" --data-urlencode "new=$newpw_h" --data-urlencode "confirm=$newpw_h")" = 303
redirect_to "after the change, the front page" r2.html /
c2=$(cookie r2.html)
check "the cookie is replaced by a new token" test "${#c2}" = 64 -a "$c2" != "$c1"
check "the old token no longer opens /" test "$(req GET / r.html "${H[@]}")" = 303
H=(-H "Cookie: mamori_session=$c2")
check "/ signed in is 200" test "$(req GET / home.html "${H[@]}")" = 200
contains home.html "試験市" "front page shows the organization"
contains home.html '<span class="who">職員 花子 さん</span>' "front page names the user"
contains home.html "前回のログインの記録はありません" "first sign-in: no previous sign-in"
t2=$(csrf_of home.html)

# --- logout: CSRF, then the cookie is dead ------------------------------------------------
check "POST /logout without csrf is 403" test "$(req POST /logout r.html "${H[@]}" --data "x=1")" = 403
check "POST /logout with a wrong csrf is 403" test "$(req POST /logout r.html "${H[@]}" --data "csrf=$(printf '%064d' 0)")" = 403
check "POST /logout with another session's csrf is 403" test "$(req POST /logout r.html "${H[@]}" --data "csrf=$t1")" = 403
check "still signed in after refused logouts" test "$(req GET / r.html "${H[@]}")" = 200
check "POST /logout with csrf is 303" test "$(req POST /logout lo.html "${H[@]}" --data "csrf=$t2")" = 303
redirect_to "logout goes to /login" lo.html /login
case "$(tr -d '\r' <lo.html.h | grep -i '^set-cookie:')" in *"mamori_session=;"*Max-Age=0*) ok "logout clears the cookie";; *) not_ok "logout clears the cookie";; esac
check "after logout the old cookie no longer opens /" test "$(req GET / r.html "${H[@]}")" = 303

# --- second sign-in shows the previous one (和暦, place) -------------------------------
check "the new password signs in straight to / (303)" test "$(login hanako "$newpw_h" h2.html)" = 303
redirect_to "full sign-in goes to /" h2.html /
H=(-H "Cookie: mamori_session=$(cookie h2.html)")
req GET / home2.html "${H[@]}" >/dev/null
if grep -qE '前回のログイン: 令和[0-9元]+年[0-9]+月[0-9]+日 [0-9]{2}時[0-9]{2}分（127\.0\.0\.1）' home2.html; then
    ok "前回のログイン shows 和暦 time and place"
else
    not_ok "前回のログイン shows 和暦 time and place"; grep -o '前回[^<]*' home2.html
fi
check "/password is open to a full session" test "$(req GET /password r.html "${H[@]}")" = 200

# --- a role holder: password change, then TOTP enrollment ----------------------------
login taro "$pw_t" t1.html >/dev/null
redirect_to "role holder's first sign-in goes to /password" t1.html /password
H=(-H "Cookie: mamori_session=$(cookie t1.html)")
req GET /password p.html "${H[@]}" >/dev/null
newpw_t='Taro-new-pass-2026!'
req POST /password r.html "${H[@]}" --data "csrf=$(csrf_of p.html)" --data-urlencode "current=$pw_t" --data-urlencode "new=$newpw_t" --data-urlencode "confirm=$newpw_t" >/dev/null
redirect_to "then to /totp/enroll" r.html /totp/enroll
H=(-H "Cookie: mamori_session=$(cookie r.html)")
check "/ in the enroll stage is 303" test "$(req GET / x.html "${H[@]}")" = 303
redirect_to "/ in the enroll stage goes to /totp/enroll" x.html /totp/enroll
check "GET /totp/enroll is 200" test "$(req GET /totp/enroll e.html "${H[@]}")" = 200
header_cc=$(tr -d '\r' <e.html.h | grep -i '^cache-control:')
check "enrollment page is not stored ($header_cc)" test "${header_cc#*: }" = no-store
secret=$(sed -n 's/.*<code class="secret">\([A-Z2-7]*\)<.*/\1/p' e.html)
check "enrollment page shows the secret" test -n "$secret"
sed -n 's/.*src="data:image\/svg+xml;base64,\([A-Za-z0-9+\/=]*\)".*/\1/p' e.html | base64 -d >qr.svg 2>/dev/null
contains qr.svg "<svg" "the QR code is an inline SVG image"
if grep -qi '<script' qr.svg; then not_ok "QR SVG has no script"; else ok "QR SVG has no script"; fi
code0=$(totp "$secret")
check "POST /totp/enroll without csrf is 403" test "$(req POST /totp/enroll x.html "${H[@]}" --data "code=$code0")" = 403
check "POST /totp/enroll with the code is 200" test "$(req POST /totp/enroll rc.html "${H[@]}" --data "csrf=$(csrf_of e.html)&code=$code0")" = 200
check "ten recovery codes are shown once" test "$(grep -cE '<li><code>[a-z0-9]{5}-[a-z0-9]{5}</code></li>' rc.html)" = 10
H=(-H "Cookie: mamori_session=$(cookie rc.html)")
check "after enrollment the new cookie opens /" test "$(req GET / x.html "${H[@]}")" = 200
req POST /logout x.html "${H[@]}" --data "csrf=$(csrf_of x.html)" >/dev/null

# --- sign-in with a code, replay refused ---------------------------------------------
login taro "$newpw_t" t2.html >/dev/null
redirect_to "TOTP user goes to /login/code" t2.html /login/code
H=(-H "Cookie: mamori_session=$(cookie t2.html)")
check "/ in the code stage is 303" test "$(req GET / x.html "${H[@]}")" = 303
req GET /login/code lc.html "${H[@]}" >/dev/null
code1=$(totp "$secret" 1) # the next step: after the one used for enrollment, within ±1
check "POST /login/code with a wrong code stays (200)" test "$(req POST /login/code x.html "${H[@]}" --data "csrf=$(csrf_of lc.html)&code=000000")" = 200
contains x.html "確認コードが違うか、既に使われています" "wrong code message"
check "POST /login/code with the code is 303" test "$(req POST /login/code t3.html "${H[@]}" --data "csrf=$(csrf_of lc.html)&code=$code1")" = 303
redirect_to "the code leads to /" t3.html /
c3=$(cookie t3.html)
check "the code stage's token is replaced" test "${#c3}" = 64 -a "$c3" != "$(cookie t2.html)"
check "/ is 200 after the code" test "$(req GET / x.html -H "Cookie: mamori_session=$c3")" = 200
login taro "$newpw_t" t4.html >/dev/null
H=(-H "Cookie: mamori_session=$(cookie t4.html)")
req GET /login/code lc.html "${H[@]}" >/dev/null
check "a replayed code is refused (200, no redirect)" test "$(req POST /login/code x.html "${H[@]}" --data "csrf=$(csrf_of lc.html)&code=$code1")" = 200
contains x.html "確認コードが違うか、既に使われています" "replayed code message"
check "the replayed code gave no full session" test "$(req GET / x.html "${H[@]}")" = 303

# --- lockout --------------------------------------------------------------------------
for i in 1 2 3 4 5; do login jiro "Wrong-password-$i" j.html >/dev/null; done
contains j.html "ロックしました" "the fifth failure locks the user"
check "a locked user is refused with the right password" test "$(login jiro "$pw_j" j2.html)" = 200
contains j2.html "ロックされています" "locked message"
check "no cookie for a locked user" test -z "$(cookie j2.html)"
"$MAMORI" --db t.db user unlock jiro >/dev/null
check "after unlock the right password signs in" test "$(login jiro "$pw_j" j3.html)" = 303

# --- idle and absolute timeouts end the session ---------------------------------------
login hanako "$newpw_h" i1.html >/dev/null
H=(-H "Cookie: mamori_session=$(cookie i1.html)")
check "a fresh session opens /" test "$(req GET / x.html "${H[@]}")" = 200
sqlite3 t.db >/dev/null "PRAGMA busy_timeout=5000; UPDATE user_session SET last_seen_at = last_seen_at - 86400"
check "an idle session is refused (/login shows why)" test "$(req GET /login idle.html "${H[@]}")" = 200
contains idle.html "一定時間操作がなかったためログアウトしました" "idle message on /login"
case "$(tr -d '\r' <idle.html.h | grep -i '^set-cookie:')" in *"mamori_session=;"*Max-Age=0*) ok "the idle session's cookie is cleared";; *) not_ok "the idle session's cookie is cleared";; esac
check "the idle session no longer opens /" test "$(req GET / x.html "${H[@]}")" = 303
login hanako "$newpw_h" i2.html >/dev/null
H=(-H "Cookie: mamori_session=$(cookie i2.html)")
sqlite3 t.db >/dev/null "PRAGMA busy_timeout=5000; UPDATE user_session SET expires_at = $(date +%s) - 1"
check "a session past its absolute end is sent to /login" test "$(req GET / x.html "${H[@]}")" = 303
redirect_to "the expired session goes to /login" x.html /login
case "$(tr -d '\r' <x.html.h | grep -i '^set-cookie:')" in *"mamori_session=;"*Max-Age=0*) ok "the expired session's cookie is cleared";; *) not_ok "the expired session's cookie is cleared";; esac

# --- the log --------------------------------------------------------------------------
sleep 0.2
contains s.err "POST /login 303" "request log records POST /login"
contains s.err "POST /logout 403" "request log records refused logouts"
leak=0
for secret_text in "$pw_h" "$newpw_h" "$pw_t" "$newpw_t" "$pw_j" "$code0" "$code1" "$c1" "$c2" "$c3" "$t1" "$t2" "$secret" Wrong-password; do
    if grep -qF -- "$secret_text" s.err s.out; then leak=1; echo "# leaked: $secret_text"; fi
done
check "no password, code, cookie, CSRF token or secret in the server's output" test $leak = 0

kill -TERM "$spid"
for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done

# --- Secure only from a trusted proxy ----------------------------------------------------
proxy_login() { # PORT OUT : sign in hanako claiming https
    curl -s --max-time 10 -o "$2" -D "$2.h" -H "X-Forwarded-Proto: https" -H "X-Forwarded-For: 192.0.2.7, 10.0.0.1" \
        --data-urlencode "login=hanako" --data-urlencode "password=$newpw_h" "http://127.0.0.1:$1/login"
}
port2=$(free_port)
"$MAMORI" --db t.db serve --listen "127.0.0.1:$port2" --trust-proxy >s2.out 2>s2.err &
pids+=($!)
spid2=$!
for _ in $(seq 1 100); do curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port2/healthz" && break; sleep 0.1; done
proxy_login "$port2" tp.html
case "$(tr -d '\r' <tp.html.h | grep -i '^set-cookie:')" in *"; Secure"*) ok "--trust-proxy: X-Forwarded-Proto https makes the cookie Secure";; *) not_ok "--trust-proxy: Secure cookie";; esac
check "--trust-proxy: the first X-Forwarded-For hop is recorded" test "$(sqlite3 t.db "SELECT last_login_from FROM app_user WHERE login='hanako'")" = 192.0.2.7
kill -TERM "$spid2"
port3=$(free_port)
"$MAMORI" --db t.db serve --listen "127.0.0.1:$port3" >s3.out 2>s3.err &
pids+=($!)
spid3=$!
for _ in $(seq 1 100); do curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port3/healthz" && break; sleep 0.1; done
proxy_login "$port3" np.html
case "$(tr -d '\r' <np.html.h | grep -i '^set-cookie:')" in *Secure*) not_ok "without --trust-proxy the header is ignored";; *mamori_session=*) ok "without --trust-proxy the header is ignored";; *) not_ok "without --trust-proxy: signed in";; esac
check "without --trust-proxy the peer address is recorded" test "$(sqlite3 t.db "SELECT last_login_from FROM app_user WHERE login='hanako'")" = 127.0.0.1

# --- the login banner is the profile's parameter, escaped ---------------------------------
"$MAMORI" --db t.db profile set login_banner "当市の職員専用です <b>監視中</b>" >/dev/null
curl -s --max-time 10 -o banner.html "http://127.0.0.1:$port3/login"
contains banner.html "当市の職員専用です &lt;b&gt;監視中&lt;/b&gt;" "the banner comes from the profile, escaped"
kill -TERM "$spid3"

