# shellcheck shell=bash
# params.sh — the parameters a rule binds, computed outside mamori so that the rule queries can
# be run by the sqlite3 and psql command-line tools (tests/integration/test_pg_rules.sh,
# bench/check.sh). Mirrors the rule file contract (src/rules/rules.h). Sourced.

# rule_params DB DATE : prints one `name<TAB>kind<TAB>value` line per parameter, kind int|text:
# every key of data/params/parameters.tsv with its effective value (the org_parameter row of DB,
# else the default; bool → 1/0), today, fiscal_year, fiscal_year_start and, for each int
# parameter whose key ends in _days or _months, <key>_cutoff = DATE minus that period (a month
# back from the 31st lands on the month's last day). Needs MAMORI_ROOT and sqlite3.
rule_params() {
    local db=$1 date=$2
    local tsv="$MAMORI_ROOT/data/params/parameters.tsv"
    local key type def value kind y m d fy
    local -A set=()
    [[ $date =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})$ ]] || { echo "rule_params: bad date $date" >&2; return 2; }
    y=$((10#${BASH_REMATCH[1]})); m=$((10#${BASH_REMATCH[2]})); d=$((10#${BASH_REMATCH[3]}))
    printf 'today\ttext\t%s\n' "$date"
    fy=$y; [ "$m" -lt 4 ] && fy=$((y - 1))
    printf 'fiscal_year\tint\t%d\n' "$fy"
    printf 'fiscal_year_start\ttext\t%04d-04-01\n' "$fy"
    while IFS=$'\t' read -r key value; do
        set[$key]=$value
    done < <(sqlite3 -separator $'\t' "$db" "SELECT key, value FROM org_parameter" || echo "-")
    [ -z "${set[-]+x}" ] || return 3
    while IFS=$'\t' read -r key type def _; do
        case $key in ''|'#'*) continue ;; esac
        value=${set[$key]-$def}
        case $type in
            int) kind=int ;;
            bool) kind=int; if [ "$value" = true ]; then value=1; else value=0; fi ;;
            *) kind=text ;;
        esac
        printf '%s\t%s\t%s\n' "$key" "$kind" "$value"
        if [ "$type" = int ]; then
            case $key in
                *_days) printf '%s_cutoff\ttext\t%s\n' "$key" "$(date -u -d "$date - $value days" +%F)" ;;
                *_months) printf '%s_cutoff\ttext\t%s\n' "$key" "$(months_back "$y" "$m" "$d" "$value")" ;;
            esac
        fi
    done <"$tsv"
}

# months_back Y M D N : the date N months before Y-M-D, the day clamped to the month's length.
months_back() {
    local y=$1 m=$2 d=$3 n=$4 last
    local total=$((y * 12 + (m - 1) - n))
    y=$((total / 12)); m=$((total % 12 + 1))
    last=$(date -u -d "$(printf '%04d-%02d-01' "$y" "$m") + 1 month - 1 day" +%d)
    [ "$d" -gt "$((10#$last))" ] && d=$((10#$last))
    printf '%04d-%02d-%02d\n' "$y" "$m" "$d"
}

# sql_literal KIND VALUE : the value as an SQL literal (integers bare, text quoted).
sql_literal() {
    if [ "$1" = int ]; then printf '%s' "$2"; else printf "'%s'" "${2//\'/\'\'}"; fi
}

# psql_param_sets PARAMS_FILE : the same values as psql_param_args, as \set lines for a script.
psql_param_sets() {
    local name kind value
    while IFS=$'\t' read -r name kind value; do
        if [ "$kind" = int ]; then
            printf '\\set %s %s\n' "$name" "$value"
        else
            value=$(sql_literal text "$value")
            printf "\\set %s 'CAST(%s AS TEXT)'\n" "$name" "${value//\'/\'\'}"
        fi
    done <"$1"
}

# sqlite_param_commands PARAMS_FILE : `.parameter set` lines for the sqlite3 CLI, which then
# binds the values (as the engine does) rather than pasting them into the SQL.
sqlite_param_commands() {
    local name kind value
    echo ".parameter init"
    while IFS=$'\t' read -r name kind value; do
        printf '.parameter set :%s "%s"\n' "$name" "$(sql_literal "$kind" "$value")"
    done <"$1"
}

# psql_param_args PARAMS_FILE : psql -v options that make psql replace each `:name` with the
# value as a typed literal — CAST('…' AS TEXT) or a bare integer — the types a PostgreSQL
# backend would declare when binding (docs/postgresql.md); an untyped '…' literal would be more
# forgiving than a bound text parameter. psql leaves string literals, comments and :: casts
# alone; an unknown :name is left in place and PostgreSQL rejects it.
psql_param_args() {
    local name kind value
    while IFS=$'\t' read -r name kind value; do
        if [ "$kind" = int ]; then
            printf -- '-v\n%s=%s\n' "$name" "$value"
        else
            printf -- '-v\n%s=CAST(%s AS TEXT)\n' "$name" "$(sql_literal text "$value")"
        fi
    done <"$1"
}
