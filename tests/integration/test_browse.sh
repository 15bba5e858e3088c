#!/bin/bash
# test_browse.sh — the read-only register commands (asset, system, person, department, role)
# over a small fixture written with the sqlite3 CLI: every list and show, filters, formats,
# 取扱制限 of a 3B/2/2 and a 1/1/1 asset, 和暦 dates, not-found (exit 1) and usage errors (exit 2).
source "$MAMORI_ROOT/tests/integration/lib.sh"

"$MAMORI" --db t.db init >/dev/null
check "init creates the database" test -f t.db
# absent TEXT: passes when FILE does not contain TEXT
absent() {
    if grep -qF -- "$2" "$1"; then not_ok "$3 (found: $2)"; else ok "$3"; fi
}
# matches FILE REGEX DESC: passes when a line matches the extended regular expression
matches() {
    if grep -qE -- "$2" "$1"; then ok "$3"; else not_ok "$3 (no line matches: $2)"; fi
}
# count_lines FILE PATTERN N DESC: passes when exactly N lines match the fixed string
count_lines() {
    local n
    n=$(grep -cF -- "$2" "$1")
    if [ "$n" -eq "$3" ]; then ok "$4"; else not_ok "$4 ($n lines, want $3)"; fi
}

sqlite3 t.db <<'SQL'
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO organization (id, name, kind, prefecture, policy_title, policy_date)
  VALUES (1, 'テスト市', '市', '埼玉県', 'テスト市情報セキュリティポリシー', '2025-04-01');
INSERT INTO org_body VALUES ('mayor', '市長部局', NULL, 1), ('board', '教育委員会', NULL, 2);
INSERT INTO department (id, parent_id, name, level, body, sort) VALUES
  ('D10', NULL,  '総務部',       'bukyoku',  'mayor', 1),
  ('D11', 'D10', '情報政策課',   'kashitsu', 'mayor', 1),
  ('D12', 'D10', '職員課',       'kashitsu', 'mayor', 2),
  ('D20', NULL,  '市民部',       'bukyoku',  'mayor', 2),
  ('D21', 'D20', '市民課',       'kashitsu', 'mayor', 1),
  ('D22', 'D21', '駅前出張所',   'desaki',   'mayor', 1),
  ('D30', NULL,  '教育総務部',   'bukyoku',  'board', 3);
INSERT INTO person (id, name, kana, department_id, title, employment, status, status_since, hired_on, left_on, email) VALUES
  ('P001', '山田 太郎', 'やまだ たろう', 'D10', '部長', 'regular', 'active', NULL, '1989-01-08', NULL, NULL),
  ('P002', '佐藤 花子', 'さとう はなこ', 'D11', '課長', 'regular', 'active', NULL, '2019-05-01', NULL, NULL),
  ('P003', '鈴木 一郎', NULL, 'D11', '主査', 'regular', 'active', NULL, '2020-04-01', NULL, NULL),
  ('P004', '高橋 次郎', NULL, 'D21', '課長', 'regular', 'active', NULL, '2001-04-01', NULL, NULL),
  ('P005', '田中 三郎', NULL, 'D21', NULL, 'fiscal_year', 'retired', '2024-03-31', '2023-04-01', '2024-03-31', NULL),
  ('P006', '伊藤 四郎', NULL, 'D22', NULL, 'regular', 'on_leave', '2024-02-29', '2010-04-01', NULL, NULL);
INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa, vendor, last_updated, note) VALUES
  ('S01', '住民記録システム', 'mynumber', 'gov_cloud', 'D21', 24, 1, 'ベンダーA', '2025-04-01', NULL),
  ('S02', '文書管理システム', 'lgwan', 'onprem', 'D11', NULL, 0, NULL, '2019-04-30', NULL);
INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, scope_system_id, valid_from, valid_to, note) VALUES
  ('R01', 'ciso', 'P001', 'organization', NULL, NULL, '2024-04-01', NULL, NULL),
  ('R02', 'isr',  'P001', 'bukyoku', 'D10', NULL, '2024-04-01', NULL, NULL),
  ('R03', 'ism',  'P002', 'kashitsu', 'D11', NULL, '2024-04-01', NULL, NULL),
  ('R04', 'sysm', 'P003', 'system', NULL, 'S02', '2024-04-01', NULL, NULL),
  ('R05', 'sysm', 'P004', 'system', NULL, 'S01', '2019-05-01', NULL, NULL),
  ('R06', 'ism',  'P004', 'kashitsu', 'D21', NULL, '2019-04-01', '2020-03-31', '前任');
INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, location, confidentiality, integrity, availability, retention, personal_info, note) VALUES
  ('A001', '住民基本台帳データ', 'D21', 'P004', 'electronic', 'S01', NULL, '3B', '2', '2', '30y', 1, NULL),
  ('A002', '広報誌原稿', 'D11', NULL, 'paper', NULL, '書庫', '1', '1', '1', '1y', 0, NULL),
  ('A003', '人事評価記録', 'D12', 'P002', 'electronic', 'S02', NULL, '3C', '2', '1', 'permanent', 1, '要注意'),
  ('A004', '政策検討メモ', 'D11', 'P002', 'electronic', 'S02', NULL, '2', '1', '2', 'while_in_use', 0, NULL),
  ('A005', '秘文書', 'D22', NULL, 'removable', NULL, '金庫', '3A', '1', '1', '5y', 0, NULL);
INSERT INTO account (id, system_id, login, holder_id, privileged, shared, mfa, status, created_on, last_login) VALUES
  ('AC01', 'S01', 'takahashi', 'P004', 0, 0, 1, 'active', '2019-05-01', '2025-04-01T09:00:00+09:00'),
  ('AC02', 'S01', 'admin', 'P004', 1, 1, 0, 'active', '2019-05-01', NULL),
  ('AC03', 'S02', 'suzuki', 'P003', 0, 0, 0, 'suspended', '2020-04-01', NULL);
COMMIT;
SQL
check "fixture loads" test "$(sqlite3 t.db 'SELECT COUNT(*) FROM asset')" -eq 5
before=$(sqlite3 t.db .dump | md5sum)
M() { "$MAMORI" --db t.db "$@"; }

# --- asset list -------------------------------------------------------------------------------
M asset list >al.out
expect_exit 0 "asset list exits 0" test $? -eq 0
contains al.out "ID    名称                所管課室    機密性" "asset list header is aligned for wide text"
contains al.out "A001  住民基本台帳データ  市民課      3B      2       2       住民記録システム  含む" "asset list row aligned (wide chars count 2)"
check "asset list is sorted by id" test "$(grep -oE '^A0[0-9]+' al.out | tr '\n' ' ')" = "A001 A002 A003 A004 A005 "
M asset list --confidentiality 3B >f.out
check "--confidentiality 3B keeps only A001" test "$(grep -oE '^A0[0-9]+' f.out | tr '\n' ' ')" = "A001 "
M asset list --department D20 >f.out
check "--department includes sub-departments (市民部 → 市民課, 駅前出張所)" test "$(grep -oE '^A0[0-9]+' f.out | tr '\n' ' ')" = "A001 A005 "
M asset list --department D11 --system S02 >f.out
check "--department and --system combine" test "$(grep -oE '^A0[0-9]+' f.out | tr '\n' ' ')" = "A004 "
M asset list --confidentiality 3A --system S01 >f.out
contains f.out "（該当なし）" "an empty result says so"
M asset list --format tsv >f.out
contains f.out "$(printf 'id\tname\tdepartment_id\tdepartment\tconfidentiality')" "tsv header uses keys"
contains f.out "$(printf 'A003\t人事評価記録\tD12\t職員課\t3C\t2\t1\tS02\t文書管理システム\t1')" "tsv row has ids and raw values"
M asset list --format json --confidentiality 3C >f.json
check "json is valid and has one asset" test "$(python3 -c 'import json,sys; d=json.load(open("f.json")); print(len(d), d[0]["id"], d[0]["personal_info"], d[0]["system_id"])')" = "1 A003 True S02"
expect_exit 2 "unknown class is a usage error" M asset list --confidentiality 4 2>e.out
contains e.out "機密性の区分「4」はありません" "bad class is named"
expect_exit 2 "class 3D is a usage error" M asset list --confidentiality 3D 2>/dev/null
expect_exit 2 "unknown option exits 2" M asset list --colour 2>e.out
contains e.out "オプション「--colour」は使えません" "unknown option is named"
contains e.out "mamori help asset" "usage error points at help"
expect_exit 2 "option without value exits 2" M asset list --department 2>/dev/null
expect_exit 2 "bad --format exits 2" M asset list --format xml 2>e.out
contains e.out "xml" "bad format is named"
expect_exit 1 "unknown department filter exits 1" M asset list --department NOPE 2>e.out
contains e.out "部署「NOPE」は見つかりません" "unknown department is named"
expect_exit 1 "unknown system filter exits 1" M asset list --system NOPE 2>/dev/null
expect_exit 2 "asset without subcommand exits 2" M asset 2>/dev/null
expect_exit 2 "unknown subcommand exits 2" M asset frob 2>e.out
contains e.out "サブコマンド「frob」はありません" "unknown subcommand is named"

# --- asset show -------------------------------------------------------------------------------
M asset show A001 >a1.out
expect_exit 0 "asset show exits 0" test $? -eq 0
contains a1.out "住民基本台帳データ" "asset show has the name"
contains a1.out "市民課（D21／市民部）" "asset show has the department and its parent"
contains a1.out "高橋 次郎（P004）" "asset show has the manager"
contains a1.out "住民記録システム（S01）" "asset show has the system"
contains a1.out "マイナンバー利用事務系" "asset show has the system's domain"
contains a1.out "3B（自治体機密性３Ｂ）" "asset show labels the confidentiality class"
contains a1.out "2（自治体完全性２）" "asset show labels the integrity class"
contains a1.out "2（自治体可用性２）" "asset show labels the availability class"
matches a1.out '^  機密性2以上 +該当$' "3B is 機密性2以上"
matches a1.out '^  機密性3 +該当$' "3B is 機密性3"
contains a1.out "30年" "retention 30y shown as 30年"
contains a1.out "取扱制限（対策基準 2.(1)）: 11 件" "3B/2/2 carries eleven restrictions"
for r in "支給された端末以外での作業の原則禁止" "必要以上の複製及び配付禁止" \
         "保管場所の制限、保管場所への必要以上の電磁的記録媒体等の持ち込み禁止" \
         "情報の送信、情報資産の運搬・提供時における暗号化・パスワード設定や鍵付きケースへの格納" \
         "復元不可能な処理を施しての廃棄" "信頼のできるネットワーク回線の選択" \
         "外部で情報処理を行う際の安全管理措置の規定" "電磁的記録媒体の施錠可能な場所への保管" \
         "バックアップ" "電子署名付与" "指定する時間以内の復旧"; do
    count_lines a1.out "・$r [" 1 "3B/2/2 lists 「$r」 once"
done
contains a1.out "根拠: 機密性2以上（2.(1) L2410）、完全性2（2.(1) L2499）、可用性2（2.(1) L2543）" "locked storage names the three dimensions requiring it"
contains a1.out "根拠: 完全性2（2.(1) L2493）、可用性2（2.(1) L2539）" "backup names integrity and availability"
contains a1.out "根拠: 機密性3（2.(1) L2380）" "issued-terminal rule is grounded on 機密性3"

M asset show A002 >a2.out
contains a2.out "1（自治体機密性１）" "1/1/1 asset shows class 1"
matches a2.out '^  機密性2以上 +非該当$' "1 is not 機密性2以上"
contains a2.out "取扱制限（対策基準 2.(1)）: 0 件" "1/1/1 carries no restriction"
absent a2.out "  ・" "1/1/1 lists no restriction"
contains a2.out "書庫" "paper asset shows its location"

M asset show A004 >a4.out
contains a4.out "取扱制限（対策基準 2.(1)）: 9 件" "2/1/2 carries seven confidentiality + two availability-only restrictions"
absent a4.out "支給された端末以外" "機密性2 does not carry the 機密性3 rule"
matches a4.out '^  機密性3 +非該当$' "2 is not 機密性3"
contains a4.out "常用" "retention while_in_use shown as 常用"

expect_exit 1 "unknown asset exits 1" M asset show X 2>e.out
contains e.out "情報資産「X」は見つかりません" "unknown asset message"
expect_exit 2 "asset show without id exits 2" M asset show 2>/dev/null
expect_exit 2 "asset show with extra argument exits 2" M asset show A001 A002 2>/dev/null
expect_exit 2 "asset show with an option exits 2" M asset show --all 2>/dev/null

# --- system -----------------------------------------------------------------------------------
M system list >sl.out
expect_exit 0 "system list exits 0" test $? -eq 0
contains sl.out "S01  住民記録システム  マイナンバー利用事務系  ガバメントクラウド  市民課      24         あり        1         2" "system list row with counts"
contains sl.out "S02  文書管理システム  LGWAN接続系" "system list has S02"
M system list --format json >s.json
check "system json has numbers and booleans" test "$(python3 -c 'import json; d=json.load(open("s.json")); print(d[1]["id"], d[1]["rto_hours"], d[1]["mfa"], d[1]["assets"], d[1]["accounts"])')" = "S02 None False 2 1"
M system show S01 >s1.out
contains s1.out "情報システム管理者  高橋 次郎（P004）  2019-05-01（令和元年5月1日）〜" "system show lists the 情報システム管理者 with 和暦"
contains s1.out "2025-04-01（令和7年4月1日）" "system show gives the ledger date in 和暦"
contains s1.out "3A: 0  3B: 1  3C: 0  2: 0  1: 0" "system show counts assets by confidentiality"
contains s1.out "アカウント: 2 件（有効 2、停止中 0、削除済み 0）" "system show counts accounts"
matches s1.out '^  特権ID +1 件' "system show counts privileged ids"
M system show S02 >s2.out
contains s2.out "3A: 0  3B: 0  3C: 1  2: 1  1: 0" "S02 counts 3C and 2"
matches s2.out "^  目標復旧時間 +未設定$" "missing RTO is shown as 未設定"
expect_exit 1 "unknown system exits 1" M system show S99 2>e.out
contains e.out "情報システム「S99」は見つかりません" "unknown system message"
expect_exit 2 "system list with unknown option exits 2" M system list --all 2>/dev/null

# --- person -----------------------------------------------------------------------------------
M person list >pl.out
check "person list has six people sorted by id" test "$(grep -oE '^P0[0-9]+' pl.out | tr '\n' ' ')" = "P001 P002 P003 P004 P005 P006 "
contains pl.out "会計年度任用職員" "person list shows the employment label"
M person list --department D20 >f.out
check "person --department includes sub-departments" test "$(grep -oE '^P0[0-9]+' f.out | tr '\n' ' ')" = "P004 P005 P006 "
M person list --status retired >f.out
check "person --status retired" test "$(grep -oE '^P0[0-9]+' f.out | tr '\n' ' ')" = "P005 "
M person list --department D20 --status on_leave --format tsv >f.out
check "person filters combine in tsv" test "$(tail -n +2 f.out | cut -f1 | tr '\n' ' ')" = "P006 "
expect_exit 2 "unknown status exits 2" M person list --status dead 2>e.out
contains e.out "「dead」" "unknown status is named"
M person show P004 >p4.out
matches p4.out "^  採用日 +2001-04-01（平成13年4月1日）$" "hire date in 和暦"
contains p4.out "情報システム管理者  情報システム 住民記録システム（S01）  2019-05-01（令和元年5月1日）〜" "person show lists a role with its scope"
contains p4.out "情報セキュリティ管理者  課室 市民課（D21）  2019-04-01（平成31年4月1日）〜2020-03-31（令和2年3月31日）（終了）" "ended role is marked, era change shown"
contains p4.out "admin  有効・特権ID・共用" "person show lists held accounts"
contains p4.out "2025-04-01T09:00:00+09:00（令和7年4月1日）" "last login date-time in 和暦"
M person show P001 >p1.out
matches p1.out "^  採用日 +1989-01-08（平成元年1月8日）$" "平成元年 date"
contains p1.out "最高情報セキュリティ責任者（CISO）  全庁" "organization-wide role"
M person show P006 >p6.out
contains p6.out "2024-02-29（令和6年2月29日）" "leap day in 和暦"
contains p6.out "担っている役割: なし" "no roles said plainly"
expect_exit 1 "unknown person exits 1" M person show P999 2>e.out
contains e.out "職員等「P999」は見つかりません" "unknown person message"

# --- department -------------------------------------------------------------------------------
M department list >dl.out
contains dl.out "D10  総務部          部局" "top department not indented"
contains dl.out "D11    情報政策課    課室" "課室 indented once"
contains dl.out "D22      駅前出張所  出先機関" "出先機関 indented twice"
check "tree order: parents before children, siblings by sort" test "$(grep -oE '^D[0-9]+' dl.out | tr '\n' ' ')" = "D10 D11 D12 D20 D21 D22 D30 "
M department list --format json >d.json
check "department json has parent and depth" test "$(python3 -c 'import json; d={x["id"]:x for x in json.load(open("d.json"))}; print(d["D22"]["parent_id"], d["D22"]["depth"], d["D22"]["name"], d["D11"]["assets"])')" = "D21 2 駅前出張所 2"
M department show D21 >d21.out
contains d21.out "市民部 ＞ 市民課" "department show gives the path"
contains d21.out "駅前出張所（D22）" "department show lists children"
contains d21.out "情報セキュリティ管理者  高橋 次郎（P004）" "department show lists the ISM"
M department show D10 >d10.out
contains d10.out "情報セキュリティ責任者  山田 太郎（P001）  2024-04-01（令和6年4月1日）〜" "department show lists the ISR"
expect_exit 1 "unknown department exits 1" M department show D99 2>e.out
contains e.out "部署「D99」は見つかりません" "unknown department message"

# --- role -------------------------------------------------------------------------------------
M role list >rl.out
check "role list sorted by id" test "$(grep -oE '^R0[0-9]+' rl.out | tr '\n' ' ')" = "R01 R02 R03 R04 R05 R06 "
contains rl.out "R04  情報システム管理者" "role list has labels"
contains rl.out "情報システム 文書管理システム（S02）" "role list shows the system scope by name"
contains rl.out "部局 総務部（D10）" "role list shows the department scope by name"
matches rl.out '^R06 .*（令和2年3月31日） +終了$' "ended assignment is 終了"
M role list --role sysm --format tsv >f.out
check "--role sysm keeps the two sysm" test "$(tail -n +2 f.out | cut -f1 | tr '\n' ' ')" = "R04 R05 "
contains f.out "$(printf 'R05\tsysm\t情報システム管理者\tP004\t高橋 次郎\tsystem\tS01\t住民記録システム\t2019-05-01\t\tcurrent')" "role tsv has raw dates and state"
expect_exit 2 "unknown role code exits 2" M role list --role king 2>e.out
contains e.out "役割「king」はありません" "unknown role is named"

# --- read-only ---------------------------------------------------------------------------------
check "browsing changed nothing in the database" test "$(sqlite3 t.db .dump | md5sum)" = "$before"
chmod a-w t.db
M asset list >/dev/null 2>&1
expect_exit 0 "asset list works on a read-only file" test $? -eq 0
chmod u+w t.db
for c in asset system person department role; do
    "$MAMORI" help "$c" >h.out 2>&1
    contains h.out "使い方: mamori $c" "help $c shows usage"
done
