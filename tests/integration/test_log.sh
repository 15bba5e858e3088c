#!/bin/bash
# test_log.sh — the change log through the CLI: notes, show filters, export formats, and
# tamper detection: editing, deleting, reordering or re-hashing any single row with the sqlite3
# tool (triggers dropped first, as an attacker would) is detected and located by seq; a
# checkpoint signed with another key is rejected.
source "$MAMORI_ROOT/tests/integration/lib.sh"

# to FILE CMD... : runs CMD with its output in FILE (so expect_exit can still report).
to() { local f=$1; shift; "$@" >"$f" 2>&1; }

"$MAMORI" init >/dev/null
for i in 1 2 3 4 5 6; do "$MAMORI" log note "メモ $i" >/dev/null; done
"$MAMORI" log note 'password="x" は記録しない' >/dev/null
check "seven entries with seq 1..7" test "$(sqlite3 mamori.db 'SELECT group_concat(seq) FROM audit_log')" = "1,2,3,4,5,6,7"
check "time is stored in UTC" test "$(sqlite3 mamori.db "SELECT COUNT(*) FROM audit_log WHERE at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'")" = 7
check "actor is cli:<unix user>" test "$(sqlite3 mamori.db 'SELECT DISTINCT actor FROM audit_log')" = "cli:$(id -un)"

# Append-only: the triggers refuse UPDATE and DELETE.
if sqlite3 mamori.db "UPDATE audit_log SET actor='x' WHERE seq=1" 2>/dev/null; then not_ok "UPDATE is refused"; else ok "UPDATE is refused"; fi
if sqlite3 mamori.db "DELETE FROM audit_log WHERE seq=1" 2>/dev/null; then not_ok "DELETE is refused"; else ok "DELETE is refused"; fi

expect_exit 0 "intact log verifies" to v.out "$MAMORI" log verify
contains v.out "正常（7 件" "verify counts the entries"

"$MAMORI" log checkpoint >cp.out
contains cp.out "seq 7 までの変更ログに署名しました" "checkpoint signs the head"
check "key is created with mode 0600" test "$(stat -c %a mamori.db.key)" = 600
check "public key is pinned beside the database" test -s mamori.db.pub
check "checkpoint stored in the database" test "$(sqlite3 mamori.db 'SELECT seq FROM audit_checkpoint')" = 7
"$MAMORI" log checkpoint >cp2.out
contains cp2.out "すでに署名されています" "signing the same head twice adds nothing"
check "still one checkpoint" test "$(sqlite3 mamori.db 'SELECT COUNT(*) FROM audit_checkpoint')" = 1

# ---- show ----
"$MAMORI" log show >show.out
contains show.out "メモ 3" "show lists notes"
check "show prints JST (UTC+9)" test "$(grep -c "$(TZ=Asia/Tokyo date -d "$(sqlite3 mamori.db 'SELECT substr(at,1,19) FROM audit_log WHERE seq=1')Z" '+%Y-%m-%d %H:%M')" show.out)" -ge 1
"$MAMORI" log show --format json >show.json
check "show --format json is a JSON array of 7" test "$(python3 -c 'import json,sys; print(len(json.load(open("show.json"))))')" = 7
"$MAMORI" log show --entity note --limit 2 --format json >lim.json
check "--limit keeps the newest" test "$(python3 -c 'import json; print(",".join(str(e["seq"]) for e in json.load(open("lim.json"))))')" = "6,7"
"$MAMORI" log show --entity asset --format json >none.json
check "--entity filters" test "$(python3 -c 'import json; print(len(json.load(open("none.json"))))')" = 0
"$MAMORI" log show --actor nobody --format json >none2.json
check "--actor filters" test "$(python3 -c 'import json; print(len(json.load(open("none2.json"))))')" = 0
tomorrow=$(TZ=Asia/Tokyo date -d tomorrow +%F); yesterday=$(TZ=Asia/Tokyo date -d yesterday +%F); today=$(TZ=Asia/Tokyo date +%F)
"$MAMORI" log show --since "$tomorrow" --format json >s1.json
check "--since tomorrow finds nothing" test "$(python3 -c 'import json; print(len(json.load(open("s1.json"))))')" = 0
"$MAMORI" log show --until "$yesterday" --format json >s2.json
check "--until yesterday finds nothing" test "$(python3 -c 'import json; print(len(json.load(open("s2.json"))))')" = 0
"$MAMORI" log show --since "$today" --until "$today" --format json >s3.json
check "--since/--until today finds all" test "$(python3 -c 'import json; print(len(json.load(open("s3.json"))))')" = 7
expect_exit 2 "a bad date is a usage error" "$MAMORI" log show --since 2026-02-30 2>err.out
contains err.out "2026-02-30" "the bad date is named"

# ---- export ----
"$MAMORI" log export -o log.jsonl 2>/dev/null
check "export jsonl writes one line per entry" test "$(wc -l <log.jsonl)" = 7
check "export jsonl lines re-hash to the stored chain" python3 - <<'PY'
import json, hashlib
prev = bytes(32)
for line in open("log.jsonl", encoding="utf-8"):
    e = json.loads(line)
    def s(v): return "null" if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    def raw(v): return "null" if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    canon = ('{"action":%s,"actor":%s,"after":%s,"at":%s,"before":%s,"entity_id":%s,"entity_type":%s,"seq":%d}'
             % (s(e["action"]), s(e["actor"]), raw(e["after"]), s(e["at"]), raw(e["before"]),
                s(e["entity_id"]), s(e["entity_type"]), e["seq"]))
    h = hashlib.blake2b(prev + canon.encode(), digest_size=32).hexdigest()
    assert e["prev_hash"] == prev.hex() and h == e["hash"], e["seq"]
    prev = bytes.fromhex(h)
PY
"$MAMORI" log export --format syslog >log.syslog
check "syslog lines follow RFC 5424" test "$(grep -cE '^<110>1 [0-9T:.-]+Z [^ ]+ mamori - note \[mamori@32473 seq="[0-9]+" ' log.syslog)" = 7
"$MAMORI" log export --format cef >log.cef
check "CEF lines carry seq and actor" test "$(grep -cE '^CEF:0\|mamori\|mamori\|[^|]+\|note\|.*\|3\|rt=[0-9]+ suser=cli:' log.cef)" = 7
"$MAMORI" log export --until "$yesterday" -o old.jsonl 2>/dev/null
check "export --until selects the archive period" test ! -s old.jsonl
expect_exit 2 "unknown export format is a usage error" "$MAMORI" log export --format xml 2>/dev/null

# ---- tampering ----
cp mamori.db pristine.db
cp mamori.db.pub pristine.pub
# tamper NAME WANT_SEQ WANT_KIND SQL : applies SQL to a fresh copy and expects log verify to
# exit 1 naming WANT_SEQ and WANT_KIND.
tamper() {
    local name=$1 seq=$2 kind=$3 sql=$4
    rm -f t.db t.db-wal t.db-shm
    cp pristine.db t.db; cp pristine.pub t.db.pub
    sqlite3 t.db "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
                  DROP TRIGGER audit_checkpoint_no_update; DROP TRIGGER audit_checkpoint_no_delete; $sql"
    "$MAMORI" --db t.db log verify >t.out 2>&1
    local rc=$?
    if [ $rc -eq 1 ] && grep -qF "最初の異常: seq $seq（$kind" t.out; then
        ok "$name is detected at seq $seq"
    else
        not_ok "$name is detected at seq $seq (exit $rc)"; sed 's/^/#   /' t.out
    fi
    expect_exit 1 "$name fails mamori verify" to tv.out "$MAMORI" --db t.db verify
}
for k in 1 4 7; do
    tamper "editing the text of seq $k" $k "ハッシュの不一致" "UPDATE audit_log SET after_json='{\"text\":\"改ざん\"}' WHERE seq=$k"
done
tamper "editing the actor of seq 2" 2 "ハッシュの不一致" "UPDATE audit_log SET actor='cli:someone' WHERE seq=2"
tamper "editing the time of seq 5" 5 "ハッシュの不一致" "UPDATE audit_log SET at='2020-01-01T00:00:00.000Z' WHERE seq=5"
tamper "editing the stored hash of seq 3" 3 "ハッシュの不一致" "UPDATE audit_log SET hash='$(printf 'a%.0s' $(seq 64))' WHERE seq=3"
tamper "editing the prev_hash of seq 6" 6 "連結の不一致" "UPDATE audit_log SET prev_hash='$(printf '0%.0s' $(seq 64))' WHERE seq=6"
for k in 1 4; do
    tamper "deleting seq $k" $k "記録の欠落" "DELETE FROM audit_log WHERE seq=$k"
done
tamper "deleting the last entry (seq 7)" 7 "チェックポイント以降の記録の欠落" "DELETE FROM audit_log WHERE seq=7"
tamper "swapping seq 2 and 3" 2 "順序の入れ替え" \
    "UPDATE audit_log SET seq=-3 WHERE seq=3; UPDATE audit_log SET seq=3 WHERE seq=2; UPDATE audit_log SET seq=2 WHERE seq=-3"
tamper "moving seq 4 to the end" 4 "記録の欠落" "UPDATE audit_log SET seq=8 WHERE seq=4"
tamper "editing the checkpoint's time" 7 "チェックポイントの署名が不正" "UPDATE audit_checkpoint SET at='2020-01-01T00:00:00.000Z'"

# Re-hashing the chain after an edit passes the links but not the signed checkpoint.
rm -f t.db*; cp pristine.db t.db; cp pristine.pub t.db.pub
python3 - <<'PY'
import sqlite3, hashlib, json
db = sqlite3.connect("t.db")
db.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
db.execute("""UPDATE audit_log SET after_json='{"text":"改ざん"}' WHERE seq=3""")
rows = db.execute("SELECT seq, at, actor, action, entity_type, entity_id, before_json, after_json FROM audit_log ORDER BY seq").fetchall()
prev = bytes(32)
def s(v): return "null" if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":"))
for seq, at, actor, action, et, eid, b, a in rows:
    canon = '{"action":%s,"actor":%s,"after":%s,"at":%s,"before":%s,"entity_id":%s,"entity_type":%s,"seq":%d}' % (
        s(action), s(actor), a or "null", s(at), b or "null", s(eid), s(et), seq)
    h = hashlib.blake2b(prev + canon.encode(), digest_size=32).digest()
    db.execute("UPDATE audit_log SET prev_hash=?, hash=? WHERE seq=?", (prev.hex(), h.hex(), seq))
    prev = h
db.commit()
PY
"$MAMORI" --db t.db log verify >t.out 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -qF "最初の異常: seq 7（チェックポイントとの不一致" t.out; then ok "a re-hashed chain is caught by the checkpoint"; else not_ok "a re-hashed chain is caught by the checkpoint (exit $rc)"; sed 's/^/#   /' t.out; fi

# A checkpoint signed with another key: someone forges a whole database with their own key.
rm -f f.db*; cp pristine.db f.db
sqlite3 f.db "DROP TRIGGER audit_checkpoint_no_delete; DELETE FROM audit_checkpoint"
"$MAMORI" --db f.db log note "偽の記録" >/dev/null
"$MAMORI" --db f.db log checkpoint >/dev/null
expect_exit 0 "the forger's own database verifies against the forger's key" to /dev/null "$MAMORI" --db f.db log verify
cp f.db t.db; cp pristine.pub t.db.pub; rm -f t.db-wal t.db-shm
"$MAMORI" --db t.db log verify >t.out 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -qF "最初の異常: seq 8（未知の鍵による署名" t.out; then ok "a checkpoint signed with another key is rejected"; else not_ok "a checkpoint signed with another key is rejected (exit $rc)"; sed 's/^/#   /' t.out; fi
expect_exit 1 "--pubkey rejects the other key too" to t.out "$MAMORI" --db f.db log verify --pubkey pristine.pub
expect_exit 0 "--pubkey accepts the right key as hex" to /dev/null "$MAMORI" --db mamori.db log verify --pubkey "$(cat mamori.db.pub)"

# With the pin present, a missing key is never silently replaced by a new one.
mv mamori.db.key saved.key
expect_exit 1 "checkpoint refuses to make a new key when one is pinned" "$MAMORI" log checkpoint 2>err.out
contains err.out "署名鍵" "the refusal names the key"
MAMORI_KEY=$PWD/saved.key "$MAMORI" log note "鍵の場所は MAMORI_KEY" >/dev/null
MAMORI_KEY=$PWD/saved.key "$MAMORI" log checkpoint >cp3.out
contains cp3.out "seq 8 までの変更ログに署名しました" "\$MAMORI_KEY names the key"
chmod 644 saved.key
expect_exit 1 "a key readable by others is refused" env MAMORI_KEY=$PWD/saved.key "$MAMORI" log checkpoint 2>err.out
contains err.out "chmod 600" "the refusal says how to fix it"

# Deleting every checkpoint cannot hide behind an intact chain: verify warns when a key is pinned.
rm -f c.db*; cp pristine.db c.db; cp pristine.pub c.db.pub
sqlite3 c.db "DROP TRIGGER audit_checkpoint_no_delete; DELETE FROM audit_checkpoint"
"$MAMORI" --db c.db log verify >c.out 2>&1
contains c.out "チェックポイントが1 件もありません" "verify warns when all checkpoints are gone"
