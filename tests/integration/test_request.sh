#!/bin/bash
# test_request.sh — `mamori request` end to end on the small compliant organization of
# tests/rules/base.json (あおば村): routes and 兼務の禁止, filing and deciding, attachments, refusal
# conditions, a decided request that cannot be edited, 代決, the inbox, withdrawal, a risk
# acceptance filed as an 例外措置, and the checks that find an expired 例外措置 (APR-002) and a
# remote login without a grant (APR-003); then the demo's requests.
. "$MAMORI_ROOT/tests/integration/lib.sh"

DB=r.db
T="--today 2026-05-01"
"$MAMORI" --db $DB import "$MAMORI_ROOT/tests/rules/base.json" >import.out 2>&1
check "base.json imports" test $? -eq 0

"$MAMORI" --db $DB request kinds >kinds.out 2>&1
n=$(grep -c '^[a-z]' kinds.out)
check "request kinds lists every kind (17, got $n)" test "$n" -eq 17
"$MAMORI" --db $DB request kinds exception >kind.out 2>&1
contains kind.out "代替措置" "request kinds exception shows its fields"

"$MAMORI" --db $DB request route takeout --as P-09 $T >route.out 2>&1
contains route.out "P-03" "take-out by P-09 goes to the ISM of 情報政策課 (P-03)"
"$MAMORI" --db $DB request route takeout --as P-03 $T >route.out 2>&1
contains route.out "兼務の禁止" "the ISM's own take-out moves up (兼務の禁止)"
contains route.out "P-02" "… to the ISR of 総務部 (P-02)"
expect_exit 1 "the CISO's own 例外措置 stops: nobody above the CISO" \
    "$MAMORI" --db $DB request route exception --as P-01 $T
"$MAMORI" --db $DB request route exception --as P-01 $T >route.out 2>&1
contains route.out "上位の役割もありません" "… with a clear message"

"$MAMORI" --db $DB request new takeout --as P-09 $T --set items=ノートPC --set count=1 \
    --set confidentiality=2 --set purpose=説明会 --set place=公民館 --set from=2026-05-02 \
    --set until=2026-05-03 >new.out 2>&1
contains new.out "申請 #1 を受け付けました" "a take-out request is filed"
expect_exit 1 "the requester cannot decide their own request" \
    "$MAMORI" --db $DB request decide 1 approve --as P-09 $T
expect_exit 1 "someone who is not a grantor cannot decide" \
    "$MAMORI" --db $DB request decide 1 approve --as P-04 $T

head -c 3000 /dev/urandom >evidence.bin
"$MAMORI" --db $DB request attach 1 evidence.bin --as P-09 $T >attach.out 2>&1
contains attach.out "添付 #1" "a file is attached"
"$MAMORI" --db $DB request attachment 1 --output back.bin >/dev/null 2>&1
check "the attachment comes back byte for byte" cmp -s evidence.bin back.bin
"$MAMORI" --db $DB request show 1 $T >show.out 2>&1
contains show.out "$(sha256sum evidence.bin | cut -c1-64)" "show gives the attachment's SHA-256"

"$MAMORI" --db $DB request decide 1 approve --as P-03 $T >decide.out 2>&1
contains decide.out "許可" "the ISM approves"
"$MAMORI" --db $DB request show 1 $T >show.out 2>&1
contains show.out "状態: 許可" "the request is 許可"
expect_exit 1 "a decided request cannot be amended" \
    "$MAMORI" --db $DB request amend 1 --as P-09 --set place=市役所 $T
expect_exit 1 "a decided request takes no attachment" \
    "$MAMORI" --db $DB request attach 1 evidence.bin --as P-09 $T
"$MAMORI" --db $DB request show 1 --today 2026-05-04 >show.out 2>&1
contains show.out "期限切れ" "after its period the permission shows as expired"

"$MAMORI" --db $DB request new nonissued --as P-09 $T --set owner=本人 --set model=M --set os=O \
    --set purpose=P --set confidentiality=3B --set place=自宅 --set line=光 --set from=2026-05-02 \
    --set until=2026-05-31 >refuse.out 2>&1
rc=$?
check "機密性3 on a non-issued terminal is refused (exit 1)" test $rc -eq 1
contains refuse.out "支給以外の端末では扱えません" "… with the reason"
expect_exit 2 "a malformed request lists its problems (exit 2)" \
    "$MAMORI" --db $DB request new takeout --as P-09 $T --set count=abc

# 例外措置 by the ISM, permitted by the CISO, running past its end date → APR-002
"$MAMORI" --db $DB request new exception --as P-03 $T --set rule="6.4(1)" --set reason=障害対応 \
    --set measures=切り離し --set until=2026-05-31 >ex.out 2>&1
exid=$(sed -n 's/^申請 #\([0-9]*\) .*/\1/p' ex.out)
"$MAMORI" --db $DB request decide "$exid" approve --as P-01 $T >/dev/null 2>&1
"$MAMORI" --db $DB check --rule APR-002 --as-of 2026-06-01 --format json --no-store >apr2.json 2>/dev/null
got=$(python3 -c 'import json; print(" ".join(f["entity_id"] for f in json.load(open("apr2.json"))["findings"]))')
check "the check finds the expired 例外措置 (APR-002: '$got')" test "$got" = "$exid"

# remote access granted for April; a login in May has no grant → APR-003
"$MAMORI" --db $DB request new remote_access --as P-09 $T --set system=S-02 --set purpose=在宅勤務 \
    --set method=closed_sim --set from=2026-04-01 --set until=2026-04-30 >ra.out 2>&1
raid=$(sed -n 's/^申請 #\([0-9]*\) .*/\1/p' ra.out)
for who in P-02 P-07; do
    "$MAMORI" --db $DB request decide "$raid" approve --as $who $T >/dev/null 2>&1
done
"$MAMORI" --db $DB request show "$raid" $T >ra.out 2>&1
contains ra.out "状態: 許可" "remote access is permitted by the 統括 and the system's SYSM"
printf 'person_id,system_id,login_at,source\nP-09,S-02,2026-04-15 09:00,vpn\nP-09,S-02,2026-05-12 08:55,vpn\n' >logins.csv
"$MAMORI" --db $DB request import-logins logins.csv >imp.out 2>&1
contains imp.out "2 件" "remote logins are imported"
expect_exit 2 "logins naming an unknown person are refused" \
    "$MAMORI" --db $DB request import-logins <(printf 'X-99,S-02,2026-05-01 09:00\n')
"$MAMORI" --db $DB check --rule APR-003 --as-of 2026-06-01 --format json --no-store >apr3.json 2>/dev/null
got=$(python3 -c 'import json; print(" ".join(f["entity_id"] for f in json.load(open("apr3.json"))["findings"]))')
check "the check finds the remote login without a grant (APR-003: '$got')" test "$got" = "P-09@S-02"

# 代決: the ISM delegates to P-07 for a week
"$MAMORI" --db $DB request new transport --as P-09 $T --set items=資料 --set confidentiality=2 \
    --set method=vehicle --set measures=施錠 --set destination=出張所 --set date=2026-05-10 >tr.out 2>&1
trid=$(sed -n 's/^申請 #\([0-9]*\) .*/\1/p' tr.out)
expect_exit 2 "a delegation needs its instrument" \
    "$MAMORI" --db $DB request delegate P-03 P-07 --role ism --instrument "" --from 2026-05-01 --to 2026-05-07
"$MAMORI" --db $DB request delegate P-03 P-07 --role ism --instrument "代決規程第3条" \
    --from 2026-05-01 --to 2026-05-07 >dl.out 2>&1
contains dl.out "代決の委任" "a delegation is recorded"
"$MAMORI" --db $DB request absence P-03 --from 2026-05-01 --to 2026-05-07 --reason 出張 >/dev/null 2>&1
"$MAMORI" --db $DB request show "$trid" $T >tr.out 2>&1
contains tr.out "不在 2026-05-01〜2026-05-07（出張）" "the approver's absence is visible"
expect_exit 1 "the delegate cannot decide after the period" \
    "$MAMORI" --db $DB request decide "$trid" approve --as P-07 --today 2026-05-08
"$MAMORI" --db $DB request decide "$trid" approve --as P-07 $T >/dev/null 2>&1
"$MAMORI" --db $DB request show "$trid" $T >tr.out 2>&1
contains tr.out "代決: " "the decision records the 代決 and its instrument"

# withdrawal, the inbox
"$MAMORI" --db $DB request new setting_change --as P-09 $T --set device=PC-1 --set setting=画面ロック \
    --set reason=検証 >sc.out 2>&1
scid=$(sed -n 's/^申請 #\([0-9]*\) .*/\1/p' sc.out)
"$MAMORI" --db $DB request withdraw "$scid" --as P-09 $T >/dev/null 2>&1
"$MAMORI" --db $DB request show "$scid" $T >sc.out 2>&1
contains sc.out "状態: 取下げ" "the requester withdraws an undecided request"
"$MAMORI" --db $DB request inbox P-09 --unread >inbox.out 2>&1
contains inbox.out "許可されました" "the requester's inbox has the decision"
"$MAMORI" --db $DB request inbox P-09 --read all >/dev/null 2>&1
"$MAMORI" --db $DB request inbox P-09 --unread >inbox.out 2>&1
check "after reading, nothing is unread" test ! -s inbox.out

# a recorded risk acceptance filed as an 例外措置 for the CISO
sqlite3 $DB "INSERT INTO risk_acceptance (id, rule_id, entity_type, entity_id, accepted_by, reason, decided_on, expires_on, recorded_at) VALUES (77, 'ACC-001', 'account', 'x-1', 'P-01', '後継システムへの移行まで', '2026-04-20', '2026-12-31', '2026-04-20T00:00:00Z')"
"$MAMORI" --db $DB request from-risk 77 --as P-03 --measures "アカウントの利用記録を毎週確認" $T >fr.out 2>&1
contains fr.out "例外措置の申請" "a risk acceptance becomes an 例外措置 request"
frid=$(sed -n 's/.*申請 #\([0-9]*\) .*/\1/p' fr.out)
"$MAMORI" --db $DB request show "$frid" $T >fr.out 2>&1
contains fr.out "最高情報セキュリティ責任者" "… decided by the CISO"

n=$(sqlite3 $DB "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'request'")
check "every request change is in the change log ($n entries)" test "$n" -ge 12
"$MAMORI" --db $DB verify >verify.out 2>&1
check "the change log verifies" test $? -eq 0

# the demo has requests for the pages
"$MAMORI" --db demo.db init --demo --reference-date 2026-11-01 >demo.out 2>&1
n=$("$MAMORI" --db demo.db request list --today 2026-11-01 2>/dev/null | grep -c '^#')
check "the demo has requests ($n)" test "$n" -ge 8
"$MAMORI" --db demo.db request list --awaiting E00005 --today 2026-11-01 >aw.out 2>&1
"$MAMORI" --db demo.db request list --state pending --today 2026-11-01 >pend.out 2>&1
check "the demo has requests awaiting a decision" test -s pend.out
