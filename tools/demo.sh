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
# Sign-in users for the demo, one per kind of user, so each view can be tried: an ordinary
# member of staff (no security role, so no TOTP), a 課長 (情報セキュリティ管理者 of one 課),
# a 部長 (情報セキュリティ責任者) and the 統括情報セキュリティ責任者. Role holders enrol TOTP at
# their first sign-in (any authenticator app; the page also shows the secret as text). Each run
# issues fresh initial passwords, shown here once.
demo_user() { # LOGIN LABEL SQL-selecting-one-person-id
    login=$1 label=$2
    if "$mamori" --db "$db" user show "$login" >/dev/null 2>&1; then
        out=$("$mamori" --db "$db" user reset "$login")
    else
        person=$(sqlite3 "$db" "$3")
        if [ -z "$person" ]; then
            echo "mamori: デモ用の利用者 $login の職員が見つかりません" >&2
            exit 3
        fi
        out=$("$mamori" --db "$db" user add "$login" --person "$person")
    fi
    password=$(printf '%s\n' "$out" | sed -n 's/^.*初期パスワード: //p')
    if [ -z "$password" ]; then
        echo "mamori: デモ用の利用者 $login を用意できませんでした" >&2
        exit 3
    fi
    users="$users
  $label　ログイン ID: $login　初期パスワード: $password"
}
users=""
role_holder() { # ROLE SCOPE-TYPE
    echo "SELECT r.person_id FROM role_assignment r JOIN person p ON p.id = r.person_id
        WHERE r.role = '$1' AND r.scope_type = '$2' AND p.status = 'active'
        AND (r.valid_to IS NULL OR r.valid_to >= date('now'))
        AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = r.person_id)
        ORDER BY r.id LIMIT 1"
}
demo_user demo "職員（役割なし）" "SELECT p.id FROM person p WHERE p.status = 'active'
    AND p.employment = 'regular' AND NOT EXISTS (SELECT 1 FROM role_assignment r
    WHERE r.person_id = p.id) ORDER BY p.id LIMIT 1"
demo_user toukatsu "統括情報セキュリティ責任者" "$(role_holder toukatsu organization)"
demo_user kacho "課長（情報セキュリティ管理者）" "$(role_holder ism kashitsu)"
demo_user bucho "部長（情報セキュリティ責任者）" "$(role_holder isr bukyoku)"
echo "ブラウザで http://$listen/ を開いてください（Ctrl+C で停止）"
echo "デモ用の利用者（最初のログインで新しいパスワードに変更します。役割のある利用者は続けてワンタイムパスワードを登録します）:$users"
exec "$mamori" --db "$db" serve --listen "$listen"
