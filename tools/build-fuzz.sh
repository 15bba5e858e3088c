#!/bin/sh
# build-fuzz.sh — builds the libFuzzer harnesses in tests/fuzz/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into build-fuzz/. The library is built by the Makefile (so the
# sources and embedded data are the same as for build/mamori) with fuzzer instrumentation.
# Run one with, e.g.:  build-fuzz/fuzz_snapshot -max_total_time=60 build-fuzz/corpus-snapshot
set -eu
cd "$(dirname "$0")/.."
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
make --no-print-directory BUILD=build-fuzz CC="$CC" OPT="-O1 -g -fno-omit-frame-pointer" \
    CFLAGS="$SAN" build-fuzz/libmamori.a
PKGS="sqlite3 libmicrohttpd jansson libsodium"
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    $CC -std=c17 -O1 -g -fno-omit-frame-pointer -D_GNU_SOURCE -Isrc -Ibuild-fuzz/gen \
        $(pkg-config --cflags $PKGS) -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=undefined -o "build-fuzz/$name" "$src" build-fuzz/libmamori.a \
        $(pkg-config --libs $PKGS) -lm -lpthread
    echo "built build-fuzz/$name"
done
# Seed corpus for the snapshot harness: the test fixtures.
mkdir -p build-fuzz/corpus-snapshot
cp tests/fixtures/*.json build-fuzz/corpus-snapshot/ 2>/dev/null || true
