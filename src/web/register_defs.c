/*
 * register_defs.c — the register descriptors: which table, which columns with their Japanese
 * labels and kinds, and what the list, search and forms do with each. The columns follow
 * data/schema/001_registers.sql and 004_registers2.sql; the REG_SEARCH columns are the ones
 * the triggers of 008_search.sql put into the search table.
 */
#include "web/register.h"

#include <string.h>

#define R REG_REQUIRED
#define L REG_LIST
#define S REG_SORT
#define F REG_FILTER
#define Q REG_SEARCH
#define E REG_EDIT

#define ID(label) {"id", label, REG_TEXT, R | L | S | Q, NULL, 0, 0}
#define TEXT(n, l, f) {n, l, REG_TEXT, (f), NULL, 0, 0}
#define DATE(n, l, f) {n, l, REG_DATE, (f), NULL, 0, 0}
#define BOOL(n, l, f) {n, l, REG_BOOL, (f), NULL, 0, 0}
#define INT(n, l, f, lo, hi) {n, l, REG_INT, (f), NULL, lo, hi}
#define CODE(n, l, f, t) {n, l, REG_CODE, (f), t, 0, 0}
#define REF(n, l, f, t) {n, l, REG_REF, (f), t, 0, 0}
#define NCOLS(a) (sizeof a / sizeof a[0])

static const struct reg_ref refs[] = {
    {"department", "department", "name", "department"},
    {"person", "person", "name", "person"},
    {"system", "system", "name", "system"},
    {"contractor", "contractor", "name", "contractor"},
    {"contract", "contract", "title", "contract"},
    {"managed_area", "managed_area", "name", "managed_area"},
};

static const struct reg_col department_cols[] = {
    ID("組織コード"),
    TEXT("name", "名称", R | L | S | Q | E),
    REF("parent_id", "上位の組織", L | S | F | E, "department"),
    CODE("level", "区分", R | L | S | F | E, "department_level"),
    CODE("body", "機関", R | L | F | E, "org_body"),
    INT("sort", "表示順", R | E, 0, 1000000),
};

static const struct reg_col person_cols[] = {
    ID("職員番号"),
    TEXT("name", "氏名", R | L | S | Q | E),
    TEXT("kana", "ふりがな", L | S | Q | E),
    REF("department_id", "所属", L | S | F | E, "department"),
    TEXT("title", "職名", L | Q | E),
    CODE("employment", "任用形態", R | L | S | F | E, "employment_type"),
    CODE("status", "在職状況", R | L | S | F | E, "person_status"),
    DATE("status_since", "状況の開始日", E),
    DATE("hired_on", "採用日", S | E),
    DATE("left_on", "退職日", S | E),
    TEXT("email", "メールアドレス", Q | E),
};

static const struct reg_col role_assignment_cols[] = {
    ID("任命番号"),
    CODE("role", "役割", R | L | S | F | E, "role"),
    REF("person_id", "任命された職員", R | L | S | F | E, "person"),
    CODE("scope_type", "範囲の種類", R | L | F | E, "scope_type"),
    REF("scope_department_id", "範囲の組織", L | F | E, "department"),
    REF("scope_system_id", "範囲の情報システム", L | F | E, "system"),
    DATE("valid_from", "任命日", R | L | S | E),
    DATE("valid_to", "任期の終了日", L | S | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col system_cols[] = {
    ID("システム番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    CODE("domain", "ネットワーク", R | L | S | F | E, "network_domain"),
    CODE("hosting", "設置形態", R | L | S | F | E, "hosting_kind"),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    INT("rto_hours", "目標復旧時間（時間）", S | E, 1, 100000),
    BOOL("mfa", "多要素認証", R | L | F | E),
    TEXT("vendor", "保守事業者", L | Q | E),
    DATE("last_updated", "最終更新日", S | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col asset_cols[] = {
    ID("資産番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    REF("manager_id", "管理者", L | F | E, "person"),
    CODE("medium", "媒体", R | L | S | F | E, "asset_medium"),
    REF("system_id", "情報システム", L | F | E, "system"),
    TEXT("location", "保管場所", Q | E),
    CODE("confidentiality", "機密性", R | L | S | F | E, "confidentiality_class"),
    CODE("integrity", "完全性", R | S | F | E, "integrity_class"),
    CODE("availability", "可用性", R | S | F | E, "availability_class"),
    TEXT("retention", "保存期間", E),
    BOOL("personal_info", "個人情報", R | L | F | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col account_cols[] = {
    ID("アカウント番号"),
    REF("system_id", "情報システム", R | L | S | F | E, "system"),
    TEXT("login", "ログイン名", R | L | S | Q | E),
    REF("holder_id", "利用者", L | S | F | E, "person"),
    BOOL("privileged", "特権", R | L | F | E),
    BOOL("shared", "共用", R | L | F | E),
    BOOL("mfa", "多要素認証", R | L | F | E),
    CODE("status", "状態", R | L | S | F | E, "account_status"),
    DATE("created_on", "作成日", S | E),
    DATE("last_login", "最終ログイン日", L | S | E),
};

static const struct reg_col network_connection_cols[] = {
    ID("接続番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    CODE("from_domain", "接続元ネットワーク", R | L | F | E, "network_domain"),
    REF("from_system_id", "接続元システム", F | E, "system"),
    CODE("to_domain", "接続先ネットワーク", L | F | E, "network_domain"),
    REF("to_system_id", "接続先システム", F | E, "system"),
    CODE("to_external", "接続先（外部）", L | F | E, "external_kind"),
    CODE("purpose", "目的", R | L | F | E, "connection_purpose"),
    CODE("sanitization", "無害化", R | F | E, "sanitization_method"),
    CODE("via", "経路", R | F | E, "carrier_kind"),
    BOOL("restricted_ip", "IPアドレスの制限", R | E),
    BOOL("restricted_port", "ポートの制限", R | E),
    BOOL("encrypted", "暗号化", R | L | F | E),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    DATE("approved_on", "承認日", S | E),
    REF("approved_by", "承認者", E, "person"),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col device_cols[] = {
    ID("機器番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    CODE("kind", "種別", R | L | S | F | E, "device_kind"),
    CODE("domain", "ネットワーク", L | F | E, "network_domain"),
    REF("system_id", "情報システム", F | E, "system"),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    REF("holder_id", "使用者", L | F | E, "person"),
    CODE("ownership", "所有", R | F | E, "device_ownership"),
    CODE("location", "設置場所", R | F | E, "device_location"),
    REF("area_id", "管理区域", F | E, "managed_area"),
    CODE("usb_policy", "USB の扱い", F | E, "usb_policy"),
    BOOL("mfa", "多要素認証", R | E),
    BOOL("encrypted", "暗号化", R | L | F | E),
    BOOL("registered", "登録済み", R | F | E),
    BOOL("wire_locked", "ワイヤーロック", R | E),
    BOOL("os_supported", "OS のサポート期間内", R | F | E),
    DATE("last_patched_on", "最終パッチ適用日", L | S | E),
    DATE("av_updated_on", "ウイルス定義の更新日", S | E),
    DATE("offsite_approved_on", "持出し許可日", E),
    DATE("disposed_on", "廃棄日", S | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col managed_area_cols[] = {
    ID("区域番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    INT("floor", "階", L | S | E, -20, 200),
    CODE("access_control", "入退室管理", R | L | F | E, "access_control_kind"),
    BOOL("locked", "施錠", R | L | E),
    BOOL("fire_measures", "防火措置", R | E),
    BOOL("water_measures", "防水措置", R | E),
    BOOL("seismic", "耐震措置", R | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col software_cols[] = {
    ID("ソフトウェア番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    TEXT("vendor", "提供者", L | S | Q | E),
    BOOL("allowed", "利用許可", R | L | F | E),
    DATE("approved_on", "許可日", S | E),
    DATE("support_ends", "サポート終了日", L | S | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col contractor_cols[] = {
    ID("事業者番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    TEXT("corporate_number", "法人番号", L | Q | E),
    BOOL("isms_certified", "ISMS 認証", R | L | F | E),
    BOOL("privacy_mark", "プライバシーマーク", R | L | F | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col contract_cols[] = {
    ID("契約番号"),
    TEXT("title", "件名", R | L | S | Q | E),
    REF("contractor_id", "委託事業者", R | L | S | F | E, "contractor"),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    REF("system_id", "情報システム", F | E, "system"),
    DATE("start_on", "契約開始日", R | L | S | E),
    DATE("end_on", "契約終了日", L | S | E),
    CODE("max_confidentiality", "扱う情報の最高機密性", R | F | E, "confidentiality_class"),
    BOOL("personal_info", "個人情報の取扱い", R | F | E),
    BOOL("nda", "秘密保持契約", R | L | F | E),
    BOOL("subcontracting", "再委託", R | F | E),
    BOOL("subcontract_approved", "再委託の承認", R | E),
    DATE("last_checked_on", "最終確認日", S | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col cloud_service_cols[] = {
    ID("サービス番号"),
    TEXT("name", "名称", R | L | S | Q | E),
    TEXT("provider", "提供者", R | L | S | Q | E),
    CODE("service_model", "形態", R | L | F | E, "service_model"),
    BOOL("ismap_listed", "ISMAP 登録", R | L | F | E),
    REF("department_id", "所管課", R | L | S | F | E, "department"),
    REF("system_id", "情報システム", F | E, "system"),
    REF("contract_id", "契約", E, "contract"),
    CODE("max_confidentiality", "扱う情報の最高機密性", R | F | E, "confidentiality_class"),
    REF("requested_by", "申請者", E, "person"),
    REF("approved_by", "許可者", E, "person"),
    DATE("approved_on", "許可日", S | E),
    REF("manager_id", "管理者", L | F | E, "person"),
    DATE("use_start", "利用開始日", S | E),
    DATE("use_end", "利用終了日", S | E),
    BOOL("exit_terms_confirmed", "終了時の取決めの確認", R | E),
    BOOL("data_in_japan", "データの国内保管", R | F | E),
    TEXT("note", "備考", Q | E),
};

static const struct reg_col training_cols[] = {
    ID("研修番号"),
    TEXT("title", "研修名", R | L | S | Q | E),
    CODE("kind", "種別", R | L | S | F | E, "training_kind"),
    INT("fiscal_year", "年度（西暦）", R | L | S | F | E, 2000, 2100),
    BOOL("mandatory", "必修", R | L | F | E),
    DATE("held_on", "実施日", L | S | E),
    TEXT("note", "備考", Q | E),
};

#define DESC(code_, table_, label_, title_, hint_, dept_, via_, sys_, person_, cols_)             \
    static const struct reg_desc d_##code_ = {#code_, table_, label_, title_, hint_, dept_,      \
                                              via_, sys_, person_, cols_, NCOLS(cols_)}

DESC(department, "department", "組織", "name", "ka9901", "id", NULL, NULL, NULL, department_cols);
DESC(person, "person", "職員", "name", "E09001", "department_id", NULL, NULL, "id", person_cols);
DESC(role_assignment, "role_assignment", "役割の任命", "id", "ra9001", "scope_department_id",
     "person_id", "scope_system_id", "person_id", role_assignment_cols);
DESC(system, "system", "情報システム台帳", "name", "sys90", "department_id", NULL, "id", NULL,
     system_cols);
DESC(asset, "asset", "情報資産台帳", "name", "as90001", "department_id", NULL, "system_id",
     "manager_id", asset_cols);
DESC(account, "account", "アカウント", "login", "ac-sys01-new01", NULL, "holder_id",
     "system_id", "holder_id", account_cols);
DESC(network_connection, "network_connection", "ネットワーク接続", "name", "cn90",
     "department_id", NULL, "from_system_id", NULL, network_connection_cols);
DESC(device, "device", "端末・機器・媒体", "name", "pc-new-001", "department_id", NULL,
     "system_id", "holder_id", device_cols);
DESC(managed_area, "managed_area", "管理区域", "name", "ma90", "department_id", NULL, NULL, NULL,
     managed_area_cols);
DESC(software, "software", "ソフトウェア", "name", "sw90", NULL, NULL, NULL, NULL, software_cols);
DESC(contractor, "contractor", "委託事業者", "name", "ct90", NULL, NULL, NULL, NULL,
     contractor_cols);
DESC(contract, "contract", "契約", "title", "ko-new01", "department_id", NULL, "system_id", NULL,
     contract_cols);
DESC(cloud_service, "cloud_service", "クラウドサービス", "name", "cs-new01", "department_id",
     NULL, "system_id", "manager_id", cloud_service_cols);
DESC(training, "training_course", "研修", "title", "tr2026-90", NULL, NULL, NULL, NULL,
     training_cols);

const struct reg_desc *const reg_all[] = {
    &d_department, &d_person, &d_role_assignment, &d_system, &d_asset,
    &d_account, &d_network_connection, &d_device, &d_managed_area, &d_software,
    &d_contractor, &d_contract, &d_cloud_service, &d_training,
};
const size_t reg_count = NCOLS(reg_all);

const struct reg_desc *reg_find(const char *code)
{
    for (size_t i = 0; code && i < reg_count; i++)
        if (strcmp(reg_all[i]->code, code) == 0)
            return reg_all[i];
    return NULL;
}

const struct reg_col *reg_col_find(const struct reg_desc *d, const char *name)
{
    for (size_t i = 0; name && i < d->ncols; i++)
        if (strcmp(d->cols[i].name, name) == 0)
            return &d->cols[i];
    return NULL;
}

const struct reg_ref *reg_ref_find(const char *name)
{
    for (size_t i = 0; name && i < NCOLS(refs); i++)
        if (strcmp(refs[i].name, name) == 0)
            return &refs[i];
    return NULL;
}

int reg_scoped(const struct reg_desc *d)
{
    return d->dept_col || d->dept_via_person || d->sys_col || d->person_col;
}
