#!/bin/bash
# test_browser_requests.sh — 申請・承認 in a real browser (tests/browser/requests.mjs): on the demo
# organization, a staff member of a 課 files a 持ち出し request, the 課長 approves it, the staff
# member sees it approved, a second staff member of the 課 cannot see it. Screenshots at
# 1366×768 go to build/screenshots/requests-*.png. Chromium, node or the npm packages missing is
# a failure (make deps installs them).
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

browser_ready

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >init.out 2>&1 || {
    not_ok "init --demo"; head -5 init.out; exit 1; }
current="valid_from <= date('now', '+9 hours') AND (valid_to IS NULL OR valid_to >= date('now', '+9 hours'))"
norole="NOT EXISTS (SELECT 1 FROM role_assignment o WHERE o.person_id = p.id AND $current)"
# A 課長 holding only the ism role of a 課 that has at least two staff members without a role.
read -r ism_person ism_dept < <(sqlite3 -separator ' ' demo.db "
  SELECT r.person_id, r.scope_department_id FROM role_assignment r
   WHERE r.role = 'ism' AND r.scope_type = 'kashitsu' AND $current
     AND (SELECT COUNT(*) FROM role_assignment o WHERE o.person_id = r.person_id AND $current) = 1
     AND (SELECT COUNT(*) FROM person p WHERE p.department_id = r.scope_department_id
          AND p.status = 'active' AND $norole) >= 2
   ORDER BY r.scope_department_id LIMIT 1")
mapfile -t staff < <(sqlite3 demo.db "SELECT p.id FROM person p WHERE p.department_id = '$ism_dept'
   AND p.status = 'active' AND $norole ORDER BY p.id LIMIT 2")
ism_name=$(sqlite3 demo.db "SELECT name FROM person WHERE id = '$ism_person'")
check "demo has a 課長 ($ism_person $ism_name, $ism_dept) and two staff members (${staff[*]})" \
    test -n "$ism_person" -a "${#staff[@]}" = 2
pw_s=$("$MAMORI" --db demo.db user add shokuin --person "${staff[0]}" | sed -n 's/^初期パスワード: //p')
pw_m=$("$MAMORI" --db demo.db user add kacho --person "$ism_person" | sed -n 's/^初期パスワード: //p')
pw_o=$("$MAMORI" --db demo.db user add betsu --person "${staff[1]}" | sed -n 's/^初期パスワード: //p')
check "three users with initial passwords" test -n "$pw_s" -a -n "$pw_m" -a -n "$pw_o"

# The server on a free port (another one when the port was taken meanwhile).
web_serve demo.db "server starts" 1

shots="$MAMORI_ROOT/build/screenshots"
mkdir -p "$shots"
export MB_BASE="$base" MB_CHROMIUM="$chromium" MB_SHOTS="$shots" MB_ISM_NAME="$ism_name"
export MB_STAFF_LOGIN=shokuin MB_STAFF_PASSWORD="$pw_s" MB_ISM_LOGIN=kacho MB_ISM_PASSWORD="$pw_m"
export MB_OTHER_LOGIN=betsu MB_OTHER_PASSWORD="$pw_o"
timeout 120 node "$browser_dir/requests.mjs" >run.out 2>run.err
st=$?
cat run.out
[ "$st" -eq 0 ] || { not_ok "requests.mjs finished (exit $st)"; sed 's/^/#   /' run.err | tail -20; }
grep -q '^ok ' run.out || not_ok "requests.mjs reported no result"
id=$(sqlite3 demo.db "SELECT MAX(id) FROM request WHERE requester_id = '${staff[0]}'")
check "the database holds the approval by the 課長" test "$(sqlite3 demo.db "SELECT r.state || ' ' || a.decided_by FROM request r JOIN request_approval a ON a.request_id = r.id WHERE r.id = '$id'")" = "approved $ism_person"

kill -TERM "$spid"
for _ in $(seq 1 50); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
if grep -qiE 'AddressSanitizer|runtime error' s.err; then
    not_ok "server ran clean under the sanitizers"; grep -iE -A5 'AddressSanitizer|runtime error' s.err | head -30
fi
