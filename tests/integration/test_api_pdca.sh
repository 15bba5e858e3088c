#!/bin/bash
# test_api_pdca.sh — the JSON API of 研修, 自己点検, 監査 and the annual report with API tokens:
# the list envelope and counts against SQL, refusals outside the user's reach (403), the error
# object for bad input (422 with fields for the CSV import, all or nothing), answering,
# submitting and reviewing an assessment, and the report files.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

q() { sqlite3 -batch -noheader d.db "PRAGMA busy_timeout=5000; $1" | tail -n +2; }
# api WHO METHOD PATH OUT [curl options…] : prints the status
api() {
    local who=$1 m=$2 path=$3 out=$4; shift 4
    curl -s --max-time 60 -X "$m" -o "$out" -D "$out.h" -w '%{http_code}' \
        -H "Authorization: Bearer ${T[$who]}" "$@" "$base$path"
}
jq_() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

today=$(TZ=Asia/Tokyo date +%F)
nendo=$(python3 -c "import sys; y,m=map(int,sys.argv[1].split('-')[:2]); print(y if m>=4 else y-1)" "$today")
"$MAMORI" --db d.db init --demo --reference-date "$today" >/dev/null 2>init.err || { not_ok "demo init"; cat init.err; exit 0; }
SM=$(q "SELECT a.person_id FROM role_assignment a JOIN role_assignment b ON b.person_id = a.person_id
        AND b.role = 'sysm' WHERE a.role = 'ism' ORDER BY a.person_id LIMIT 1")
SYS=$(q "SELECT scope_system_id FROM role_assignment WHERE role = 'sysm' AND person_id = '$SM' LIMIT 1")
declare -A T
for u in tk:E00004 ka:E00005 sm:$SM st:E00006 ci:E00002; do
    T[${u%%:*}]=$(api_token d.db "${u%%:*}" "${u#*:}")
done
check "tokens for the 統括, 課長, システム管理者 ($SM), staff and CISO" test -n "${T[tk]}" -a -n "${T[sm]}" -a -n "${T[st]}"

web_serve d.db

# --- 研修 ----------------------------------------------------------------------------------------
is "no token is 401" "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/training")" 401
is "GET /api/v1/training as the 統括" "$(api tk GET "/api/v1/training?nendo=$nendo" t.json)" 200
is "JSON type" "$(tr -d '\r' <t.json.h | sed -n 's/^[Cc]ontent-[Tt]ype: //p')" "application/json; charset=utf-8"
is "total = the courses of the 年度" "$(jq_ t.json "d['total']")" "$(q "SELECT COUNT(*) FROM training_course WHERE fiscal_year = $nendo")"
is "items match total" "$(jq_ t.json "len(d['items'])")" "$(jq_ t.json "d['total']")"
POP="p.status = 'active' AND p.employment <> 'contractor'"
DONE="EXISTS (SELECT 1 FROM training_attendance ta JOIN training_course c ON c.id = ta.course_id
      WHERE ta.person_id = p.id AND c.fiscal_year = $nendo AND ((c.mandatory = 1 AND c.kind = 'general') OR c.kind = 'new_staff'))"
is "the whole-body rate row" "$(jq_ t.json "[(r['staff'], r['completed']) for r in d['rates'] if r['department_id'] is None][0]")" \
    "($(q "SELECT COUNT(*) FROM person p WHERE $POP"), $(q "SELECT COUNT(*) FROM person p WHERE $POP AND $DONE"))"
is "the untrained list" "$(jq_ t.json "len(d['missing'])")" "$(q "SELECT COUNT(*) FROM person p WHERE $POP AND NOT $DONE")"
api ka GET "/api/v1/training?nendo=$nendo" tk.json >/dev/null
is "the 課長 gets no whole-body row" "$(jq_ tk.json "len([r for r in d['rates'] if r['department_id'] is None])")" 0
is "the 課長's rate rows are their 課" "$(jq_ tk.json "sorted(set(r['department_id'] for r in d['rates']))")" "['ka0101']"

mapfile -t pairs < <(q "SELECT c.id || ',' || p.id FROM training_course c, person p WHERE c.fiscal_year = $nendo
    AND $POP AND NOT EXISTS (SELECT 1 FROM training_attendance ta WHERE ta.person_id = p.id
    AND ta.course_id = c.id) ORDER BY c.id, p.id LIMIT 2")
before=$(q "SELECT COUNT(*) FROM training_attendance")
printf '研修ID,職員ID,修了日\n%s,%s\nnocourse,E00001,%s\n' "${pairs[0]}" "$today" "$today" >bad.csv
is "the 課長 may not import" "$(api ka POST /api/v1/training/import r.json -H 'Content-Type: text/csv' --data-binary @bad.csv)" 403
is "a CSV with an error is 422" "$(api tk POST /api/v1/training/import r.json -H 'Content-Type: text/csv' --data-binary @bad.csv)" 422
is "the error names the line" "$(jq_ r.json "d['error']['fields'][0]['field']")" "web:3"
is "the error code" "$(jq_ r.json "d['error']['code']")" invalid
is "nothing was imported" "$(q "SELECT COUNT(*) FROM training_attendance")" "$before"
printf '研修ID,職員ID,修了日\n%s,%s\n%s,%s\n' "${pairs[0]}" "$today" "${pairs[1]}" "$today" >good.csv
is "a correct CSV is imported" "$(api tk POST /api/v1/training/import r.json -H 'Content-Type: text/csv' --data-binary @good.csv)" 200
is "added 2, skipped 0" "$(jq_ r.json "(d['added'], d['skipped'])")" "(2, 0)"
is "an upload (multipart/form-data, field file) is read too" "$(api tk POST /api/v1/training/import r.json -F "file=@good.csv;type=text/csv"; jq_ r.json "(d['added'], d['skipped'])")" "200(0, 2)"
is "a multipart body without the file is 400" "$(api tk POST /api/v1/training/import r.json -F "other=@good.csv")" 400
is "the same file again is skipped" "$(api tk POST /api/v1/training/import r.json -H 'Content-Type: text/csv' --data-binary @good.csv; jq_ r.json "(d['added'], d['skipped'])")" "200(0, 2)"

# --- 自己点検 -------------------------------------------------------------------------------------
is "staff get 403" "$(api st GET /api/v1/assessments r.json)" 403
is "the error object" "$(jq_ r.json "(d['error']['status'], d['error']['code'])")" "(403, 'forbidden')"
CUR="campaign_id = (SELECT id FROM assessment_campaign WHERE fiscal_year = $nendo)"
is "the 統括 lists every assessment of the 年度" "$(api tk GET "/api/v1/assessments?nendo=$nendo" a.json; jq_ a.json "d['total']")" "200$(q "SELECT COUNT(*) FROM assessment WHERE $CUR")"
sm_n=$(q "SELECT COUNT(*) FROM assessment a WHERE a.$CUR AND (a.system_id IN (SELECT scope_system_id FROM role_assignment
    WHERE person_id = '$SM' AND role = 'sysm') OR (a.target_kind = 'bukyoku' AND a.department_id = (SELECT d.parent_id
    FROM role_assignment r JOIN department d ON d.id = r.scope_department_id WHERE r.person_id = '$SM' AND r.role = 'ism'))
    OR a.system_id IN (SELECT s.id FROM system s JOIN role_assignment r ON r.scope_department_id = s.department_id
    WHERE r.person_id = '$SM' AND r.role = 'ism'))")
is "the システム管理者 lists their own" "$(api sm GET "/api/v1/assessments?nendo=$nendo" a.json; jq_ a.json "d['total']")" "200$sm_n"
sa=$(q "SELECT id FROM assessment WHERE $CUR AND target_kind = 'system' AND target_id = '$SYS'")
other=$(q "SELECT id FROM assessment WHERE $CUR AND target_kind = 'bukyoku' AND target_id <> 'bu01'
    AND department_id NOT IN (SELECT d.parent_id FROM department d JOIN role_assignment r ON r.scope_department_id = d.id
    WHERE r.person_id = '$SM') LIMIT 1")
is "another 部局's assessment is 403" "$(api sm GET "/api/v1/assessments/$other" r.json)" 403
is "an unknown one is 404" "$(api tk GET /api/v1/assessments/999999 r.json)" 404
is "the system's assessment" "$(api sm GET "/api/v1/assessments/$sa" s.json)" 200
is "its questions" "$(jq_ s.json "len(d['questions'])")" "$(q "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = $sa")"
is "a question carries its clause and answer fields" "$(jq_ s.json "sorted(k for k in d['questions'][0] if k in ('clause_id','answer','comment','auto_findings'))")" "['answer', 'auto_findings', 'clause_id', 'comment']"
args=()
for id in $(q "SELECT id FROM assessment_question WHERE assessment_id = $sa"); do args+=(--data "a$id=done"); done
q1=$(q "SELECT id FROM assessment_question WHERE assessment_id = $sa ORDER BY id LIMIT 1")
is "a bad answer code is 422" "$(api sm POST "/api/v1/assessments/$sa/answers" r.json --data "a$q1=maybe")" 422
printf 'log\n' >ev.txt
is "an evidence file through the API" "$(api sm POST "/api/v1/assessments/$sa/evidence" r.json -F "question=$q1" -F "file=@ev.txt;filename=log.txt"; jq_ r.json "(d['file_name'], d['size'])")" "201('log.txt', 4)"
eid=$(jq_ r.json "d['id']")
is "and back" "$(api sm GET "/api/v1/assessments/$sa/evidence/$eid" ev.out; cat ev.out)" "200log"
is "staff may not read it" "$(api st GET "/api/v1/assessments/$sa/evidence/$eid" r.json)" 403
is "submitting with unanswered questions is 409" "$(api sm POST "/api/v1/assessments/$sa/submit" r.json --data improvement=x)" 409
is "every answer through the API" "$(api sm POST "/api/v1/assessments/$sa/answers" r.json "${args[@]}")" 200
is "all answered by the システム管理者" "$(q "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = $sa AND answered_by = '$SM'")" "$(q "SELECT COUNT(*) FROM assessment_question WHERE assessment_id = $sa")"
is "submitted" "$(api sm POST "/api/v1/assessments/$sa/submit" r.json --data-urlencode "improvement=手順の見直し"; jq_ r.json "d['result']")" "200submitted"
is "the submitter cannot review" "$(api sm POST "/api/v1/assessments/$sa/review" r.json --data decision=accept)" 409
is "a return without a comment is 422" "$(api tk POST "/api/v1/assessments/$sa/review" r.json --data decision=return)" 422
is "the 統括 returns it with a comment" "$(api tk POST "/api/v1/assessments/$sa/review" r.json --data decision=return --data-urlencode "comment=根拠を添付してください")" 200
is "the status is returned" "$(api tk GET "/api/v1/assessments/$sa" s.json; jq_ s.json "(d['status'], d['reviews'][-1]['comment'])")" "200('returned', '根拠を添付してください')"

# --- 監査 ----------------------------------------------------------------------------------------
is "staff get 403 on audits" "$(api st GET /api/v1/audits r.json)" 403
is "the CISO lists the plans of the 年度" "$(api ci GET "/api/v1/audits?nendo=$nendo" r.json; jq_ r.json "d['total']")" "200$(q "SELECT COUNT(*) FROM audit_plan WHERE fiscal_year = $nendo")"
plan=$(q "SELECT id FROM audit_plan WHERE fiscal_year = $nendo ORDER BY id LIMIT 1")
if [ -n "$plan" ]; then
    is "one plan with its findings" "$(api ci GET "/api/v1/audits/$plan" r.json; jq_ r.json "len(d['findings'])")" "200$(q "SELECT COUNT(*) FROM audit_finding WHERE plan_id = '$plan'")"
fi
is "an unknown plan is 404" "$(api ci GET /api/v1/audits/NOPE r.json)" 404
CHIEF=$(q "SELECT person_id FROM role_assignment WHERE role = 'audit_chief' LIMIT 1")
"$MAMORI" --db d.db user add ch --person "$CHIEF" >/dev/null
T[ch]=$(api_token d.db ch)
is "the 監査統括 drafts a plan through the API" "$(api ch POST /api/v1/audits r.json --data "id=API-1&title=API監査&kind=internal&starts_on=$today&ends_on=$today"; jq_ r.json "d['id']")" "201API-1"
is "a step through the API" "$(api ch POST /api/v1/audits/API-1/scope r.json --data "kind=department&target=bu01"; jq_ r.json "d['result']")" "200done"
is "a refused step is 409 with the reason" "$(api ch POST /api/v1/audits/API-1/team r.json --data "person=E00005"; jq_ r.json "d['error']['code']")" "409conflict"
is "the 課長 may not add scope (the engine refuses: not the 監査統括)" "$(api ka POST /api/v1/audits/API-1/scope r.json --data "kind=department&target=bu02")" 409
is "staff may not add scope" "$(api st POST /api/v1/audits/API-1/scope r.json --data "kind=department&target=bu02")" 403

# --- 報告書 --------------------------------------------------------------------------------------
is "the 課長 may not get the annual report" "$(api ka GET "/api/v1/reports/annual?nendo=$nendo&format=pdf" r.bin)" 403
is "the CISO gets the PDF" "$(api ci GET "/api/v1/reports/annual?nendo=$nendo&format=pdf" r.pdf; head -c 4 r.pdf)" "200%PDF"
is "and the XLSX" "$(api ci GET "/api/v1/reports/annual?nendo=$nendo&format=xlsx" r.xlsx; head -c 2 r.xlsx)" "200PK"
is "a bad format is 422" "$(api ci GET "/api/v1/reports/annual?nendo=$nendo&format=odt" r.json; jq_ r.json "d['error']['code']")" "422invalid"
