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
    [LK_EXTERNAL] = {"SELECT code, label FROM external_kind ORDER BY sort", "外部の接続先の種類"},
    [LK_PURPOSE] = {"SELECT code, label FROM connection_purpose ORDER BY sort", "通信の目的"},
    [LK_SANITIZATION] = {"SELECT code, label FROM sanitization_method ORDER BY sort",
                         "無害化の方式"},
    [LK_CARRIER] = {"SELECT code, label FROM carrier_kind ORDER BY sort", "経由する回線"},
    [LK_DEVICE_KIND] = {"SELECT code, label FROM device_kind ORDER BY sort", "機器の種類"},
    [LK_OWNERSHIP] = {"SELECT code, label FROM device_ownership ORDER BY sort", "機器の所有"},
    [LK_DEVICE_LOCATION] = {"SELECT code, label FROM device_location ORDER BY sort",
                            "機器の設置場所"},
    [LK_USB] = {"SELECT code, label FROM usb_policy ORDER BY sort", "USB 等の外部記録媒体の扱い"},
    [LK_ACCESS_CONTROL] = {"SELECT code, label FROM access_control_kind ORDER BY sort",
                           "入退室管理の方式"},
    [LK_CONTRACT_ITEM] = {"SELECT code, label FROM contract_item ORDER BY sort", "契約項目"},
    [LK_SERVICE_MODEL] = {"SELECT code, label FROM service_model ORDER BY sort",
                          "クラウドサービスの形態"},
    [LK_TRAINING_KIND] = {"SELECT code, label FROM training_kind ORDER BY sort", "研修・訓練の種類"},
};

const struct snap_target_def snap_targets[TG_COUNT] = {
    [TG_DEPARTMENT] = {"部署", "departments"},
    [TG_PERSON] = {"職員等", "people"},
    [TG_SYSTEM] = {"情報システム", "systems"},
    [TG_BODY] = {"行政機関", "organization.bodies"},
    [TG_ASSET] = {"情報資産", "assets"},
    [TG_AREA] = {"管理区域", "managed_areas"},
    [TG_SOFTWARE] = {"ソフトウェア", "software"},
    [TG_CONTRACTOR] = {"委託事業者", "contractors"},
    [TG_CONTRACT] = {"契約", "contracts"},
};

#define REQ SF_REQUIRED

static const struct snap_field department_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"level", SNAP_TEXT, REQ, CK_ENUM, LK_LEVEL, 0, NULL},
    {"parent", SNAP_TEXT, 0, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"body", SNAP_TEXT, REQ, CK_REF, TG_BODY, 0, NULL},
    {"sort", SNAP_INT, SF_DEFAULT, CK_NONE, 0, 0, NULL},
};

static const struct snap_field person_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"kana", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"department", SNAP_TEXT, 0, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"title", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"employment", SNAP_TEXT, REQ, CK_ENUM, LK_EMPLOYMENT, 0, NULL},
    {"status", SNAP_TEXT, REQ, CK_ENUM, LK_PERSON_STATUS, 0, NULL},
    {"status_since", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"hired_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"left_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"email", SNAP_TEXT, 0, CK_EMAIL, 0, 0, NULL},
};

static const struct snap_field system_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"domain", SNAP_TEXT, REQ, CK_ENUM, LK_DOMAIN, 0, NULL},
    {"hosting", SNAP_TEXT, REQ, CK_ENUM, LK_HOSTING, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"rto_hours", SNAP_INT, 0, CK_POSITIVE, 0, 0, NULL},
    {"mfa", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"vendor", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"last_updated", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field role_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"role", SNAP_TEXT, REQ, CK_ENUM, LK_ROLE, 0, NULL},
    {"person", SNAP_TEXT, REQ, CK_REF, TG_PERSON, 0, NULL},
    {"scope_type", SNAP_TEXT, REQ, CK_ENUM, LK_SCOPE_TYPE, 0, NULL},
    {"scope_id", SNAP_TEXT, 0, CK_SCOPE, 0, 0, NULL},
    {"valid_from", SNAP_TEXT, REQ, CK_DATE, 0, 0, NULL},
    {"valid_to", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field asset_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"manager", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"medium", SNAP_TEXT, REQ, CK_ENUM, LK_MEDIUM, 0, NULL},
    {"system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0, NULL},
    {"location", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"confidentiality", SNAP_TEXT, REQ, CK_ENUM, LK_CONF, 0, NULL},
    {"integrity", SNAP_TEXT, REQ, CK_ENUM, LK_INTEG, 0, NULL},
    {"availability", SNAP_TEXT, REQ, CK_ENUM, LK_AVAIL, 0, NULL},
    {"retention", SNAP_TEXT, 0, CK_RETENTION, 0, 0, NULL},
    {"personal_info", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field account_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"system", SNAP_TEXT, REQ, CK_REF, TG_SYSTEM, 0, NULL},
    {"login", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"holder", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"privileged", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"shared", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"mfa", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"status", SNAP_TEXT, REQ, CK_ENUM, LK_ACCOUNT_STATUS, 0, NULL},
    {"created_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"last_login", SNAP_TEXT, 0, CK_DATETIME, 0, 0, NULL},
};

/* ---- the registers of schema 004, added within version 1 ---- */

static const struct snap_field connection_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"from_domain", SNAP_TEXT, REQ, CK_ENUM, LK_DOMAIN, 0, NULL},
    {"from_system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0, NULL},
    {"to_domain", SNAP_TEXT, 0, CK_ENUM, LK_DOMAIN, 0, NULL},
    {"to_system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0, NULL},
    {"to_external", SNAP_TEXT, 0, CK_ENUM, LK_EXTERNAL, 0, NULL},
    {"purpose", SNAP_TEXT, REQ, CK_ENUM, LK_PURPOSE, 0, NULL},
    {"sanitization", SNAP_TEXT, SF_DEFAULT, CK_ENUM, LK_SANITIZATION, 0, "none"},
    {"via", SNAP_TEXT, REQ, CK_ENUM, LK_CARRIER, 0, NULL},
    {"restricted_ip", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"restricted_port", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"encrypted", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"approved_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"approved_by", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field area_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"floor", SNAP_INT, 0, CK_NONE, 0, 0, NULL},
    {"access_control", SNAP_TEXT, REQ, CK_ENUM, LK_ACCESS_CONTROL, 0, NULL},
    {"locked", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"fire_measures", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"water_measures", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"seismic", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field person_ref[] = {{"person", SNAP_TEXT, REQ, CK_REF, TG_PERSON, 0, NULL}};
static const struct snap_field asset_ref[] = {{"asset", SNAP_TEXT, REQ, CK_REF, TG_ASSET, 0, NULL}};
static const struct snap_field item_code[] = {
    {"item", SNAP_TEXT, REQ, CK_ENUM, LK_CONTRACT_ITEM, 0, NULL}};

static const struct snap_nested area_nested[] = {
    {"permitted", "入室を許可された職員等", 1, person_ref, N(person_ref),
     "SELECT area_id, person_id FROM managed_area_permit",
     "INSERT INTO managed_area_permit (area_id, person_id) VALUES (?, ?)"},
};

static const struct snap_field device_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"kind", SNAP_TEXT, REQ, CK_ENUM, LK_DEVICE_KIND, 0, NULL},
    {"domain", SNAP_TEXT, 0, CK_ENUM, LK_DOMAIN, 0, NULL},
    {"system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"holder", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"ownership", SNAP_TEXT, REQ, CK_ENUM, LK_OWNERSHIP, 0, NULL},
    {"location", SNAP_TEXT, REQ, CK_ENUM, LK_DEVICE_LOCATION, 0, NULL},
    {"area", SNAP_TEXT, 0, CK_REF, TG_AREA, 0, NULL},
    {"usb_policy", SNAP_TEXT, 0, CK_ENUM, LK_USB, 0, NULL},
    {"mfa", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"encrypted", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"registered", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 1, NULL},
    {"wire_locked", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"os_supported", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 1, NULL},
    {"last_patched_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"av_updated_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"offsite_approved_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"disposed_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field device_software_fields[] = {
    {"software", SNAP_TEXT, REQ, CK_REF, TG_SOFTWARE, 0, NULL},
    {"version", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_nested device_nested[] = {
    {"assets", "記録している情報資産", 1, asset_ref, N(asset_ref),
     "SELECT device_id, asset_id FROM device_asset",
     "INSERT INTO device_asset (device_id, asset_id) VALUES (?, ?)"},
    {"software", "導入しているソフトウェア", 0, device_software_fields, N(device_software_fields),
     "SELECT device_id, software_id, version FROM device_software",
     "INSERT INTO device_software (device_id, software_id, version) VALUES (?, ?, ?)"},
};

static const struct snap_field software_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"vendor", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"allowed", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"approved_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"support_ends", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field contractor_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"corporate_number", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"isms_certified", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"privacy_mark", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_nested contractor_nested[] = {
    {"staff", "委託事業者の要員", 1, person_ref, N(person_ref),
     "SELECT contractor_id, person_id FROM contractor_staff",
     "INSERT INTO contractor_staff (contractor_id, person_id) VALUES (?, ?)"},
};

static const struct snap_field contract_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"title", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"contractor", SNAP_TEXT, REQ, CK_REF, TG_CONTRACTOR, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0, NULL},
    {"start_on", SNAP_TEXT, REQ, CK_DATE, 0, 0, NULL},
    {"end_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"max_confidentiality", SNAP_TEXT, REQ, CK_ENUM, LK_CONF, 0, NULL},
    {"personal_info", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"nda", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"subcontracting", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"subcontract_approved", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"last_checked_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_nested contract_nested[] = {
    {"items", "契約に記載した契約項目", 1, item_code, N(item_code),
     "SELECT contract_id, item FROM contract_clause",
     "INSERT INTO contract_clause (contract_id, item) VALUES (?, ?)"},
};

static const struct snap_field cloud_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"provider", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"service_model", SNAP_TEXT, REQ, CK_ENUM, LK_SERVICE_MODEL, 0, NULL},
    {"ismap_listed", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"department", SNAP_TEXT, REQ, CK_REF, TG_DEPARTMENT, 0, NULL},
    {"system", SNAP_TEXT, 0, CK_REF, TG_SYSTEM, 0, NULL},
    {"contract", SNAP_TEXT, 0, CK_REF, TG_CONTRACT, 0, NULL},
    {"max_confidentiality", SNAP_TEXT, REQ, CK_ENUM, LK_CONF, 0, NULL},
    {"requested_by", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"approved_by", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"approved_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"manager", SNAP_TEXT, 0, CK_REF, TG_PERSON, 0, NULL},
    {"use_start", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"use_end", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"exit_terms_confirmed", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 0, NULL},
    {"data_in_japan", SNAP_BOOL, SF_DEFAULT, CK_NONE, 0, 1, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_nested cloud_nested[] = {
    {"assets", "保存する情報資産", 1, asset_ref, N(asset_ref),
     "SELECT cloud_service_id, asset_id FROM cloud_service_asset",
     "INSERT INTO cloud_service_asset (cloud_service_id, asset_id) VALUES (?, ?)"},
};

static const struct snap_field training_fields[] = {
    {"id", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"title", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"kind", SNAP_TEXT, REQ, CK_ENUM, LK_TRAINING_KIND, 0, NULL},
    {"fiscal_year", SNAP_INT, REQ, CK_POSITIVE, 0, 0, NULL},
    {"mandatory", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"held_on", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field attendance_fields[] = {
    {"person", SNAP_TEXT, REQ, CK_REF, TG_PERSON, 0, NULL},
    {"completed_on", SNAP_TEXT, REQ, CK_DATE, 0, 0, NULL},
};

static const struct snap_nested training_nested[] = {
    {"attendance", "受講の記録", 0, attendance_fields, N(attendance_fields),
     "SELECT course_id, person_id, completed_on FROM training_attendance",
     "INSERT INTO training_attendance (course_id, person_id, completed_on) VALUES (?, ?, ?)"},
};

const struct snap_section snap_sections[SEC_COUNT] = {
    [SEC_DEPARTMENTS] = {"departments", "$.departments", "部署", department_fields,
                         N(department_fields), 0, TG_DEPARTMENT,
                         "SELECT id, name, level, parent_id, body, sort FROM department",
                         "INSERT INTO department (id, name, level, parent_id, body, sort) "
                         "VALUES (?, ?, ?, ?, ?, ?)", "department", 0, NULL, 0},
    [SEC_PEOPLE] = {"people", "$.people", "職員等", person_fields, N(person_fields), 0, TG_PERSON,
                    "SELECT id, name, kana, department_id, title, employment, status, "
                    "status_since, hired_on, left_on, email FROM person",
                    "INSERT INTO person (id, name, kana, department_id, title, employment, status, "
                    "status_since, hired_on, left_on, email) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "person", 0, NULL, 0},
    [SEC_SYSTEMS] = {"systems", "$.systems", "情報システム", system_fields, N(system_fields), 0,
                     TG_SYSTEM,
                     "SELECT id, name, domain, hosting, department_id, rto_hours, mfa, vendor, "
                     "last_updated, note FROM system",
                     "INSERT INTO system (id, name, domain, hosting, department_id, rto_hours, mfa, "
                     "vendor, last_updated, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "system", 0, NULL, 0},
    [SEC_ROLES] = {"role_assignments", "$.role_assignments", "役割の割当て", role_fields,
                   N(role_fields), 0, -1,
                   "SELECT id, role, person_id, scope_type, "
                   "COALESCE(scope_department_id, scope_system_id), valid_from, valid_to, note "
                   "FROM role_assignment",
                   "INSERT INTO role_assignment (id, role, person_id, scope_type, "
                   "scope_department_id, scope_system_id, valid_from, valid_to, note) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "role_assignment", 0, NULL, 0},
    [SEC_ASSETS] = {"assets", "$.assets", "情報資産", asset_fields, N(asset_fields), 0, TG_ASSET,
                    "SELECT id, name, department_id, manager_id, medium, system_id, location, "
                    "confidentiality, integrity, availability, retention, personal_info, note "
                    "FROM asset",
                    "INSERT INTO asset (id, name, department_id, manager_id, medium, system_id, "
                    "location, confidentiality, integrity, availability, retention, "
                    "personal_info, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "asset", 0, NULL, 0},
    [SEC_ACCOUNTS] = {"accounts", "$.accounts", "アカウント", account_fields, N(account_fields), 0,
                      -1,
                      "SELECT id, system_id, login, holder_id, privileged, shared, mfa, status, "
                      "created_on, last_login FROM account",
                      "INSERT INTO account (id, system_id, login, holder_id, privileged, shared, "
                      "mfa, status, created_on, last_login) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "account", 0, NULL, 0},
    [SEC_CONNECTIONS] = {"connections", "$.connections", "ネットワーク間の接続", connection_fields,
                         N(connection_fields), 0, -1,
                         "SELECT id, name, from_domain, from_system_id, to_domain, to_system_id, "
                         "to_external, purpose, sanitization, via, restricted_ip, restricted_port, "
                         "encrypted, department_id, approved_on, approved_by, note "
                         "FROM network_connection",
                         "INSERT INTO network_connection (id, name, from_domain, from_system_id, "
                         "to_domain, to_system_id, to_external, purpose, sanitization, via, "
                         "restricted_ip, restricted_port, encrypted, department_id, approved_on, "
                         "approved_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         "connection", 1, NULL, 0},
    [SEC_AREAS] = {"managed_areas", "$.managed_areas", "管理区域", area_fields, N(area_fields), 0,
                   TG_AREA,
                   "SELECT id, name, department_id, floor, access_control, locked, fire_measures, "
                   "water_measures, seismic, note FROM managed_area",
                   "INSERT INTO managed_area (id, name, department_id, floor, access_control, "
                   "locked, fire_measures, water_measures, seismic, note) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "managed_area", 1, area_nested, N(area_nested)},
    [SEC_DEVICES] = {"devices", "$.devices", "機器・電磁的記録媒体", device_fields, N(device_fields),
                     0, -1,
                     "SELECT id, name, kind, domain, system_id, department_id, holder_id, "
                     "ownership, location, area_id, usb_policy, mfa, encrypted, registered, "
                     "wire_locked, os_supported, last_patched_on, av_updated_on, "
                     "offsite_approved_on, disposed_on, note FROM device",
                     "INSERT INTO device (id, name, kind, domain, system_id, department_id, "
                     "holder_id, ownership, location, area_id, usb_policy, mfa, encrypted, "
                     "registered, wire_locked, os_supported, last_patched_on, av_updated_on, "
                     "offsite_approved_on, disposed_on, note) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     "device", 1, device_nested, N(device_nested)},
    [SEC_SOFTWARE] = {"software", "$.software", "ソフトウェア", software_fields,
                      N(software_fields), 0, TG_SOFTWARE,
                      "SELECT id, name, vendor, allowed, approved_on, support_ends, note "
                      "FROM software",
                      "INSERT INTO software (id, name, vendor, allowed, approved_on, support_ends, "
                      "note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      "software", 1, NULL, 0},
    [SEC_CONTRACTORS] = {"contractors", "$.contractors", "委託事業者", contractor_fields,
                         N(contractor_fields), 0, TG_CONTRACTOR,
                         "SELECT id, name, corporate_number, isms_certified, privacy_mark, note "
                         "FROM contractor",
                         "INSERT INTO contractor (id, name, corporate_number, isms_certified, "
                         "privacy_mark, note) VALUES (?, ?, ?, ?, ?, ?)",
                         "contractor", 1, contractor_nested, N(contractor_nested)},
    [SEC_CONTRACTS] = {"contracts", "$.contracts", "契約", contract_fields, N(contract_fields), 0,
                       TG_CONTRACT,
                       "SELECT id, title, contractor_id, department_id, system_id, start_on, "
                       "end_on, max_confidentiality, personal_info, nda, subcontracting, "
                       "subcontract_approved, last_checked_on, note FROM contract",
                       "INSERT INTO contract (id, title, contractor_id, department_id, system_id, "
                       "start_on, end_on, max_confidentiality, personal_info, nda, subcontracting, "
                       "subcontract_approved, last_checked_on, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       "contract", 1, contract_nested, N(contract_nested)},
    [SEC_CLOUD] = {"cloud_services", "$.cloud_services", "クラウドサービス", cloud_fields,
                   N(cloud_fields), 0, -1,
                   "SELECT id, name, provider, service_model, ismap_listed, department_id, "
                   "system_id, contract_id, max_confidentiality, requested_by, approved_by, "
                   "approved_on, manager_id, use_start, use_end, exit_terms_confirmed, "
                   "data_in_japan, note FROM cloud_service",
                   "INSERT INTO cloud_service (id, name, provider, service_model, ismap_listed, "
                   "department_id, system_id, contract_id, max_confidentiality, requested_by, "
                   "approved_by, approved_on, manager_id, use_start, use_end, "
                   "exit_terms_confirmed, data_in_japan, note) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "cloud_service", 1, cloud_nested, N(cloud_nested)},
    [SEC_TRAINING] = {"training_courses", "$.training_courses", "研修・訓練", training_fields,
                      N(training_fields), 0, -1,
                      "SELECT id, title, kind, fiscal_year, mandatory, held_on, note "
                      "FROM training_course",
                      "INSERT INTO training_course (id, title, kind, fiscal_year, mandatory, "
                      "held_on, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      "training_course", 1, training_nested, N(training_nested)},
};

static const struct snap_field body_fields[] = {
    {"code", SNAP_TEXT, REQ, CK_ID, 0, 0, NULL},
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field excluded_fields[] = {
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"reason", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field recommendation_fields[] = {
    {"clause", SNAP_TEXT, REQ, CK_CLAUSE, 0, 0, NULL},
    {"adopted", SNAP_BOOL, REQ, CK_NONE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

static const struct snap_field inclusion_fields[] = {
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"domain", SNAP_TEXT, REQ, CK_ENUM, LK_DOMAIN, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
};

const struct snap_section snap_org_lists[OL_COUNT] = {
    [OL_BODIES] = {"bodies", "$.organization.bodies", "行政機関", body_fields, N(body_fields), 1,
                   TG_BODY, "SELECT code, name, note FROM org_body ORDER BY position",
                   "INSERT INTO org_body (code, name, note, position) VALUES (?, ?, ?, ?)", "body", 0, NULL, 0},
    [OL_EXCLUDED] = {"excluded_networks", "$.organization.excluded_networks",
                     "対象外のネットワーク", excluded_fields, N(excluded_fields), 1, -1,
                     "SELECT name, reason FROM org_excluded_network ORDER BY position",
                     "INSERT INTO org_excluded_network (name, reason, position) VALUES (?, ?, ?)", "excluded_network", 0, NULL, 0},
    [OL_INCLUSIONS] = {"network_inclusions", "$.organization.network_inclusions",
                       "三層に含めるネットワーク", inclusion_fields, N(inclusion_fields), 1, -1,
                       "SELECT name, domain, note FROM org_network_inclusion ORDER BY position",
                       "INSERT INTO org_network_inclusion (name, domain, note, position) "
                       "VALUES (?, ?, ?, ?)", "network_inclusion", 0, NULL, 0},
    /* Sorted by clause id, not positional: the order carries no meaning. */
    [OL_RECOMMENDATIONS] = {"recommendations", "$.organization.recommendations",
                            "採用した推奨事項", recommendation_fields, N(recommendation_fields), 0,
                            -1, "SELECT clause_id, adopted, note FROM org_recommendation",
                            "INSERT INTO org_recommendation (clause_id, adopted, note) "
                            "VALUES (?, ?, ?)",
                            "recommendation", 1, NULL, 0},
};

const struct snap_field snap_org_fields[] = {
    {"name", SNAP_TEXT, REQ, CK_NONEMPTY, 0, 0, NULL},
    {"kind", SNAP_TEXT, REQ, CK_ORG_KIND, 0, 0, NULL},
    {"prefecture", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"policy_title", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
    {"policy_date", SNAP_TEXT, 0, CK_DATE, 0, 0, NULL},
    {"note", SNAP_TEXT, 0, CK_NONE, 0, 0, NULL},
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
    /* schema 004: each child table before the register it hangs from */
    "DELETE FROM training_attendance",
    "DELETE FROM training_course",
    "DELETE FROM cloud_service_asset",
    "DELETE FROM cloud_service",
    "DELETE FROM contract_clause",
    "DELETE FROM contract",
    "DELETE FROM contractor_staff",
    "DELETE FROM contractor",
    "DELETE FROM device_software",
    "DELETE FROM device_asset",
    "DELETE FROM device",
    "DELETE FROM software",
    "DELETE FROM managed_area_permit",
    "DELETE FROM managed_area",
    "DELETE FROM network_connection",
    "DELETE FROM org_recommendation",
    /* data model v1 */
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
    " + (SELECT COUNT(*) FROM account) + (SELECT COUNT(*) FROM network_connection)"
    " + (SELECT COUNT(*) FROM managed_area) + (SELECT COUNT(*) FROM managed_area_permit)"
    " + (SELECT COUNT(*) FROM device) + (SELECT COUNT(*) FROM device_asset)"
    " + (SELECT COUNT(*) FROM device_software) + (SELECT COUNT(*) FROM software)"
    " + (SELECT COUNT(*) FROM contractor) + (SELECT COUNT(*) FROM contractor_staff)"
    " + (SELECT COUNT(*) FROM contract) + (SELECT COUNT(*) FROM contract_clause)"
    " + (SELECT COUNT(*) FROM cloud_service) + (SELECT COUNT(*) FROM cloud_service_asset)"
    " + (SELECT COUNT(*) FROM training_course) + (SELECT COUNT(*) FROM training_attendance)"
    " + (SELECT COUNT(*) FROM org_recommendation)";

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
