#!/bin/bash
# test_web_incidents.sh — インシデント in the browser (HTML pages, forms with CSRF) on the demo
# body: a member of staff reports, the report reaches the 課's 情報セキュリティ管理者 and the
# CSIRT (visible on the page and in their list), the ism acknowledges, a CSIRT member triages,
# containment before evidence is refused with the engine's message, an overdue step (time set in
# SQL) is shown, staff of another 課 get 403 (page and PDF), unknown ids 404, the PDF downloads
# with Japanese text, the 緊急連絡網 is for role holders only, and each change is in the log.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

header() { tr -d '\r' <"$1.h" | grep -i "^$2:" | sed 's/^[^:]*: //'; }
lacks() { if grep -qF -- "$2" "$1"; then not_ok "$3"; else ok "$3"; fi; }

# signin LOGIN PASSWORD : first sign-in (password change, TOTP enrolment for role holders);
# prints the session cookie of the finished sign-in.
signin() { web_first_signin "$1" "$2" "Incident-pass-2026-$1"; }

"$MAMORI" --db t.db init --demo --reference-date 2026-11-01 >/dev/null 2>&1 || not_ok "demo init"
adduser() { "$MAMORI" --db t.db user add "$1" --person "$2" | sed -n 's/^初期パスワード: //p'; }
pw_staff=$(adduser matsumoto E00294)   # 障害者福祉課, no role
pw_ism=$(adduser nakagawa E00293)      # 情報セキュリティ管理者 of 障害者福祉課
pw_csirt=$(adduser nishida E00027)     # CSIRT要員
pw_other=$(adduser harada E00001)      # another 課, no role
check "four users" test -n "$pw_staff" -a -n "$pw_ism" -a -n "$pw_csirt" -a -n "$pw_other"

web_serve t.db

S=(-H "Cookie: mamori_session=$(signin matsumoto "$pw_staff")")
I=(-H "Cookie: mamori_session=$(signin nakagawa "$pw_ism")")
C=(-H "Cookie: mamori_session=$(signin nishida "$pw_csirt")")
O=(-H "Cookie: mamori_session=$(signin harada "$pw_other")")

# --- staff report ----------------------------------------------------------------------
check "staff: GET /incidents is 200" test "$(req GET /incidents l.html "${S[@]}")" = 200
contains l.html 'href="/incidents" aria-current="page">インシデント' "menu shows インシデント, current"
contains l.html "インシデントを報告する" "list offers the report form"
lacks l.html 'href="/contacts"' "staff are not offered the 緊急連絡網"
check "staff: GET /incidents/new is 200" test "$(req GET /incidents/new n.html "${S[@]}")" = 200
contains n.html "住民・外部からの連絡を受けた" "the form has the outside-report switch"
check "a report without CSRF is 403" test "$(req POST /incidents/new x.html "${S[@]}" --data-urlencode "title=x" --data-urlencode "description=y")" = 403
check "a report without a title is 422" test "$(req POST /incidents/new x.html "${S[@]}" --data "csrf=$(csrf_of n.html)" --data-urlencode "description=y")" = 422
contains x.html "件名と内容" "the missing title is explained"
code=$(req POST /incidents/new r.html "${S[@]}" --data "csrf=$(csrf_of n.html)" \
    --data-urlencode "title=USBメモリの紛失" --data-urlencode "description=相談記録を保存したUSBメモリが見当たらない" \
    --data-urlencode "occurred_at=2026-11-20T09:30" --data-urlencode "systems=sys35" --data-urlencode "assets=as00001")
check "staff: POST /incidents/new is 303" test "$code" = 303
loc=$(location r.html)
id=$(echo "$loc" | sed -n 's|^/incidents/\([A-Z0-9-]*\)?done=report$|\1|p')
check "redirects to the new incident ($loc)" test -n "$id"
check "staff: GET the incident is 200" test "$(req GET "$loc" v.html "${S[@]}")" = 200
contains v.html "報告を受け付けました" "the page confirms the report"
contains v.html "情報セキュリティ管理者（報告者の課室）" "stage 1 goes to the 課's ism"
contains v.html "中川　恵美" "the ism is named"
contains v.html "情報セキュリティに関する統一的な窓口（CSIRT）" "stage 1 goes to the CSIRT"
contains v.html "西田　典子" "a CSIRT member is named"
contains v.html "令和" "times in 和暦"
contains v.html "ファイルサーバ" "the affected system is listed"
contains v.html "<td>情報資産</td><td>as00001</td>" "the affected asset is listed with its classes"
lacks v.html "評価を記録する" "staff get no triage form"
lacks v.html "受領する" "staff get no acknowledgement button"
check "staff: POST triage is 403" test "$(req POST "/incidents/$id/triage" x.html "${S[@]}" --data "csrf=$(csrf_of v.html)&judgement=incident")" = 403
check "staff: POST action is 403" test "$(req POST "/incidents/$id/action" x.html "${S[@]}" --data "csrf=$(csrf_of v.html)&kind=note&description=x")" = 403
check "staff: the list shows their incident" test "$(req GET /incidents l.html "${S[@]}")" = 200
contains l.html "$id" "the list names the incident"

# --- a report received from a resident ---------------------------------------------------
code=$(req POST /incidents/new r.html "${S[@]}" --data "csrf=$(csrf_of n.html)&external=1" \
    --data-urlencode "title=市のサイトに不審な表示" --data-urlencode "description=住民から電話で連絡があった" \
    --data-urlencode "outside_name=住民 山田" --data-urlencode "outside_contact=090-1111-2222")
check "an outside report is filed (303)" test "$code" = 303
req GET "$(location r.html)" x.html "${S[@]}" >/dev/null
contains x.html "住民等外部からの報告" "it is recorded as an outside report"
contains x.html "090-1111-2222" "with the caller's contact"

# --- another 課, unknown ids -------------------------------------------------------------
check "staff of another 課: the incident is 403" test "$(req GET "/incidents/$id" x.html "${O[@]}")" = 403
check "staff of another 課: the PDF is 403" test "$(req GET "/incidents/$id/report.pdf" x.pdf "${O[@]}")" = 403
req GET /incidents x.html "${O[@]}" >/dev/null
lacks x.html "$id" "staff of another 課 do not see it listed"
check "an unknown id is 404" test "$(req GET /incidents/INC-1999-9999 x.html "${S[@]}")" = 404
check "/contacts is 403 for staff" test "$(req GET /contacts x.html "${S[@]}")" = 403

# --- the ism acknowledges ---------------------------------------------------------------
req GET /incidents l.html "${I[@]}" >/dev/null
contains l.html "受領を待っている報告" "the ism's list shows what awaits them"
contains l.html "$id" "the ism's list names the incident"
check "ism: GET the incident is 200" test "$(req GET "/incidents/$id" v.html "${I[@]}")" = 200
contains v.html "受領する" "the ism gets the acknowledgement button"
check "ism: POST ack is 303" test "$(req POST "/incidents/$id/ack" r.html "${I[@]}" --data "csrf=$(csrf_of v.html)&step=$id-01")" = 303
req GET "$(location r.html)" v.html "${I[@]}" >/dev/null
contains v.html "受領を記録しました" "the acknowledgement is confirmed"
contains v.html 'class="inc-due inc-due-done">完了' "the step is done"
check "ism: a second ack of the same step is refused (409)" test "$(req POST "/incidents/$id/ack" x.html "${I[@]}" --data "csrf=$(csrf_of v.html)&step=$id-01")" = 409

# --- CSIRT triages and responds ---------------------------------------------------------
check "csirt: GET the incident is 200" test "$(req GET "/incidents/$id" v.html "${C[@]}")" = 200
contains v.html "評価を記録する" "CSIRT get the triage form"
t=$(csrf_of v.html)
check "csirt: POST triage is 303" test "$(req POST "/incidents/$id/triage" r.html "${C[@]}" --data "csrf=$t&judgement=incident&severity=high&personal_info=1&sensitive_personal=1&persons_affected=12" --data-urlencode "note=要配慮個人情報を含む")" = 303
req GET "$(location r.html)" v.html "${C[@]}" >/dev/null
contains v.html "評価を記録しました" "the triage is confirmed"
contains v.html "<dt>評価</dt><dd>情報セキュリティインシデント</dd>" "judged an incident"
contains v.html "要配慮個人情報: あり" "sensitive personal information shown"
contains v.html "総務省への報告" "the outward duties are listed"
contains v.html "個人情報保護委員会への報告（速報）" "the PPC report is due"
check "containment before evidence is refused (409)" test "$(req POST "/incidents/$id/action" x.html "${C[@]}" --data "csrf=$t&kind=containment" --data-urlencode "description=端末をLANから外した")" = 409
contains x.html 'role="alert"' "the refusal is shown as an alert"
contains x.html "証拠保全" "the engine's message names evidence preservation"
contains x.html "端末をLANから外した</textarea>" "the refused action's text stays in the form"
lacks x.html "mamori incident" "the page does not suggest a CLI command"
check "csirt: evidence is recorded (303)" test "$(req POST "/incidents/$id/action" r.html "${C[@]}" --data "csrf=$t&kind=evidence" --data-urlencode "description=現状を写真で記録した")" = 303
check "csirt: then containment (303)" test "$(req POST "/incidents/$id/action" r.html "${C[@]}" --data "csrf=$t&kind=containment" --data-urlencode "description=端末をLANから外した")" = 303
check "csirt: a duty is done (303)" test "$(req POST "/incidents/$id/duty" r.html "${C[@]}" --data "csrf=$t&kind=mic" --data-urlencode "reference=第一報")" = 303
req GET "/incidents/$id" v.html "${C[@]}" >/dev/null
contains v.html "現状を写真で記録した" "the evidence action is listed"
contains v.html "第一報" "the duty's reference is shown"
check "closing too early is refused (409)" test "$(req POST "/incidents/$id/close" x.html "${C[@]}" --data "csrf=$t&outcome=x")" = 409

# --- overdue ---------------------------------------------------------------------------
sqlite3 t.db "UPDATE incident_step SET due_at = '2026-01-05T09:00:00+09:00', handed_over_at = '2026-01-05T08:00:00+09:00' WHERE incident_id = '$id' AND acknowledged_at IS NULL"
req GET "/incidents/$id" v.html "${S[@]}" >/dev/null
contains v.html 'class="inc-due inc-due-overdue">期限超過' "an unacknowledged step past its due time is overdue"
req GET "/incidents?overdue=1" l.html "${S[@]}" >/dev/null
contains l.html 'class="inc-overdue"' "the list highlights the overdue incident"
contains l.html "<strong>期限超過</strong>" "the list says 期限超過"

# --- the staff member sees the state change; the PDF --------------------------------------
contains v.html "対応中" "staff see the incident is being handled"
check "staff: the PDF is 200" test "$(req GET "/incidents/$id/report.pdf" r.pdf "${S[@]}")" = 200
check "the PDF is application/pdf" test "$(header r.pdf content-type)" = application/pdf
case "$(header r.pdf content-disposition)" in attachment*"$id"*) ok "the PDF is an attachment";; *) not_ok "the PDF is an attachment";; esac
if command -v pdftotext >/dev/null; then
    pdftotext r.pdf r.txt 2>/dev/null
    contains r.txt "USBメモリの紛失" "pdftotext shows the Japanese title"
else
    ok "pdftotext not installed (skipped)"
fi

# --- 緊急連絡網 --------------------------------------------------------------------------
check "csirt: /contacts is 200" test "$(req GET /contacts k.html "${C[@]}")" = 200
contains k.html "情報セキュリティ管理者" "the contact list names roles"
contains k.html "中川　恵美" "the contact list names holders"
req GET "/contacts?gaps=1" k.html "${C[@]}" >/dev/null
contains k.html 'class="inc-gap"' "gaps are marked"
check "ism: /contacts is 200 (a role holder)" test "$(req GET /contacts x.html "${I[@]}")" = 200

# --- paging: 21 more reports by the same member of staff ---------------------------------
for i in $(seq 1 21); do
    "$MAMORI" --db t.db incident report --title "件名 $i" --description "内容 $i" --reporter E00294 >/dev/null
done
req GET /incidents l.html "${S[@]}" >/dev/null
contains l.html "1 / 2 ページ（23 件）" "the list pages by 20 (23 reports of the member)"
check "page 2 is 200" test "$(req GET "/incidents?page=2" l2.html "${S[@]}")" = 200
contains l2.html "2 / 2 ページ" "page 2 says so"
contains l2.html "$id" "the oldest of the member's reports is on page 2"
req GET "/incidents?status=closed" l.html "${S[@]}" >/dev/null
contains l.html "該当するインシデントはありません" "the status filter (none closed)"

# --- change log --------------------------------------------------------------------------
n=$(sqlite3 t.db "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'incident' AND entity_id = '$id' AND actor LIKE 'user:%'")
check "each change is in the change log by its user ($n)" test "$n" -ge 6
if grep -q '<script\| style=' v.html l.html k.html n.html; then not_ok "no inline script or style"; else ok "no inline script or style"; fi
