#!/bin/bash
# test_assessment.sh — `mamori assessment` on the demo: a 年度 campaign creates one assessment per
# 部局, network domain and system with the question set of the roles that answer it (catalog ○
# marks); answers are prefilled from the newest full check run; only role holders answer; the
# 情報セキュリティ責任者 submits; the submitter cannot review; return and accept; evidence files;
# carry-forward into the next 年度; question templates edited as data.
. "$MAMORI_ROOT/tests/integration/lib.sh"

export MAMORI_DB=$PWD/demo.db
mm() { "$MAMORI" "$@" >out.txt 2>err.txt; }
q() { sqlite3 demo.db "$1"; }
ASOF=2026-11-01
# demo roles on that day: E00004 総合政策部長 (isr of bu01, also the 統括), E00005 企画課長 (ism
# ka0101 in bu01), E00002 CISO, E00137 sysm of systems of ka0301, E00073 staff without a role.

"$MAMORI" init --demo --reference-date $ASOF >init.out 2>&1
check "demo database created" test -s demo.db
# The demo builder created 令和8年度's campaign (number 1) before any check had run.
[ "$(q "select fiscal_year from assessment_campaign where id=1")" = 2026 ] && ok "the demo has the 年度's campaign" || not_ok "demo campaign"

nb=$(q "select count(*) from department where level='bukyoku'"); nn=$(q "select count(*) from network_domain"); ns=$(q "select count(*) from system")
na=$(q "select count(*) from assessment where campaign_id=1")
[ "$na" -eq $((nb + nn + ns)) ] && ok "one assessment per 部局 ($nb), network ($nn) and system ($ns)" || not_ok "assessments $na, want $((nb + nn + ns))"

# The question set of each kind is exactly the ○ clauses of its roles (no headings).
expected() { # kind roles…
    local kind=$1; shift
    local roles; roles=$(printf "'%s'," "$@"); roles=${roles%,}
    q "select cr.role || ' ' || m.clause_id from catalog_mark m join catalog_role cr on cr.code = m.role
       join catalog_clause c on c.revision = m.revision and c.id = m.clause_id
       where m.mark = '○' and cr.role in ($roles) and c.status <> 'heading'
       and (c.recommended = 0 or exists (select 1 from org_recommendation o where o.clause_id = c.id and o.adopted = 1))
       order by 1"
}
actual() { # target
    q "select q.role || ' ' || q.clause_id from assessment_question q join assessment a on a.id = q.assessment_id
       where a.campaign_id = 1 and a.target_id = '$1' order by 1"
}
[ "$(expected bukyoku isr ism)" = "$(actual bu01)" ] && ok "部局 bu01: the ○ clauses of 情報セキュリティ責任者 and 管理者" || not_ok "部局 question set differs"
[ "$(expected network toukatsu)" = "$(actual lgwan)" ] && ok "network lgwan: the ○ clauses of the 統括" || not_ok "network question set differs"
[ "$(expected system sysm)" = "$(actual sys01)" ] && ok "system sys01: the ○ clauses of the 情報システム管理者" || not_ok "system question set differs"
# From here on: a check run, then the next 年度's campaign (number 2), prefilled from it.
"$MAMORI" check --as-of $ASOF >check.out 2>&1
expect_exit 0 "a campaign for 令和9年度 is created after a check run" mm assessment campaign create --nendo 9 --due 2028-01-31
contains out.txt "令和9年度の自己点検（番号 2）を作成しました" "creation reports the campaign"
C=2
[ "$(q "select count(*) from assessment_question q join assessment a on a.id=q.assessment_id where a.campaign_id=1 and a.target_id='bu01' and q.clause_id='9.2(1)②'")" -eq 2 ] &&
    ok "9.2(1)② is asked of both the 責任者 and the 管理者 of a 部局" || not_ok "9.2(1)② not asked of both"
[ "$(q "select count(*) from assessment_question q join assessment a on a.id=q.assessment_id where a.campaign_id=1 and a.target_id='sys01' and q.clause_id='9.2(1)①'")" -eq 1 ] &&
    ok "9.2(1)① is asked of the system's 管理者" || not_ok "9.2(1)① missing for the system"
[ "$(q "select count(*) from assessment_question q join assessment a on a.id=q.assessment_id where a.target_kind='bukyoku' and q.role='sysm'")" -eq 0 ] &&
    ok "no system-manager question lands in a 部局 assessment" || not_ok "sysm question in a 部局"

# Prefill from the check run: findings → 一部実施 (auto), a covered clause with none → 実施.
inc="assessment_id in (select id from assessment where campaign_id=$C)"
bad=$(q "select count(*) from assessment_question where $inc and auto_findings > 0 and not (answer = 'partial' and answer_source = 'auto')")
nf=$(q "select count(*) from assessment_question where $inc and auto_findings > 0")
[ "$nf" -gt 0 ] && [ "$bad" -eq 0 ] && ok "questions with open check findings are prefilled 一部実施 ($nf)" || not_ok "prefill with findings: $nf, wrong $bad"
[ "$(q "select count(*) from assessment_question where $inc and auto_findings = 0 and answer <> 'done'")" -eq 0 ] &&
    ok "covered questions without findings are prefilled 実施" || not_ok "prefill without findings"
[ "$(q "select count(*) from assessment_question where $inc and auto_run_id is null and answer is not null and answer_source <> 'carried'")" -eq 0 ] &&
    ok "questions no rule checks are left for the respondent" || not_ok "uncovered questions prefilled"
[ "$(q "select count(*) from assessment_question where $inc and answer_source = 'carried'")" -ge 1 ] &&
    ok "the demo's answers of the year before are carried forward" || not_ok "no carried answer from the demo campaign"
gap=$(q "select q.id from assessment_question q join assessment a on a.id=q.assessment_id where a.campaign_id=$C and a.target_id='bu01' and q.role='ism' and q.clause_id='1(4)①'")
[ -n "$gap" ] && [ "$(q "select answer || '|' || comment from assessment_question where id=$gap" | grep -c '^partial|自動点検（実行 #1）で指摘 1 件')" -eq 1 ] &&
    ok "the planted gap (課室 without a 管理者) shows in 総合政策部's 1(4)① answer" || not_ok "planted gap not prefilled ($gap)"

# The demo's own campaign was made before any check: refresh reads the run into it, leaving the
# answers its 責任者 gave alone.
before=$(q "select group_concat(answer || answer_source) from assessment_question where answer_source='respondent' and assessment_id in (select id from assessment where campaign_id=1)")
expect_exit 0 "refresh reads the newest check run into the demo's campaign" mm assessment campaign refresh --nendo 2026
contains out.txt "最新の自動点検の結果を反映しました" "refresh reports what it did"
[ "$(q "select answer || '|' || answer_source from assessment_question q join assessment a on a.id=q.assessment_id where a.campaign_id=1 and a.target_id='bu01' and q.role='ism' and q.clause_id='1(4)①'")" = "partial|auto" ] &&
    ok "after refresh the planted gap shows in the demo campaign too" || not_ok "refresh did not prefill"
[ "$(q "select group_concat(answer || answer_source) from assessment_question where answer_source='respondent' and assessment_id in (select id from assessment where campaign_id=1)")" = "$before" ] &&
    ok "refresh keeps the respondents' answers" || not_ok "refresh changed respondents' answers"

# ---- answering ----
bu01=$(q "select id from assessment where target_id='bu01' and campaign_id=$C")
qisr=$(q "select id from assessment_question where assessment_id=$bu01 and role='isr' and answer is null order by id limit 1")
qism=$(q "select id from assessment_question where assessment_id=$bu01 and role='ism' and answer is null order by id limit 1")
expect_exit 1 "staff without a role cannot answer" mm assessment answer "$qisr" --answer done --by E00073 --as-of $ASOF
contains err.txt "回答する役割を持っていません" "the refusal names the missing role"
expect_exit 0 "the 情報セキュリティ管理者 of a 課室 in the 部局 answers a 管理者 question" mm assessment answer "$qism" --answer partial --comment "手順書を改訂中" --by E00005 --as-of $ASOF
expect_exit 1 "the 管理者 cannot answer a 責任者 question" mm assessment answer "$qisr" --answer done --by E00005 --as-of $ASOF
other=$(q "select ra.person_id from role_assignment ra join department d on d.id = ra.scope_department_id where ra.role='ism' and d.parent_id='bu02' and ra.valid_to is null limit 1")
expect_exit 1 "a 管理者 of another 部局 cannot answer" mm assessment answer "$qism" --answer done --by "$other" --as-of $ASOF
echo "研修記録 2026" >evidence.txt
expect_exit 0 "the 責任者 answers with an evidence file" mm assessment answer "$qisr" --answer na --comment "該当する業務なし" --evidence evidence.txt --by E00004 --as-of $ASOF
[ "$(q "select sha256 from pdca_evidence where owner_kind='question' and owner_id=$qisr")" = "$(sha256sum evidence.txt | cut -d' ' -f1)" ] &&
    ok "the evidence is stored with its SHA-256" || not_ok "evidence hash"
expect_exit 2 "an unknown answer code is bad input" mm assessment answer "$qisr" --answer maybe --by E00004 --as-of $ASOF

expect_exit 1 "submitting with unanswered questions is refused" mm assessment submit "$bu01" --by E00004 --as-of $ASOF
contains err.txt "未回答の設問が" "the refusal counts the open questions"
for id in $(q "select id from assessment_question where assessment_id=$bu01 and answer is null"); do
    "$MAMORI" assessment answer "$id" --answer done --by E00004 --as-of $ASOF >/dev/null 2>&1
done
expect_exit 1 "a 管理者 cannot submit the 部局's assessment" mm assessment submit "$bu01" --by E00005 --as-of $ASOF
expect_exit 0 "the 情報セキュリティ責任者 submits with the 改善策" mm assessment submit "$bu01" --improvement "手順書の改訂を年度内に終える" --by E00004 --as-of $ASOF
expect_exit 1 "a submitted assessment cannot be answered" mm assessment answer "$qism" --answer done --by E00005 --as-of $ASOF

# ---- review ----
expect_exit 1 "the submitter (also the 統括) cannot review it" mm assessment review "$bu01" --accept --by E00004 --as-of $ASOF
contains err.txt "兼務の禁止" "the refusal cites 1.(8)"
expect_exit 1 "a 管理者 cannot review" mm assessment review "$bu01" --accept --by E00005 --as-of $ASOF
expect_exit 2 "returning needs a reason" mm assessment review "$bu01" --return --by E00002 --as-of $ASOF
expect_exit 0 "the CISO returns it with a reason" mm assessment review "$bu01" --return --comment "1(4)① の根拠資料を添付すること" --by E00002 --as-of $ASOF
[ "$(q "select status from assessment where id=$bu01")" = returned ] && ok "the assessment is returned" || not_ok "status after return"
expect_exit 0 "a returned assessment can be answered again" mm assessment answer "$qism" --answer done --comment "改訂済み" --by E00005 --as-of $ASOF
expect_exit 0 "and submitted again" mm assessment submit "$bu01" --by E00004 --as-of $ASOF
expect_exit 0 "the CISO accepts it" mm assessment review "$bu01" --accept --by E00002 --as-of $ASOF
[ "$(q "select group_concat(decision) from assessment_review where assessment_id=$bu01")" = "return,accept" ] && ok "both decisions are recorded" || not_ok "reviews"

"$MAMORI" assessment progress --nendo 2027 --format json >progress.json
python3 -c '
import json; rows = json.load(open("progress.json"))
b = [r for r in rows if r["department_id"] == "bu01"][0]
print("ok" if b["accepted"] == 1 and b["submitted"] == 1 and b["answered"] >= 87 else "bad", b)' >p.txt
contains p.txt "ok" "progress per 部局 counts the accepted assessment"
"$MAMORI" log show --entity assessment:$bu01 --format json >log.json 2>&1
[ "$(grep -o '"action"' log.json | wc -l)" -eq 4 ] && ok "each submit and review is in the change log" || not_ok "log entries for the assessment"
expect_exit 1 "a second campaign for the same 年度 is refused" mm assessment campaign create --nendo 2027

# ---- templates and carry-forward ----
tpl=$(q "select template_id from assessment_question where id=$qisr")
expect_exit 0 "a template's text can be edited" mm assessment question set "$tpl" --text "独自の設問文" --by E00004
off=$(q "select id from assessment_question_template where target_kind='system' order by id limit 1")
expect_exit 0 "a template can be switched off" mm assessment question set "$off" --active 0
expect_exit 0 "a municipality adds its own question" mm assessment question add own-usb --kind bukyoku --role ism --clause "5.1(1)④" --text "私物のUSBメモリの持込みを課室で確認していますか。"
expect_exit 2 "a question for a role that does not answer that target is refused" mm assessment question add own-x --kind network --role ism --clause "5.1(1)④" --text x
expect_exit 2 "a question about an unknown clause is refused" mm assessment question add own-y --kind bukyoku --role ism --clause "99(9)" --text x
expect_exit 0 "the next 年度's campaign is created" mm assessment campaign create --nendo 2028
contains out.txt "前年度から引き継いだ回答" "creation reports carried answers"
c2=$(q "select id from assessment_campaign where fiscal_year=2028")
b2=$(q "select id from assessment where campaign_id=$c2 and target_id='bu01'")
[ "$(q "select answer || '|' || answer_source || '|' || comment || '|' || text from assessment_question where assessment_id=$b2 and template_id='$tpl'")" = "na|carried|該当する業務なし|独自の設問文" ] &&
    ok "last 年度's answer and comment are carried forward, with the edited text" || not_ok "carry-forward of $tpl"
[ "$(q "select count(*) from assessment_question q join assessment a on a.id=q.assessment_id where a.campaign_id=$c2 and q.template_id='$off'")" -eq 0 ] &&
    ok "a switched-off template is not asked" || not_ok "switched-off template asked"
[ "$(q "select count(*) from assessment_question where assessment_id=$b2 and auto_findings > 0 and answer_source <> 'auto'")" -eq 0 ] &&
    ok "a check finding overrides a carried answer" || not_ok "auto override"
[ "$(q "select status from assessment where id=$b2")" = open ] && ok "the new assessment starts open" || not_ok "new status"
[ "$(q "select count(*) from assessment_question q join assessment a on a.id=q.assessment_id where a.campaign_id=$c2 and q.template_id='own-usb'")" -eq "$nb" ] &&
    ok "the added question is asked in every 部局" || not_ok "own question"
expect_exit 0 "a campaign without carry-forward" mm assessment campaign create --nendo 2029 --no-carry
[ "$(q "select count(*) from assessment_question q join assessment a on a.id=q.assessment_id join assessment_campaign c on c.id=a.campaign_id where c.fiscal_year=2029 and q.answer_source='carried'")" -eq 0 ] &&
    ok "--no-carry carries nothing" || not_ok "--no-carry"
"$MAMORI" assessment show "$bu01" >show.txt 2>&1
contains show.txt "受理" "show prints the state"
contains show.txt "改訂済み" "show prints the answers and comments"
