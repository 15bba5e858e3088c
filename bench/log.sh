#!/bin/sh
# log.sh BUILD [ENTRIES] — builds bench/bench_log.c against BUILD/libmamori.a and reports the
# change log figures: appends per second with the hash chain, and the time to verify ENTRIES
# (default 1,000,000) entries. Uses a temporary directory, removed afterwards.
set -eu
build=${1:-build}
entries=${2:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
pkgs=$(make -s -C "$root" --no-print-directory print-pkgs)
[ -f "$root/$build/libmamori.a" ] || make -C "$root" --no-print-directory BUILD="$build" "$build/libmamori.a" >&2
mkdir -p "$root/$build/bench"
# shellcheck disable=SC2046
cc -std=c17 -O2 -D_GNU_SOURCE -I"$root/src" $(pkg-config --cflags $pkgs) \
    -o "$root/$build/bench/bench_log" "$root/bench/bench_log.c" "$root/$build/libmamori.a" \
    $(pkg-config --libs $pkgs) -lm -lpthread
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "# change log ($(nproc) cores)"
"$root/$build/bench/bench_log" "$dir/bench.db" "$entries"
echo "log.db_size            $(du -m "$dir/bench.db" | cut -f1) MB"
