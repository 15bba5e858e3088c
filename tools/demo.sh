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
# A sign-in user for the demo: an ordinary member of staff with no security role (so no TOTP
# is needed). Each run issues a fresh initial password, shown here once.
login=demo
if "$mamori" --db "$db" user show "$login" >/dev/null 2>&1; then
    out=$("$mamori" --db "$db" user reset "$login")
else
    person=$(sqlite3 "$db" "SELECT p.id FROM person p WHERE p.status = 'active'
        AND p.employment = 'regular' AND NOT EXISTS (SELECT 1 FROM role_assignment r
        WHERE r.person_id = p.id) ORDER BY p.id LIMIT 1")
    out=$("$mamori" --db "$db" user add "$login" --person "$person")
fi
password=$(printf '%s\n' "$out" | sed -n 's/^.*初期パスワード: //p')
if [ -z "$password" ]; then
    echo "mamori: デモ用の利用者を用意できませんでした" >&2
    exit 3
fi
echo "ブラウザで http://$listen/ を開いてください（Ctrl+C で停止）"
echo "  ログイン ID: $login　初期パスワード: $password（最初のログインで新しいパスワードに変更します）"
exec "$mamori" --db "$db" serve --listen "$listen"
