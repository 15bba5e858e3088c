/*
 * incident_contacts.c — the 緊急連絡網 (7.3(2)① 関係者の連絡先) generated from the role
 * assignments current on a day, with its gaps: a position nobody holds, a holder who has left,
 * a holder without a contact. data/rules/INC-001.sql and INC-002.sql find the first two with the
 * same positions.
 */
#include "incident/incident_impl.h"

#include <string.h>

const char *incident_gap_label(const char *gap)
{
    if (!gap)
        return "";
    if (!strcmp(gap, "no_holder"))
        return "担い手がいない";
    if (!strcmp(gap, "holder_left"))
        return "担い手が退職・異動している";
    if (!strcmp(gap, "no_contact"))
        return "連絡先が登録されていない";
    return gap;
}

/* Every position the reporting chain can reach; `required` 0 = a gap only when held badly. */
static const char contacts_sql[] =
    "SELECT x.sort, x.role, r.label, x.scope_id, x.scope_name, x.required, "
    "x.ra_id, x.person_id, p.name, p.email, p.status FROM ("
    /* 全庁の役割 */
    " SELECT pos.sort, pos.role, CAST(NULL AS TEXT) AS scope_id, '全庁' AS scope_name, "
    "  pos.required, 0 AS sort2, ra.id AS ra_id, ra.person_id "
    " FROM (SELECT 1 AS sort, 'ciso' AS role, 1 AS required "
    "  UNION ALL SELECT 2, 'vice_ciso', 0 UNION ALL SELECT 3, 'toukatsu', 1 "
    "  UNION ALL SELECT 4, 'csirt_head', 1 UNION ALL SELECT 5, 'csirt_member', 1) pos "
    " LEFT JOIN role_assignment ra ON ra.role = pos.role AND ra.scope_type = 'organization' "
    "  AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
    /* 部局の情報セキュリティ責任者、課室・出先機関の情報セキュリティ管理者 */
    " UNION ALL SELECT CASE WHEN d.level = 'bukyoku' THEN 6 ELSE 7 END, "
    "  CASE WHEN d.level = 'bukyoku' THEN 'isr' ELSE 'ism' END, d.id, d.name, 1, d.sort, "
    "  ra.id, ra.person_id "
    " FROM department d LEFT JOIN role_assignment ra ON ra.scope_department_id = d.id "
    "  AND ra.role = CASE WHEN d.level = 'bukyoku' THEN 'isr' ELSE 'ism' END "
    "  AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
    /* 情報システムの情報システム管理者 */
    " UNION ALL SELECT 8, 'sysm', s.id, s.name, 1, 0, ra.id, ra.person_id "
    " FROM system s LEFT JOIN role_assignment ra ON ra.scope_system_id = s.id "
    "  AND ra.role = 'sysm' AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to >= ?)"
    ") x JOIN role r ON r.code = x.role "
    "LEFT JOIN person p ON p.id = x.person_id "
    "ORDER BY x.sort, x.sort2, x.scope_id, x.person_id";

int incident_contacts(struct store *st, const char *today, json_t **out, size_t *gaps,
                      struct mm_err *err)
{
    const char *p[] = {today, today, today, today, today, today};
    struct store_stmt *s;
    size_t ngaps = 0;
    int rc = inc_prepare(st, contacts_sql, p, 6, &s, err);
    if (rc)
        return rc;
    json_t *arr = json_array();
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *ra = store_col_text(s, 6), *status = store_col_text(s, 10);
        const char *email = store_col_text(s, 9);
        int required = (int)store_col_int(s, 5);
        const char *gap = NULL;
        if (!ra && !required)
            continue; /* an optional position (副CISO) nobody holds */
        if (!ra)
            gap = "no_holder";
        else if (!status || strcmp(status, "active"))
            gap = "holder_left";
        else if (!email || !*email)
            gap = "no_contact";
        ngaps += gap != NULL;
#define T(i) (store_col_text(s, (i)) ? json_string(store_col_text(s, (i))) : json_null())
        json_array_append_new(
            arr, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "role", T(1),
                           "role_label", T(2), "scope_id", T(3), "scope_name", T(4), "person_id",
                           T(7), "person_name", T(8), "email", T(9), "status", T(10),
                           "assignment_id", T(6), "gap", gap ? json_string(gap) : json_null()));
#undef T
    }
    store_finalize(s);
    if (rc != STORE_DONE) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    if (gaps)
        *gaps = ngaps;
    return MM_OK;
}
