# weblib.sh — helpers shared by the web, API and browser integration scripts. Source it after
# lib.sh:
#     source "$MAMORI_ROOT/tests/integration/lib.sh"
#     source "$MAMORI_ROOT/tests/integration/weblib.sh"
# It sets an EXIT trap that kills every process id in the array `pids` (servers started with
# web_serve are added there; a script may add its own).

pids=()
web_cleanup() { for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done; }
trap web_cleanup EXIT

# REQ_TIMEOUT : seconds curl may take for one request in req (scripts may change it)
REQ_TIMEOUT=${REQ_TIMEOUT:-20}

# web_serve DB [DESC [FAIL_EXIT]] : starts `mamori --db DB serve` on a free port of 127.0.0.1 (another port
# when the one picked was taken meanwhile), sets `port`, `base` (http://127.0.0.1:PORT) and
# `spid` (the server's process id, also added to `pids`); waits for /healthz and reports
# "ok - DESC" (default "server starts"). When the server does not come up, the failure and the
# server's stderr are printed and the script ends with status FAIL_EXIT (default 0).
web_serve() {
    local db=$1 desc=${2:-server starts} fail_exit=${3:-0} up=0
    for _ in 1 2 3 4 5; do
        port=$(free_port) || continue
        base="http://127.0.0.1:$port"
        "$MAMORI" --db "$db" serve --listen "127.0.0.1:$port" >s.out 2>s.err &
        spid=$!
        pids+=($spid)
        for _ in $(seq 1 300); do
            if curl -s --max-time 1 -o /dev/null "$base/healthz"; then up=1; break; fi
            kill -0 "$spid" 2>/dev/null || break
            sleep 0.1
        done
        [ $up = 1 ] && break
    done
    if [ $up = 1 ]; then ok "$desc"; else not_ok "$desc"; cat s.err; exit "$fail_exit"; fi
}

# browser_ready : sets browser_dir (tests/browser) and chromium (MAMORI_CHROMIUM, default
# /usr/bin/chromium); when Chromium, node or the npm packages are missing, that is one failure
# and the script ends with status 1 (make deps installs them)
browser_ready() {
    browser_dir="$MAMORI_ROOT/tests/browser"
    chromium=${MAMORI_CHROMIUM:-/usr/bin/chromium}
    local missing=""
    [ -x "$chromium" ] || missing="$missing chromium($chromium)"
    command -v node >/dev/null || missing="$missing node"
    [ -d "$browser_dir/node_modules/playwright-core" ] || missing="$missing tests/browser/node_modules"
    if [ -n "$missing" ]; then
        not_ok "browser tests need:$missing — run make deps (tools/deps.sh)"
        exit 1
    fi
}

# req METHOD PATH OUT [curl options…] : sends the request to $base$PATH, writes the body to
# OUT and the response headers to OUT.h; prints the status code
req() {
    local m=$1 path=$2 out=$3; shift 3
    curl -s --max-time "$REQ_TIMEOUT" -X "$m" -o "$out" -D "$out.h" -w '%{http_code}' "$@" "$base$path"
}

# cookie OUT : the mamori_session value set by the response saved in OUT (empty when none)
cookie() { tr -d '\r' <"$1.h" | sed -n 's/^[Ss]et-[Cc]ookie: mamori_session=\([^;]*\).*/\1/p'; }
# location OUT : the Location header of the response saved in OUT
location() { tr -d '\r' <"$1.h" | sed -n 's/^[Ll]ocation: //p'; }
# csrf_of FILE : the first CSRF token of a form in the HTML page FILE
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }
# is DESC GOT WANT : passes when GOT equals WANT (both are shown)
is() { if [ "$2" = "$3" ]; then ok "$1 ($2)"; else not_ok "$1 (got '${2}', want '$3')"; fi; }

# totp SECRET [STEP] : the TOTP code of a base32 SECRET for the time step now/30 + STEP
# (RFC 6238, SHA-1, 30 s, 6 digits)
totp() {
    python3 - "$1" "${2:-0}" <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]
key = base64.b32decode(s + "=" * (-len(s) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30 + int(sys.argv[2])), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}

# web_first_signin LOGIN PASSWORD NEWPW [TAG] : the first sign-in of a user with the initial
# PASSWORD: signs in, changes the password to NEWPW and, when the server asks for it, enrols
# TOTP. Prints the session cookie value that the last step (password change, or TOTP
# enrolment) set; empty when that step set none. The pages go to files named TAG.1 … TAG.5
# (TAG defaults to signin-LOGIN); the TOTP secret is left in TAG.secret.
web_first_signin() {
    local u=$1 pw=$2 newpw=$3 t=${4:-signin-$1} c secret
    req POST /login "$t.1" --data-urlencode "login=$u" --data-urlencode "password=$pw" >/dev/null
    c=$(cookie "$t.1")
    req GET /password "$t.2" -H "Cookie: mamori_session=$c" >/dev/null
    req POST /password "$t.3" -H "Cookie: mamori_session=$c" --data "csrf=$(csrf_of "$t.2")" \
        --data-urlencode "current=$pw" --data-urlencode "new=$newpw" --data-urlencode "confirm=$newpw" >/dev/null
    c=$(cookie "$t.3")
    if [ "$(location "$t.3")" = /totp/enroll ]; then
        req GET /totp/enroll "$t.4" -H "Cookie: mamori_session=$c" >/dev/null
        secret=$(sed -n 's/.*<code class="secret">\([A-Z2-7]*\)<.*/\1/p' "$t.4")
        echo "$secret" >"$t.secret"
        req POST /totp/enroll "$t.5" -H "Cookie: mamori_session=$c" \
            --data "csrf=$(csrf_of "$t.4")&code=$(totp "$secret")" >/dev/null
        c=$(cookie "$t.5")
    fi
    echo "$c"
}

# api_token DB LOGIN [PERSON] : adds user LOGIN (for PERSON, when given) to DB and prints a new
# API token of LOGIN (label "test"); prints nothing when that fails
api_token() {
    [ -n "${3:-}" ] && "$MAMORI" --db "$1" user add "$2" --person "$3" >/dev/null
    "$MAMORI" --db "$1" user token add "$2" --label test | grep -o '^mamori_[0-9a-f]*' | head -1
}
