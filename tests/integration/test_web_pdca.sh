#!/bin/bash
# test_web_pdca.sh — the pages of 研修 (/training), 自己点検 (/assessments), 監査 (/audits) and
# 報告書 (/reports) on the demo organization: counts against SQL, refusals outside the user's
# reach, validation messages, the CSV import all-or-nothing, a self-assessment answered,
# submitted and reviewed, an audit from plan to verified closure, and the annual report as PDF
# and XLSX.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

REQ_TIMEOUT=60  # report downloads may take long
header_of() { tr -d '\r' <"$1.h" | sed -n "s/^$2: //Ip" | head -1; }
q() { sqlite3 -batch -noheader d.db "PRAGMA busy_timeout=5000; $1" | tail -n +2; }

# session LOGIN PASSWORD : first sign-in (password change, TOTP enrolment); prints the cookie
session() { web_first_signin "$1" "$2" "${1^}-Pass-word-2026!"; }

today=$(TZ=Asia/Tokyo date +%F)
nendo=$(python3 -c "import sys; y,m=map(int,sys.argv[1].split('-')[:2]); print(y if m>=4 else y-1)" "$today")
"$MAMORI" --db d.db init --demo --reference-date "$today" >/dev/null 2>init.err || { not_ok "demo init"; cat init.err; exit 0; }
"$MAMORI" --db d.db check -o /dev/null >/dev/null 2>&1

# The people: 統括 (E00004, also 責任者 of bu01), a 課長 of bu01 (管理者, E00005), a 課長 who is
# also 情報システム管理者 (SM), a member of staff without a role (E00006), the CISO (E00002), the
# 監査統括責任者, a committee member with no other role, and an auditor outside bu01.
SM=$(q "SELECT a.person_id FROM role_assignment a JOIN role_assignment b ON b.person_id = a.person_id
        AND b.role = 'sysm' WHERE a.role = 'ism' ORDER BY a.person_id LIMIT 1")
SYS=$(q "SELECT scope_system_id FROM role_assignment WHERE role = 'sysm' AND person_id = '$SM' LIMIT 1")
CHIEF=$(q "SELECT person_id FROM role_assignment WHERE role = 'audit_chief' LIMIT 1")
COMM=$(q "SELECT r.person_id FROM role_assignment r WHERE r.role = 'committee' AND NOT EXISTS
        (SELECT 1 FROM role_assignment x WHERE x.person_id = r.person_id AND x.role <> 'committee') LIMIT 1")
AUD=$(q "SELECT p.id FROM person p JOIN department d ON d.id = p.department_id WHERE p.status = 'active'
        AND p.employment = 'regular' AND d.parent_id <> 'bu01' AND d.id <> 'bu01'
        AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id) ORDER BY p.id LIMIT 1")
declare -A PW C
for u in tk:E00004 ka:E00005 sm:$SM st:E00006 ci:E00002 ch:$CHIEF cm:$COMM; do
    PW[${u%%:*}]=$("$MAMORI" --db d.db user add "${u%%:*}" --person "${u#*:}" | sed -n 's/^初期パスワード: //p')
done
check "users for the 統括, 課長, システム管理者, staff, CISO, 監査統括 and 委員 ($SM $SYS $CHIEF $COMM $AUD)" \
    test -n "${PW[tk]}" -a -n "${PW[sm]}" -a -n "${PW[ch]}" -a -n "${PW[cm]}" -a -n "$AUD"

web_serve d.db
for u in tk ka sm st ci ch cm; do C[$u]=$(session "$u" "${PW[$u]}"); done
check "everyone signs in" test -n "${C[tk]}" -a -n "${C[ka]}" -a -n "${C[sm]}" -a -n "${C[st]}" -a -n "${C[ci]}" -a -n "${C[ch]}" -a -n "${C[cm]}"
H() { echo "Cookie: mamori_session=${C[$1]}"; }
get() { req GET "$2" "$3" -H "$(H "$1")"; }
# post WHO PATH OUT FIELDS… : a form POST with the CSRF token of WHO's last page
post() {
    local who=$1 path=$2 out=$3; shift 3
    get "$who" / tok.html >/dev/null
    local a=(--data-urlencode "csrf=$(csrf_of tok.html)")
    for f in "$@"; do a+=(--data-urlencode "$f"); done
    req POST "$path" "$out" -H "$(H "$who")" "${a[@]}"
}

# --- 研修 ---------------------------------------------------------------------------------------
is "the menu offers 研修 to staff" "$(get st / m.html; grep -c 'href="/training"' m.html)" "2001"
is "/training for the 統括" "$(get tk "/training?nendo=$nendo" t.html)" 200
courses=$(q "SELECT COUNT(*) FROM training_course WHERE fiscal_year = $nendo")
is "every course of the 年度 is listed" "$(grep -c 'href="/r/training/' t.html)" "$courses"
contains t.html '<svg' "the rate has a bar chart"
contains t.html '部局別の修了率' "the chart is named"
POP="p.status = 'active' AND p.employment <> 'contractor'"
DONE="EXISTS (SELECT 1 FROM training_attendance ta JOIN training_course c ON c.id = ta.course_id
      WHERE ta.person_id = p.id AND c.fiscal_year = $nendo AND ((c.mandatory = 1 AND c.kind = 'general') OR c.kind = 'new_staff'))"
missing=$(q "SELECT COUNT(*) FROM person p WHERE $POP AND NOT $DONE")
is "the 統括 sees every person not yet trained" "$(sed -n 's/.*未修了者: \([0-9]*\) 人.*/\1/p' t.html)" "$missing"
staff=$(q "SELECT COUNT(*) FROM person p WHERE $POP")
done_n=$(q "SELECT COUNT(*) FROM person p WHERE $POP AND $DONE")
pct=$(( (done_n * 1000 / staff + 5) / 10 ))
contains t.html "<tr class=\"total\"><th scope=\"row\">全体</th><td class=\"num\">$staff</td><td class=\"num\">$done_n</td><td class=\"num\">$pct%</td>" "the total row matches SQL ($done_n / $staff)"
contains t.html 'action="/training/import"' "the 統括 gets the import form"
is "/training for the 課長" "$(get ka "/training?nendo=$nendo" tk.html)" 200
ka_missing=$(q "SELECT COUNT(*) FROM person p WHERE $POP AND NOT $DONE AND p.department_id = 'ka0101'")
is "the 課長 sees the untrained of their 課" "$(sed -n 's/.*未修了者: \([0-9]*\) 人.*/\1/p' tk.html)" "$ka_missing"
if grep -q 'action="/training/import"' tk.html; then not_ok "no import form for the 課長"; else ok "no import form for the 課長"; fi
is "/training for staff" "$(get st "/training?nendo=$nendo" ts.html)" 200
st_missing=$(q "SELECT COUNT(*) FROM person p WHERE $POP AND NOT $DONE AND p.id = 'E00006'")
is "staff see only themselves" "$(sed -n 's/.*未修了者: \([0-9]*\) 人.*/\1/p' ts.html)" "$st_missing"

course=$(q "SELECT id FROM training_course WHERE fiscal_year = $nendo AND kind = 'general' AND mandatory = 1 LIMIT 1")
# two (course, person) pairs with no record yet
mapfile -t pairs < <(q "SELECT c.id || ',' || p.id FROM training_course c, person p WHERE c.fiscal_year = $nendo
    AND $POP AND NOT EXISTS (SELECT 1 FROM training_attendance ta WHERE ta.person_id = p.id
    AND ta.course_id = c.id) ORDER BY c.id, p.id LIMIT 2")
untrained=("${pairs[0]#*,}" "${pairs[1]#*,}")
before=$(q "SELECT COUNT(*) FROM training_attendance")
is "the 課長 may not import" "$(post ka /training/import r.html "csv=研修ID,職員ID,修了日
$course,${untrained[0]},$today")" 403
bad="研修ID,職員ID,修了日
$course,${untrained[0]},$today
$course,NOBODY,$today
$course,${untrained[1]},2026-13-40"
is "a CSV with errors is refused (422)" "$(post tk /training/import r.html "csv=$bad")" 422
contains r.html 'web:3' "the unknown person's line is named"
contains r.html 'web:4' "the bad date's line is named"
contains r.html '何も取り込みませんでした' "the page says nothing was imported"
is "nothing was imported" "$(q "SELECT COUNT(*) FROM training_attendance")" "$before"
good="研修ID,職員ID,修了日
${pairs[0]},$today
${pairs[1]},$today"
is "a correct CSV is imported (303)" "$(post tk /training/import imp.html "csv=$good")" 303
is "two records were added" "$(q "SELECT COUNT(*) FROM training_attendance")" "$((before + 2))"
is "the records say where they came from" "$(q "SELECT COUNT(*) FROM training_attendance_detail WHERE person_id IN ('${untrained[0]}', '${untrained[1]}') AND source LIKE '%web%'")" 2
is "the change log has them" "$(q "SELECT COUNT(*) FROM audit_log WHERE actor = 'user:tk' AND entity_type = 'training_attendance'")" 2
printf '%s\n' "$good" >good.csv
get tk / tok.html >/dev/null
is "a file upload (multipart, token in X-CSRF-Token) is read too" "$(req POST /training/import r.html -H "$(H tk)" -H "X-CSRF-Token: $(csrf_of tok.html)" -F "file=@good.csv;type=text/csv")" 303
contains t.html 'enctype="multipart/form-data"' "the 統括's import form uploads a file"
is "the upload form as a browser sends it (csrf as a part of the body) is read" "$(req POST "/training/import?nendo=$nendo" r.html -H "$(H tk)" -F "csrf=$(csrf_of tok.html)" -F "file=@good.csv;type=text/csv")" 303
is "a multipart body without the file is a 400" "$(req POST /training/import r.html -H "$(H tk)" -H "X-CSRF-Token: $(csrf_of tok.html)" -F "other=@good.csv")" 400
is "an empty paste is a 400" "$(post tk /training/import r.html "csv=")" 400
is "a POST without the CSRF token is refused" "$(req POST /training/import r.html -H "$(H tk)" --data-urlencode "csv=$good")" 403

# --- 自己点検 -------------------------------------------------------------------------------------
is "staff get no 自己点検" "$(get st /assessments r.html)" 403
next=$((nendo + 1))
is "before the next 年度's campaign the 統括 sees the form" "$(get tk "/assessments?nendo=$next" a.html)" 200
contains a.html 'method="post" action="/assessments"' "the create form is offered"
is "the 課長 may not create the campaign" "$(post ka /assessments r.html "nendo=$next")" 403
is "a bad due date is a 422" "$(post tk /assessments r.html "nendo=$next" "due_on=2026-02-30")" 422
is "the 統括 creates the next 年度's campaign (303)" "$(post tk /assessments r.html "nendo=$next" "due_on=$((next + 1))-01-31" carry=1)" 303
is "a second campaign for the same 年度 is refused (409)" "$(post tk /assessments r.html "nendo=$next")" 409
n_bu=$(q "SELECT COUNT(*) FROM department WHERE level = 'bukyoku'")
n_sys=$(q "SELECT COUNT(*) FROM system")
n_net=$(q "SELECT COUNT(*) FROM network_domain")
total=$(q "SELECT COUNT(*) FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id WHERE c.fiscal_year = $next")
is "one assessment per 部局, network and system" "$total" "$((n_bu + n_sys + n_net))"
total=$(q "SELECT COUNT(*) FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id WHERE c.fiscal_year = $nendo")
get tk "/assessments?nendo=$nendo" a.html >/dev/null
is "the 統括's list has every assessment" "$(grep -c '<tr><td><a href="/assessments/' a.html)" "$total"
contains a.html '部局ごとの進捗' "the progress table is shown"
bname=$(q "SELECT name FROM department WHERE id = 'bu01'")
b_n=$(q "SELECT COUNT(*) FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id WHERE c.fiscal_year = $nendo AND a.department_id = 'bu01'")
b_q=$(q "SELECT COUNT(*) FROM assessment_question q JOIN assessment a ON a.id = q.assessment_id JOIN assessment_campaign c ON c.id = a.campaign_id WHERE c.fiscal_year = $nendo AND a.department_id = 'bu01'")
b_a=$(q "SELECT COUNT(*) FROM assessment_question q JOIN assessment a ON a.id = q.assessment_id JOIN assessment_campaign c ON c.id = a.campaign_id WHERE c.fiscal_year = $nendo AND a.department_id = 'bu01' AND q.answer IS NOT NULL")
if grep -q "<tr><th scope=\"row\">$bname</th><td class=\"num\">$b_n</td>.*<td class=\"num\">$b_a / $b_q</td>" a.html; then
    ok "the progress of $bname matches SQL ($b_n assessments, $b_a / $b_q answered)"
else
    not_ok "the progress of $bname matches SQL ($b_n assessments, $b_a / $b_q answered)"; grep -o "<tr><th scope=\"row\">$bname</th>[^\n]*" a.html | head -2
fi
CUR="campaign_id = (SELECT id FROM assessment_campaign WHERE fiscal_year = $nendo)"
bu01=$(q "SELECT id FROM assessment WHERE $CUR AND target_kind = 'bukyoku' AND target_id = 'bu01'")
other=$(q "SELECT id FROM assessment WHERE $CUR AND target_kind = 'bukyoku' AND target_id <> 'bu01' LIMIT 1")
get ka "/assessments?nendo=$nendo" ak.html >/dev/null
ka_n=$(q "SELECT COUNT(*) FROM assessment a WHERE a.$CUR AND (a.department_id = 'bu01' AND a.target_kind = 'bukyoku'
          OR a.system_id IN (SELECT id FROM system WHERE department_id = 'ka0101'))")
is "the 課長 sees their 部局's assessment and their 課's systems" "$(grep -c '<tr><td><a href="/assessments/' ak.html)" "$ka_n"
is "the 課長 opens their 部局's assessment" "$(get ka "/assessments/$bu01" ab.html)" 200
is "another 部局's assessment is refused" "$(get ka "/assessments/$other" r.html)" 403
is "an unknown assessment is 404" "$(get tk /assessments/999999 r.html)" 404
qism=$(q "SELECT id FROM assessment_question WHERE assessment_id = $bu01 AND role = 'ism' ORDER BY sort LIMIT 1")
qisr=$(q "SELECT id FROM assessment_question WHERE assessment_id = $bu01 AND role = 'isr' ORDER BY sort LIMIT 1")
contains ab.html "name=\"a$qism\" value=\"done\"" "the 管理者's question has answer buttons"
if grep -q "name=\"a$qisr\" value=\"done\"[^>]*disabled" ab.html; then ok "the 責任者's question is read-only for the 課長"; else not_ok "the 責任者's question is read-only for the 課長"; fi
for l in 実施 一部実施 未実施 該当なし; do contains ab.html "> $l</label>" "answer button $l"; done
is "the 課長 answers a 管理者 question" "$(post ka "/assessments/$bu01/answers" r.html "a$qism=partial" "c$qism=手順書を改訂中")" 303
is "the answer is stored with the respondent" "$(q "SELECT answer || '|' || comment || '|' || answered_by FROM assessment_question WHERE id = $qism")" "partial|手順書を改訂中|E00005"
printf 'ミーティング記録\n' >ev.txt
get ka / tok.html >/dev/null
is "the 課長 attaches an evidence file (303)" "$(req POST "/assessments/$bu01/evidence" r.html -H "$(H ka)" -H "X-CSRF-Token: $(csrf_of tok.html)" -F "question=$qism" -F "file=@ev.txt;filename=議事録.txt")" 303
eid=$(q "SELECT id FROM pdca_evidence WHERE owner_kind = 'question' AND owner_id = $qism")
is "the file is stored with its size" "$(q "SELECT file_name || '|' || size FROM pdca_evidence WHERE id = $eid")" "議事録.txt|$(stat -c %s ev.txt)"
get ka "/assessments/$bu01" ab2.html >/dev/null
contains ab2.html "href=\"/assessments/$bu01/evidence/$eid\">議事録.txt</a>" "the question lists the file"
is "the file downloads" "$(get ka "/assessments/$bu01/evidence/$eid" dl.bin)" 200
check "with the same bytes" cmp -s dl.bin ev.txt
is "not through another assessment" "$(get tk "/assessments/$other/evidence/$eid" r.html)" 404
is "the 課長 cannot attach to the 責任者's question" "$(req POST "/assessments/$bu01/evidence" r.html -H "$(H ka)" -H "X-CSRF-Token: $(csrf_of tok.html)" -F "question=$qisr" -F "file=@ev.txt")" 409
is "an attachment without a file is a 422" "$(req POST "/assessments/$bu01/evidence" r.html -H "$(H ka)" -H "X-CSRF-Token: $(csrf_of tok.html)" -F "question=$qism")" 422
is "an unknown answer code is a 422" "$(post ka "/assessments/$bu01/answers" r.html "a$qism=maybe")" 422
is "the 課長 cannot answer the 責任者's question (409)" "$(post ka "/assessments/$bu01/answers" r.html "a$qisr=done")" 409
is "the 課長 cannot submit the 部局's assessment (409)" "$(post ka "/assessments/$bu01/submit" r.html improvement=x)" 409
is "the other 部局's assessment cannot be answered" "$(post ka "/assessments/$other/answers" r.html "a1=done")" 403

# The システム管理者 answers every question of their system's assessment, then submits.
sa=$(q "SELECT id FROM assessment WHERE $CUR AND target_kind = 'system' AND target_id = '$SYS'")
get sm "/assessments/$sa" as.html >/dev/null
mapfile -t qs < <(q "SELECT id FROM assessment_question WHERE assessment_id = $sa ORDER BY id")
is "every question of the system's assessment is on the page" "$(grep -c '<fieldset class="question"' as.html)" "${#qs[@]}"
fields=()
for id in "${qs[@]}"; do fields+=("a$id=done"); done
is "the システム管理者 saves every answer" "$(post sm "/assessments/$sa/answers" r.html "${fields[@]}")" 303
is "every question is answered by them" "$(q "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = $sa AND answered_by = '$SM'")" "${#qs[@]}"
is "the submission (303)" "$(post sm "/assessments/$sa/submit" r.html "improvement=手順を見直す")" 303
is "the assessment is submitted" "$(q "SELECT status FROM assessment WHERE id = $sa")" submitted
get tk "/assessments/$sa" rv.html >/dev/null
contains rv.html '提出済み（確認待ち）' "the reviewer sees it submitted"
contains rv.html "action=\"/assessments/$sa/review\"" "the reviewer gets the review form"
is "the CISO (read only on 自己点検) may not review" "$(post ci "/assessments/$sa/review" r.html decision=accept)" 403
is "a return without a comment is refused" "$(post tk "/assessments/$sa/review" r.html decision=return)" 422
is "the 統括 accepts (303)" "$(post tk "/assessments/$sa/review" r.html decision=accept "comment=確認しました")" 303
is "the assessment is accepted" "$(q "SELECT status FROM assessment WHERE id = $sa")" accepted

# --- 監査 ----------------------------------------------------------------------------------------
is "staff get no 監査" "$(get st /audits r.html)" 403
is "the 監査統括 sees the plans" "$(get ch "/audits?nendo=$nendo" r.html)" 200
contains r.html 'action="/audits"' "the plan form is offered to the 監査統括"
plan="AUD-$nendo-W1"
is "a plan without dates is a 422" "$(post ch /audits r.html "id=$plan" "title=情報資産管理の監査" kind=internal)" 422
is "the 課長 (監査 write only in their reach) may not draft a plan" "$(post ka /audits r.html "id=X1" "title=x" kind=internal "starts_on=$today" "ends_on=$today")" 403
is "staff may not draft a plan" "$(post st /audits r.html "id=X1" "title=x" kind=internal "starts_on=$today" "ends_on=$today")" 403
is "a plan id with a slash is a 422" "$(post ch /audits r.html "id=a/b" "title=x" kind=internal "starts_on=$today" "ends_on=$today")" 422
is "the 監査統括 drafts a plan (303)" "$(post ch /audits r.html "id=$plan" "title=情報資産管理の監査" kind=internal "starts_on=$today" "ends_on=$((nendo + 1))-03-31" "items=台帳と持出し")" 303
is "the scope bu01 is added" "$(post ch "/audits/$plan/scope" r.html kind=department target=bu01)" 303
is "the 課長 of bu01 is refused as not independent (409)" "$(post ch "/audits/$plan/team" r.html person=E00005)" 409
contains r.html '独立' "the refusal gives the reason"
get ch "/audits/$plan?candidate=E00005" r.html >/dev/null
contains r.html 'E00005 は独立していません' "the independence check shows the reasons beforehand"
is "an independent auditor joins (303)" "$(post ch "/audits/$plan/team" r.html "person=$AUD" lead=1)" 303
is "staff may not record the approval" "$(post st "/audits/$plan/approve" r.html "approved_on=$today")" 403
is "the committee member approves (303)" "$(post cm "/audits/$plan/approve" r.html "approved_on=$today" "ref=第3回委員会")" 303
is "the plan is approved" "$(q "SELECT status FROM audit_plan WHERE id = '$plan'")" approved
"$MAMORI" --db d.db user add au --person "$AUD" >au.out
C[au]=$(session au "$(sed -n 's/^初期パスワード: //p' au.out)")
clause=$(q "SELECT clause_id FROM assessment_question WHERE assessment_id = $bu01 AND role = 'ism' ORDER BY sort LIMIT 1")
is "the auditor records a finding (303)" "$(post au "/audits/$plan/finding" r.html scope_kind=department target_id=bu01 severity=high "clause_id=$clause" "title=持出しの記録漏れ" "detail=台帳と一致しない")" 303
fid=$(q "SELECT id FROM audit_finding WHERE plan_id = '$plan'")
is "staff may not record a finding" "$(post st "/audits/$plan/finding" r.html scope_kind=department)" 403
is "the CISO instructs an 改善計画 to the 課長… of the 部局 (303 or 409)" "$(post ci "/audits/$plan/improve" r.html "finding=$fid" owner=E00005 "actions=台帳を照合する" "due_on=$((nendo + 1))-03-31")" 303
ip=$(q "SELECT id FROM improvement_plan WHERE finding_id = $fid")
is "the owner reports completion (303)" "$(post ka "/audits/$plan/progress" r.html "plan=$ip" percent=100 "summary=照合を終えた")" 303
is "the auditor verifies closure (303)" "$(post au "/audits/$plan/verify" r.html "plan=$ip" closed=1)" 303
is "the finding is verified" "$(q "SELECT status FROM audit_finding WHERE id = $fid")" verified
is "the 課長 reads the plan about their 部局" "$(get ka "/audits/$plan" r.html)" 200
contains r.html '持出しの記録漏れ' "the finding is shown with its title"
contains r.html "$clause" "and its clause"
contains r.html "href=\"?similar=$fid\">他の部署でも探す</a>" "each finding links to the search in other units"
is "the similar search answers" "$(get ci "/audits/$plan?similar=$fid" r.html)" 200
contains r.html '他の部署でも同じ指摘を探す' "the search is offered"
contains r.html "指摘 $fid と同じ条項" "the search result table is shown"
is "an unknown plan is 404" "$(get ci /audits/NOPLAN r.html)" 404
is "an unknown step is 404" "$(post ch "/audits/$plan/explode" r.html)" 404

# --- 報告書 --------------------------------------------------------------------------------------
is "staff get no 報告書" "$(get st /reports r.html)" 403
is "the 課長 gets no 報告書" "$(get ka /reports r.html)" 403
is "the CISO opens 報告書" "$(get ci "/reports?nendo=$nendo" r.html)" 200
contains r.html "format=pdf" "a PDF link"
is "the annual report as PDF" "$(get ci "/reports/annual?nendo=$nendo&format=pdf" an.pdf)" 200
is "PDF type" "$(header_of an.pdf Content-Type)" application/pdf
is "PDF starts with %PDF" "$(head -c 4 an.pdf)" "%PDF"
case "$(header_of an.pdf Content-Disposition)" in attachment*) ok "the PDF is an attachment";; *) not_ok "the PDF is an attachment";; esac
if command -v pdffonts >/dev/null; then
    if pdffonts an.pdf | grep -Eq 'IPAex|Noto'; then ok "a Japanese font is embedded"; else not_ok "a Japanese font is embedded"; fi
fi
is "the annual report as XLSX" "$(get ci "/reports/annual?nendo=$nendo&format=xlsx" an.xlsx)" 200
is "XLSX is a zip" "$(head -c 2 an.xlsx)" "PK"
sheets=$(python3 -c "import zipfile,sys; print(sum(1 for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith('xl/worksheets/sheet')))" an.xlsx)
is "one sheet per section (10) and per 部局 ($n_bu)" "$sheets" "$((10 + n_bu))"
python3 - an.xlsx <<'PY' >x.txt
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(z.read('xl/workbook.xml').decode())
print(z.read('xl/sharedStrings.xml').decode() if 'xl/sharedStrings.xml' in z.namelist() else '')
PY
contains x.txt '自己点検' "a sheet for the self-assessment"
contains x.txt '令和' "dates in 和暦"
is "a bad format is a 400" "$(get ci "/reports/annual?nendo=$nendo&format=doc" r.html)" 400
