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
    "SELECT pos.sort, pos.role, r.label, pos.scope_id, pos.scope_name, pos.required, "
    "ra.id, ra.person_id, p.name, p.email, p.status "
    "FROM ("
    " SELECT 1 AS sort, 'ciso' AS role, CAST(NULL AS TEXT) AS scope_id, '全庁' AS scope_name, "
    "  1 AS required, 0 AS sort2 "
    " UNION ALL SELECT 2, 'vice_ciso', NULL, '全庁', 0, 0 "
    " UNION ALL SELECT 3, 'toukatsu', NULL, '全庁', 1, 0 "
    " UNION ALL SELECT 4, 'csirt_head', NULL, '全庁', 1, 0 "
    " UNION ALL SELECT 5, 'csirt_member', NULL, '全庁', 1, 0 "
    " UNION ALL SELECT 6, 'isr', d.id, d.name, 1, d.sort FROM department d "
    "  WHERE d.level = 'bukyoku' "
    " UNION ALL SELECT 7, 'ism', d.id, d.name, 1, d.sort FROM department d "
    "  WHERE d.level IN ('kashitsu', 'desaki') "
    " UNION ALL SELECT 8, 'sysm', s.id, s.name, 1, 0 FROM system s"
    ") pos "
    "JOIN role r ON r.code = pos.role "
    "LEFT JOIN role_assignment ra ON ra.role = pos.role AND ra.valid_from <= ? "
    " AND (ra.valid_to IS NULL OR ra.valid_to >= ?) "
    " AND ((pos.scope_id IS NULL AND ra.scope_type = 'organization') "
    "  OR COALESCE(ra.scope_department_id, ra.scope_system_id) = pos.scope_id) "
    "LEFT JOIN person p ON p.id = ra.person_id "
    "ORDER BY pos.sort, pos.sort2, pos.scope_id, ra.person_id";

int incident_contacts(struct store *st, const char *today, json_t **out, size_t *gaps,
                      struct mm_err *err)
{
    const char *p[] = {today, today};
    struct store_stmt *s;
    size_t ngaps = 0;
    int rc = inc_prepare(st, contacts_sql, p, 2, &s, err);
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
