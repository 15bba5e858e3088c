/* placeholder until implemented */
#include "io/snapshot.h"
int snapshot_parse(const char *name, const char *text, size_t len, json_t **out, struct mm_err *err)
{ (void)name; (void)text; (void)len; (void)out; return mm_err_set(err, 3, "未実装"); }
int snapshot_export(struct store *st, const struct snapshot_progress *prog, json_t **out, struct mm_err *err)
{ (void)st; (void)prog; (void)out; return mm_err_set(err, 3, "未実装"); }
int snapshot_dump(json_t *root, char **text, struct mm_err *err)
{ (void)root; (void)text; return mm_err_set(err, 3, "未実装"); }
int snapshot_import(struct store *st, json_t *root, int replace, const struct snapshot_progress *prog, struct mm_problems *problems, struct mm_err *err)
{ (void)st; (void)root; (void)replace; (void)prog; (void)problems; return mm_err_set(err, 3, "未実装"); }
