/*
 * snapshot_fields.c — the snapshot contract of docs/snapshot.md as tables (fields in the
 * documented order, their types and checks, the SQL that reads and writes each list), and
 * the small syntax checks and the string index the snapshot code shares.
 */
#include "io/snapshot_fields.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))

const struct snap_lookup_def snap_lookups[LK_COUNT] = {
    [LK_DOMAIN] = {"SELECT code, label FROM network_domain ORDER BY sort", "ネットワークの区分"},
    [LK_HOSTING] = {"SELECT code, label FROM hosting_kind ORDER BY sort", "設置形態"},
    [LK_EMPLOYMENT] = {"SELECT code, label FROM employment_type ORDER BY sort", "任用の種類"},
    [LK_PERSON_STATUS] = {"SELECT code, label FROM person_status ORDER BY sort", "職員等の状態"},
    [LK_LEVEL] = {"SELECT code, label FROM department_level ORDER BY sort", "部署の階層"},
    [LK_SCOPE_TYPE] = {"SELECT code, label FROM scope_type ORDER BY sort", "範囲の種類"},
    [LK_ROLE] = {"SELECT code, label FROM role ORDER BY sort", "役割"},
    [LK_MEDIUM] = {"SELECT code, label FROM asset_medium ORDER BY sort", "媒体"},
    [LK_CONF] = {"SELECT code, label FROM confidentiality_class ORDER BY rank DESC", "機密性の区分"},
    [LK_INTEG] = {"SELECT code, label FROM integrity_class ORDER BY rank DESC", "完全性の区分"},
    [LK_AVAIL] = {"SELECT code, label FROM availability_class ORDER BY rank DESC", "可用性の区分"},
    [LK_ACCOUNT_STATUS] = {"SELECT code, label FROM account_status ORDER BY sort",
                           "アカウントの状態"},
};

const struct snap_target_def snap_targets[TG_COUNT] = {
    [TG_DEPARTMENT] = {"部署", "departments"},
    [TG_PERSON] = {"職員等", "people"},
    [TG_SYSTEM] = {"情報システム", "systems"},
    [TG_BODY] = {"行政機関", "organization.bodies"},
};

#define REQ SF_REQUIRED

static const struct snap_field department_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"level", SNAP_TEXT, REQ, CK_ENUM, LK_LEVEL, 0},
    {"parent", SNAP_TEXT, 0, CK_REF, TG_DEPARTMENT, 0},
    {"body", SNAP_TEXT, REQ, CK_REF, TG_BODY, 0},
    {"sort", SNAP_INT, SF_DEFAULT, CK_NONE, 0, 0},
};

static const struct snap_field person_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"kana", SNAP_TEXT, 0, CK_NONE, 0, 0},
    {"department", SNAP_TEXT, 0, CK_REF, TG_DEPARTMENT, 0},
    {"title", SNAP_TEXT, 0, CK_NONE, 0, 0},
    {"employment", SNAP_TEXT, REQ, CK_ENUM, LK_EMPLOYMENT, 0},
    {"status", SNAP_TEXT, REQ, CK_ENUM, LK_PERSON_STATUS, 0},
    {"status_since", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"hired_on", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"left_on", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"email", SNAP_TEXT, 0, CK_EMAIL, 0, 0},
};

static const struct snap_field system_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"domain", SNAP_TEXT, REQ, CK_ENUM, LK_DOMAIN, 0},
    {"hosting", SNAP_TEXT, REQ, CK_ENUM, LK_HOSTING, 0},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0},
    {"rto_hours", SNAP_INT, 0, CK_POSITIVE, 0, 0},
    {"mfa", SNAP_BOOL, REQ, CK_NONE, 0, 0},
    {"vendor", SNAP_TEXT, 0, CK_NONE, 0, 0},
    {"last_updated", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0},
};

static const struct snap_field role_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"role", SNAP_TEXT, REQ, CK_ENUM, LK_ROLE, 0},
    {"person", SNAP_TEXT, REQ, CK_REF, TG_PERSON, 0},
    {"scope_type", SNAP_TEXT, REQ, CK_ENUM, LK_SCOPE_TYPE, 0},
    {"scope_id", SNAP_TEXT, 0, CK_SCOPE, 0, 0},
    {"valid_from", SNAP_TEXT, REQ, CK_DATE, 0, 0},
    {"valid_to", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0},
};

static const struct snap_field asset_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0},
    {"manager", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0},
    {"medium", SNAP_TEXT, REQ, CK_ENUM, LK_MEDIUM, 0},
    {"system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0},
    {"location", SNAP_TEXT, 0, CK_NONE, 0, 0},
    {"confidentiality", SNAP_TEXT, REQ, CK_ENUM, LK_CONF, 0},
    {"integrity", SNAP_TEXT, REQ, CK_ENUM, LK_INTEG, 0},
    {"availability", SNAP_TEXT, REQ, CK_ENUM, LK_AVAIL, 0},
    {"retention", SNAP_TEXT, 0, CK_RETENTION, 0, 0},
    {"personal_info", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0},
};

static const struct snap_field account_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"system", SNAP_TEXT, REQ, CK_REF, TG_SYSTEM, 0},
    {"login", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"holder", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0},
    {"privileged", SNAP_BOOL, REQ, CK_NONE, 0, 0},
    {"shared", SNAP_BOOL, REQ, CK_NONE, 0, 0},
    {"mfa", SNAP_BOOL, REQ, CK_NONE, 0, 0},
    {"status", SNAP_TEXT, REQ, CK_ENUM, LK_ACCOUNT_STATUS, 0},
    {"created_on", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"last_login", SNAP_TEXT, 0, CK_DATETIME, 0, 0},
};

const struct snap_section snap_sections[SEC_COUNT] = {
    [SEC_DEPARTMENTS] = {"departments", "$.departments", "部署", department_fields,
                         N(department_fields), 0, TG_DEPARTMENT,
                         "SELECT id, name, level, parent_id, body, sort FROM department",
                         "INSERT INTO department (id, name, level, parent_id, body, sort) "
                         "VALUES (?, ?, ?, ?, ?, ?)"},
    [SEC_PEOPLE] = {"people", "$.people", "職員等", person_fields, N(person_fields), 0, TG_PERSON,
                    "SELECT id, name, kana, department_id, title, employment, status, "
                    "status_since, hired_on, left_on, email FROM person",
                    "INSERT INTO person (id, name, kana, department_id, title, employment, status, "
                    "status_since, hired_on, left_on, email) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
    [SEC_SYSTEMS] = {"systems", "$.systems", "情報システム", system_fields, N(system_fields), 0,
                     TG_SYSTEM,
                     "SELECT id, name, domain, hosting, department_id, rto_hours, mfa, vendor, "
                     "last_updated, note FROM system",
                     "INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa, "
                     "vendor, last_updated, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
    [SEC_ROLES] = {"role_assignments", "$.role_assignments", "役割の割当て", role_fields,
                   N(role_fields), 0, -1,
                   "SELECT id, role, person_id, scope_type, "
                   "COALESCE(scope_department_id, scope_system_id), valid_from, valid_to, note "
                   "FROM role_assignment",
                   "INSERT INTO role_assignment (id, role, person_id, scope_type, "
                   "scope_department_id, scope_system_id, valid_from, valid_to, note) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
    [SEC_ASSETS] = {"assets", "$.assets", "情報資産", asset_fields, N(asset_fields), 0, -1,
                    "SELECT id, name, department_id, manager_id, medium, system_id, location, "
                    "confidentiality, integrity, availability, retention, personal_info, note "
                    "FROM asset",
                    "INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, "
                    "location, confidentiality, integrity, availability, retention, "
                    "personal_info, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
    [SEC_ACCOUNTS] = {"accounts", "$.accounts", "アカウント", account_fields, N(account_fields), 0,
                      -1,
                      "SELECT id, system_id, login, holder_id, privileged, shared, mfa, status, "
                      "created_on, last_login FROM account",
                      "INSERT INTO account (id, system_id, login, holder_id, privileged, shared, "
                      "mfa, status, created_on, last_login) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
};

static const struct snap_field body_fields[] = {
    {"code", SNAP_TEXT, REQ, CK_ID, 0, 0},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0},
};

static const struct snap_field excluded_fields[] = {
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"reason", SNAP_TEXT, 0, CK_NONE, 0, 0},
};

static const struct snap_field inclusion_fields[] = {
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"domain", SNAP_TEXT, REQ, CK_ENUM, LK_DOMAIN, 0},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0},
};

const struct snap_section snap_org_lists[OL_COUNT] = {
    [OL_BODIES] = {"bodies", "$.organization.bodies", "行政機関", body_fields, N(body_fields), 1,
                   TG_BODY, "SELECT code, name, note FROM org_body ORDER BY position",
                   "INSERT INTO org_body (code, name, note, position) VALUES (?, ?, ?, ?)"},
    [OL_EXCLUDED] = {"excluded_networks", "$.organization.excluded_networks",
                     "対象外のネットワーク", excluded_fields, N(excluded_fields), 1, -1,
                     "SELECT name, reason FROM org_excluded_network ORDER BY position",
                     "INSERT INTO org_excluded_network (name, reason, position) VALUES (?, ?, ?)"},
    [OL_INCLUSIONS] = {"network_inclusions", "$.organization.network_inclusions",
                       "三層に含めるネットワーク", inclusion_fields, N(inclusion_fields), 1, -1,
                       "SELECT name, domain, note FROM org_network_inclusion ORDER BY position",
                       "INSERT INTO org_network_inclusion (name, domain, note, position) "
                       "VALUES (?, ?, ?, ?)"},
};

const struct snap_field snap_org_fields[] = {
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0},
    {"kind", SNAP_TEXT, REQ, CK_ORG_KIND, 0, 0},
    {"prefecture", SNAP_TEXT, 0, CK_NONE, 0, 0},
    {"policy_title", SNAP_TEXT, 0, CK_NONE, 0, 0},
    {"policy_date", SNAP_TEXT, 0, CK_DATE, 0, 0},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0},
};
const size_t snap_org_nfields = N(snap_org_fields);

const char *const snap_org_select_sql =
    "SELECT name, kind, prefecture, policy_title, policy_date, note FROM organization "
    "WHERE id = 1";
const char *const snap_org_insert_sql =
    "INSERT INTO organization (id, name, kind, prefecture, policy_title, policy_date, note) "
    "VALUES (1, ?, ?, ?, ?, ?, ?)";

/* docs/snapshot.md, organization.kind. */
const char *const snap_org_kinds[] = {"都道府県", "市",       "町",       "村",
                                      "特別区",   "一部事務組合", "広域連合", NULL};

const char *const snap_delete_sql[] = {
    "DELETE FROM account",
    "DELETE FROM asset",
    "DELETE FROM role_assignment",
    "DELETE FROM system",
    "DELETE FROM person",
    "DELETE FROM department",
    "DELETE FROM org_parameter",
    "DELETE FROM org_network_inclusion",
    "DELETE FROM org_excluded_network",
    "DELETE FROM org_body",
    "DELETE FROM organization",
    NULL,
};

const char *const snap_count_sql =
    "SELECT (SELECT COUNT(*) FROM organization) + (SELECT COUNT(*) FROM org_body)"
    " + (SELECT COUNT(*) FROM org_excluded_network) + (SELECT COUNT(*) FROM org_network_inclusion)"
    " + (SELECT COUNT(*) FROM org_parameter) + (SELECT COUNT(*) FROM department)"
    " + (SELECT COUNT(*) FROM person) + (SELECT COUNT(*) FROM system)"
    " + (SELECT COUNT(*) FROM role_assignment) + (SELECT COUNT(*) FROM asset)"
    " + (SELECT COUNT(*) FROM account)";

size_t snap_utf8_seq(const char *str, size_t avail)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 0;
    if (avail < n)
        return 0;
    unsigned cp = c & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

int snap_utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = snap_utf8_seq(s + i, len - i);
        if (!n)
            return 0;
        i += n;
    }
    return 1;
}

const char *snap_clip(const char *s, char *buf, size_t bufsize, size_t max)
{
    size_t len = strlen(s);
    if (max + 4 > bufsize)
        max = bufsize > 4 ? bufsize - 4 : 0;
    size_t i = 0;
    while (i < len) {
        size_t n = snap_utf8_seq(s + i, len - i);
        if (!n)
            n = 1; /* not expected here: text from jansson is valid UTF-8 */
        if (i + n > max)
            break;
        i += n;
    }
    memcpy(buf, s, i);
    if (i < len && bufsize >= i + 4)
        memcpy(buf + i, "…", 4); /* 3 bytes + NUL */
    else
        buf[i] = '\0';
    return buf;
}

int snap_is_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return 0;
        if (n >= 64)
            return 0;
    }
    return n >= 1;
}

/* Reads exactly `n` digits at s into *v. */
static int digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

/* Checks YYYY-MM-DD at the start of s (does not look past the 10 bytes). */
static int date_prefix(const char *s)
{
    int y, m, d;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d))
        return 0;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

int snap_is_date(const char *s)
{
    return strlen(s) == 10 && date_prefix(s);
}

int snap_is_datetime(const char *s)
{
    size_t len = strlen(s);
    int h, mi, se, oh, om;
    if (len < 20 || !date_prefix(s) || s[10] != 'T' || !digits(s + 11, 2, &h) || s[13] != ':' ||
        !digits(s + 14, 2, &mi) || s[16] != ':' || !digits(s + 17, 2, &se))
        return 0;
    if (h > 23 || mi > 59 || se > 59)
        return 0;
    const char *z = s + 19;
    if (strcmp(z, "Z") == 0)
        return 1;
    if (strlen(z) != 6 || (z[0] != '+' && z[0] != '-') || !digits(z + 1, 2, &oh) || z[3] != ':' ||
        !digits(z + 4, 2, &om))
        return 0;
    return oh <= 23 && om <= 59;
}

int snap_is_retention(const char *s)
{
    if (strcmp(s, "permanent") == 0 || strcmp(s, "while_in_use") == 0)
        return 1;
    size_t len = strlen(s);
    if (len < 2 || len > 3 || s[len - 1] != 'y' || s[0] < '1' || s[0] > '9')
        return 0;
    return len == 2 || (s[1] >= '0' && s[1] <= '9');
}

int snap_is_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || !at[1] || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7F)
            return 0;
    return 1;
}

static size_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static void index_grow(struct snap_index *ix)
{
    size_t ncap = ix->cap ? ix->cap * 2 : 64;
    struct snap_slot *n = calloc(ncap, sizeof *n);
    if (!n)
        abort();
    for (size_t i = 0; i < ix->cap; i++) {
        if (!ix->slots[i].key)
            continue;
        size_t j = hash_str(ix->slots[i].key) & (ncap - 1);
        while (n[j].key)
            j = (j + 1) & (ncap - 1);
        n[j] = ix->slots[i];
    }
    free(ix->slots);
    ix->slots = n;
    ix->cap = ncap;
}

int snap_index_put(struct snap_index *ix, const char *key, size_t val, size_t *existing)
{
    if ((ix->len + 1) * 2 > ix->cap)
        index_grow(ix);
    size_t j = hash_str(key) & (ix->cap - 1);
    while (ix->slots[j].key) {
        if (strcmp(ix->slots[j].key, key) == 0) {
            if (existing)
                *existing = ix->slots[j].val;
            return 0;
        }
        j = (j + 1) & (ix->cap - 1);
    }
    ix->slots[j].key = strdup(key);
    if (!ix->slots[j].key)
        abort();
    ix->slots[j].val = val;
    ix->len++;
    return 1;
}

int snap_index_get(const struct snap_index *ix, const char *key, size_t *val)
{
    if (!ix->cap)
        return 0;
    size_t j = hash_str(key) & (ix->cap - 1);
    while (ix->slots[j].key) {
        if (strcmp(ix->slots[j].key, key) == 0) {
            if (val)
                *val = ix->slots[j].val;
            return 1;
        }
        j = (j + 1) & (ix->cap - 1);
    }
    return 0;
}

void snap_index_free(struct snap_index *ix)
{
    for (size_t i = 0; i < ix->cap; i++)
        free(ix->slots[i].key);
    free(ix->slots);
    ix->slots = NULL;
    ix->cap = ix->len = 0;
}
