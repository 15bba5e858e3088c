#!/bin/bash
# test_user.sh — `mamori user`: every subcommand and its errors (exit codes 0/1/2), secrets shown
# once and stored only as hashes (the database file never holds the password, TOTP secret,
# recovery codes or API token), and the change log holding each action but none of the secrets.
source "$MAMORI_ROOT/tests/integration/lib.sh"

to() { local f=$1; shift; "$@" >"$f" 2>&1; }

# TOTP code of a base32 secret at the current time (RFC 6238, SHA-1, 30 s, 6 digits).
totp() {
    python3 - "$1" <<'EOF'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]
key = base64.b32decode(s + "=" * (-len(s) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
EOF
}

"$MAMORI" init >/dev/null
sqlite3 mamori.db "INSERT INTO person (id, name, employment, status) VALUES
  ('E1', '役職 太郎', 'regular', 'active'), ('S1', '職員 花子', 'regular', 'active');
  INSERT INTO role_assignment (id, role, person_id, scope_type, valid_from)
  VALUES ('RA1', 'ciso', 'E1', 'organization', '2000-04-01');"

# ---- add ----
expect_exit 0 "user add prints an initial password" to add.out "$MAMORI" user add taro --person E1
pw=$(sed -n 's/^初期パスワード: //p' add.out)
check "initial password is at least 16 characters" test "${#pw}" -ge 16
check "password stored as argon2id" test "$(sqlite3 mamori.db "SELECT substr(password_hash,1,10) FROM app_user WHERE login='taro'")" = '$argon2id$'
check "must change the initial password" test "$(sqlite3 mamori.db "SELECT must_change_password FROM app_user WHERE login='taro'")" = 1
"$MAMORI" user add hanako --person S1 >/dev/null
expect_exit 1 "user add: duplicate login refused" to e.out "$MAMORI" user add taro --person E1
contains e.out "既に登録" "duplicate login message"
expect_exit 1 "user add: unknown person refused" to e.out "$MAMORI" user add jiro --person NOPE
contains e.out "NOPE" "unknown person named"
expect_exit 2 "user add: --person missing" to e.out "$MAMORI" user add jiro
expect_exit 2 "user add: bad login" to e.out "$MAMORI" user add 'ta ro' --person S1
expect_exit 2 "user add: login missing" to e.out "$MAMORI" user add --person S1
expect_exit 2 "user: unknown subcommand" to e.out "$MAMORI" user frobnicate
expect_exit 2 "user: no subcommand" to e.out "$MAMORI" user
expect_exit 2 "user add: unknown option" to e.out "$MAMORI" user add jiro --person S1 --admin

# ---- list / show ----
expect_exit 0 "user list" to list.out "$MAMORI" user list
contains list.out "taro" "list shows taro"
contains list.out "未登録（必須）" "list says TOTP is required for the role holder"
expect_exit 0 "user list --format json" to list.json "$MAMORI" user list --format json
check "json lists both users with TOTP state" test "$(python3 -c 'import json,sys; print(",".join(u["login"]+"="+u["totp"] for u in json.load(open("list.json"))))')" = "hanako=未登録,taro=未登録（必須）"
expect_exit 2 "user list: bad format" to e.out "$MAMORI" user list --format xml
expect_exit 0 "user show" to show.out "$MAMORI" user show taro
contains show.out "役職 太郎" "show names the person"
contains show.out "役割を持つため必須" "show says why TOTP is required"
expect_exit 1 "user show: unknown user" to e.out "$MAMORI" user show nobody
expect_exit 2 "user show: extra argument" to e.out "$MAMORI" user show taro extra
if grep -qF -- "$pw" list.out show.out; then not_ok "list/show print no password"; else ok "list/show print no password"; fi
if grep -q 'argon2' list.out show.out; then not_ok "list/show print no hash"; else ok "list/show print no hash"; fi

# ---- unlock ----
expect_exit 1 "user unlock: not locked is refused" to e.out "$MAMORI" user unlock taro
sqlite3 mamori.db "UPDATE app_user SET failed_attempts = 5, locked_until = 4102444800 WHERE login='taro'"
"$MAMORI" user show taro >show2.out
contains show2.out "連続失敗回数:       5" "show gives the failure count"
expect_exit 0 "user unlock" to u.out "$MAMORI" user unlock taro
check "unlock clears the lock" test "$(sqlite3 mamori.db "SELECT failed_attempts || ':' || COALESCE(locked_until, 'null') FROM app_user WHERE login='taro'")" = "0:null"
expect_exit 1 "user unlock: unknown user" to e.out "$MAMORI" user unlock nobody

# ---- totp ----
expect_exit 0 "user totp starts enrollment" to t.out "$MAMORI" user totp taro -o qr.svg
uri=$(sed -n 's/^otpauth URI: //p' t.out)
secret=$(sed -n 's/^秘密鍵（手入力用）: //p' t.out)
check "otpauth URI carries the secret" test -n "$secret" -a "${uri#otpauth://totp/}" != "$uri"
case "$uri" in *"secret=$secret"*"digits=6&period=30"*) ok "URI has secret, 6 digits, 30 s";; *) not_ok "URI has secret, 6 digits, 30 s ($uri)";; esac
check "QR code written as SVG" grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' qr.svg
if grep -q '<script' qr.svg; then not_ok "SVG has no script"; else ok "SVG has no script"; fi
expect_exit 1 "user totp --confirm: wrong code refused" to e.out "$MAMORI" user totp taro --confirm 000000x
code=$(totp "$secret")
expect_exit 0 "user totp --confirm with the current code" to c.out "$MAMORI" user totp taro --confirm "$code"
check "ten recovery codes shown" test "$(grep -cE '^  [a-z2-9]{5}-[a-z2-9]{5}$' c.out)" = 10
rc1=$(grep -E '^  [a-z2-9]{5}-[a-z2-9]{5}$' c.out | head -1 | tr -d ' ')
check "TOTP enabled" test "$(sqlite3 mamori.db "SELECT totp_enabled FROM app_user WHERE login='taro'")" = 1
check "ten recovery code hashes stored" test "$(sqlite3 mamori.db "SELECT COUNT(*) FROM user_recovery_code")" = 10
expect_exit 1 "user totp: already enrolled is refused" to e.out "$MAMORI" user totp taro
expect_exit 1 "user totp --confirm: nothing pending" to e.out "$MAMORI" user totp hanako --confirm 123456
expect_exit 2 "user totp: --confirm with -o" to e.out "$MAMORI" user totp taro --confirm 1 -o x.svg
expect_exit 1 "user totp: unknown user" to e.out "$MAMORI" user totp nobody

# ---- token ----
expect_exit 0 "user token add" to k.out "$MAMORI" user token add taro --label 監視スクリプト
tok=$(grep -oE 'mamori_[0-9a-f]{64}' k.out)
check "token printed once" test -n "$tok"
expect_exit 2 "user token add: --label missing" to e.out "$MAMORI" user token add taro
expect_exit 1 "user token add: unknown user" to e.out "$MAMORI" user token add nobody --label x
expect_exit 2 "user token: bad subcommand" to e.out "$MAMORI" user token list
expect_exit 2 "user token revoke: id not a number" to e.out "$MAMORI" user token revoke abc
expect_exit 0 "user token revoke" to e.out "$MAMORI" user token revoke 1
check "revocation recorded" test -n "$(sqlite3 mamori.db "SELECT revoked_at FROM api_token WHERE id = 1")"
expect_exit 1 "user token revoke: already revoked" to e.out "$MAMORI" user token revoke 1
expect_exit 1 "user token revoke: unknown id" to e.out "$MAMORI" user token revoke 99

# ---- reset / disable ----
expect_exit 0 "user reset" to r.out "$MAMORI" user reset hanako
pw2=$(sed -n 's/^新しい初期パスワード: //p' r.out)
check "reset prints a new password" test -n "$pw2"
check "reset keeps TOTP without --totp" test "$(sqlite3 mamori.db "SELECT totp_enabled FROM app_user WHERE login='taro'")" = 1
expect_exit 0 "user reset --totp" to r2.out "$MAMORI" user reset taro --totp
pw3=$(sed -n 's/^新しい初期パスワード: //p' r2.out)
check "reset --totp clears TOTP and recovery codes" test "$(sqlite3 mamori.db "SELECT COALESCE(totp_secret,'') || totp_enabled || (SELECT COUNT(*) FROM user_recovery_code) FROM app_user WHERE login='taro'")" = "00"
expect_exit 1 "user reset: unknown user" to e.out "$MAMORI" user reset nobody
expect_exit 2 "user unlock --totp is not an option" to e.out "$MAMORI" user unlock taro --totp
expect_exit 0 "user disable" to d.out "$MAMORI" user disable hanako
"$MAMORI" user list >list2.out
contains list2.out "無効" "list shows the disabled user"
expect_exit 1 "user disable: already disabled" to e.out "$MAMORI" user disable hanako

# ---- secrets: not in the database file, not in the change log ----
"$MAMORI" log export --format jsonl >log.jsonl
for a in user.create user.unlock user.totp_enroll_begin user.totp_enroll api_token.create \
         api_token.revoke user.reset user.disable; do
    if grep -q "\"action\":\"$a\"" log.jsonl; then ok "change log has $a"; else not_ok "change log has $a"; fi
done
leaks=""
for s in "$pw" "$pw2" "$pw3" "$secret" "$tok" "${tok#mamori_}" "$rc1" '$argon2id'; do
    [ -n "$s" ] || continue
    grep -qF -- "$s" log.jsonl && leaks="$leaks log:${s:0:6}…"
    # The TOTP secret must be stored to check codes; everything else only as a hash.
    case "$s" in "$secret"|'$argon2id') continue;; esac
    grep -qaF -- "$s" mamori.db mamori.db-wal 2>/dev/null && leaks="$leaks db:${s:0:6}…"
done
if [ -z "$leaks" ]; then ok "no password, TOTP secret, code or token in the log; none but the TOTP secret in the database"; else not_ok "secrets leaked:$leaks"; fi
expect_exit 0 "change log still verifies" to v.out "$MAMORI" log verify
expect_exit 0 "help user" to h.out "$MAMORI" help user
contains h.out "mamori user add ログイン名 --person 職員等ID" "help shows usage"
