/*
 * training.c — 研修・訓練: sessions, completion records, CSV import and the completion rate.
 */
#include "pdca/training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdca/csvread.h"
#include "pdca/pdca_impl.h"

/* The population of 5.2(4) and what counts as completed; TRN-001 uses the same definition. */
#define POPULATION "p.status = 'active' AND p.employment <> 'contractor'"
#define COMPLETED                                                                              \
    "EXISTS (SELECT 1 FROM training_attendance ta JOIN training_course c ON c.id = ta.course_id " \
    "WHERE ta.person_id = p.id AND c.fiscal_year = ? "                                         \
    "AND ((c.mandatory = 1 AND c.kind = 'general') OR c.kind = 'new_staff'))"

int training_session_add(struct store *st, const struct pdca_actor *a, const char *id,
                         const char *course_id, const char *held_on, const char *place,
                         struct mm_err *err)
{
    if (!id || !*id)
        return mm_err_set(err, MM_EINPUT, "回の ID を指定してください");
    if (!pdca_date_ok(held_on))
        return mm_err_set(err, MM_EINPUT, "開催日「%s」は YYYY-MM-DD の日付ではありません",
                          held_on ? held_on : "");
    int rc = store_begin(st, err), found = 0;
    char b[8];
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found, "SELECT 1 FROM training_course WHERE id = ?",
                       "t", course_id);
    if (!rc && !found)
        rc = mm_err_set(err, MM_EREFUSED, "研修「%s」はありません", course_id);
    if (!rc)
        rc = pdca_text(st, err, b, sizeof b, &found, "SELECT 1 FROM training_session WHERE id = ?",
                       "t", id);
    if (!rc && found)
        rc = mm_err_set(err, MM_EREFUSED, "回「%s」は既にあります", id);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO training_session (id, course_id, held_on, place) "
                       "VALUES (?, ?, ?, ?)",
                       "tttt", id, course_id, held_on, place);
    json_t *after = rc ? NULL
                       : json_pack("{s:s, s:s, s:s, s:o}", "id", id, "course_id", course_id,
                                   "held_on", held_on, "place", pdca_js(place));
    return pdca_finish(st, rc, a, "create", "training_session", id, NULL, after, err);
}

/* Checks one record; a problem is returned as text in msg (empty when the record is fine).
 * *exists is set when the same course and person are already recorded. */
static int check_record(struct store *st, const char *course, const char *person,
                        const char *on, const char *session, char *msg, size_t size, int *exists,
                        struct mm_err *err)
{
    int found = 0, rc;
    char b[64];
    msg[0] = 0;
    *exists = 0;
    if (!course || !*course)
        return snprintf(msg, size, "研修 ID が空です"), MM_OK;
    if (!person || !*person)
        return snprintf(msg, size, "職員 ID が空です"), MM_OK;
    if (!pdca_date_ok(on))
        return snprintf(msg, size, "修了日「%s」は YYYY-MM-DD の日付ではありません", on ? on : ""),
               MM_OK;
    if ((rc = pdca_text(st, err, b, sizeof b, &found,
                        "SELECT 1 FROM training_course WHERE id = ?", "t", course)))
        return rc;
    if (!found)
        return snprintf(msg, size, "研修「%s」はありません", course), MM_OK;
    if ((rc = pdca_text(st, err, b, sizeof b, &found, "SELECT status FROM person WHERE id = ?",
                        "t", person)))
        return rc;
    if (!found)
        return snprintf(msg, size, "職員「%s」はいません", person), MM_OK;
    if (session && *session) {
        if ((rc = pdca_text(st, err, b, sizeof b, &found,
                            "SELECT course_id FROM training_session WHERE id = ?", "t", session)))
            return rc;
        if (!found || strcmp(b, course) != 0)
            return snprintf(msg, size, "回「%s」は研修「%s」の回ではありません", session, course),
                   MM_OK;
    }
    if ((rc = pdca_text(st, err, b, sizeof b, &found,
                        "SELECT completed_on FROM training_attendance "
                        "WHERE course_id = ? AND person_id = ?",
                        "tt", course, person)))
        return rc;
    if (found && strcmp(b, on) != 0)
        return snprintf(msg, size, "職員「%s」の研修「%s」の修了日は既に %s と記録されています",
                        person, course, b),
               MM_OK;
    *exists = found;
    return MM_OK;
}

static int insert_record(struct store *st, const struct pdca_actor *a, const char *course,
                         const char *person, const char *on, const char *session,
                         const char *source, struct mm_err *err)
{
    int rc = pdca_exec(st, err,
                       "INSERT INTO training_attendance (course_id, person_id, completed_on) "
                       "VALUES (?, ?, ?)",
                       "ttt", course, person, on);
    if (!rc)
        rc = pdca_exec(st, err,
                       "INSERT INTO training_attendance_detail (course_id, person_id, session_id, "
                       "source) VALUES (?, ?, ?, ?)",
                       "tttt", course, person, session && *session ? session : NULL,
                       source ? source : "cli");
    if (rc)
        return rc;
    char id[300];
    snprintf(id, sizeof id, "%s/%s", course, person);
    json_t *after = json_pack("{s:s, s:s, s:s, s:o, s:o}", "course_id", course, "person_id",
                              person, "completed_on", on, "session_id",
                              pdca_js(session && *session ? session : NULL), "source",
                              pdca_js(source));
    rc = auditlog_append(st, &a->log, "create", "training_attendance", id, NULL, after, err);
    json_decref(after);
    return rc;
}

int training_attend(struct store *st, const struct pdca_actor *a, const char *course_id,
                    const char *person_id, const char *completed_on, const char *session_id,
                    const char *source, struct mm_err *err)
{
    int rc = store_begin(st, err), exists = 0;
    char msg[512];
    if (!rc)
        rc = check_record(st, course_id, person_id, completed_on, session_id, msg, sizeof msg,
                          &exists, err);
    if (!rc && msg[0])
        rc = mm_err_set(err, MM_EREFUSED, "%s", msg);
    if (!rc && exists)
        rc = mm_err_set(err, MM_EREFUSED, "職員「%s」の研修「%s」の修了は既に記録されています",
                        person_id, course_id);
    if (!rc)
        rc = insert_record(st, a, course_id, person_id, completed_on, session_id, source, err);
    if (!rc)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

/* ---- CSV import ---- */

enum { COL_COURSE, COL_PERSON, COL_ON, COL_SESSION, NCOLS };
static const char *const col_names[NCOLS][2] = {
    {"研修ID", "course_id"}, {"職員ID", "person_id"}, {"修了日", "completed_on"},
    {"回ID", "session_id"}};

struct import {
    struct store *st;
    const struct pdca_actor *a;
    const char *label;
    struct mm_problems *probs;
    struct training_import_result *res;
    struct mm_err *err;
    int pos[NCOLS];
    int header_done, pass; /* pass 0 checks, pass 1 writes */
    char source[300];
    char **seen; /* course\tperson of rows in the file, for duplicates */
    size_t nseen, capseen;
};

static int read_header(struct import *im, size_t line, char **f, size_t n)
{
    for (int c = 0; c < NCOLS; c++)
        im->pos[c] = -1;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < NCOLS; c++)
            if (!strcmp(f[i], col_names[c][0]) || !strcmp(f[i], col_names[c][1]))
                im->pos[c] = (int)i;
    for (int c = 0; c < COL_SESSION; c++)
        if (im->pos[c] < 0) {
            char where[300];
            snprintf(where, sizeof where, "%s:%zu", im->label, line);
            mm_problems_add(im->probs, where, "見出しに「%s」（%s）の列がありません",
                            col_names[c][0], col_names[c][1]);
        }
    im->header_done = 1;
    return im->probs->len ? 1 : 0;
}

static const char *cell(char **f, size_t n, int pos)
{
    return pos >= 0 && (size_t)pos < n ? f[pos] : NULL;
}

static int seen_before(struct import *im, const char *course, const char *person)
{
    char key[600];
    snprintf(key, sizeof key, "%s\t%s", course, person);
    for (size_t i = 0; i < im->nseen; i++)
        if (!strcmp(im->seen[i], key))
            return 1;
    if (im->nseen == im->capseen) {
        im->capseen = im->capseen ? im->capseen * 2 : 64;
        im->seen = realloc(im->seen, im->capseen * sizeof *im->seen);
        if (!im->seen)
            abort();
    }
    im->seen[im->nseen++] = strdup(key);
    return 0;
}

static int import_row(void *ctx, size_t line, char **f, size_t n)
{
    struct import *im = ctx;
    if (!im->header_done)
        return read_header(im, line, f, n);
    const char *course = cell(f, n, im->pos[COL_COURSE]), *person = cell(f, n, im->pos[COL_PERSON]);
    const char *on = cell(f, n, im->pos[COL_ON]), *session = cell(f, n, im->pos[COL_SESSION]);
    char where[300], msg[512];
    snprintf(where, sizeof where, "%s:%zu", im->label, line);
    int exists = 0;
    int rc = check_record(im->st, course, person, on, session, msg, sizeof msg, &exists, im->err);
    if (rc)
        return rc;
    if (im->pass == 0) {
        if (msg[0])
            mm_problems_add(im->probs, where, "%s", msg);
        else if (seen_before(im, course, person))
            mm_problems_add(im->probs, where, "職員「%s」の研修「%s」の行が重複しています", person,
                            course);
        return 0;
    }
    if (exists) {
        im->res->skipped++;
        return 0;
    }
    im->res->added++;
    return insert_record(im->st, im->a, course, person, on, session, im->source, im->err);
}

int training_import_csv(struct store *st, const struct pdca_actor *a, const char *label,
                        const char *data, size_t len, struct mm_problems *probs,
                        struct training_import_result *res, struct mm_err *err)
{
    struct import im = {st, a, label, probs, res, err, {0}, 0, 0, "", NULL, 0, 0};
    const char *base = strrchr(label, '/');
    snprintf(im.source, sizeof im.source, "import:%s", base ? base + 1 : label);
    res->added = res->skipped = 0;
    int rc = store_begin(st, err);
    if (!rc)
        rc = csvread(label, data, len, import_row, &im, err);
    if (!rc && !im.header_done)
        mm_problems_add(probs, label, "見出しの行がありません（研修ID,職員ID,修了日）");
    if (!rc && !probs->len) {
        im.pass = 1;
        im.header_done = 0;
        rc = csvread(label, data, len, import_row, &im, err);
    }
    if (rc == 1 || (!rc && probs->len))
        rc = mm_err_set(err, MM_EINPUT, "%s に誤りがあるため、何も取り込みませんでした（%zu 件）",
                        label, probs->len + probs->dropped);
    if (!rc)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        res->added = res->skipped = 0;
    }
    for (size_t i = 0; i < im.nseen; i++)
        free(im.seen[i]);
    free(im.seen);
    return rc;
}

/* ---- rate ---- */

struct dept {
    char *id, *name, *level, *bukyoku;
    long long staff, done;
};

static void free_depts(struct dept *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].id);
        free(d[i].name);
        free(d[i].level);
        free(d[i].bukyoku);
    }
    free(d);
}

static int load_depts(struct store *st, int fy, struct dept **out, size_t *nout,
                      struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT d.id, d.name, d.level, "
                          "(SELECT COUNT(*) FROM person p WHERE p.department_id = d.id AND "
                          POPULATION "), "
                          "(SELECT COUNT(*) FROM person p WHERE p.department_id = d.id AND "
                          POPULATION " AND " COMPLETED ") "
                          "FROM department d ORDER BY d.sort, d.id",
                          "i", &s, err, (long long)fy);
    if (rc)
        return rc;
    struct dept *d = NULL;
    size_t n = 0, cap = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            d = realloc(d, cap * sizeof *d);
            if (!d)
                abort();
        }
        d[n].id = strdup(store_col_text(s, 0));
        d[n].name = strdup(store_col_text(s, 1));
        d[n].level = strdup(store_col_text(s, 2));
        d[n].bukyoku = NULL;
        d[n].staff = store_col_int(s, 3);
        d[n].done = store_col_int(s, 4);
        n++;
    }
    store_finalize(s);
    if (rc != STORE_DONE) {
        free_depts(d, n);
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        char b[128];
        if ((rc = pdca_bukyoku_of(st, d[i].id, b, err))) {
            free_depts(d, n);
            return rc;
        }
        d[i].bukyoku = strdup(b);
    }
    *out = d;
    *nout = n;
    return MM_OK;
}

int training_rate(struct store *st, int fy, training_rate_fn fn, void *ctx, struct mm_err *err)
{
    struct dept *d = NULL;
    size_t n = 0;
    int rc = load_depts(st, fy, &d, &n, err);
    if (rc)
        return rc;
    long long total = 0, total_done = 0;
    rc = pdca_int(st, err, &total, "SELECT COUNT(*) FROM person p WHERE " POPULATION, "");
    if (!rc)
        rc = pdca_int(st, err, &total_done,
                      "SELECT COUNT(*) FROM person p WHERE " POPULATION " AND " COMPLETED, "i",
                      (long long)fy);
    for (size_t b = 0; b < n && !rc; b++) {
        if (strcmp(d[b].id, d[b].bukyoku) != 0)
            continue;
        struct training_rate_row r = {d[b].id, d[b].name, "bukyoku", d[b].id, 0, 0};
        for (size_t i = 0; i < n; i++)
            if (!strcmp(d[i].bukyoku, d[b].id))
                r.staff += d[i].staff, r.completed += d[i].done;
        rc = fn(ctx, &r);
        for (size_t i = 0; i < n && !rc; i++) {
            if (strcmp(d[i].bukyoku, d[b].id) != 0 || !d[i].staff || i == b)
                continue;
            struct training_rate_row c = {d[i].id, d[i].name, d[i].level, d[b].id,
                                          d[i].staff, d[i].done};
            rc = fn(ctx, &c);
        }
    }
    if (!rc) {
        struct training_rate_row t = {NULL, "全体", "organization", NULL, total, total_done};
        rc = fn(ctx, &t);
    }
    free_depts(d, n);
    return rc;
}

int training_missing(struct store *st, int fy,
                     int (*fn)(void *ctx, const char *person, const char *department), void *ctx,
                     struct mm_err *err)
{
    struct store_stmt *s;
    int rc = pdca_prepare(st,
                          "SELECT p.id, p.department_id FROM person p WHERE " POPULATION
                          " AND NOT " COMPLETED " ORDER BY p.id",
                          "i", &s, err, (long long)fy);
    if (rc)
        return rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        if ((rc = fn(ctx, store_col_text(s, 0), store_col_text(s, 1))))
            break;
    store_finalize(s);
    return rc == STORE_DONE ? MM_OK : rc;
}
