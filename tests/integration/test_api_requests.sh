#!/bin/bash
# test_api_requests.sh — the JSON API of 申請・承認 on the demo organization, with API tokens of a
# staff member of 企画課, the 課長 (情報セキュリティ管理者), a second staff member of the 課 and the
# 統括情報セキュリティ責任者: the kinds, filing (201; 422 naming each bad field; a hard
# condition refused), the lists by tab in the envelope, one request (403 for the second staff
# member, 200 for the 統括's 'all' grant), decisions (409 for the requester and for a decided
# request, 422 for a rejection without a reason), withdrawal and the inbox.
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

q() { sqlite3 demo.db "$1"; }
# api TOKEN METHOD PATH OUT [JSON] : body to OUT; prints the status
api() {
    local t=$1 m=$2 path=$3 out=$4 body=${5-}
    local a=(-s --max-time 30 -X "$m" -o "$out" -w '%{http_code}' -H "Authorization: Bearer $t")
    [ -n "$body" ] && a+=(-H 'Content-Type: application/json' --data-binary "$body")
    curl "${a[@]}" "$base$path"
}
# js FILE EXPR : a Python expression over the JSON document `d`
js() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
same() { if [ "$2" = "$3" ]; then ok "$1 ($2)"; else not_ok "$1 (got '$2', want '$3')"; fi; }
token() { api_token demo.db "$1" "$2"; }

"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >/dev/null || not_ok "demo init"
ST=$(token takeshi E00006)
ISM=$(token yoko E00005)
OT=$(token hina E00007)
TK=$(token tk "$(q "SELECT person_id FROM role_assignment WHERE role = 'toukatsu' LIMIT 1")")
check "four API tokens" test -n "$ST" -a -n "$ISM" -a -n "$OT" -a -n "$TK"

web_serve demo.db "the server starts" 1

check "no token: 401" test "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/requests")" = 401

# --- kinds ---------------------------------------------------------------------------------
same "GET /api/v1/request-kinds" "$(api "$ST" GET /api/v1/request-kinds k.json)" 200
same "every kind is listed" "$(js k.json 'd["total"]')" "$(q 'SELECT COUNT(*) FROM request_kind')"
same "a kind carries its fields and route" "$(js k.json '[k for k in d["items"] if k["code"] == "takeout"][0]["route"][0]["role"]')" ism

# --- filing -------------------------------------------------------------------------------
good='{"kind":"takeout","title":"説明会","values":{"items":"ノートPC","count":1,"confidentiality":"2","purpose":"投影","place":"北公民館","from":"2026-11-25","until":"2026-11-27"}}'
same "filing with problems is 422" "$(api "$ST" POST /api/v1/requests e.json '{"kind":"takeout","values":{"count":"x","from":"2026-02-30"}}')" 422
same "… code invalid" "$(js e.json 'd["error"]["code"]')" invalid
same "… naming 個数" "$(js e.json '"個数" in [f["field"] for f in d["error"]["fields"]]')" True
same "… and 持出物 (required)" "$(js e.json '"持出物" in [f["field"] for f in d["error"]["fields"]]')" True
same "an unknown kind is 422" "$(api "$ST" POST /api/v1/requests e.json '{"kind":"nosuch","values":{}}')" 422
same "a body that is not JSON is 400" "$(api "$ST" POST /api/v1/requests e.json 'kind=takeout')" 400
same "a refused filing is 422" "$(api "$ST" POST /api/v1/requests e.json '{"kind":"provision","values":{"items":"名簿","confidentiality":"3B","recipient":"委託先","purpose":"発送","encrypted":false,"metadata_removed":true,"date":"2026-11-30"}}')" 422
same "… code refused, with the reason" "$(js e.json 'd["error"]["code"] + ":" + str("暗号化せずに" in d["error"]["message"])')" "refused:True"
same "a title over 120 characters is 422" "$(api "$ST" POST /api/v1/requests e.json "{\"kind\":\"takeout\",\"title\":\"$(printf '長%.0s' $(seq 1 121))\",\"values\":{}}"; js e.json 'd["error"]["fields"][0]["field"]')" 422title
same "filing is 201" "$(api "$ST" POST /api/v1/requests n.json "$good")" 201
id=$(js n.json 'd["id"]')
same "… state pending" "$(js n.json 'd["state"]')" pending
same "… the route's grantor is the 課長" "$(js n.json 'd["approvals"][0]["person_id"]')" E00005
same "… the requester may not decide" "$(js n.json 'd["may_decide"]')" False
same "… ISO dates in JSON" "$(js n.json 'd["valid_until"]')" 2026-11-27

# --- lists and visibility -----------------------------------------------------------------
same "GET mine" "$(api "$ST" GET '/api/v1/requests?tab=mine' l.json)" 200
same "… the envelope" "$(js l.json 'sorted(d.keys())')" "['items', 'page', 'per_page', 'total']"
same "… holds the new request first" "$(js l.json 'd["items"][0]["id"]')" "$id"
same "… the staff member's requests only" "$(js l.json 'd["total"]')" "$(q "SELECT COUNT(*) FROM request WHERE requester_id = 'E00006'")"
same "paging: per_page=1 page=2" "$(api "$ST" GET '/api/v1/requests?tab=mine&per_page=1&page=2' l2.json; js l2.json 'str(len(d["items"])) + ":" + str(d["page"]) + ":" + str(d["per_page"])')" 200"1:2:1"
same "a filter by state" "$(api "$ST" GET '/api/v1/requests?tab=mine&state=pending' l3.json; js l3.json 'set(i["state"] for i in d["items"])')" "200{'pending'}"
same "an unknown tab is 400" "$(api "$ST" GET '/api/v1/requests?tab=x' x.json)" 400
same "tab all without the grant is 403" "$(api "$ST" GET '/api/v1/requests?tab=all' x.json)" 403
same "the 統括 reads tab all" "$(api "$TK" GET '/api/v1/requests?tab=all' a.json; js a.json 'd["total"]')" "200$(q 'SELECT COUNT(*) FROM request')"
same "the 課長 awaits it" "$(api "$ISM" GET '/api/v1/requests?tab=awaiting' w.json; js w.json "$id in [i['id'] for i in d['items']]")" 200True
same "the second staff member: 403 on it" "$(api "$OT" GET "/api/v1/requests/$id" x.json)" 403
same "… code forbidden" "$(js x.json 'd["error"]["code"]')" forbidden
same "… and not in any of their lists" "$(for t in mine awaiting decided; do api "$OT" GET "/api/v1/requests?tab=$t" o.json >/dev/null; js o.json "$id in [i['id'] for i in d['items']]"; done | sort -u)" False
same "the 統括 reads it ('all' grant)" "$(api "$TK" GET "/api/v1/requests/$id" x.json)" 200
same "the 統括 may not decide it" "$(js x.json 'd["may_decide"]')" False
same "… and deciding is 403 (a reader, not on the route)" "$(api "$TK" POST "/api/v1/requests/$id/decide" x.json '{"decision":"approve"}')" 403
same "an unknown request is 404" "$(api "$ST" GET /api/v1/requests/99999 x.json)" 404

# --- decisions ------------------------------------------------------------------------------
same "the requester deciding is 409" "$(api "$ST" POST "/api/v1/requests/$id/decide" x.json '{"decision":"approve"}')" 409
same "… code conflict" "$(js x.json 'd["error"]["code"]')" conflict
same "the second staff member deciding is 403" "$(api "$OT" POST "/api/v1/requests/$id/decide" x.json '{"decision":"approve"}')" 403
same "a rejection without a reason is 422" "$(api "$ISM" POST "/api/v1/requests/$id/decide" x.json '{"decision":"reject"}')" 422
same "the 課長 may decide" "$(api "$ISM" GET "/api/v1/requests/$id" x.json; js x.json 'd["may_decide"]')" 200True
same "conditional approval is 200" "$(api "$ISM" POST "/api/v1/requests/$id/decide" d.json '{"decision":"conditional","comment":"暗号化した媒体に限る"}')" 200
same "… state conditional" "$(js d.json 'd["state"]')" conditional
same "… the conditions recorded" "$(js d.json 'd["approvals"][0]["comment"]')" 暗号化した媒体に限る
same "… decided by the 課長" "$(js d.json 'd["approvals"][0]["decided_by"]')" E00005
same "… a UTC time" "$(js d.json 'd["approvals"][0]["decided_at"][-1]')" Z
same "deciding again is 409" "$(api "$ISM" POST "/api/v1/requests/$id/decide" x.json '{"decision":"approve"}')" 409
same "withdrawing a decided request is 409" "$(api "$ST" POST "/api/v1/requests/$id/withdraw" x.json '{}')" 409
same "the 課長 finds it under decided" "$(api "$ISM" GET '/api/v1/requests?tab=decided' x.json; js x.json "$id in [i['id'] for i in d['items']]")" 200True

# --- withdrawal and the inbox ---------------------------------------------------------------
api "$ST" POST /api/v1/requests n2.json "$good" >/dev/null
id2=$(js n2.json 'd["id"]')
same "someone else withdrawing is 403" "$(api "$ISM" POST "/api/v1/requests/$id2/withdraw" x.json '{}')" 403
same "the requester withdraws (200)" "$(api "$ST" POST "/api/v1/requests/$id2/withdraw" w.json '{"reason":"中止"}')" 200
same "… state withdrawn" "$(js w.json 'd["state"]')" withdrawn
same "GET /api/v1/inbox" "$(api "$ST" GET /api/v1/inbox i.json)" 200
same "… the decision reached the requester" "$(js i.json "any(n['request_id'] == $id for n in d['items'])")" True
same "… the 課長 was told of the filing" "$(api "$ISM" GET '/api/v1/inbox?unread=1' i2.json; js i2.json "any(n['request_id'] == $id for n in d['items'])")" 200True
same "the change log holds the filing and the decision" "$(q "SELECT COUNT(*) >= 2 FROM audit_log WHERE entity_type = 'request' AND entity_id = '$id'")" 1

# --- 代決: a delegate of the 課長 sees and decides ------------------------------------------
DL=$(token deleg E00008)
today=$(TZ=Asia/Tokyo date +%F); later=$(TZ=Asia/Tokyo date -d '+7 days' +%F)
"$MAMORI" --db demo.db request delegate E00005 E00008 --role ism --instrument "代決規程第3条" \
    --from "$today" --to "$later" >/dev/null || not_ok "delegation recorded"
api "$ST" POST /api/v1/requests n3.json "$good" >/dev/null
id3=$(js n3.json 'd["id"]')
same "the delegate awaits it" "$(api "$DL" GET '/api/v1/requests?tab=awaiting' x.json; js x.json "$id3 in [i['id'] for i in d['items']]")" 200True
same "the delegate reads it" "$(api "$DL" GET "/api/v1/requests/$id3" x.json; js x.json 'd["may_decide"]')" 200True
same "the delegate decides (200)" "$(api "$DL" POST "/api/v1/requests/$id3/decide" x.json '{"decision":"approve"}')" 200
same "… recorded as 代決 under the instrument" "$(js x.json 'd["approvals"][0]["decided_by"] + " " + d["approvals"][0]["instrument"]')" "E00008 代決規程第3条"
same "… the grantor stays the 課長" "$(js x.json 'd["approvals"][0]["person_id"]')" E00005

# --- attachments ----------------------------------------------------------------------------
api "$ST" POST /api/v1/requests n4.json "$good" >/dev/null
id4=$(js n4.json 'd["id"]')
printf 'line 1\nline 2\n' >att.txt
b64=$(base64 -w0 att.txt)
same "the requester attaches a file (201)" "$(api "$ST" POST "/api/v1/requests/$id4/attachments" at.json "{\"name\":\"list.txt\",\"content_base64\":\"$b64\"}")" 201
same "… listed with its size" "$(js at.json 'd["attachments"][0]["name"] + " " + str(d["attachments"][0]["size"])')" "list.txt $(stat -c %s att.txt)"
aid=$(js at.json 'd["attachments"][0]["id"]')
same "… and read back unchanged" "$(api "$ISM" GET "/api/v1/requests/$id4/attachments/$aid" back.txt; cmp -s att.txt back.txt && echo same)" 200same
same "the second staff member cannot read it" "$(api "$OT" GET "/api/v1/requests/$id4/attachments/$aid" x.json)" 403
same "an attachment of another request is 404" "$(api "$ST" GET "/api/v1/requests/$id/attachments/$aid" x.json)" 404
same "the 課長 cannot attach (403)" "$(api "$ISM" POST "/api/v1/requests/$id4/attachments" x.json "{\"name\":\"x.txt\",\"content_base64\":\"$b64\"}")" 403
same "content that is not base64 is 422" "$(api "$ST" POST "/api/v1/requests/$id4/attachments" x.json '{"name":"x.txt","content_base64":"!!"}')" 422
same "a name with a slash is 422" "$(api "$ST" POST "/api/v1/requests/$id4/attachments" x.json "{\"name\":\"a/b\",\"content_base64\":\"$b64\"}")" 422
same "attaching to a decided request is 409" "$(api "$ST" POST "/api/v1/requests/$id/attachments" x.json "{\"name\":\"x.txt\",\"content_base64\":\"$b64\"}")" 409

# --- the server stops cleanly (under the sanitizers: no error and no leak) ------------------
kill -TERM "$spid"
for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
if grep -qiE 'AddressSanitizer|LeakSanitizer|runtime error' s.err; then
    not_ok "server ran clean under the sanitizers"; grep -iE -A8 'Sanitizer|runtime error' s.err | head -30
else
    ok "server stopped without a sanitizer report"
fi
