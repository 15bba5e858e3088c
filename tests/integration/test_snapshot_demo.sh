#!/bin/bash
# test_snapshot_demo.sh — the demo municipality survives a snapshot round trip: init --demo,
# export, import into a new database, export again, and the two exports are the same bytes;
# the re-imported database holds the same rows as the original.
source "$MAMORI_ROOT/tests/integration/lib.sh"

expect_exit 0 "init --demo" "$MAMORI" --db demo.db init --demo >/dev/null
expect_exit 0 "export the demo" "$MAMORI" --db demo.db export -o demo1.json
check "the demo export is a sizeable snapshot" test "$(wc -c <demo1.json)" -gt 100000
expect_exit 0 "import the demo export into a new database" \
    "$MAMORI" --db copy.db import demo1.json >/dev/null
expect_exit 0 "export the copy" "$MAMORI" --db copy.db export -o demo2.json
check "demo: export → import → export gives identical bytes" cmp -s demo1.json demo2.json

for t in organization org_body org_excluded_network org_network_inclusion org_parameter \
         department person system role_assignment asset account; do
    a=$(sqlite3 demo.db "SELECT * FROM $t ORDER BY 1" | md5sum)
    b=$(sqlite3 copy.db "SELECT * FROM $t ORDER BY 1" | md5sum)
    check "demo: table $t has the same rows after the round trip" test "$a" = "$b"
done

# --replace over the demo with its own export changes nothing that export can see
expect_exit 0 "re-import the demo over itself with --replace" \
    "$MAMORI" --db demo.db import --replace demo1.json >/dev/null
"$MAMORI" --db demo.db export >demo3.json
check "demo: --replace with its own export is a no-op for export" cmp -s demo1.json demo3.json
