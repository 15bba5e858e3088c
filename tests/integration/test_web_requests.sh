#!/bin/bash
# test_web_requests.sh — 申請・承認 in the browser on the demo organization: a staff member of
# 企画課 files a 持ち出し request (field problems next to their fields, the route previewed),
# the 課長 (情報セキュリティ管理者, TOTP) finds it under 決裁待ち and approves it with a comment,
# the staff member sees 許可 with the 課長's name and 和暦 time and gets the PDF; a second staff
# member of the 課 gets 403 on the page and the PDF and does not see it in their lists; a hard
# condition refuses a filing with its reason; 差戻し and re-filing; withdrawal; the inbox; CSRF.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

header_of() { tr -d '\r' <"$1.h" | sed -n "s/^$2: //Ip" | head -1; }
lacks() { if grep -qF -- "$2" "$1"; then not_ok "$3"; else ok "$3"; fi; }

# session LOGIN INITIAL_PASSWORD : signs in, changes the password, enrols TOTP when asked;
# prints the session cookie of the full session
session() { web_first_signin "$1" "$2" "${1^}-Pass-word-2026!"; }

"$MAMORI" --db t.db init --demo --reference-date 2026-11-01 >/dev/null || not_ok "demo init"
pw_s=$("$MAMORI" --db t.db user add takeshi --person E00006 | sed -n 's/^初期パスワード: //p')
pw_m=$("$MAMORI" --db t.db user add yoko --person E00005 | sed -n 's/^初期パスワード: //p')
pw_o=$("$MAMORI" --db t.db user add hina --person E00007 | sed -n 's/^初期パスワード: //p')
check "three users (staff, 課長, second staff)" test -n "$pw_s" -a -n "$pw_m" -a -n "$pw_o"

web_serve t.db "the server starts" 1

S=(-H "Cookie: mamori_session=$(session takeshi "$pw_s")")
M=(-H "Cookie: mamori_session=$(session yoko "$pw_m")")
O=(-H "Cookie: mamori_session=$(session hina "$pw_o")")
check "the staff member is signed in" test "$(req GET / x.html "${S[@]}")" = 200
check "the 課長 is signed in (TOTP)" test "$(req GET / x.html "${M[@]}")" = 200
contains x.html '<a href="/requests">申請・承認</a>' "the menu shows 申請・承認"

# --- the list and the kinds ------------------------------------------------------------
check "GET /requests is 200" test "$(req GET /requests l.html "${S[@]}")" = 200
contains l.html 'aria-current="page">自分の申請' "自分の申請 is the current tab"
contains l.html '/requests/1"' "the demo's 持ち出し of this staff member is listed"
contains l.html '令和8年10月7日' "filing date in 和暦"
check "GET /requests/new is 200" test "$(req GET /requests/new k.html "${S[@]}")" = 200
contains k.html '<a href="/requests/new/takeout">情報資産の持ち出し</a>' "the kinds link to their forms"
contains k.html '5.1(1)③(イ)' "the kinds show their clauses"
contains k.html '<td>情報セキュリティ管理者の許可</td><td>酒井　陽子</td>' "and who would decide this user's request"
check "GET /requests/new/takeout is 200" test "$(req GET /requests/new/takeout f.html "${S[@]}")" = 200
contains f.html '<input type="date" id="v_from" name="v_from"' "a date field is a date input"
contains f.html '<input type="number" min="0" id="v_count"' "an integer field is a number input"
contains f.html '<select id="v_confidentiality"' "a class field is a select"
contains f.html '<label for="v_items">持出物（必須）</label>' "fields are labelled, required marked"
contains f.html '酒井　陽子' "the form shows who will decide (the 課長)"
check "an unknown kind is 404" test "$(req GET /requests/new/nosuch x.html "${S[@]}")" = 404

# --- filing: problems, preview, submit -------------------------------------------------
t=$(csrf_of f.html)
check "an empty filing stays on the form" test "$(req POST /requests/new/takeout e.html "${S[@]}" --data "csrf=$t&op=submit")" = 200
contains e.html 'id="e_items">必須の項目です' "the problem is shown next to its field"
contains e.html 'aria-invalid="true" aria-describedby="e_items"' "the field is marked invalid"
check "no request was filed" test "$(sqlite3 t.db 'SELECT COUNT(*) FROM request')" = 8
V=(--data-urlencode "v_items=ノートPC（貸出用 No.5）" --data "v_count=1&v_confidentiality=2" \
   --data-urlencode "v_purpose=地区説明会の投影" --data-urlencode "v_place=北公民館" \
   --data "v_from=2026-11-25&v_until=2026-11-27")
check "preview is 200" test "$(req POST /requests/new/takeout p.html "${S[@]}" --data "csrf=$t&op=preview" "${V[@]}")" = 200
contains p.html 'この内容で申請したときの決裁の経路' "the route is previewed"
contains p.html 'value="北公民館"' "the preview keeps the values"
check "a bad date is a field problem" test "$(req POST /requests/new/takeout e2.html "${S[@]}" --data "csrf=$t&op=submit&v_from=2026-13-40" "${V[@]}")" = 200
contains e2.html 'id="e_from"' "the date problem is next to 持出日"
check "a title over 120 characters stays on the form" test "$(req POST /requests/new/takeout x.html "${S[@]}" --data "csrf=$t&op=submit" --data-urlencode "title=$(printf '長%.0s' $(seq 1 121))" "${V[@]}")" = 200
contains x.html '件名: 120 文字以内で書いてください' "… saying how long it may be"
long=$(printf '長%.0s' $(seq 1 190))
check "a long value (190 characters) is filed" test "$(req POST /requests/new/takeout ln.html "${S[@]}" --data "csrf=$t&op=submit" --data-urlencode "v_purpose=$long" "${V[@]}")" = 303
req GET "$(location ln.html)" x.html "${S[@]}" >/dev/null
contains x.html "<dd>$long</dd>" "… and shown whole"
check "filing is 303" test "$(req POST /requests/new/takeout n.html "${S[@]}" --data "csrf=$t&op=submit" --data-urlencode "title=<b>説明会</b>" "${V[@]}")" = 303
loc=$(location n.html)
id=${loc#/requests/}; id=${id%%\?*}
check "filing leads to the request ($loc)" test "$loc" = "/requests/$id?done=filed"
check "the request page is 200" test "$(req GET "$loc" r.html "${S[@]}")" = 200
contains r.html '申請しました' "the page confirms the filing"
contains r.html '&lt;b&gt;説明会&lt;/b&gt;' "the title is escaped"
contains r.html '審査中' "state 審査中"
contains r.html '<td>情報セキュリティ管理者</td><td>酒井　陽子</td>' "the route names the role and the 課長"
contains r.html '未決' "the step is undecided"
contains r.html '令和8年11月25日 から 令和8年11月27日 まで' "validity period in 和暦"
lacks r.html 'action="/requests/'"$id"'/decide"' "the requester gets no decision form"
check "CSRF: a decision without the token is 403" test "$(req POST "/requests/$id/decide" x.html "${S[@]}" --data "decision=approve")" = 403
t=$(csrf_of r.html)
check "the requester cannot decide (409)" test "$(req POST "/requests/$id/decide" x.html "${S[@]}" --data "csrf=$t&decision=approve")" = 409

# --- a second staff member of the 課 ---------------------------------------------------
check "another staff member gets 403 on the page" test "$(req GET "/requests/$id" x.html "${O[@]}")" = 403
lacks x.html '北公民館' "the 403 page does not show the request"
check "… and on the PDF" test "$(req GET "/requests/$id/print" x.pdf "${O[@]}")" = 403
to=$(csrf_of x.html)
check "… and cannot withdraw it" test "$(req POST "/requests/$id/withdraw" x.html "${O[@]}" --data "csrf=$to")" = 403
for tab in mine awaiting decided; do
    req GET "/requests?tab=$tab" ol.html "${O[@]}" >/dev/null
    lacks ol.html "/requests/$id\"" "… nor sees it under $tab"
done
check "… and has no 'all' tab" test "$(grep -c 'tab=all' ol.html)" = 0
check "an unknown request is 404" test "$(req GET /requests/99999 x.html "${S[@]}")" = 404

# --- the 課長 decides -----------------------------------------------------------------
req GET "/requests?tab=awaiting" a.html "${M[@]}" >/dev/null
contains a.html "/requests/$id\"" "the 課長 sees it under 決裁待ち"
check "the 課長 opens it" test "$(req GET "/requests/$id" d.html "${M[@]}")" = 200
contains d.html 'action="/requests/'"$id"'/decide"' "the 課長 gets the decision form"
contains d.html 'value="conditional"' "条件付き許可 is offered"
tm=$(csrf_of d.html)
check "a rejection without a reason is 422" test "$(req POST "/requests/$id/decide" x.html "${M[@]}" --data "csrf=$tm&decision=reject")" = 422
contains x.html 'role="alert"' "the reason is asked for"
check "an unknown decision is 400" test "$(req POST "/requests/$id/decide" x.html "${M[@]}" --data "csrf=$tm&decision=maybe")" = 400
check "approval with a comment is 303" test "$(req POST "/requests/$id/decide" x.html "${M[@]}" --data "csrf=$tm&decision=approve" --data-urlencode "comment=返却時に報告すること")" = 303
check "deciding twice is refused (409)" test "$(req POST "/requests/$id/decide" x.html "${M[@]}" --data "csrf=$tm&decision=approve")" = 409
req GET "/requests?tab=decided" dl.html "${M[@]}" >/dev/null
contains dl.html "/requests/$id\"" "the 課長 finds it under 決裁済み"

# --- the staff member sees the decision ----------------------------------------------
req GET "/requests/$id" r2.html "${S[@]}" >/dev/null
contains r2.html 'rq-state-approved">許可' "the staff member sees 許可"
contains r2.html '<td>酒井　陽子</td><td><span class="rq-decision rq-decision-approve">許可</span></td><td>返却時に報告すること</td>' "with the 課長's name and comment"
if grep -qE '<td>令和[0-9元]+年[0-9]+月[0-9]+日 [0-9]{2}:[0-9]{2}</td>' r2.html; then ok "and the time in 和暦"; else not_ok "and the time in 和暦"; fi
check "the PDF is 200" test "$(req GET "/requests/$id/print" r.pdf "${S[@]}")" = 200
check "… application/pdf" test "$(header_of r.pdf Content-Type)" = application/pdf
check "… as request-$id.pdf" test "$(header_of r.pdf Content-Disposition)" = "attachment; filename=\"request-$id.pdf\""
check "… a PDF document" test "$(head -c 5 r.pdf)" = "%PDF-"
check "… with an embedded (subset) Japanese font" test "$(grep -a -c '/FontFile' r.pdf)" -ge 1
check "the 課長 gets the PDF too" test "$(req GET "/requests/$id/print" x.pdf "${M[@]}")" = 200

# --- renewal and the end of use ---------------------------------------------------------
contains r2.html 'action="/requests/'"$id"'/renew"' "the requester may renew a permitted request"
tr=$(csrf_of r2.html)
check "renewal without a date is refused (422)" test "$(req POST "/requests/$id/renew" x.html "${S[@]}" --data "csrf=$tr")" = 422
check "renewal files a new request (303)" test "$(req POST "/requests/$id/renew" rn.html "${S[@]}" --data "csrf=$tr&until=2026-12-20")" = 303
rid=$(location rn.html); rid=${rid#/requests/}; rid=${rid%%\?*}
check "… a new request ($rid) renewing $id" test "$(sqlite3 t.db "SELECT renewal_of || ' ' || state || ' ' || valid_until FROM request WHERE id = '$rid'")" = "$id pending 2026-12-20"
check "the other staff member cannot report its end" test "$(req POST "/requests/$id/close" x.html "${O[@]}" --data "csrf=$to")" = 403

# --- inbox -----------------------------------------------------------------------------
check "the inbox is 200" test "$(req GET /inbox i.html "${S[@]}")" = 200
contains i.html "/requests/$id\"" "the decision is in the requester's inbox"
n_unread=$(grep -c 'rq-unread' i.html)
ti=$(csrf_of i.html)
check "mark all read is 303" test "$(req POST /inbox/read x.html "${S[@]}" --data "csrf=$ti&id=0")" = 303
req GET /inbox i2.html "${S[@]}" >/dev/null
check "no unread notices after marking (had $n_unread)" test "$(grep -c 'rq-unread' i2.html)" = 0
req GET /inbox mi.html "${M[@]}" >/dev/null
contains mi.html "/requests/$id\"" "the filing reached the 課長's inbox"

# --- a hard condition refuses --------------------------------------------------------
req GET /requests/new/provision pf.html "${S[@]}" >/dev/null
t=$(csrf_of pf.html)
check "a refused filing stays on the form" test "$(req POST /requests/new/provision x.html "${S[@]}" --data "csrf=$t&op=submit&v_confidentiality=3B&v_encrypted=0&v_metadata_removed=1&v_date=2026-11-30" --data-urlencode "v_items=名簿" --data-urlencode "v_recipient=委託先" --data-urlencode "v_purpose=発送")" = 200
contains x.html 'この申請は受け付けられません' "the refusal is shown clearly"
contains x.html '暗号化せずに外部へ提供することはできません' "with its reason"

# --- 差戻し and re-filing; withdrawal --------------------------------------------------
req POST /requests/new/takeout n2.html "${S[@]}" --data "csrf=$t&op=submit" "${V[@]}" >/dev/null
id2=$(location n2.html); id2=${id2#/requests/}; id2=${id2%%\?*}
req GET "/requests/$id2" x.html "${M[@]}" >/dev/null
check "the 課長 returns it (303)" test "$(req POST "/requests/$id2/decide" x.html "${M[@]}" --data "csrf=$(csrf_of x.html)&decision=return" --data-urlencode "comment=個数を確認してください")" = 303
req GET "/requests/$id2" x.html "${S[@]}" >/dev/null
contains x.html "/requests/$id2/amend" "the requester is offered re-filing"
check "the correction form is 200" test "$(req GET "/requests/$id2/amend" am.html "${S[@]}")" = 200
contains am.html 'value="北公民館"' "the correction form keeps the values"
check "the other staff member cannot correct it" test "$(req GET "/requests/$id2/amend" x.html "${O[@]}")" = 403
check "re-filing is 303" test "$(req POST "/requests/$id2/amend" x.html "${S[@]}" --data "csrf=$t&v_count=2" "${V[@]/v_count=1/v_count=2}")" = 303
req GET "/requests/$id2" x.html "${S[@]}" >/dev/null
contains x.html '第2回' "the request is in its second round"
contains x.html 'rq-state-pending">審査中' "and 審査中 again"
contains x.html 'action="/requests/'"$id2"'/attach"' "the requester may attach a text document"
check "attaching is 303" test "$(req POST "/requests/$id2/attach" x.html "${S[@]}" --data "csrf=$t" --data-urlencode "name=持出物一覧.txt" --data-urlencode "text=ノートPC 2台")" = 303
req GET "/requests/$id2" x.html "${S[@]}" >/dev/null
aid=$(sed -n 's|.*href="/requests/'"$id2"'/attachments/\([0-9]*\)">持出物一覧.txt</a>.*|\1|p' x.html)
check "the attachment is listed ($aid)" test -n "$aid"
check "… and downloads as it was written" test "$(req GET "/requests/$id2/attachments/$aid" att.bin "${S[@]}"; cat att.bin)" = "200ノートPC 2台"
check "… as an attachment (Content-Disposition)" test "$(header_of att.bin Content-Disposition)" = "attachment; filename=\"request-$id2-attachment-$aid\""
printf 'PDF でない添付\n' >plan.txt
check "a program attaches a file as multipart (token in X-CSRF-Token)" test "$(req POST "/requests/$id2/attach" x.html "${S[@]}" -H "X-CSRF-Token: $t" -F "file=@plan.txt;filename=計画書.txt")" = 303
check "… stored whole under its name" test "$(sqlite3 t.db "SELECT name || '|' || size FROM request_attachment WHERE request_id = $id2 ORDER BY id DESC LIMIT 1")" = "計画書.txt|$(stat -c %s plan.txt)"
check "… and a multipart body without a file is 400" test "$(req POST "/requests/$id2/attach" x.html "${S[@]}" -H "X-CSRF-Token: $t" -F "other=x")" = 400
check "the second staff member cannot download it" test "$(req GET "/requests/$id2/attachments/$aid" x.bin "${O[@]}")" = 403
check "the 課長 cannot attach (403)" test "$(req POST "/requests/$id2/attach" x.html "${M[@]}" --data "csrf=$tm" --data-urlencode "name=a.txt" --data-urlencode "text=x")" = 403
check "withdrawal is 303" test "$(req POST "/requests/$id2/withdraw" x.html "${S[@]}" --data "csrf=$t" --data-urlencode "reason=日程の中止")" = 303
req GET "/requests/$id2" x.html "${S[@]}" >/dev/null
contains x.html '取下げ' "the request is 取下げ"
check "withdrawing twice is 409" test "$(req POST "/requests/$id2/withdraw" x.html "${S[@]}" --data "csrf=$t")" = 409
check "the change log records the filing and the decision" test "$(sqlite3 t.db "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'request' AND entity_id = '$id'")" -ge 2

check "the requester reports the end of use (303)" test "$(req POST "/requests/$id/close" x.html "${S[@]}" --data "csrf=$tr")" = 303
req GET "/requests/$id" x.html "${S[@]}" >/dev/null
contains x.html 'rq-state-closed">終了' "the request is 終了"
check "reporting it twice is 409" test "$(req POST "/requests/$id/close" x.html "${S[@]}" --data "csrf=$tr")" = 409

# --- 代決: the record shows who decided in the grantor's place -----------------------------
today=$(TZ=Asia/Tokyo date +%F); later=$(TZ=Asia/Tokyo date -d '+7 days' +%F)
"$MAMORI" --db t.db request delegate E00005 E00008 --role ism --instrument "代決規程第3条" \
    --from "$today" --to "$later" >/dev/null || not_ok "delegation recorded"
req POST /requests/new/takeout n3.html "${S[@]}" --data "csrf=$t&op=submit" "${V[@]}" >/dev/null
id3=$(location n3.html); id3=${id3#/requests/}; id3=${id3%%\?*}
req GET "/requests/$id3" x.html "${S[@]}" >/dev/null
contains x.html '代決者: 高橋　昌宏' "an open step names the grantor's delegate"
"$MAMORI" --db t.db request decide "$id3" approve --as E00008 >/dev/null || not_ok "the delegate decides"
req GET "/requests/$id3" x.html "${S[@]}" >/dev/null
contains x.html '代決: 高橋　昌宏（代決規程第3条）' "the decision is marked as 代決 with its instrument"
req GET /requests l2.html "${S[@]}" >/dev/null
contains l2.html 'お知らせ（未読 ' "the list shows the unread notices"

# --- the 統括 reads every request ('all' grant) without deciding ----------------------------
"$MAMORI" --db t.db user add tk --person "$(sqlite3 t.db "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' LIMIT 1")" >tk.out
T=(-H "Cookie: mamori_session=$(session tk "$(sed -n 's/^初期パスワード: //p' tk.out)")")
check "the 統括's list has the tab すべての申請" test "$(req GET '/requests?tab=all' ta.html "${T[@]}")" = 200
contains ta.html 'aria-current="page">すべての申請' "すべての申請 is the current tab"
contains ta.html "/requests/$id\"" "the 統括 sees the staff member's request"
check "the 統括 opens it" test "$(req GET "/requests/$id" x.html "${T[@]}")" = 200
lacks x.html '/decide"' "without a decision form"
check "… and deciding is 403 (a reader, not on the route)" test "$(req POST "/requests/$id/decide" x.html "${T[@]}" --data "csrf=$(csrf_of ta.html)&decision=approve")" = 403
check "the 統括 gets its PDF" test "$(req GET "/requests/$id/print" x.pdf "${T[@]}")" = 200

# --- filters and paging ----------------------------------------------------------------
req GET "/requests?tab=mine&state=withdrawn" fl.html "${S[@]}" >/dev/null
contains fl.html "/requests/$id2\"" "the state filter keeps the withdrawn request"
lacks fl.html "/requests/$id\"" "and drops the approved one"
req GET "/requests?tab=mine&kind=cloud" fl.html "${S[@]}" >/dev/null
contains fl.html '自分の申請はありません' "a kind with none says so"
for i in $(seq 1 21); do
    "$MAMORI" --db t.db request new offsite --as E00006 --title "庁外処理 $i" --set work=集計 \
        --set confidentiality=2 --set place=自宅 --set measures=暗号化 --set from=2026-12-01 \
        --set until=2026-12-02 >/dev/null || not_ok "filing $i from the command line"
done
mine=$(sqlite3 t.db "SELECT COUNT(*) FROM request WHERE requester_id = 'E00006'")
req GET "/requests?tab=mine" pg.html "${S[@]}" >/dev/null
check "page 1 shows 20 rows" test "$(grep -o '<tr><td class="num">' pg.html | wc -l)" = 20
contains pg.html "1 / $(( (mine + 19) / 20 )) ページ（$mine 件）" "the pager counts every request ($mine)"
contains pg.html 'tab=mine&amp;state=&amp;kind=&amp;page=2">次へ' "a link to the next page"
req GET "/requests?tab=mine&page=2" pg2.html "${S[@]}" >/dev/null
check "page 2 shows the rest" test "$(grep -o '<tr><td class="num">' pg2.html | wc -l)" = $(( mine - 20 < 20 ? mine - 20 : 20 ))
req GET "/requests?tab=mine&kind=a%26b%22" pg3.html "${S[@]}" >/dev/null
lacks pg3.html 'a&b"' "a filter value is never echoed raw"
if grep -q ' style=\|<script' r2.html l.html f.html; then not_ok "no inline style or script"; else ok "no inline style or script"; fi

# --- the server stops cleanly (under the sanitizers: no error and no leak) ------------------
kill -TERM "$spid"
for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
if grep -qiE 'AddressSanitizer|LeakSanitizer|runtime error' s.err; then
    not_ok "server ran clean under the sanitizers"; grep -iE -A8 'Sanitizer|runtime error' s.err | head -30
else
    ok "server stopped without a sanitizer report"
fi
