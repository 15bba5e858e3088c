#!/bin/bash
# test_log_backup.sh — backup while others write, restore and its refusals, and `mamori verify`.
# A backup taken during a write load restores to a database that verifies; restore refuses a
# truncated file, a file that is not a database, a newer schema and a tampered change log, and
# leaves the current database exactly as it was.
source "$MAMORI_ROOT/tests/integration/lib.sh"

# to FILE CMD... : runs CMD with its output in FILE (so expect_exit can still report).
to() { local f=$1; shift; "$@" >"$f" 2>&1; }

"$MAMORI" init --demo >/dev/null 2>&1 || "$MAMORI" init >/dev/null
for i in 1 2 3; do "$MAMORI" log note "準備 $i" >/dev/null; done
"$MAMORI" log checkpoint >/dev/null

expect_exit 0 "a fresh database verifies" to v.out "$MAMORI" verify
contains v.out "整合性検査（integrity_check）: 正常" "verify reports the integrity check"
contains v.out "外部キー検査（foreign_key_check）: 正常" "verify reports the foreign-key check"
contains v.out "変更ログ: 正常" "verify reports the change log"

expect_exit 0 "backup succeeds" to b.out "$MAMORI" backup b0.db
src_entries=$(sqlite3 mamori.db 'SELECT COUNT(*) FROM audit_log')
check "the source has log entries to copy" test "$src_entries" -ge 3
check "backup is a database with the whole log" test "$(sqlite3 b0.db 'SELECT COUNT(*) FROM audit_log')" = "$src_entries"
expect_exit 1 "backup refuses to overwrite" "$MAMORI" backup b0.db 2>err.out
contains err.out "--force" "the refusal mentions --force"
expect_exit 0 "backup --force overwrites" to /dev/null "$MAMORI" backup --force b0.db

# A write load: a writer process adds notes as fast as it can while backups are taken.
: >acked.txt
(
    i=0
    while [ ! -e stop ]; do
        i=$((i + 1))
        if "$MAMORI" log note "負荷 $i" >/dev/null 2>&1; then echo "負荷 $i" >>acked.txt; fi
    done
) &
writer=$!
sleep 0.3
for b in 1 2 3; do
    expect_exit 0 "backup $b during the write load succeeds" to /dev/null "$MAMORI" backup "b$b.db"
    sleep 0.2
done
touch stop
wait "$writer"
n_acked=$(wc -l <acked.txt)
check "the writer made progress during the backups ($n_acked notes)" test "$n_acked" -ge 5
for b in 1 2 3; do
    expect_exit 0 "backup $b verifies on its own" to /dev/null "$MAMORI" --db "b$b.db" verify
    rm -f "r$b.db"
    expect_exit 0 "backup $b restores into a new place" to /dev/null "$MAMORI" --db "r$b.db" restore "b$b.db"
    expect_exit 0 "the restored database $b verifies" to /dev/null "$MAMORI" --db "r$b.db" verify
done
n1=$(sqlite3 b1.db 'SELECT COUNT(*) FROM audit_log'); n3=$(sqlite3 b3.db 'SELECT COUNT(*) FROM audit_log')
check "later backups hold more of the load ($n1 < $n3)" test "$n1" -lt "$n3"

# Refusals leave the current database unchanged.
"$MAMORI" log note "最新" >/dev/null
state() { sqlite3 mamori.db .dump | md5sum; }
before=$(state)
refused() {
    local desc=$1 file=$2 text=$3
    "$MAMORI" restore "$file" >r.out 2>&1
    local rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then ok "restore refuses $desc (exit $rc)"; else not_ok "restore refuses $desc (exit $rc)"; sed 's/^/#   /' r.out; fi
    contains r.out "$text" "the refusal of $desc explains it"
    check "the database is unchanged after refusing $desc" test "$(state)" = "$before"
    check "nothing is left behind after refusing $desc" test -z "$(ls | grep -E 'restore\.|pre-restore')"
}
head -c $(( $(stat -c %s b3.db) / 2 )) b3.db >trunc.db
refused "a truncated file" trunc.db "trunc.db"
printf 'not a database %.0s' $(seq 1 300) >junk.db
refused "a file that is not a database" junk.db "junk.db"
cp b3.db newer.db
sqlite3 newer.db "INSERT INTO schema_migrations VALUES (999, '999_future.sql', '2099-01-01T00:00:00Z')"
refused "a newer schema" newer.db "より新しい mamori"
cp b3.db tampered.db
sqlite3 tampered.db "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json='{\"text\":\"x\"}' WHERE seq=2"
refused "a tampered change log" tampered.db "seq 2"
rm -f other.db*; "$MAMORI" --db other.db init >/dev/null; "$MAMORI" --db other.db log note "他所" >/dev/null
"$MAMORI" --db other.db log checkpoint >/dev/null
refused "a log signed with another key" other.db "未知の鍵"
expect_exit 2 "restore of a missing file is a usage error" "$MAMORI" restore nosuch.db 2>/dev/null

# A successful restore replaces the database and keeps the old one.
expect_exit 0 "restore of a good backup succeeds" to r.out "$MAMORI" restore b1.db
check "the restored database has the backup's log" test "$(sqlite3 mamori.db 'SELECT COUNT(*) FROM audit_log')" = "$n1"
check "the previous database is kept" test "$(ls mamori.db.pre-restore-* | wc -l)" = 1
check "the kept database still has the newest note" test "$(sqlite3 mamori.db.pre-restore-* "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%最新%'")" = 1
expect_exit 0 "the restored database verifies" to /dev/null "$MAMORI" verify
expect_exit 0 "the restored database takes new entries" to /dev/null "$MAMORI" log note "復元後"
expect_exit 0 "and still verifies" to /dev/null "$MAMORI" log verify

# mamori verify reports a foreign-key violation and integrity damage with exit 1.
cp b3.db fk.db
sqlite3 fk.db "PRAGMA foreign_keys=OFF; INSERT INTO role_assignment (person_id, role, scope_type) SELECT 'nobody', 'ciso', 'organization'" 2>/dev/null \
  || sqlite3 fk.db "PRAGMA foreign_keys=OFF; CREATE TABLE t_parent (id INTEGER PRIMARY KEY); CREATE TABLE t_child (p INTEGER REFERENCES t_parent(id)); INSERT INTO t_child VALUES (42)"
expect_exit 1 "verify fails on a foreign-key violation" to fk.out "$MAMORI" --db fk.db verify
contains fk.out "外部キー違反" "the violation is reported"
