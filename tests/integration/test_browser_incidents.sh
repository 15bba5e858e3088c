#!/bin/bash
# test_browser_incidents.sh — インシデント in a real browser (tests/browser/incidents.mjs):
# a member of staff files a report in Chromium, a CSIRT member (TOTP enrolled) triages it, the
# member of staff sees the change. Demo database, two sign-in users, `mamori serve` on a free
# port; screenshots at 1366×768 as build/screenshots/incident-*.png.
# Chromium, node or the npm packages missing is a failure (make deps installs them).
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

browser_ready

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >init.out 2>&1 || {
    not_ok "init --demo"; head -5 init.out; exit 1; }
current="valid_from <= date('now', '+9 hours') AND (valid_to IS NULL OR valid_to >= date('now', '+9 hours'))"
# A member of staff without any role, in a 課 whose 情報セキュリティ管理者 is in post; a CSIRT
# member holding no other role.
staff=$(sqlite3 demo.db "SELECT p.id FROM person p JOIN role_assignment r ON r.role = 'ism'
   AND r.scope_department_id = p.department_id AND $current
   WHERE p.status = 'active' AND p.id LIKE 'E%'
     AND NOT EXISTS (SELECT 1 FROM role_assignment o WHERE o.person_id = p.id)
   ORDER BY p.id LIMIT 1")
csirt=$(sqlite3 demo.db "SELECT r.person_id FROM role_assignment r JOIN person p ON p.id = r.person_id
   WHERE r.role IN ('csirt_member', 'csirt_head') AND $current AND p.status = 'active'
     AND (SELECT COUNT(*) FROM role_assignment o WHERE o.person_id = r.person_id) = 1
   ORDER BY r.person_id LIMIT 1")
check "demo has a member of staff ($staff) and a CSIRT member ($csirt)" test -n "$staff" -a -n "$csirt"
pw_staff=$("$MAMORI" --db demo.db user add shokuin --person "$staff" | sed -n 's/^初期パスワード: //p')
pw_csirt=$("$MAMORI" --db demo.db user add csirt --person "$csirt" | sed -n 's/^初期パスワード: //p')
check "two users with initial passwords" test -n "$pw_staff" -a -n "$pw_csirt"

# The server on a free port (another one when the port was taken meanwhile).
web_serve demo.db "server starts" 1

shots="$MAMORI_ROOT/build/screenshots"
mkdir -p "$shots"
export MB_BASE="$base" MB_CHROMIUM="$chromium" MB_SHOTS="$shots"
export MB_STAFF_LOGIN=shokuin MB_STAFF_PASSWORD="$pw_staff" MB_CSIRT_LOGIN=csirt MB_CSIRT_PASSWORD="$pw_csirt"
timeout 170 node "$browser_dir/incidents.mjs" >run.out 2>run.err
st=$?
cat run.out
if [ "$st" -ne 0 ]; then
    not_ok "incidents.mjs finished (exit $st)"
    sed 's/^/#   /' run.err | tail -30
fi
grep -q '^ok ' run.out || not_ok "incidents.mjs reported no result"

kill -TERM "$spid"
for _ in $(seq 1 50); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
if grep -qiE 'AddressSanitizer|runtime error' s.err; then
    not_ok "server ran clean under the sanitizers"; grep -iE -A5 'AddressSanitizer|runtime error' s.err | head -30
fi
