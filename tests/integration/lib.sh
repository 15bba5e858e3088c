# lib.sh — helpers for integration scripts. Each check prints "ok - …" or "not ok - …";
# tests/run.sh counts those lines. Scripts run in a fresh temporary directory.
: "${MAMORI:?MAMORI must point at the binary}"
: "${MAMORI_ROOT:?MAMORI_ROOT must point at the repository}"

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check DESC CMD... : passes when CMD exits 0
check() {
    local desc=$1; shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# expect_exit CODE DESC CMD... : passes when CMD exits with CODE
expect_exit() {
    local want=$1 desc=$2; shift 2
    "$@"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok "$desc"; else not_ok "$desc (exit $got, want $want)"; fi
}

# contains FILE TEXT DESC : passes when FILE contains TEXT (fixed string)
contains() {
    if grep -qF -- "$2" "$1"; then ok "$3"; else not_ok "$3 (missing: $2)"; sed 's/^/#   /' "$1" | head -20; fi
}

# free_port : prints a TCP port on 127.0.0.1 that nothing listens on
free_port() {
    local p
    for _ in $(seq 1 50); do
        # below Linux's ephemeral range (32768 up), where a client's outgoing port may sit
        p=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}
