#!/bin/bash
# test_web_security.sh — the refusals around the application pages and the API, beyond the
# sign-in pages themselves (test_web_signin.sh): a POST to an application route with no, a
# wrong or another session's CSRF token changes nothing (403); a session ended by idle time or
# by its absolute end is sent to /login from an application page, also on POST; a locked user
# cannot sign in again while the session they already had goes on; a disabled user's session
# and API tokens stop at once; revoked, malformed and missing API tokens and a session cookie on
# the API are 401 with the JSON error; a TOTP code is accepted once.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

REQ_TIMEOUT=30
login() { req POST /login "$3" --data-urlencode "login=$1" --data-urlencode "password=$2"; }
q() { sqlite3 -batch -noheader d.db "PRAGMA busy_timeout=5000; $1" | tail -n +2; }
# is DESC GOT WANT
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $2, want $3)"; fi; }

# --- fixture: the demo organization; the 統括 (TOTP) and four members of staff --------------
"$MAMORI" --db d.db init --demo --reference-date "$(TZ=Asia/Tokyo date +%F)" >/dev/null 2>init.err ||
    { not_ok "demo init"; cat init.err; exit 0; }
boss_p=$(q "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' ORDER BY id LIMIT 1")
mapfile -t staff < <(q "SELECT p.id FROM person p WHERE p.status = 'active' AND p.employment = 'regular'
    AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id) ORDER BY p.id LIMIT 4")
declare -A PW NEWPW
PW[boss]=$("$MAMORI" --db d.db user add boss --person "$boss_p" | sed -n 's/^初期パスワード: //p')
i=0
for u in hanako jiro saburo shiro; do
    PW[$u]=$("$MAMORI" --db d.db user add "$u" --person "${staff[$i]}" | sed -n 's/^初期パスワード: //p')
    i=$((i + 1))
done
asset=$(q "SELECT id FROM asset ORDER BY id LIMIT 1")
asset_name=$(q "SELECT name FROM asset WHERE id = '$asset'")

# The server on a free port (its process id in spid).
web_serve d.db

# first_signin USER : password change (and TOTP enrollment for the role holder); sets C[USER]
# and T[USER] (cookie and CSRF token) and SECRET for the role holder.
declare -A C T
first_signin() {
    local u=$1 c
    NEWPW[$u]="Security-$u-pass-2026!"
    c=$(web_first_signin "$u" "${PW[$u]}" "${NEWPW[$u]}" "f-$u")
    [ -s "f-$u.secret" ] && SECRET=$(cat "f-$u.secret")
    C[$u]=$c
    is "$u is signed in" "$(req GET / "f-$u-home" -H "Cookie: mamori_session=$c")" 200
    T[$u]=$(csrf_of "f-$u-home")
}
for u in boss hanako jiro saburo shiro; do first_signin "$u"; done
HB=(-H "Cookie: mamori_session=${C[boss]}")

# --- CSRF on application routes -------------------------------------------------------------
runs=$(q "SELECT count(*) FROM check_run")
zero=$(printf '%064d' 0)
is "POST /checks without a CSRF token is 403" "$(req POST /checks r "${HB[@]}" --data "x=1")" 403
is "POST /checks with a wrong CSRF token is 403" "$(req POST /checks r "${HB[@]}" --data "csrf=$zero")" 403
is "POST /checks with another session's CSRF token is 403" "$(req POST /checks r "${HB[@]}" --data "csrf=${T[hanako]}")" 403
is "POST /checks with a wrong X-CSRF-Token header is 403" "$(req POST /checks r "${HB[@]}" -H "X-CSRF-Token: $zero" --data "")" 403
is "the refused POSTs ran no check" "$(q "SELECT count(*) FROM check_run")" "$runs"
is "POST /checks with the session's token is 303" "$(req POST /checks r "${HB[@]}" --data "csrf=${T[boss]}")" 303
is "and it ran one check" "$(q "SELECT count(*) FROM check_run")" "$((runs + 1))"
# An upload form (multipart/form-data) carries the token as a plain field.
is "POST /checks as multipart with a wrong csrf field is 403" "$(req POST /checks r "${HB[@]}" -F "csrf=$zero")" 403
is "POST /checks as multipart with the session's csrf field is 303" "$(req POST /checks r "${HB[@]}" -F "csrf=${T[boss]}")" 303
is "a csrf sent as a file part does not count (403)" "$(printf '%s' "${T[boss]}" >tok.txt; req POST /checks r "${HB[@]}" -F "csrf=@tok.txt")" 403
is "the multipart POSTs ran one more check" "$(q "SELECT count(*) FROM check_run")" "$((runs + 2))"
logged=$(q "SELECT count(*) FROM audit_log")
declare -A how=([no]="" ["a wrong"]="csrf=$zero&" ["another session's"]="csrf=${T[hanako]}&")
for k in no "a wrong" "another session's"; do
    is "POST /r/asset/…/edit with $k CSRF token is 403" \
        "$(req POST "/r/asset/$asset/edit" r "${HB[@]}" --data "${how[$k]}name=CSRF-changed")" 403
done
is "the refused edits changed nothing" "$(q "SELECT name FROM asset WHERE id = '$asset'")" "$asset_name"
is "the refused edits wrote no change-log entry" "$(q "SELECT count(*) FROM audit_log")" "$logged"
is "a refused POST does not end the session" "$(req GET / r "${HB[@]}")" 200

# --- sessions ended by time, seen from application pages -----------------------------------
self=$(q "SELECT person_id FROM app_user WHERE login = 'hanako'")
H=(-H "Cookie: mamori_session=${C[hanako]}")
is "hanako reads her own record" "$(req GET "/r/person/$self" r "${H[@]}")" 200
q "UPDATE user_session SET last_seen_at = last_seen_at - 86400 WHERE user_id = (SELECT id FROM app_user WHERE login = 'hanako')" >/dev/null
is "after the idle time an application page is 303" "$(req GET "/r/person/$self" r "${H[@]}")" 303
is "… to /login" "$(location r)" /login
case "$(tr -d '\r' <r.h | grep -i '^set-cookie:')" in *"mamori_session=;"*Max-Age=0*) ok "… and the cookie is cleared" ;; *) not_ok "… and the cookie is cleared" ;; esac
is "the idle session stays ended" "$(req GET / r "${H[@]}")" 303
H=(-H "Cookie: mamori_session=${C[saburo]}")
q "UPDATE user_session SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) - 1 WHERE user_id = (SELECT id FROM app_user WHERE login = 'saburo')" >/dev/null
is "past the absolute end a POST to an application route is 303" \
    "$(req POST /checks r "${H[@]}" --data "csrf=${T[saburo]}")" 303
is "… to /login" "$(location r)" /login
is "… and nothing ran" "$(q "SELECT count(*) FROM check_run")" "$((runs + 2))"
is "the expired session answers 303 on the register list too" "$(req GET /r/asset r "${H[@]}")" 303

# --- a locked user ---------------------------------------------------------------------------
H=(-H "Cookie: mamori_session=${C[jiro]}")
for i in 1 2 3 4 5; do login jiro "Wrong-password-$i" r >/dev/null; done
is "after five failures jiro is locked" "$(q "SELECT locked_until > strftime('%s', 'now') FROM app_user WHERE login = 'jiro'")" 1
is "the right password no longer signs in (200, no cookie)" "$(login jiro "${NEWPW[jiro]}" r)" 200
is "… no cookie for the locked user" "$(cookie r)" ""
# The lock stops password guessing; a session opened before it goes on, so a stranger who
# types wrong passwords cannot sign everyone out (docs/access.md).
is "the session jiro already had goes on" "$(req GET / r "${H[@]}")" 200

# --- a disabled user: session and API tokens stop at once ----------------------------------
tok=$("$MAMORI" --db d.db user token add shiro --label sec | grep '^mamori_')
H=(-H "Cookie: mamori_session=${C[shiro]}")
is "shiro's token works" "$(req GET /api/v1/me r.json -H "Authorization: Bearer $tok")" 200
"$MAMORI" --db d.db user disable shiro >/dev/null 2>&1 || not_ok "user disable"
is "the disabled user's session is 303" "$(req GET / r "${H[@]}")" 303
is "… to /login" "$(location r)" /login
is "the disabled user's API token is 401" "$(req GET /api/v1/me r.json -H "Authorization: Bearer $tok")" 401
is "… with the JSON error" "$(python3 -c 'import json,sys; e=json.load(open("r.json"))["error"]; print(e["status"], e["code"])' 2>/dev/null)" "401 unauthorized"

# --- API tokens --------------------------------------------------------------------------------
out=$("$MAMORI" --db d.db user token add hanako --label sec)
tok=$(grep '^mamori_' <<<"$out")
tid=$(sed -n 's/.*mamori user token revoke \([0-9]*\).*/\1/p' <<<"$out")
is "a fresh token is 200" "$(req GET /api/v1/me r.json -H "Authorization: Bearer $tok")" 200
"$MAMORI" --db d.db user token revoke "$tid" >/dev/null 2>&1 || not_ok "token revoke"
is "a revoked token is 401" "$(req GET /api/v1/me r.json -H "Authorization: Bearer $tok")" 401
is "a revoked token cannot write (401)" \
    "$(req POST /api/v1/registers/asset r.json -H "Authorization: Bearer $tok" -H "Content-Type: application/json" --data '{}')" 401
is "a malformed token is 401" "$(req GET /api/v1/me r.json -H "Authorization: Bearer mamori_xyz")" 401
is "a token with one character changed is 401" "$(req GET /api/v1/me r.json -H "Authorization: Bearer ${tok%?}0")" 401
is "no Authorization header is 401" "$(req GET /api/v1/registers/asset r.json)" 401
is "… with the JSON error" "$(python3 -c 'import json,sys; e=json.load(open("r.json"))["error"]; print(e["status"], e["code"])' 2>/dev/null)" "401 unauthorized"
is "a session cookie does not open the API (401)" "$(req GET /api/v1/me r.json "${HB[@]}")" 401
is "an API token does not open the pages (303)" "$(req GET / r -H "Authorization: Bearer $tok")" 303

# --- a TOTP code is accepted once ------------------------------------------------------------
req POST /logout r "${HB[@]}" --data "csrf=${T[boss]}" >/dev/null
code=$(totp "$SECRET" 1)
login boss "${NEWPW[boss]}" b1 >/dev/null
HC=(-H "Cookie: mamori_session=$(cookie b1)")
req GET /login/code lc "${HC[@]}" >/dev/null
is "the boss's code opens a session" "$(req POST /login/code b2 "${HC[@]}" --data "csrf=$(csrf_of lc)&code=$code")" 303
login boss "${NEWPW[boss]}" b3 >/dev/null
HC=(-H "Cookie: mamori_session=$(cookie b3)")
req GET /login/code lc "${HC[@]}" >/dev/null
is "the same code again is refused (200, the form again)" "$(req POST /login/code b4 "${HC[@]}" --data "csrf=$(csrf_of lc)&code=$code")" 200
is "… and the pending session opens no page" "$(req GET /r/asset r "${HC[@]}")" 303

kill -TERM "$spid"
for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
