#!/bin/bash
# test_web_access.sh — who may see and change what: every route of the web application and the
# JSON API, for every persona, against the reference table tests/web/access.tsv (docs/access.md
# explains how to read it). The personas are people of the demo organization with their role
# assignments (an auditor and three single-role holders are added here); each signs in once
# (password change, TOTP enrollment for role holders) and gets an API token, then every row is
# requested once per persona. One line per cell: "ok - METHOD PATH persona → got".
# ACCESS_TABLE and ACCESS_SRC may point at another table or source tree (to try a change).
source "$MAMORI_ROOT/tests/integration/lib.sh"
source "$MAMORI_ROOT/tests/integration/weblib.sh"

table="${ACCESS_TABLE:-$MAMORI_ROOT/tests/web/access.tsv}"
personas=(anon staff ism isr sysm toukatsu ciso committee auditor)



REQ_TIMEOUT=30

# --- the demo organization, a check run, and the personas ---------------------------------
today=$(TZ=Asia/Tokyo date +%F)
"$MAMORI" --db d.db init --demo --reference-date "$today" >/dev/null 2>init.err || { not_ok "demo init"; cat init.err; exit 0; }
"$MAMORI" --db d.db check --format json -o check.json >/dev/null 2>check.err
[ -s check.json ] || { not_ok "a check run for the findings rows"; cat check.err; exit 0; }

q() { sqlite3 -batch -noheader d.db "PRAGMA busy_timeout=5000; $1" | tail -n +2; }
# The departments of a department's subtree, as a SQL set for the queries below.
sub() { echo "(WITH RECURSIVE t(id) AS (SELECT '$1' UNION SELECT d.id FROM department d JOIN t ON d.parent_id = t.id) SELECT id FROM t)"; }

CUR="(SELECT * FROM role_assignment WHERE valid_from <= '$today' AND (valid_to IS NULL OR valid_to >= '$today'))"
NOROLE="NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id)"
# K: a 課室 with systems, assets, devices, contracts, cloud services and a finding; B its 部局.
K=$(q "SELECT d.id FROM department d WHERE d.level = 'kashitsu'
    AND EXISTS (SELECT 1 FROM finding f WHERE f.department_id = d.id)
    AND EXISTS (SELECT 1 FROM contract x WHERE x.department_id = d.id)
    AND EXISTS (SELECT 1 FROM cloud_service x WHERE x.department_id = d.id)
    AND EXISTS (SELECT 1 FROM device x WHERE x.department_id = d.id AND x.holder_id IS NULL)
    AND EXISTS (SELECT 1 FROM system x WHERE x.department_id = d.id)
    AND EXISTS (SELECT 1 FROM person p WHERE p.department_id = d.id AND p.status = 'active' AND $NOROLE)
    AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.entity_type = 'person' AND f.department_id IN
                    (SELECT id FROM department WHERE id = d.parent_id OR parent_id = d.parent_id))
  ORDER BY d.id LIMIT 1")
B=$(q "SELECT parent_id FROM department WHERE id = '$K'")
SB=$(sub "$B")
# S: a system outside B, with accounts, a finding, a connection and an asset.
read -r S S_dept < <(q "SELECT s.id || ' ' || s.department_id FROM system s
  WHERE s.department_id NOT IN $SB
    AND EXISTS (SELECT 1 FROM finding f WHERE f.system_id = s.id)
    AND EXISTS (SELECT 1 FROM network_connection n WHERE n.from_system_id = s.id)
    AND EXISTS (SELECT 1 FROM asset a WHERE a.system_id = s.id)
    AND (SELECT count(*) FROM account a WHERE a.system_id = s.id) > 1
  ORDER BY s.id LIMIT 1")
# 職員等: no role, outside B, with an account, a device and a finding about them.
staff_p=$(q "SELECT p.id FROM person p WHERE p.status = 'active' AND $NOROLE
    AND p.department_id NOT IN $SB
    AND EXISTS (SELECT 1 FROM finding f WHERE f.entity_type = 'person' AND f.entity_id = p.id)
    AND EXISTS (SELECT 1 FROM account a JOIN system s ON s.id = a.system_id WHERE a.holder_id = p.id
                AND s.id <> '$S' AND s.department_id NOT IN $SB)
    AND EXISTS (SELECT 1 FROM device d WHERE d.holder_id = p.id AND d.department_id NOT IN $SB
                AND d.system_id IS NOT '$S')
  ORDER BY p.id LIMIT 1")
# The demo's role holders mostly hold several roles; the test gives people without a role one
# assignment each: ism of K (a person of K), isr of B (a person of B), sysm of S and an auditor
# of B (people from outside B).
fresh() { q "SELECT p.id FROM person p WHERE p.status = 'active' AND p.employment = 'regular'
    AND $NOROLE AND p.id <> '$staff_p' AND $1
    AND NOT EXISTS (SELECT 1 FROM account a WHERE a.holder_id = p.id AND a.system_id = '$S')
  ORDER BY p.id LIMIT 1"; }
ism_p=$(fresh "p.department_id = '$K'")
isr_p=$(fresh "p.department_id IN $SB AND p.department_id <> '$K'")
ELSEWHERE="p.department_id NOT IN $SB AND p.department_id <> (SELECT department_id FROM person WHERE id = '$staff_p')"
sysm_p=$(fresh "$ELSEWHERE")
auditor_p=$(fresh "$ELSEWHERE AND p.id <> '$sysm_p'")
sqlite3 d.db "PRAGMA busy_timeout=5000; INSERT INTO role_assignment (id, role, person_id, scope_type, scope_department_id, scope_system_id, valid_from, note) VALUES
  ('ra-access-ism', 'ism', '$ism_p', 'kashitsu', '$K', NULL, '2020-04-01', 'access test'),
  ('ra-access-isr', 'isr', '$isr_p', 'bukyoku', '$B', NULL, '2020-04-01', 'access test'),
  ('ra-access-sysm', 'sysm', '$sysm_p', 'system', NULL, '$S', '2020-04-01', 'access test'),
  ('ra-access-auditor', 'auditor', '$auditor_p', 'bukyoku', '$B', NULL, '2020-04-01', 'access test');" >/dev/null ||
    not_ok "role assignments for ism, isr, sysm, auditor"
toukatsu_p=$(q "SELECT person_id FROM $CUR WHERE role = 'toukatsu' ORDER BY id LIMIT 1")
ciso_p=$(q "SELECT person_id FROM $CUR WHERE role = 'ciso' ORDER BY id LIMIT 1")
committee_p=$(q "SELECT ra.person_id FROM $CUR ra WHERE ra.role = 'committee'
    AND (SELECT count(*) FROM $CUR r2 WHERE r2.person_id = ra.person_id) = 1 ORDER BY ra.person_id LIMIT 1")
PERS="('$staff_p','$ism_p','$isr_p','$sysm_p','$toukatsu_p','$ciso_p','$committee_p','$auditor_p')"
check "personas found (ism $ism_p of $K in $B, system $S, staff $staff_p, isr $isr_p, sysm $sysm_p, auditor $auditor_p, toukatsu $toukatsu_p, ciso $ciso_p, committee $committee_p)" \
    test -n "$ism_p" -a -n "$K" -a -n "$B" -a -n "$S" -a -n "$staff_p" -a -n "$auditor_p" -a -n "$toukatsu_p" -a -n "$ciso_p" -a -n "$committee_p"

# --- placeholders: rows inside and outside each persona's reach ---------------------------
declare -A P
ph() { P[$1]=$(q "$2" | head -1); [ -n "${P[$1]}" ] || not_ok "placeholder {$1} has a row"; }
IN_B="IN $SB" OUT_B="NOT IN $SB"
ph dept_own "SELECT '$K'"
ph dept_bu "SELECT id FROM department WHERE id $IN_B AND id NOT IN ('$K', '$B') ORDER BY id"
ph dept_other "SELECT id FROM department WHERE id $OUT_B AND level = 'kashitsu' AND id <> (SELECT department_id FROM person WHERE id = '$staff_p') ORDER BY id DESC"
ph person_self "SELECT '$staff_p'"
ph person_own "SELECT id FROM person WHERE employment = 'regular' AND department_id = '$K' AND id NOT IN $PERS ORDER BY id"
ph person_bu "SELECT id FROM person WHERE employment = 'regular' AND department_id $IN_B AND department_id <> '$K' AND id NOT IN $PERS ORDER BY id"
ph person_other "SELECT id FROM person WHERE employment = 'regular' AND department_id $OUT_B AND id NOT IN $PERS ORDER BY id"
ph ra_own "SELECT 'ra-access-ism'"
ph ra_other "SELECT ra.id FROM role_assignment ra JOIN person p ON p.id = ra.person_id WHERE ra.role = 'ism' AND ra.scope_department_id $OUT_B AND p.department_id $OUT_B AND ra.person_id NOT IN $PERS ORDER BY ra.id"
ph system_own "SELECT '$S'"
ph system_own_dept "SELECT '$S_dept'"
ph system_k "SELECT id FROM system WHERE department_id = '$K' ORDER BY id"
ph system_other "SELECT id FROM system WHERE department_id $OUT_B AND id <> '$S' ORDER BY id DESC"
SYS_B="(SELECT id FROM system WHERE department_id $IN_B)"
SYS_OUT="(SELECT id FROM system WHERE department_id $OUT_B AND id <> '$S')"
ph asset_own "SELECT id FROM asset WHERE department_id = '$K' AND (system_id IS NULL OR system_id IN (SELECT id FROM system WHERE department_id = '$K')) AND (manager_id IS NULL OR manager_id NOT IN $PERS OR manager_id = '$ism_p') ORDER BY id"
ph asset_bu "SELECT id FROM asset WHERE department_id $IN_B AND department_id <> '$K' AND (system_id IS NULL OR system_id IN $SYS_B) AND (manager_id IS NULL OR manager_id NOT IN $PERS) ORDER BY id"
ph asset_sys "SELECT id FROM asset WHERE system_id = '$S' AND department_id $OUT_B AND (manager_id IS NULL OR manager_id NOT IN $PERS) ORDER BY id"
ph asset_other "SELECT id FROM asset WHERE department_id $OUT_B AND (system_id IS NULL OR system_id IN $SYS_OUT) AND (manager_id IS NULL OR manager_id NOT IN $PERS) ORDER BY id DESC"
HOLDER_OUT="(holder_id IS NULL OR holder_id IN (SELECT id FROM person WHERE department_id $OUT_B AND id NOT IN $PERS))"
ph account_self "SELECT id FROM account WHERE holder_id = '$staff_p' AND system_id IN $SYS_OUT ORDER BY id"
ph account_own "SELECT id FROM account WHERE system_id IN (SELECT id FROM system WHERE department_id = '$K') AND holder_id IN (SELECT id FROM person WHERE department_id = '$K' AND id NOT IN $PERS) ORDER BY id"
ph account_sys "SELECT id FROM account WHERE system_id = '$S' AND $HOLDER_OUT ORDER BY id"
ph account_other "SELECT id FROM account WHERE system_id IN $SYS_OUT AND $HOLDER_OUT ORDER BY id"
ph conn_sys "SELECT id FROM network_connection WHERE from_system_id = '$S' AND department_id $OUT_B AND (to_system_id IS NULL OR to_system_id IN $SYS_OUT OR to_system_id = '$S') ORDER BY id"
ph conn_bu "SELECT id FROM network_connection WHERE department_id $IN_B AND department_id <> '$K' AND from_system_id IS NOT '$S' AND to_system_id IS NOT '$S' AND (from_system_id IS NULL OR from_system_id NOT IN (SELECT id FROM system WHERE department_id = '$K')) AND (to_system_id IS NULL OR to_system_id NOT IN (SELECT id FROM system WHERE department_id = '$K')) ORDER BY id"
ph conn_other "SELECT id FROM network_connection WHERE department_id $OUT_B AND (from_system_id IS NULL OR from_system_id IN $SYS_OUT) AND (to_system_id IS NULL OR to_system_id IN $SYS_OUT) ORDER BY id"
ph device_self "SELECT id FROM device WHERE holder_id = '$staff_p' AND department_id $OUT_B AND (system_id IS NULL OR system_id IN $SYS_OUT) ORDER BY id"
ph device_own "SELECT id FROM device WHERE department_id = '$K' AND (system_id IS NULL OR system_id IN (SELECT id FROM system WHERE department_id = '$K')) AND (holder_id IS NULL OR holder_id IN (SELECT id FROM person WHERE department_id = '$K' AND id NOT IN $PERS)) ORDER BY id"
ph device_other "SELECT id FROM device WHERE department_id $OUT_B AND (system_id IS NULL OR system_id IN $SYS_OUT) AND $HOLDER_OUT ORDER BY id"
ph area_other "SELECT id FROM managed_area WHERE department_id $OUT_B ORDER BY id"
ph software "SELECT id FROM software ORDER BY id"
ph course "SELECT id FROM training_course ORDER BY id"
ph contractor "SELECT id FROM contractor ORDER BY id"
ph contract_own "SELECT id FROM contract WHERE department_id = '$K' AND (system_id IS NULL OR system_id IN (SELECT id FROM system WHERE department_id = '$K')) ORDER BY id"
ph contract_other "SELECT id FROM contract WHERE department_id $OUT_B AND (system_id IS NULL OR system_id IN $SYS_OUT) ORDER BY id"
CS_PEOPLE="(manager_id IS NULL OR manager_id NOT IN $PERS) AND (requested_by IS NULL OR requested_by NOT IN $PERS)"
ph cloud_own "SELECT id FROM cloud_service WHERE department_id = '$K' AND (system_id IS NULL OR system_id IN (SELECT id FROM system WHERE department_id = '$K')) ORDER BY id"
ph cloud_other "SELECT id FROM cloud_service WHERE department_id $OUT_B AND (system_id IS NULL OR system_id IN $SYS_OUT) AND $CS_PEOPLE ORDER BY id"
RUN=$(q "SELECT max(id) FROM check_run")
F="FROM finding WHERE run_id = $RUN"
ph run "SELECT '$RUN'"
ph run_missing "SELECT '999999'"
ph fp_own "SELECT fingerprint $F AND department_id = '$K' AND system_id IS NOT '$S' AND entity_id <> '$staff_p' ORDER BY fingerprint"
ph fp_sys "SELECT fingerprint $F AND system_id = '$S' AND department_id $OUT_B ORDER BY fingerprint"
ph fp_self "SELECT fingerprint $F AND entity_type = 'person' AND entity_id = '$staff_p' ORDER BY fingerprint"
ph fp_other "SELECT fingerprint $F AND department_id $OUT_B AND system_id IS NULL AND entity_type IN ('contract', 'department', 'managed_area', 'cloud_service') ORDER BY fingerprint"
ph fp_missing "SELECT 'NO-SUCH-1|asset|no-such-asset'"
ph clause "SELECT id FROM catalog_clause WHERE id LIKE '%(%' AND id NOT LIKE '%/%' ORDER BY length(id) DESC, id"
ph missing "SELECT 'no-such-row'"
# Requests (申請): three of the staff persona's (one to look at, two to withdraw), one of a
# person outside B whose route holds none of the personas, and an attachment.
new_request() { # PERSON : files a 持ち出し request as PERSON, prints its number
    "$MAMORI" --db d.db request new takeout --as "$1" --set items=ノートPC --set count=1 \
        --set confidentiality=2 --set purpose=会議 --set place=県庁 --set "from=$today" \
        --set "until=$today" --title "access test" 2>>request.err | sed -n 's/^申請 #\([0-9]*\) を受け付けました.*/\1/p'
}
ph kind "SELECT 'takeout'"
P[req_self]=$(new_request "$staff_p")
P[req_wd_h]=$(new_request "$staff_p")
P[req_wd_a]=$(new_request "$staff_p")
P[req_other]=$(new_request "${P[person_other]}")
P[req_ret]=$(new_request "$staff_p")
# … sent back (差戻し) by the 情報セキュリティ管理者 of the staff persona's 課室, so it may be amended
"$MAMORI" --db d.db request decide "${P[req_ret]}" return --comment 試験 --as "$(q "SELECT person_id FROM $CUR
    WHERE role = 'ism' AND scope_department_id = (SELECT department_id FROM person WHERE id = '$staff_p') ORDER BY id LIMIT 1")" \
    >/dev/null 2>>request.err || not_ok "the request {req_ret} is sent back"
ph req_missing "SELECT '999999'"
echo "access test" >attachment.txt
"$MAMORI" --db d.db request attach "${P[req_self]}" attachment.txt --as "$staff_p" >/dev/null 2>>request.err
ph att "SELECT max(id) FROM request_attachment"
# Incidents: one the staff persona reported, one of K, one touching S (outside B), one elsewhere.
new_incident() { # REPORTER [options…] : reports an incident, prints its id
    local who=$1; shift
    "$MAMORI" --db d.db incident report --title "access test" --description 試験の報告 --reporter "$who" "$@" \
        2>>incident.err | sed -n 's/^インシデント \([^ ]*\) を受け付けました.*/\1/p'
}
P[inc_self]=$(new_incident "$staff_p")
P[inc_k]=$(new_incident "${P[person_own]}" --department "$K")
P[inc_sys]=$(new_incident "${P[person_other]}" --department "$S_dept" --system "$S")
P[inc_other]=$(new_incident "${P[person_other]}")
ph inc_missing "SELECT 'INC-1999-9999'"
# 自己点検 and 監査 of the demo: B's assessment, one outside B and off S, the demo's audit; the 年度.
ph assess_b "SELECT id FROM assessment WHERE target_id = '$B' ORDER BY id"
ph assess_other "SELECT id FROM assessment WHERE target_kind IN ('bukyoku', 'kashitsu') AND target_id $OUT_B AND (department_id IS NULL OR department_id $OUT_B) AND system_id IS NOT '$S' ORDER BY id DESC"
ph audit_other "SELECT a.id FROM audit_plan a WHERE NOT EXISTS (SELECT 1 FROM audit_scope x WHERE x.plan_id = a.id AND (x.target_id $IN_B OR x.target_id = '$S')) ORDER BY a.id"
ph nendo "SELECT CAST(strftime('%Y', '$today') AS INTEGER) - (CAST(strftime('%m', '$today') AS INTEGER) < 4)"
for k in req_self req_wd_h req_wd_a req_other req_ret inc_self inc_k inc_sys inc_other; do [ -n "${P[$k]}" ] || not_ok "placeholder {$k} has a request or an incident"; done
echo "# placeholders: $(for k in "${!P[@]}"; do printf '%s=%s ' "$k" "${P[$k]}"; done)"

# Percent-encoded forms for paths and form bodies; the raw forms go into JSON bodies.
declare -A PE
while IFS=$'\t' read -r k v; do PE[$k]=$v; done < <(
    for k in "${!P[@]}"; do printf '%s\t%s\n' "$k" "${P[$k]}"; done |
        python3 -c 'import sys, urllib.parse
for line in sys.stdin:
    k, v = line.rstrip("\n").split("\t", 1)
    print(k + "\t" + urllib.parse.quote(v, safe=""))')

# --- users, server, sign-in ---------------------------------------------------------------
declare -A PID=([staff]=$staff_p [ism]=$ism_p [isr]=$isr_p [sysm]=$sysm_p [toukatsu]=$toukatsu_p
    [ciso]=$ciso_p [committee]=$committee_p [auditor]=$auditor_p)
declare -A PW TOKEN COOKIE CSRF
for who in "${personas[@]:1}"; do
    PW[$who]=$("$MAMORI" --db d.db user add "acc-$who" --person "${PID[$who]}" | sed -n 's/^初期パスワード: //p')
    TOKEN[$who]=$("$MAMORI" --db d.db user token add "acc-$who" --label access | grep '^mamori_')
done

# The server on a free port (its process id in spid).
web_serve d.db

# signin WHO : first sign-in (password change, TOTP enrollment when asked); sets COOKIE, CSRF
signin() {
    local who=$1 d="si-$1" c
    mkdir -p "$d"
    c=$(web_first_signin "acc-$who" "${PW[$who]}" "Access-$1-pass-2026!" "$d/s")
    local st
    st=$(req GET / "$d/home" -H "Cookie: mamori_session=$c")
    COOKIE[$who]=$c
    CSRF[$who]=$(csrf_of "$d/home")
    check "$who signs in ($st)" test "$st" = 200 -a -n "${CSRF[$who]}" -a -n "${TOKEN[$who]}"
}
for who in "${personas[@]:1}"; do signin "$who"; done

# --- every route of the program has a row -----------------------------------------------------
# The route tables in src/web/*.c ({"GET", "/r/{}/{}", …}); a route is covered when a row of
# the same method has a path that the pattern matches ({} = one segment).
mapfile -t routes < <(cat "${ACCESS_SRC:-$MAMORI_ROOT}"/src/web/*.c | grep -o '{"\(GET\|POST\)", "/[^"]*"' |
    sed 's/{"\([A-Z]*\)", "\([^"]*\)"/\1 \2/' | sort -u)
mapfile -t table_paths < <(grep -v '^#' "$table" | grep -v '^method	' | grep -v '^$' | cut -f1,2 | sed 's/?.*//; s/\t/ /')
uncovered=()
for r in "${routes[@]}"; do
    m=${r%% *} pat=${r#* }
    re="^$m ${pat//\{\}/[^/]+}\$"
    hit=0
    for t in "${table_paths[@]}"; do
        if [[ $t =~ $re ]]; then hit=1; break; fi
    done
    [ $hit = 1 ] || uncovered+=("$r")
done
check "every route of the program has a row in tests/web/access.tsv (${#routes[@]} routes${uncovered:+; missing: ${uncovered[*]}})" \
    test ${#uncovered[@]} = 0

# --- the walk -------------------------------------------------------------------------------
# The rows: method, path, body, then one column per persona (the header line names them).
mapfile -t rows < <(grep -v '^#' "$table" | grep -v '^method	' | grep -v '^$')
header=$(grep '^method	' "$table")
check "the table's columns are the personas" test "$header" = "method	path	body	$(IFS=$'\t'; echo "${personas[*]}")"

# subst TEXT MAP : replaces every {name} with the map's value
subst() {
    local -n map=$2
    local s=$1 k
    if [[ $s == *\{* ]]; then
        for k in "${!map[@]}"; do s=${s//\{$k\}/${map[$k]}}; done
    fi
    REPLY=$s
}
# A form body "a=x&b=y" (raw values: ids without quotes or backslashes) as a JSON object.
json_of() {
    local IFS='&' kv out="" sep=""
    for kv in $1; do
        out+="$sep\"${kv%%=*}\":\"${kv#*=}\""
        sep=,
    done
    REPLY="{$out}"
}
# Per row: the URL path, the form body (percent-encoded) and the JSON body; whether it runs last.
declare -a R_M R_URL R_FORM R_JSON R_LAST R_NAME
# The display names of the register rows the placeholders point at (for the refusal check).
declare -A NAMES
name_of() { # PLACEHOLDER TABLE COLUMN
    [ -n "${P[$1]:-}" ] && NAMES[$1]=$(q "SELECT $3 FROM $2 WHERE id = '${P[$1]}'")
}
for k in dept_own dept_bu dept_other; do name_of $k department name; done
for k in person_self person_own person_bu person_other; do name_of $k person name; done
for k in system_own system_k system_other; do name_of $k system name; done
for k in asset_own asset_bu asset_sys asset_other; do name_of $k asset name; done
for k in account_self account_own account_sys account_other; do name_of $k account login; done
for k in conn_sys conn_bu conn_other; do name_of $k network_connection name; done
for k in device_self device_own device_other; do name_of $k device name; done
name_of area_other managed_area name
name_of software software name
name_of contractor contractor name
for k in contract_own contract_other; do name_of $k contract title; done
for k in cloud_own cloud_other; do name_of $k cloud_service name; done
name_of course training_course title
for i in "${!rows[@]}"; do
    IFS=$'\t' read -r -a f <<<"${rows[$i]}"
    R_M[$i]=${f[0]}
    subst "${f[1]}" PE; R_URL[$i]=$REPLY
    body=${f[2]}; [ "$body" = - ] && body=""
    subst "$body" PE; R_FORM[$i]=$REPLY
    subst "$body" P; json_of "$REPLY"; R_JSON[$i]=${REPLY//\"/\\\"}
    R_LAST[$i]=0
    R_NAME[$i]=""
    if [[ ${f[1]} =~ ^(/r|/api/v1/registers)/([a-z_]+)/\{([a-z_]+)\}(/edit)?$ ]] && [ -n "${NAMES[${BASH_REMATCH[3]}]:-}" ]; then
        R_NAME[$i]=${NAMES[${BASH_REMATCH[3]}]}
    fi
    [ "${f[0]}" = POST ] && [[ ${f[1]} == /checks || ${f[1]} == /api/v1/checks || ${f[1]} == */withdraw || $body == id=* ]] && R_LAST[$i]=1
done

# config WHO PHASE : a curl config with one transfer per row of the phase (1: all but running a
# check; 2: running one), each writing "row status location" on its own line.
config() {
    local who=$1 phase=$2 i zero
    zero=$(printf '%064d' 0)
    for i in "${!rows[@]}"; do
        [ "${R_LAST[$i]}" = $((phase - 1)) ] || continue
        local m=${R_M[$i]} url=${R_URL[$i]} form=${R_FORM[$i]//\{who\}/$who} json=${R_JSON[$i]//\{who\}/$who}
        printf 'next\nurl = "%s%s"\nrequest = "%s"\noutput = "w-%s/%s"\n' "$base" "$url" "$m" "$who" "$i"
        printf 'write-out = "%s\\t%%{http_code}\\t%%header{location}\\n"\n' "$i"
        if [[ $url == /api/* ]]; then
            [ "$who" = anon ] || printf 'header = "Authorization: Bearer %s"\n' "${TOKEN[$who]}"
            [ "$m" = POST ] && printf 'header = "Content-Type: application/json"\ndata-binary = "%s"\n' "$json"
        else
            [ "$who" = anon ] || printf 'header = "Cookie: mamori_session=%s"\n' "${COOKIE[$who]}"
            if [ "$m" = POST ]; then
                local data="csrf=${CSRF[$who]:-$zero}"
                [ -z "$form" ] || data+="&$form"
                printf 'data = "%s"\n' "$data"
            fi
        fi
    done | tail -n +2 # the first transfer needs no "next"
}
start=$(date +%s)
for phase in 1 2; do
    wpids=()
    for who in "${personas[@]}"; do
        mkdir -p "w-$who"
        config "$who" $phase >"w-$who/cfg$phase"
        curl -s --max-time 60 -K "w-$who/cfg$phase" >>"w-$who/res" 2>"w-$who/err$phase" &
        wpids+=($!)
    done
    wait "${wpids[@]}"
done
echo "# walked ${#rows[@]} rows × ${#personas[@]} personas in $(($(date +%s) - start)) s"

# --- the verdicts, in the table's order ---------------------------------------------------
declare -A GOT WHERE
for who in "${personas[@]}"; do
    while IFS=$'\t' read -r i got where; do
        GOT[$who.$i]=$got
        WHERE[$who.$i]=${where%$'\r'}
    done <"w-$who/res"
done
for i in "${!rows[@]}"; do
    IFS=$'\t' read -r -a f <<<"${rows[$i]}"
    for col in "${!personas[@]}"; do
        who=${personas[$col]} want=${f[$((col + 3))]}
        got=${GOT[$who.$i]:-none} where=${WHERE[$who.$i]}
        desc="${f[0]} ${f[1]} $who → $got"
        [ "$got" = 303 ] && desc+=" $where"
        pass=0
        case "|$want|" in *"|$got|"*) pass=1 ;; esac
        # A signed-out visitor's 303 must lead to the sign-in page.
        if [ $pass = 1 ] && [ "$who" = anon ] && [ "$got" = 303 ] && [ "$where" != /login ]; then pass=0; fi
        # A refusal shows nothing of the row: the name of a refused register row is not in
        # the answer (unless the persona's own front page shows it: their name, their 課室).
        if [ $pass = 1 ] && [ "$got" = 403 ] && [ -n "${R_NAME[$i]}" ] && grep -qF -- "${R_NAME[$i]}" "w-$who/$i" &&
            ! grep -qF -- "${R_NAME[$i]}" "si-$who/home"; then
            pass=0
            desc+=" showing “${R_NAME[$i]}”"
        fi
        if [ $pass = 1 ]; then ok "$desc"; else not_ok "$desc (want $want)"; fi
    done
done

# --- lists hold exactly the rows inside the reach ------------------------------------------
# The API's total for the asset and device registers against the same reach computed here in
# SQL: the rows of the persona's 課室 / 部局 subtree or system, or tied to their own person.
declare -A SCOPE_D=([ism]="$(sub "$K")" [isr]="$SB" [auditor]="$SB")
declare -A SCOPE_S=([sysm]="'$S'")
for reg in asset device; do
    pcol=manager_id
    [ $reg = device ] && pcol=holder_id
    for who in "${personas[@]:1}"; do
        case $who in
            toukatsu | ciso) where=1 ;;
            *) where="$pcol = '${PID[$who]}'"
               [ -n "${SCOPE_D[$who]:-}" ] && where+=" OR department_id IN ${SCOPE_D[$who]}"
               [ -n "${SCOPE_S[$who]:-}" ] && where+=" OR system_id IN (${SCOPE_S[$who]})" ;;
        esac
        want=$(q "SELECT count(*) FROM $reg WHERE $where")
        curl -s --max-time 60 -o "total-$reg-$who.json" -H "Authorization: Bearer ${TOKEN[$who]}" \
            "$base/api/v1/registers/$reg?per=1"
        got=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "total-$reg-$who.json")
        if [ "$got" = "$want" ]; then ok "$reg list for $who holds the $want rows of the reach"
        else not_ok "$reg list for $who holds the $want rows of the reach (got ${got:-none})"; fi
    done
done

# A filter or a search cannot reach past the reach: the ism asks for the assets of another
# department and searches for the name of an asset outside their 課室.
total() { # WHO QUERY : the API total of the asset list with QUERY
    curl -s --max-time 60 -H "Authorization: Bearer ${TOKEN[$1]}" "$base/api/v1/registers/asset?per=1&$2" |
        sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}
qname=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "${NAMES[asset_other]}")
is_total() { if [ "$2" = "$3" ]; then ok "$1 ($2)"; else not_ok "$1 (got ${2:-none}, want $3)"; fi; }
is_total "ism filtering the assets of another department gets none" "$(total ism "f_department_id=${PE[dept_other]}")" 0
is_total "ism searching for an asset outside the 課室 gets none" "$(total ism "q=$qname")" 0
n=$(total toukatsu "q=$qname")
check "the 統括 finds that asset by the same search ($n)" test "${n:-0}" -ge 1

# Access is data: a grant added to authz_grant takes effect on the next request, and is gone
# when the row is deleted (docs/access.md, "Changing the access of a municipality").
edit_bu() { curl -s --max-time 60 -o /dev/null -w '%{http_code}' -H "Cookie: mamori_session=${COOKIE[isr]}" "$base/r/asset/${PE[asset_bu]}/edit"; }
is_total "isr may not edit an asset of the 部局 under the shipped grants" "$(edit_bu)" 403
sqlite3 d.db "PRAGMA busy_timeout=5000; INSERT INTO authz_grant VALUES ('isr', 'asset', 'write', 'scope');" >/dev/null
is_total "with the grant ('isr', 'asset', 'write', 'scope') added the edit page opens" "$(edit_bu)" 200
sqlite3 d.db "PRAGMA busy_timeout=5000; DELETE FROM authz_grant WHERE role = 'isr' AND resource = 'asset' AND action = 'write';" >/dev/null
is_total "with the grant removed it is refused again" "$(edit_bu)" 403

kill -TERM "$spid"
for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
