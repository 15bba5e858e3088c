#!/bin/sh
# deps.sh — installs the Debian 12 packages mamori builds and tests with, if any are missing,
# then the browser tests' npm packages (tests/browser/node_modules) when missing or stale.
# Runs apt-get as root, or through sudo; otherwise says exactly what to install.
#   chromium  the browser tests drive Debian's Chromium (no browser is downloaded by npm);
#             fonts-noto-cjk  the stylesheet's Japanese font, so screenshots show real glyphs
#   nodejs, npm  only when `node` / `npm` are not on PATH (a newer Node from elsewhere is kept)
#   wrk       the HTTP load benchmark (make bench)
#   pango, cairo, fonts-ipaexfont  printable PDF documents with an embedded Japanese font
#   libcurl   optional e-mail notices (SMTP); poppler-utils  the tests read PDFs back
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
pkgs="gcc make pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libsodium-dev
      libcmocka-dev libxlsxwriter-dev liboath-dev libqrencode-dev sqlite3 curl unzip postgresql
      python3 chromium fonts-noto-cjk wrk libpango1.0-dev libcairo2-dev fonts-ipaexfont libcurl4-openssl-dev
      poppler-utils"
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
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
fi

# The browser tests' packages, exactly as package-lock.json pins them. The copy of the lock
# file kept beside them tells whether they are stale (the lock changed since `npm ci`).
browser="$root/tests/browser"
stamp="$browser/node_modules/.mamori-package-lock.json"
if [ -f "$browser/package-lock.json" ] && ! cmp -s "$browser/package-lock.json" "$stamp"; then
    echo "mamori: ブラウザ試験の npm パッケージを入れます (tests/browser/node_modules)" >&2
    (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2) || {
        echo "mamori: npm ci に失敗しました (tests/browser)。ネットワークと npm の設定を確かめてください" >&2
        exit 1
    }
    cp "$browser/package-lock.json" "$stamp"
fi
