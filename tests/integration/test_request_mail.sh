#!/bin/bash
# test_request_mail.sh — the inbox notices of requests go out by SMTP only when the profile
# turns mail on: off by default (nothing reaches the server), on with mail_smtp_url pointing at a
# local test server (the grantor's address receives the notice, in UTF-8). Needs python3's smtpd
# (Python ≤ 3.11); skipped with a note otherwise.
. "$MAMORI_ROOT/tests/integration/lib.sh"

if ! python3 -W ignore -c 'import smtpd' 2>/dev/null; then
    echo "# python3 has no smtpd module; mail test skipped"
    ok "mail test skipped (no smtpd)"
    exit 0
fi
port=$(free_port)
python3 -W ignore - "$port" >smtp.log 2>&1 <<'PY' &
import asyncore, smtpd, sys
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        if isinstance(data, bytes):
            data = data.decode("utf-8", "replace")
        print("RCPT", " ".join(rcpttos), flush=True)
        print(data, flush=True)
Sink(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
asyncore.loop()
PY
srv=$!
trap 'kill $srv 2>/dev/null' EXIT
sleep 0.5

DB=m.db
T="--today 2026-05-01"
"$MAMORI" --db $DB import "$MAMORI_ROOT/tests/rules/base.json" >/dev/null 2>&1
"$MAMORI" --db $DB profile set mail_smtp_url "smtp://127.0.0.1:$port" >/dev/null 2>&1
file() {
    "$MAMORI" --db $DB request new setting_change --as P-09 $T --set device=PC-1 \
        --set setting=画面ロック --set reason=検証 >new.out 2>&1
}
file
contains new.out "受け付けました" "a request is filed with mail off (the default)"
sleep 0.3
check "with mail off nothing reaches the SMTP server" test ! -s smtp.log

"$MAMORI" --db $DB profile set mail_enabled true >/dev/null 2>&1
file
contains new.out "受け付けました" "a request is filed with mail on"
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q RCPT smtp.log && break; sleep 0.3; done
contains smtp.log "RCPT p-03@example.lg.jp" "the grantor (the ISM, P-03) is mailed"
contains smtp.log "決定をお願いします" "… with the notice in UTF-8"
