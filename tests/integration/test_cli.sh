#!/bin/bash
# test_cli.sh — the git-style CLI: help, unknown commands, the database location rules,
# init, and the refusal of a database written by a newer mamori.
source "$MAMORI_ROOT/tests/integration/lib.sh"

"$MAMORI" help >help.out 2>&1
expect_exit 0 "help exits 0" test $? -eq 0
contains help.out "使い方: mamori" "help shows usage in Japanese"
for c in init import export department person role system asset serve version; do
    contains help.out "  $c " "help lists $c"
    "$MAMORI" help "$c" >h.out 2>&1
    expect_exit 0 "help $c exits 0" test $? -eq 0
    if grep -q "未実装" h.out; then not_ok "help $c is written"; else ok "help $c is written"; fi
done

expect_exit 2 "unknown command exits 2" "$MAMORI" frobnicate 2>err.out
contains err.out "「frobnicate」というコマンドはありません" "unknown command is named"
expect_exit 2 "help of unknown command exits 2" "$MAMORI" help frobnicate 2>/dev/null
expect_exit 2 "no command exits 2" "$MAMORI" >/dev/null
expect_exit 2 "--db without a value exits 2" "$MAMORI" version --db 2>/dev/null

"$MAMORI" version >v.out
contains v.out "mamori " "version prints the program version"
contains v.out "スキーマ版" "version prints the schema version"

# Database location: --db beats $MAMORI_DB beats ./mamori.db
"$MAMORI" init >/dev/null
check "init without --db creates ./mamori.db" test -f mamori.db
MAMORI_DB=env.db "$MAMORI" init >/dev/null
check "\$MAMORI_DB is used" test -f env.db
MAMORI_DB=env.db "$MAMORI" --db flag.db init >/dev/null
check "--db wins over \$MAMORI_DB" test -f flag.db
"$MAMORI" init --db after.db >/dev/null
check "--db is accepted after the command" test -f after.db

check "init sets WAL" test "$(sqlite3 flag.db 'PRAGMA journal_mode')" = wal
check "init records the schema version" test "$(sqlite3 flag.db 'SELECT MAX(version) FROM schema_migrations')" -ge 1
before=$(sqlite3 flag.db .dump | md5sum)
"$MAMORI" --db flag.db init >/dev/null
check "init on an existing database changes nothing" test "$(sqlite3 flag.db .dump | md5sum)" = "$before"

# A database from the future is refused, and left as it was.
sqlite3 flag.db "INSERT INTO schema_migrations VALUES (999, '999_future.sql', '2099-01-01T00:00:00Z')"
before=$(sqlite3 flag.db .dump | md5sum)
expect_exit 1 "newer database is refused with exit 1" "$MAMORI" --db flag.db init 2>err.out
contains err.out "より新しい mamori" "refusal explains the version"
check "refused database is unchanged" test "$(sqlite3 flag.db .dump | md5sum)" = "$before"

printf 'this is not a database, just text\n%.0s' $(seq 1 200) >junk.db
expect_exit 2 "a file that is not a database exits 2" "$MAMORI" --db junk.db init 2>err.out
contains err.out "junk.db" "error names the file"
