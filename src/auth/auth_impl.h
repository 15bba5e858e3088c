/*
 * auth_impl.h — internals shared by the files of src/auth/: a user row with its secrets (never
 * leaves the library), change-log entries for users, recovery codes and session creation.
 */
#ifndef MM_AUTH_IMPL_H
#define MM_AUTH_IMPL_H

#include <jansson.h>

#include "auth/auth.h"

struct user_row {
    struct auth_user u;
    char password_hash[160];
    char totp_secret[64]; /* "" when none */
    long long totp_last_step;
};

/*
 * Reads a user by login (when `login` is not NULL) or by id, with secrets, as of `now`.
 * *found = 0 when there is no such user (not an error).
 */
int user_row_get(struct store *st, const char *login, long long id, time_t now,
                 struct user_row *out, int *found, struct mm_err *err);

/* Appends a change-log entry for user `login`; `after` is stolen (may be NULL). */
int user_log(struct store *st, const char *actor_id, const char *action, const char *login,
             json_t *after, struct mm_err *err);

/* Hash stored for a recovery code of user `user_id` (normalised: lower-case, no '-'). */
void recovery_code_hash(long long user_id, const char *code, char out[65]);

/* Marks the unused recovery code `code` of the user as used; *ok = 1 when it was valid. */
int recovery_code_use(struct store *st, long long user_id, const char *code, time_t now, int *ok,
                      struct mm_err *err);

/*
 * Creates a session for the user in `stage`, filling res->token/csrf/stage/outcome (full →
 * AUTH_OK …). Pending stages live AUTH_PENDING_SECONDS; full ones session_absolute_hours.
 */
int session_create(struct store *st, const struct user_row *r, enum auth_stage stage,
                   const char *ip, const char *user_agent, time_t now,
                   struct auth_login_result *res, struct mm_err *err);

/* The stage a user who proved every factor belongs in (password → enroll → full). */
enum auth_stage user_next_stage(const struct user_row *r);

const char *auth_stage_name(enum auth_stage s);

/* Whether `login` has the form of a login: letters, digits, . _ - @, 1–AUTH_LOGIN_MAX bytes. */
int login_is_valid(const char *login);

/* Copies at most size-1 bytes and terminates. */
void copy_text(char *dst, size_t size, const char *src);

/* Runs a one-statement write with up to four bound values (text; NULL binds NULL). */
int exec_bound(struct store *st, const char *sql, const char *a, const char *b, const char *c,
               const char *d, struct mm_err *err);

#endif
