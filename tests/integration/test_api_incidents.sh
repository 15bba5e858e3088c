#!/bin/bash
# test_api_incidents.sh — the JSON API of インシデント with API tokens on the demo body: a member
# of staff reports (201, the chain's first stage reaches the 課's ism and the CSIRT), the list
# envelope, 403 for staff of another 課, 404 for unknown ids, the ism acknowledges, a CSIRT
# member triages (duties computed), containment before evidence 409 with the engine's message,
# 422 for bad input, 400 for a body that is not an object, overdue counts after the due time
# (set in SQL), and the 緊急連絡網 for role holders only.
source "$MAMORI_ROOT/tests/integration/lib.sh"

source "$MAMORI_ROOT/tests/integration/weblib.sh"

"$MAMORI" --db t.db init --demo --reference-date 2026-11-01 >/dev/null 2>&1 || not_ok "demo init"
token() { api_token t.db "$1" "$2"; }
t_staff=$(token matsumoto E00294) # 障害者福祉課, no role
t_ism=$(token nakagawa E00293)    # 情報セキュリティ管理者 of 障害者福祉課
t_csirt=$(token nishida E00027)   # CSIRT要員
t_other=$(token harada E00001)    # another 課, no role
t_sysm=$(token fujita E00034)     # 情報システム管理者 of sys35 (and ism of another 課)
t_isr=$(token inoue E00281)       # 情報セキュリティ責任者 of 福祉部 (holds 障害者福祉課)
t_ism2=$(token ism2 E00018)       # 情報セキュリティ管理者 of another 課
check "seven tokens" test -n "$t_staff" -a -n "$t_ism" -a -n "$t_csirt" -a -n "$t_other" -a -n "$t_sysm" -a -n "$t_isr" -a -n "$t_ism2"

web_serve t.db

# api TOKEN METHOD PATH OUT [JSON] : prints the status
api() {
    local tok=$1 m=$2 path=$3 out=$4 body=${5:-}
    if [ -n "$body" ]; then
        curl -s --max-time 20 -X "$m" -o "$out" -w '%{http_code}' -H "Authorization: Bearer $tok" \
            -H 'Content-Type: application/json' --data "$body" "$base$path"
    else
        curl -s --max-time 20 -X "$m" -o "$out" -w '%{http_code}' -H "Authorization: Bearer $tok" "$base$path"
    fi
}
jq_() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

check "no token is 401" test "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/incidents")" = 401
check "staff: list is 200" test "$(api "$t_staff" GET /api/v1/incidents l.json)" = 200
check "the list has the envelope" test "$(jq_ l.json "sorted(d.keys())")" = "['items', 'page', 'per_page', 'total']"
check "staff see none of the demo incidents" test "$(jq_ l.json "d['total']")" = 0

check "a report without a description is 422" test "$(api "$t_staff" POST /api/v1/incidents x.json '{"title":"x"}')" = 422
check "the error object names the problem" test "$(jq_ x.json "d['error']['code']")" = invalid
check "a body that is not an object is 400" test "$(api "$t_staff" POST /api/v1/incidents x.json '[1]')" = 400
check "staff: report is 201" test "$(api "$t_staff" POST /api/v1/incidents r.json '{"title":"不審なメールの添付を開いた","description":"差出人不明のメールの添付ファイルを開いてしまった","occurred_at":"2026-11-20T10:00","systems":["sys35"]}')" = 201
id=$(jq_ r.json "d['id']")
check "the answer is the incident ($id)" test -n "$id"
check "stage 1 reaches the 課's ism" test "$(jq_ r.json "[s['people'][0]['person_id'] for s in d['steps'] if s['role']=='ism'][0]")" = E00293
check "stage 1 reaches the CSIRT" test "$(jq_ r.json "'E00027' in [p['person_id'] for s in d['steps'] if s['role']=='csirt_head' for p in s['people']]")" = True
check "times are ISO" test "$(jq_ r.json "d['reported_at'][10]")" = T
check "a timeline comes with it" test "$(jq_ r.json "'reported' in [e['kind'] for e in d['timeline']]")" = True
check "staff: list now has 1" test "$(api "$t_staff" GET /api/v1/incidents l.json)$(jq_ l.json "d['total']")" = "2001"

check "staff of another 課: 403" test "$(api "$t_other" GET "/api/v1/incidents/$id" x.json)" = 403
check "the 403 is the error object" test "$(jq_ x.json "d['error']['code']")" = forbidden
check "staff of another 課: ack 403" test "$(api "$t_other" POST "/api/v1/incidents/$id/ack" x.json "{\"step\":\"$id-01\"}")" = 403
check "unknown id: 404" test "$(api "$t_staff" GET /api/v1/incidents/INC-1999-0001 x.json)" = 404
check "unknown action: 404" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/explode" x.json '{}')" = 404
check "staff: triage 403" test "$(api "$t_staff" POST "/api/v1/incidents/$id/triage" x.json '{"judgement":"incident"}')" = 403

check "ism: ack 200" test "$(api "$t_ism" POST "/api/v1/incidents/$id/ack" a.json "{\"step\":\"$id-01\"}")" = 200
check "the step is done" test "$(jq_ a.json "d['steps'][0]['state']")" = done
check "ism: ack again 409" test "$(api "$t_ism" POST "/api/v1/incidents/$id/ack" x.json "{\"step\":\"$id-01\"}")" = 409
check "ism: ack of the CSIRT's step 403" test "$(api "$t_ism" POST "/api/v1/incidents/$id/ack" x.json "{\"step\":\"$id-02\"}")" = 403

check "csirt: triage 200" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/triage" t.json '{"judgement":"incident","severity":"medium","personal_info":true,"specific_personal":true,"persons_affected":3}')" = 200
check "judged an incident" test "$(jq_ t.json "d['judgement']")" = incident
check "specific personal information recorded" test "$(jq_ t.json "d['specific_personal']")" = True
check "duties computed (mic, ppc_prompt)" test "$(jq_ t.json "all(k in [x['kind'] for x in d['duties']] for k in ('mic','ppc_prompt'))")" = True
check "a bad severity is 422" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/triage" x.json '{"severity":"huge"}')" = 422
check "isr of the 部局: reads it (200)" test "$(api "$t_isr" GET "/api/v1/incidents/$id" x.json)" = 200
check "isr: may not triage (403)" test "$(api "$t_isr" POST "/api/v1/incidents/$id/triage" x.json '{"severity":"low"}')" = 403
check "ism of another 課: 403" test "$(api "$t_ism2" GET "/api/v1/incidents/$id" x.json)" = 403
check "sysm of the affected system: reads it (200)" test "$(api "$t_sysm" GET "/api/v1/incidents/$id" x.json)" = 200
check "sysm: may not triage (403)" test "$(api "$t_sysm" POST "/api/v1/incidents/$id/triage" x.json '{"severity":"low"}')" = 403
check "sysm: the list holds it" test "$(api "$t_sysm" GET /api/v1/incidents l.json)$(jq_ l.json "'$id' in [i['id'] for i in d['items']]")" = 200True
check "containment before evidence: 409" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/action" x.json '{"kind":"containment","description":"遮断"}')" = 409
check "the 409 carries the engine's message" test "$(jq_ x.json "'証拠保全' in d['error']['message']")" = True
check "sysm: records the evidence (200)" test "$(api "$t_sysm" POST "/api/v1/incidents/$id/action" x.json '{"kind":"evidence","description":"メールと端末のログを保存"}')" = 200
check "containment after evidence: 200" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/action" x.json '{"kind":"containment","description":"端末をネットワークから外した"}')" = 200
check "duty done: 200" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/duty" x.json '{"kind":"mic","reference":"第一報"}')" = 200
check "the duty is done" test "$(jq_ x.json "[x['state'] for x in d['duties'] if x['kind']=='mic'][0]")" = done
check "close too early: 409" test "$(api "$t_csirt" POST "/api/v1/incidents/$id/close" x.json '{"outcome":"x"}')" = 409

sqlite3 t.db "UPDATE incident_step SET handed_over_at = '2026-01-05T08:00:00+09:00', due_at = '2026-01-05T09:00:00+09:00' WHERE incident_id = '$id' AND acknowledged_at IS NULL"
check "overdue list: 200" test "$(api "$t_staff" GET "/api/v1/incidents?overdue=1" l.json)" = 200
check "the overdue step is counted" test "$(jq_ l.json "d['items'][0]['overdue_steps'] >= 1")" = True
api "$t_staff" GET "/api/v1/incidents/$id" g.json >/dev/null
check "the step's state is overdue" test "$(jq_ g.json "'overdue' in [s['state'] for s in d['steps']]")" = True
check "severity filter" test "$(api "$t_csirt" GET "/api/v1/incidents?severity=medium&per=1" l.json)$(jq_ l.json "(d['total'], d['per_page'], len(d['items']))")" = "200(1, 1, 1)"

# --- a second report, judged not an incident, is closed; then nothing changes -------------
api "$t_staff" POST /api/v1/incidents r2.json '{"title":"迷惑メールの受信","description":"件名が不審なメールを受信した（開いていない）"}' >/dev/null
id2=$(jq_ r2.json "d['id']")
check "a second report ($id2)" test -n "$id2" -a "$id2" != "$id"
check "csirt: judged not an incident (200)" test "$(api "$t_csirt" POST "/api/v1/incidents/$id2/triage" x.json '{"judgement":"not_incident","severity":"low"}')" = 200
check "no outward duty for a non-incident" test "$(jq_ x.json "len(d['duties'])")" = 0
check "csirt: close (200)" test "$(api "$t_csirt" POST "/api/v1/incidents/$id2/close" c.json '{"outcome":"迷惑メールとして削除"}')" = 200
check "the incident is closed" test "$(jq_ c.json "d['status']")" = closed
check "triage after closing: 409" test "$(api "$t_csirt" POST "/api/v1/incidents/$id2/triage" x.json '{"severity":"high"}')" = 409
check "staff see it closed" test "$(api "$t_staff" GET "/api/v1/incidents?status=closed" l.json)$(jq_ l.json "[i['id'] for i in d['items']]")" = "200['$id2']"
check "an outside report needs the caller's name (422)" test "$(api "$t_staff" POST /api/v1/incidents x.json '{"title":"x","description":"y","external":true}')" = 422
check "an outside report (201)" test "$(api "$t_staff" POST /api/v1/incidents r3.json '{"title":"ホームページの表示がおかしい","description":"住民から電話","external":true,"outside_name":"住民A","outside_contact":"090-0000-0000"}')" = 201
check "it is recorded as external" test "$(jq_ r3.json "(d['source'], d['outside_name'])")" = "('external', '住民A')"

# --- a 課 without a 情報セキュリティ管理者: CSIRT acknowledges the unreached step ------------
gap_staff=$(sqlite3 t.db "SELECT p.id FROM person p WHERE p.status = 'active' AND p.id LIKE 'E%'
   AND p.department_id = (SELECT d.id FROM department d WHERE d.level = 'kashitsu'
     AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.role = 'ism' AND r.scope_department_id = d.id)
     AND EXISTS (SELECT 1 FROM person q WHERE q.department_id = d.id AND q.status = 'active') ORDER BY d.id LIMIT 1)
   AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id) ORDER BY p.id LIMIT 1")
t_gap=$(token gapstaff "$gap_staff")
check "a member of staff of a 課 without an ism ($gap_staff)" test -n "$t_gap"
api "$t_gap" POST /api/v1/incidents r4.json '{"title":"共有フォルダの権限設定の誤り","description":"課外の職員も閲覧できる設定になっていた"}' >/dev/null
id4=$(jq_ r4.json "d['id']")
step4=$(jq_ r4.json "[s['id'] for s in d['steps'] if s['role']=='ism'][0]")
check "the ism step records the gap" test "$(jq_ r4.json "[s['gap'] for s in d['steps'] if s['role']=='ism'][0]")" = no_holder
check "the reporter cannot acknowledge it (403)" test "$(api "$t_gap" POST "/api/v1/incidents/$id4/ack" x.json "{\"step\":\"$step4\"}")" = 403
check "CSIRT acknowledges it on its behalf (200)" test "$(api "$t_csirt" POST "/api/v1/incidents/$id4/ack" x.json "{\"step\":\"$step4\"}")" = 200

check "contacts for staff: 403" test "$(api "$t_staff" GET /api/v1/contacts x.json)" = 403
check "contacts for the CSIRT: 200" test "$(api "$t_csirt" GET /api/v1/contacts k.json)" = 200
check "contacts list gaps" test "$(jq_ k.json "d['gaps'] == len([e for e in d['items'] if e['gap']]) and d['gaps'] > 0")" = True
n=$(sqlite3 t.db "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'incident' AND entity_id = '$id' AND actor LIKE 'user:%'")
check "every change is in the change log ($n)" test "$n" -ge 6
