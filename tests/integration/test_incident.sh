#!/bin/bash
# test_incident.sh — `mamori incident` end to end on the demo municipality (reference date
# 2026-06-01): a report reaches the 課室's 情報セキュリティ管理者 and the CSIRT with due times;
# an unacknowledged hand-over becomes overdue (list --overdue, rule INC-003); acknowledging a
# stage hands over the next; containment before evidence is refused; triage computes the
# outward duties with the 個人情報保護委員会 deadlines (速報 3 days, 確報 30 / 60 days, a body's
# own parameter); an overdue duty is found by INC-004; closing is refused until everything is
# done; the 緊急連絡網 shows the demo's gaps; the report PDF carries the timeline; every change
# is in the change log and the log verifies.
. "$MAMORI_ROOT/tests/integration/lib.sh"

export MAMORI_DB=$PWD/inc.db
"$MAMORI" init --demo --reference-date 2026-06-01 >init.out 2>&1
check "demo database created" test -s inc.db

# The demo's incidents are there.
"$MAMORI" incident list --format json --at 2026-06-01T12:00 >demo.json
n=$(python3 -c 'import json; print(len(json.load(open("demo.json"))))')
check "demo holds three incidents" test "$n" = 3

# Report by 島田 舞 (人事課 ka0203) about グループウェア sys30.
"$MAMORI" incident report --title "不審メールの添付ファイルを開いた" \
    --description "業務端末で添付ファイルを開いた後、警告が表示された" \
    --reporter E00100 --system sys30 --occurred 2026-06-01T08:50 --at 2026-06-01T09:00 >rep.out 2>&1
check "report accepted" test $? -eq 0
id=$(sed -n 's/^インシデント \(INC-[0-9-]*\) を受け付けました.*/\1/p' rep.out)
check "report gets an id of the year" test "$id" = INC-2026-0001
contains rep.out "情報セキュリティ管理者（報告者の課室） 人事課  受領期限 令和8年6月1日 09:30" \
    "stage 1 reaches the 課室's 情報セキュリティ管理者, due in 30 minutes"
contains rep.out "統一的な窓口（CSIRT）" "stage 1 reaches the CSIRT"

"$MAMORI" incident list --overdue --format json --at 2026-06-01T09:20 >ov1.json
"$MAMORI" incident list --overdue --format json --at 2026-06-01T09:31 >ov2.json
python3 - "$id" >ov.txt <<'EOF'
import json, sys
a = [o["id"] for o in json.load(open("ov1.json"))]
b = {o["id"]: o["overdue_steps"] for o in json.load(open("ov2.json"))}
print("ok" if sys.argv[1] not in a else "not ok", "- not overdue before the due time")
print("ok" if b.get(sys.argv[1]) == 2 else "not ok", "- both stage-1 hand-overs overdue after it", b)
EOF
cat ov.txt

# INC-003 on the next day: both steps found (and the demo's outside report, also unacknowledged).
"$MAMORI" check --rule INC-003 --as-of 2026-06-02 --format json --no-store >c3.json 2>/dev/null
steps=$(python3 -c 'import json; print(" ".join(sorted(f["entity_id"] for f in json.load(open("c3.json"))["findings"])))')
check "INC-003 finds the unacknowledged hand-overs (${steps})" \
    test "$steps" = "$id-01 $id-02 INC-DEMO-0003-01"

"$MAMORI" incident awaiting --person E00093 --at 2026-06-01T09:05 >aw.out
contains aw.out "$id-01" "awaiting: the 課室's 情報セキュリティ管理者 sees the report"
expect_exit 0 "ack stage 1 (情報セキュリティ管理者)" "$MAMORI" incident ack "$id-01" --by E00093 --at 2026-06-01T09:10
expect_exit 0 "ack stage 1 (CSIRT), late" "$MAMORI" incident ack "$id-02" --by E00004 --at 2026-06-01T09:40
expect_exit 1 "a second acknowledgement is refused" "$MAMORI" incident ack "$id-02" --at 2026-06-01T09:41 2>/dev/null
"$MAMORI" incident show "$id" --format json --at 2026-06-01T09:45 >s1.json
python3 - >s1.txt <<'EOF'
import json
o = json.load(open("s1.json"))
st = {s["id"][-2:]: s for s in o["steps"]}
print("ok" if st["02"]["state"] == "late" else "not ok", "- the late acknowledgement is shown as late")
print("ok" if st["03"]["role"] == "toukatsu" and st["03"]["handed_over_at"] == "2026-06-01T09:40:00+09:00"
      and st["03"]["due_at"] == "2026-06-01T10:40:00+09:00" else "not ok",
      "- stage 2 (統括) handed over when stage 1 completed, due in 60 minutes")
print("ok" if st["04"]["role"] == "sysm" and st["04"]["scope_id"] == "sys30" else "not ok",
      "- stage 2 reaches the 情報システム管理者 of the affected system")
EOF
cat s1.txt

# Evidence before containment.
"$MAMORI" incident action "$id" containment --description "LAN ケーブルを抜いた" --at 2026-06-01T09:50 >a1.out 2>&1
rc=$?
check "containment before evidence is refused (exit $rc)" test $rc -eq 1
contains a1.out "証拠保全" "the refusal names evidence preservation"
contains a1.out "先にインシデント「$id」の証拠保全を記録してください" "… and speaks of the act to record first"
expect_exit 0 "evidence recorded" "$MAMORI" incident action "$id" evidence --description "ログと端末の状態を保存" --at 2026-06-01T09:55
expect_exit 0 "containment after evidence" "$MAMORI" incident action "$id" containment --description "LAN ケーブルを抜いた" --at 2026-06-01T10:00
expect_exit 2 "an unknown action kind is bad input" "$MAMORI" incident action "$id" dance --description x 2>/dev/null

# Triage: 要配慮個人情報, 不正の目的 → 速報, 確報 (60 days), 本人通知, 警察; the cloud system → 事業者.
"$MAMORI" profile set incident_ppc_prompt_days 4 >/dev/null
"$MAMORI" incident triage "$id" --incident --severity high --personal --sensitive --improper-purpose \
    --crime --persons 12 --by E00004 --at 2026-06-01T11:00 >tri.out 2>&1
check "triage accepted" test $? -eq 0
"$MAMORI" incident show "$id" --format json --at 2026-06-01T11:00 >s2.json
python3 - >s2.txt <<'EOF'
import json
d = {x["kind"]: x["due_at"] for x in json.load(open("s2.json"))["duties"]}
want = {
    "mic": "2026-06-02T11:00:00+09:00",
    "prefecture": "2026-06-02T11:00:00+09:00",
    "ppc_prompt": "2026-06-05T23:59:59+09:00",   # the body's own 4 days
    "ppc_final": "2026-07-31T23:59:59+09:00",    # 60 days: 不正の目的
    "data_subject": "2026-06-06T23:59:59+09:00",
    "police": "2026-06-02T11:00:00+09:00",
    "provider": "2026-06-02T11:00:00+09:00",     # sys30 is a cloud service
}
for k, v in want.items():
    print("ok" if d.get(k) == v else "not ok", f"- duty {k} due {v} (got {d.get(k)})")
print("ok" if set(d) == set(want) else "not ok", "- no other duty", sorted(d))
EOF
cat s2.txt

expect_exit 0 "duty done with a reference" "$MAMORI" incident duty "$id" mic --reference "総務省受付 0601-1" --at 2026-06-01T15:00
expect_exit 2 "a duty the incident does not have" "$MAMORI" incident duty "$id" press --at 2026-06-01T15:00 2>/dev/null

# INC-004: on 06-03 the prefecture, police and provider duties are overdue; mic is done.
"$MAMORI" check --rule INC-004 --as-of 2026-06-03 --format json --no-store >c4.json 2>/dev/null
duties=$(python3 -c 'import json; print(" ".join(sorted(f["entity_id"] for f in json.load(open("c4.json"))["findings"])))')
check "INC-004 finds the overdue duties (${duties})" \
    test "$duties" = "$id-police $id-prefecture $id-provider INC-DEMO-0002-prefecture"

# Closing is refused with what is missing.
"$MAMORI" incident close "$id" --at 2026-06-10T09:00 >cl.out 2>&1
rc=$?
check "close refused while work is open (exit $rc)" test $rc -eq 1
contains cl.out "原因の究明" "the refusal lists the missing root cause"

# Finish everything and close.
for s in 03 04 05 06; do "$MAMORI" incident ack "$id-$s" --at 2026-06-01T12:00 >/dev/null 2>&1; done
"$MAMORI" incident action "$id" root_cause --description "添付ファイルのマクロ" --at 2026-06-03T10:00 >/dev/null
"$MAMORI" incident action "$id" prevention_plan --description "マクロの既定無効化を委員会に報告" --at 2026-06-05T10:00 >/dev/null
for k in prefecture ppc_prompt ppc_final data_subject police provider; do
    "$MAMORI" incident duty "$id" $k --reference "R-$k" --at 2026-06-05T11:00 >/dev/null
done
expect_exit 0 "close once everything is done" "$MAMORI" incident close "$id" --outcome "再発防止策を実施" --by E00004 --at 2026-06-10T09:00
"$MAMORI" incident show "$id" --at 2026-06-10T09:00 >show.out
contains show.out "終結 令和8年6月10日 09:00" "show: closed with the time in 和暦"
contains show.out "総務省受付 0601-1" "show: the duty's reference"
"$MAMORI" incident timeline "$id" >tl.out
contains tl.out "令和8年6月1日 08:50  発生（推定）" "timeline starts with the occurrence"
contains tl.out "証拠保全（ログ・現状の保存）：ログと端末の状態を保存" "timeline lists the actions"
contains tl.out "（受領期限 令和8年6月1日 9時30分）" "timeline: due times in 和暦 JST"
if grep -q '期限 20[0-9][0-9]-' tl.out; then not_ok "timeline: no ISO due time"; else ok "timeline: no ISO due time"; fi

# An outside report: the receiving member of staff's 課室, the ism alone at stage 1.
"$MAMORI" incident report --external --from "市民" --contact "090-0000-0000" --reporter E00034 \
    --title "ホームページの表示がおかしい" --description "住民から電話" --at 2026-06-02T10:00 >ext.out 2>&1
contains ext.out "情報セキュリティ管理者（報告者の課室） 情報政策課" "outside report goes to the receiving 課室's ism"
check "outside report: no CSIRT step at stage 1" sh -c "! grep -q 'CSIRT' ext.out"
expect_exit 2 "outside report without --from is a usage error" "$MAMORI" incident report --external --title t --description d --reporter E00034 2>/dev/null

# 緊急連絡網 with the demo's gaps.
"$MAMORI" incident contacts --as-of 2026-06-01 --gaps --format json >gaps.json
python3 - >gaps.txt <<'EOF'
import json
g = {(x["gap"], x["scope_id"] or x["role"], x["person_id"]) for x in json.load(open("gaps.json"))}
print("ok" if ("no_holder", "ka0107", None) in g else "not ok", "- 緊急連絡網: デジタル推進課 has no ism")
print("ok" if ("no_holder", "sys39", None) in g else "not ok", "- 緊急連絡網: 公用車管理システム has no sysm")
print("ok" if any(x[0] == "holder_left" and x[2] == "E00044" for x in g) else "not ok",
      "- 緊急連絡網: the retired CSIRT member is a gap")
EOF
cat gaps.txt
"$MAMORI" incident contacts --as-of 2026-06-01 >contacts.out
contains contacts.out "最高情報セキュリティ責任者（CISO）" "contacts table lists the CISO"
contains contacts.out "うち不備" "contacts prints the count of gaps"

# PDF report.
"$MAMORI" incident report-pdf "$id" --out inc.pdf >pdf.out 2>&1
rc=$?
if [ $rc -eq 0 ] && head -c 5 inc.pdf | grep -q '%PDF-'; then
    ok "report-pdf writes a PDF"
    if command -v pdftotext >/dev/null; then
        pdftotext inc.pdf inc.txt
        contains inc.txt "情報セキュリティインシデント報告書" "PDF has the title"
        contains inc.txt "証拠保全" "PDF has the actions"
    fi
else
    not_ok "report-pdf writes a PDF (exit $rc): $(head -c 300 pdf.out)"
fi

# Change log: every change is an entry and the chain verifies.
"$MAMORI" log show --entity "incident:$id" --format json >log.json 2>/dev/null
entries=$(python3 -c '
import json
t = open("log.json").read().strip()
d = json.loads(t) if t.startswith("[") else [json.loads(l) for l in t.splitlines() if l.strip()]
print(len(d))' 2>/dev/null)
# report, 2 + 4 acknowledgements, 4 actions, triage, 7 duties, close (refusals write nothing)
check "change log has one entry per change of the incident (${entries})" test "${entries:-0}" -eq 20
expect_exit 0 "change log verifies" "$MAMORI" log verify >/dev/null 2>&1

expect_exit 2 "unknown subcommand is a usage error" "$MAMORI" incident frobnicate 2>/dev/null
"$MAMORI" help incident >help.out 2>&1
contains help.out "証拠保全の前に応急措置・復旧は記録できません" "help explains the order rule"
