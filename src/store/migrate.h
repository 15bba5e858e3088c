/*
 * migrate.h — versioned schema migrations. Each file data/schema/NNN_name.sql (compiled into
 * the binary) is migration NNN; applied migrations are recorded in schema_migrations.
 */
#ifndef MM_MIGRATE_H
#define MM_MIGRATE_H

#include "store/store.h"

/*
 * Checks the database's schema version. A newer version than this binary knows is refused
 * (MM_EREFUSED). Pending migrations are applied, each in its own transaction, when `apply`
 * is set; otherwise pending migrations are an error.
 */
int migrate_check_and_apply(struct store *st, int apply, struct mm_err *err);

#endif
