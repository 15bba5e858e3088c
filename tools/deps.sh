#!/bin/sh
# deps.sh — installs the Debian 12 packages mamori builds and tests with, if any are missing.
# Runs apt-get as root, or through sudo; otherwise says exactly what to install.
set -eu
pkgs="gcc make pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libsodium-dev
      libcmocka-dev libxlsxwriter-dev liboath-dev libqrencode-dev sqlite3 curl unzip postgresql
      python3"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "mamori: 必要なパッケージをインストールします:$missing" >&2
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo"
else
    echo "mamori: パッケージをインストールする権限がありません。管理者として次を実行してください:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq >&2
# shellcheck disable=SC2086
$run apt-get install -y -qq --no-install-recommends $missing >&2
