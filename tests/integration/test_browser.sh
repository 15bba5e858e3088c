#!/bin/bash
# test_browser.sh — the pages in a real browser: Debian's Chromium driven by playwright-core
# (tests/browser/run.mjs). A demo database, a 課長 (情報セキュリティ管理者 of one 課) and the
# 統括情報セキュリティ責任者 as sign-in users, `mamori serve` on a free port; run.mjs prints the
# ok / not ok lines (sign-in with TOTP enrolment, the registers as the 課長, checks, dashboard
# and findings as the 統括, CSV/XLSX downloads, pages without JavaScript) and saves full-page
# screenshots at 1366×768 and 768×1024 under build/screenshots/.
# Chromium, node or the npm packages missing is a failure (make deps installs them).
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

browser_ready
ok "chromium, node and playwright-core are installed"

# --- fixture: the demo organization and two sign-in users ----------------------------------
"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >init.out 2>&1 || {
    not_ok "init --demo"; head -5 init.out; exit 1; }
current="valid_from <= date('now', '+9 hours') AND (valid_to IS NULL OR valid_to >= date('now', '+9 hours'))"
# The 課長: holds only the ism role, for a 課 without sub-departments, with the most assets.
read -r ism_person ism_dept < <(sqlite3 -separator ' ' demo.db "
  SELECT r.person_id, r.scope_department_id FROM role_assignment r
   WHERE r.role = 'ism' AND r.scope_type = 'kashitsu' AND $current
     AND (SELECT COUNT(*) FROM role_assignment o WHERE o.person_id = r.person_id AND $current) = 1
     AND NOT EXISTS (SELECT 1 FROM department c WHERE c.parent_id = r.scope_department_id)
   ORDER BY (SELECT COUNT(*) FROM asset a WHERE a.department_id = r.scope_department_id) DESC,
            r.person_id LIMIT 1")
tk_person=$(sqlite3 demo.db "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' AND $current ORDER BY person_id LIMIT 1")
# An asset of another 課 that the 課長 neither manages nor reaches.
other_asset=$(sqlite3 demo.db "SELECT id FROM asset WHERE department_id <> '$ism_dept'
   AND (manager_id IS NULL OR manager_id <> '$ism_person') ORDER BY id LIMIT 1")
check "demo has a 課長 ($ism_person, $ism_dept), the 統括 ($tk_person) and another 課's asset ($other_asset)" \
    test -n "$ism_person" -a -n "$ism_dept" -a -n "$tk_person" -a -n "$other_asset"
pw_ism=$("$MAMORI" --db demo.db user add kacho --person "$ism_person" | sed -n 's/^初期パスワード: //p')
pw_tk=$("$MAMORI" --db demo.db user add toukatsu --person "$tk_person" | sed -n 's/^初期パスワード: //p')
check "two users with initial passwords" test -n "$pw_ism" -a -n "$pw_tk"

# --- the server ------------------------------------------------------------------------------
# The server on a free port (another one when the port was taken meanwhile).
web_serve demo.db "server starts" 1

# --- the browser -----------------------------------------------------------------------------
shots="$MAMORI_ROOT/build/screenshots"
mkdir -p "$shots"
export MB_BASE="$base" MB_CHROMIUM="$chromium" MB_SHOTS="$shots" MB_WORK="$PWD"
export MB_ISM_LOGIN=kacho MB_ISM_PASSWORD="$pw_ism" MB_ISM_DEPT="$ism_dept" MB_ISM_PERSON="$ism_person"
export MB_TK_LOGIN=toukatsu MB_TK_PASSWORD="$pw_tk" MB_OTHER_ASSET="$other_asset"
export MB_ISM_ASSETS=$(sqlite3 demo.db "SELECT COUNT(*) FROM asset WHERE department_id = '$ism_dept' OR manager_id = '$ism_person'")
# The downloads filter on a class with more assets than one page shows (the file holds them all).
export MB_CLASS=3B
export MB_CLASS_ASSETS=$(sqlite3 demo.db "SELECT COUNT(*) FROM asset WHERE confidentiality = '$MB_CLASS'")
timeout 170 node "$browser_dir/run.mjs" >run.out 2>run.err
st=$?
cat run.out
if [ "$st" -ne 0 ]; then
    not_ok "run.mjs finished (exit $st)"
    sed 's/^/#   /' run.err | tail -30
fi
grep -q '^ok ' run.out || not_ok "run.mjs reported no result"

kill -TERM "$spid"
for _ in $(seq 1 50); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
if grep -qiE 'AddressSanitizer|runtime error' s.err; then
    not_ok "server ran clean under the sanitizers"; grep -iE -A5 'AddressSanitizer|runtime error' s.err | head -30
fi
