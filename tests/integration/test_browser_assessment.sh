#!/bin/bash
# test_browser_assessment.sh — a self-assessment answered and submitted in a real browser
# (tests/browser/assessment.mjs: Debian's Chromium through playwright-core). The demo
# organization, a 課長 who is also the 情報システム管理者 of a system, and the 統括 as the
# reviewer; the database is checked afterwards. Screenshots: build/screenshots/pdca-*.png.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

browser_ready

today=$(TZ=Asia/Tokyo date +%F)
"$MAMORI" --db demo.db init --demo --reference-date "$today" >init.out 2>&1 || { not_ok "init --demo"; head -5 init.out; exit 1; }
q() { sqlite3 -batch -noheader demo.db "PRAGMA busy_timeout=5000; $1" | tail -n +2; }
nendo=$(python3 -c "import sys; y,m=map(int,sys.argv[1].split('-')[:2]); print(y if m>=4 else y-1)" "$today")
# The 課長: 情報セキュリティ管理者 and 情報システム管理者 of a system whose assessment is open.
read -r person sys aid < <(q "SELECT a.person_id, b.scope_system_id, x.id FROM role_assignment a
    JOIN role_assignment b ON b.person_id = a.person_id AND b.role = 'sysm'
    JOIN assessment x ON x.target_kind = 'system' AND x.target_id = b.scope_system_id AND x.status = 'open'
    JOIN assessment_campaign c ON c.id = x.campaign_id AND c.fiscal_year = $nendo
    WHERE a.role = 'ism' ORDER BY a.person_id LIMIT 1" | tr '|' ' ')
tk=$(q "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' ORDER BY person_id LIMIT 1")
plan=$(q "SELECT id FROM audit_plan ORDER BY id LIMIT 1")
check "a 課長 with a system ($person, $sys, assessment $aid), the 統括 ($tk) and an audit plan ($plan)" \
    test -n "$person" -a -n "$aid" -a -n "$tk" -a -n "$plan"
pw_k=$("$MAMORI" --db demo.db user add kacho --person "$person" | sed -n 's/^初期パスワード: //p')
pw_t=$("$MAMORI" --db demo.db user add toukatsu --person "$tk" | sed -n 's/^初期パスワード: //p')

# The server on a free port (another one when the port was taken meanwhile).
web_serve demo.db "server starts" 1

shots="$MAMORI_ROOT/build/screenshots"
mkdir -p "$shots"
export MB_BASE="$base" MB_CHROMIUM="$chromium" MB_SHOTS="$shots"
export MB_ISM_LOGIN=kacho MB_ISM_PASSWORD="$pw_k" MB_TK_LOGIN=toukatsu MB_TK_PASSWORD="$pw_t"
export MB_ASSESSMENT="$aid" MB_AUDIT_PLAN="$plan"
export MB_QUESTIONS=$(q "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = $aid")
timeout 170 node "$browser_dir/assessment.mjs" >run.out 2>run.err
st=$?
cat run.out
[ "$st" -eq 0 ] || { not_ok "assessment.mjs finished (exit $st)"; sed 's/^/#   /' run.err | tail -20; }

check "the assessment is submitted in the database" test "$(q "SELECT status FROM assessment WHERE id = $aid")" = submitted
check "every answer is the 課長's" test "$(q "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = $aid AND answered_by = '$person'")" = "$MB_QUESTIONS"
check "the first question was answered 一部実施 with a comment" test "$(q "SELECT answer || '|' || comment FROM assessment_question WHERE assessment_id = $aid ORDER BY sort, role, id LIMIT 1")" = "partial|手順書を改訂中"
check "the 改善策 is stored" test "$(q "SELECT improvement FROM assessment WHERE id = $aid")" = "手順書の改訂を年度内に終える"
for n in training assessments assessment audit reports; do
    check "screenshot pdca-$n.png" test -s "$shots/pdca-$n.png"
done
kill -TERM "$spid"
