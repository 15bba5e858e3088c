#!/bin/bash
# test_import_users.sh — `import --replace` never takes away the person a sign-in user is tied
# to: it refuses with the user and person named, exit 1, and the database stays as it was.
source "$MAMORI_ROOT/tests/integration/lib.sh"

BASE="$MAMORI_ROOT/tests/rules/base.json"
"$MAMORI" --db u.db import "$BASE" >/dev/null 2>&1
"$MAMORI" --db u.db user add tanaka --person P-05 >/dev/null 2>&1
check "a user is tied to P-05" test "$(sqlite3 u.db "SELECT person_id FROM app_user WHERE login = 'tanaka'")" = P-05

# The same organization without P-05 (and without every reference to P-05).
python3 - "$BASE" >gone.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
gone = "P-05"
d["people"] = [p for p in d["people"] if p["id"] != gone]
d["role_assignments"] = [r for r in d["role_assignments"] if r["person"] != gone]
for k in ("assets", "accounts", "devices", "cloud_services", "connections"):
    for x in d.get(k, []):
        for f in ("manager", "holder", "requested_by", "approved_by"):
            if x.get(f) == gone:
                x[f] = None
for c in d.get("training_courses", []):
    c["attendance"] = [a for a in c["attendance"] if a["person"] != gone]
for k, f in (("contractors", "staff"), ("managed_areas", "permitted")):
    for x in d.get(k, []):
        x[f] = [p for p in x.get(f, []) if p != gone]
json.dump(d, sys.stdout, ensure_ascii=False)
PY
before=$(sqlite3 u.db .dump | md5sum)
expect_exit 1 "replacing without the user's person is refused with exit 1" \
    "$MAMORI" --db u.db import --replace gone.json 2>err.out
contains err.out "利用者「tanaka」は職員等「P-05」に結び付いています" "the message names the user and the person"
contains err.out "データに残してください" "the message says what to do"
check "the database is unchanged" test "$(sqlite3 u.db .dump | md5sum)" = "$before"
"$MAMORI" --db u.db import --replace "$BASE" >ok.out 2>&1
check "replacing with the person kept succeeds" test $? -eq 0
