/*
 * catalog.h — the guideline's 対策基準 as data: clause ids in the guideline's own numbering,
 * the parser of the catalog files in data/catalog/<revision>/ and the loader that puts the
 * catalog of this binary into every database.
 *
 * Clause ids are written the way the guideline numbers them, normalised: `6.2(1)③(ウ)`,
 * `1(9)⑤`, `4.3①`, `9.3`. Tokens after the section are `(n)`, a circled number, `(カナ)` and,
 * for the extra rows the 一覧表 gives one clause, `/n` (`5.1(1)④(ア)/2`).
 */
#ifndef MM_CATALOG_H
#define MM_CATALOG_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

/* The longest id, normalised, in bytes with the NUL; longer input is rejected. */
#define CATALOG_ID_MAX 64

/*
 * Normalises a clause id as a person may type or copy it: spaces (also 全角) are dropped,
 * 全角 digits, brackets and dots become ASCII, 半角 katakana becomes 全角, and `1.(1)` becomes
 * `1(1)`. Examples: "1 (1) ①" -> "1(1)①", "６．２（１）③（ウ）" -> "6.2(1)③(ウ)".
 * Writes the result to out (size outsz) and returns 0, or -1 when the text is not a clause id.
 */
int catalog_id_normalise(const char *in, char *out, size_t outsz);

/*
 * The parent of a normalised id in the guideline's tree: "6.2(1)③" -> "6.2(1)", "6.2(1)" ->
 * "6.2", "6.2" -> "6", "6" -> "" (a chapter has none). Returns 0, or -1 for an invalid id.
 */
int catalog_id_parent(const char *id, char *out, size_t outsz);

/* The section of a normalised id: "6.2(1)③" -> "6.2", "1(9)⑤" -> "1". */
int catalog_id_section(const char *id, char *out, size_t outsz);

/* One column of the 権限・責任等一覧表 (data/catalog/<rev>/roles.tsv). */
struct catalog_role_row {
    const char *code, *label, *short_label;
    const char *role; /* the 001 role code, or NULL */
};

/* One clause (data/catalog/<rev>/clauses.tsv). marks[i] belongs to roles[i]; "" = no mark. */
struct catalog_clause_row {
    const char *id, *parent, *section, *title, *status;
    int recommended;
    long source_line;
    const char **marks; /* nroles entries */
    int file_line;      /* where the row is in the data file */
};

/*
 * A parsed catalog revision. Every string points into buffers the struct owns; free it with
 * catalog_data_free. Parse roles before clauses: the clause file's mark columns are role codes.
 */
struct catalog_data {
    const char *code, *title, *published;
    struct catalog_role_row *roles;
    size_t nroles;
    struct catalog_clause_row *clauses;
    size_t nclauses;
    char **bufs; /* owned copies of the file texts */
    size_t nbufs;
};

/* Each parser names `file` and the line in its Japanese error, e.g. "…/clauses.tsv:12: …". */
int catalog_parse_revision(struct catalog_data *cat, const char *file, const char *text,
                           struct mm_err *err);
int catalog_parse_roles(struct catalog_data *cat, const char *file, const char *text,
                        struct mm_err *err);
int catalog_parse_clauses(struct catalog_data *cat, const char *file, const char *text,
                          struct mm_err *err);
void catalog_data_free(struct catalog_data *cat);

/*
 * Loads every catalog revision compiled into this binary that the database does not hold
 * yet, each in one transaction. A revision already present is left untouched, so calling this
 * on every open is cheap and changes nothing.
 */
int catalog_load_embedded(struct store *st, struct mm_err *err);

/* Loads one parsed revision (the caller checked it is absent) in one transaction. */
int catalog_store(struct store *st, const struct catalog_data *cat, struct mm_err *err);

/* The revision commands use when none is named: the newest loaded (highest code). */
int catalog_current_revision(struct store *st, char *out, size_t outsz, struct mm_err *err);

#endif
