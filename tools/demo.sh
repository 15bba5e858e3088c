#!/bin/sh
# demo.sh BUILD/mamori — what `make demo` runs: creates demo.db with the fictitious demo
# municipality if it is absent, then serves it on http://127.0.0.1:8080/ until Ctrl+C.
# MAMORI_DEMO_DB and MAMORI_DEMO_LISTEN override the file and the address.
set -eu
mamori=${1:?使い方: tools/demo.sh BUILD/mamori}
db=${MAMORI_DEMO_DB:-demo.db}
listen=${MAMORI_DEMO_LISTEN:-127.0.0.1:8080}

if [ ! -x "$mamori" ]; then
    echo "mamori: $mamori がありません。先に make を実行してください" >&2
    exit 3
fi
if [ -e "$db" ]; then
    echo "既存の $db を使います（作り直すには $db を削除してから make demo を実行してください）"
else
    echo "デモ団体のデータベース $db を作成しています…"
    if ! "$mamori" --db "$db" init --demo; then
        echo "mamori: $db を作成できませんでした（上のメッセージを確認してください）" >&2
        rm -f "$db" "$db-wal" "$db-shm"
        exit 3
    fi
fi
echo "ブラウザで http://$listen/ を開いてください（Ctrl+C で停止）"
exec "$mamori" --db "$db" serve --listen "$listen"
