#!/bin/bash
# test_catalog.sh — `mamori catalog`: the catalog every database carries (clause count, role
# marks of known rows, a row decided in docs/catalog-decisions.md), list filters, show,
# coverage, output formats, help and exit codes.
source "$MAMORI_ROOT/tests/integration/lib.sh"

"$MAMORI" --db c.db init >/dev/null
check "init loads the catalog" test "$(sqlite3 c.db 'SELECT COUNT(*) FROM catalog_revision')" = 1

# Every row of the 権限・責任等一覧表 (508, with the repeated 8.3(1) row merged and 8.3(3)③
# added) plus the headings of the tree.
"$MAMORI" --db c.db catalog list --format tsv >all.tsv
expect_exit 0 "list --format tsv exits 0" test $? -eq 0
rows=$(tail -n +2 all.tsv | awk -F'\t' '$6 != "heading"' | wc -l)
check "508 clauses besides headings (got $rows)" test "$rows" -eq 508
heads=$(tail -n +2 all.tsv | awk -F'\t' '$6 == "heading"' | wc -l)
check "headings complete the tree (got $heads)" test "$heads" -ge 150
check "ids are unique" test "$(tail -n +2 all.tsv | cut -f1 | sort | uniq -d | wc -l)" -eq 0
orphans=$(tail -n +2 all.tsv | awk -F'\t' 'NR==FNR {id[$1]=1; next} $2 != "" && !id[$2]' - <(tail -n +2 all.tsv) | wc -l)
check "every parent exists" test "$orphans" -eq 0
check "the loaded marks total 779" test "$(sqlite3 c.db 'SELECT COUNT(*) FROM catalog_mark')" = 779

grep -P '^1\(1\)①\t' all.tsv >row.txt
contains row.txt "ciso=○" "1(1)① has ○ for the CISO"
grep -P '^6\.1\(10\)①\t' all.tsv >row.txt
contains row.txt "ciso=許,toukatsu=許,sysm=○" "6.1(10)① external connection: 許 CISO and 統括, ○ システム管理者"
grep -P '^8\.3\(1\)④\t' all.tsv >row.txt
contains row.txt "クラウドサービス管理者の指名" "8.3(1)④ follows the clause text numbering"
grep -P '^8\.3\(3\)②\(キ\)\t' all.tsv >row.txt
contains row.txt "isr=○" "8.3(3)②(キ) hangs under ② as in the text"

# A row decided by reading the clause (docs/catalog-decisions.md).
"$MAMORI" --db c.db catalog show '7.4 (1)' >show.out
expect_exit 0 "show 7.4 (1) exits 0" test $? -eq 0
contains show.out "7.4(1)  例外措置の許可" "show normalises the id and prints the title"
contains show.out "許  最高情報セキュリティ責任者" "7.4(1): CISO grants (許)"
contains show.out "○  情報セキュリティ管理者" "7.4(1): decided ○ for 情報セキュリティ管理者"
contains show.out "decided" "7.4(1) says it was decided"
contains show.out "7.4  例外措置" "show prints the parent chain"
"$MAMORI" --db c.db catalog show '６．２（１）' >show.out
contains show.out "6.2(1)③" "show of 6.2(1) lists its children"
"$MAMORI" --db c.db catalog show 3\(1\)① --format json >show.json
contains show.json '"toukatsu": "○"' "3(1)① decided: 統括 ○ (json)"
contains show.json '"status": "decided"' "3(1)① status decided (json)"

expect_exit 1 "show of an unknown id exits 1" "$MAMORI" --db c.db catalog show '1(99)' 2>err.out
contains err.out "1(99)" "the unknown id is named"
expect_exit 2 "show of a malformed id exits 2" "$MAMORI" --db c.db catalog show 'abc' 2>/dev/null
expect_exit 2 "show without an id exits 2" "$MAMORI" --db c.db catalog show 2>/dev/null

# Filters.
"$MAMORI" --db c.db catalog list --section 7.4 --format tsv >s.tsv
check "--section 7.4 gives the heading and 3 clauses" test "$(tail -n +2 s.tsv | wc -l)" -eq 4
"$MAMORI" --db c.db catalog list --section 4 --format tsv >s.tsv
check "--section 4 includes 4.1 to 4.4" test "$(tail -n +2 s.tsv | cut -f3 | sort -u | tr '\n' ' ')" = "4 4.1 4.2 4.3 4.4 "
"$MAMORI" --db c.db catalog list --role permit_authority --format tsv >r.tsv
check "--role gives only rows marked for that role" test "$(tail -n +2 r.tsv | grep -vc 'permit_authority=')" -eq 0
contains r.tsv "8.3(5)②" "8.3(5)② is marked for 利用申請の許可権限者"
"$MAMORI" --db c.db catalog list --recommended --format tsv >rec.tsv
check "--recommended gives only 推奨事項" test "$(tail -n +2 rec.tsv | awk -F'\t' '$5 != 1' | wc -l)" -eq 0
contains rec.tsv "1(1)②" "1(1)② (最高情報セキュリティアドバイザー) is 推奨事項"
expect_exit 2 "unknown role exits 2" "$MAMORI" --db c.db catalog list --role nobody 2>/dev/null
expect_exit 2 "bad --section exits 2" "$MAMORI" --db c.db catalog list --section 'x;' 2>/dev/null
expect_exit 2 "bad --format exits 2" "$MAMORI" --db c.db catalog list --format xml 2>/dev/null
expect_exit 2 "unknown subcommand exits 2" "$MAMORI" --db c.db catalog frob 2>/dev/null

# Table output fits 100 columns.
"$MAMORI" --db c.db catalog list >list.out
"$MAMORI" --db c.db catalog coverage >cov.out
"$MAMORI" --db c.db catalog show 6.2\(1\)③\(エ\) >show.out
wide=$(cat list.out cov.out show.out | while IFS= read -r l; do
    echo "$l" | wc -L; done | sort -n | tail -1)
check "table output is at most 100 columns wide (widest $wide)" test "$wide" -le 100

# Coverage: the clauses covered by rules, self-assessment questions and workflows (request
# kinds) are counted; the total line agrees with the coverage table, and a kind still at zero
# is explained.
contains cov.out "合計" "coverage prints a total"
contains cov.out "8.3              外部サービス" "coverage lists section 8.3"
grep '^合計' cov.out | tr -s ' ' >tot.txt
ruled=$(sqlite3 c.db "SELECT COUNT(DISTINCT c.id) FROM catalog_clause c JOIN catalog_coverage v
    ON v.revision = c.revision AND v.clause_id = c.id WHERE v.kind = 'rule' AND c.revision = 'r7-03'
    AND c.status <> 'heading'")
check "the rules cover some clauses ($ruled)" test "$ruled" -ge 50
covered() { # KIND: clauses of r7-03 (not headings) covered by that kind
    sqlite3 c.db "SELECT COUNT(DISTINCT c.id) FROM catalog_clause c JOIN catalog_coverage v
        ON v.revision = c.revision AND v.clause_id = c.id WHERE v.kind = '$1'
        AND c.revision = 'r7-03' AND c.status <> 'heading'"
}
assessed=$(covered assessment)
workflow=$(covered workflow)
none=$(sqlite3 c.db "SELECT COUNT(*) FROM catalog_clause c WHERE c.revision = 'r7-03'
    AND c.status <> 'heading' AND NOT EXISTS (SELECT 1 FROM catalog_coverage v
    WHERE v.revision = c.revision AND v.clause_id = c.id)")
check "request kinds cover some clauses ($workflow)" test "$workflow" -ge 10
contains tot.txt "合計 508 $ruled $assessed $workflow $none" "coverage total: 508 clauses; rules $ruled, self-assessment $assessed, workflows $workflow, none $none"
if [ "$assessed" = 0 ] && [ "$workflow" = 0 ]; then
    contains cov.out "自己点検の設問とワークフローはまだ条項に対応づけられていません" "coverage explains the zeros"
else
    check "no note about unfilled columns once they are filled" sh -c '! grep -q "まだ条項に対応づけられていません" cov.out'
fi
sqlite3 c.db "INSERT INTO catalog_coverage VALUES ('r7-03', '6.2(1)②(ウ)', 'rule', 'R-ACC-001')"
"$MAMORI" --db c.db catalog coverage --section 6.2 --format tsv >cov.tsv
contains cov.tsv "$(printf '6.2(1)②(ウ)\t利用されていないIDの点検\t1\t1\t0\t0\t0')" "a coverage row is counted for its clause"
"$MAMORI" --db c.db catalog coverage --format json >cov.json
contains cov.json '"rule": 1' "coverage json counts the rule"
"$MAMORI" --db c.db catalog roles >roles.out
contains roles.out "csirt_head" "roles maps the CSIRT column to csirt_head"

"$MAMORI" help catalog >h.out
contains h.out "catalog coverage" "help catalog describes coverage"

# Opening again does not load the catalog twice, and a read-only open leaves it as it was.
before=$(sqlite3 c.db 'SELECT COUNT(*) FROM catalog_clause')
"$MAMORI" --db c.db catalog list --section 9.3 >/dev/null
check "the catalog is loaded once" test "$(sqlite3 c.db 'SELECT COUNT(*) FROM catalog_clause')" = "$before"
