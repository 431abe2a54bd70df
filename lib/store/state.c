/* state.c: detect's state in SQLite (WAL: a commit survives the process being killed) */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "../base/hash.h"
#include "state.h"
#include "../banned.h"

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    /* files read, by the first 16 bytes of their path's SHA-256: 50 bytes a file */
    "CREATE TABLE IF NOT EXISTS seen(key BLOB PRIMARY KEY, size INTEGER, mtime INTEGER,"
    "  records INTEGER) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS matches(seq INTEGER PRIMARY KEY, t INTEGER, file TEXT,"
    "  record BLOB);"
    "CREATE INDEX IF NOT EXISTS matches_t ON matches(t);"
    "CREATE TABLE IF NOT EXISTS alerts(seq INTEGER PRIMARY KEY, id TEXT UNIQUE, body BLOB,"
    "  out_offset INTEGER, written INTEGER);"
    "CREATE INDEX IF NOT EXISTS alerts_unwritten ON alerts(written) WHERE written = 0;"
    "CREATE TABLE IF NOT EXISTS baselines(kind TEXT, subject TEXT, value TEXT, first INTEGER,"
    "  last INTEGER, n INTEGER, PRIMARY KEY(kind, subject, value));"
    "CREATE TABLE IF NOT EXISTS cursors(scope TEXT PRIMARY KEY, newest INTEGER);";

enum {
	Q_FILE_GET,
	Q_FILE_PUT,
	Q_MATCH_ADD,
	Q_MATCH_EACH,
	Q_MATCH_PRUNE,
	Q_ALERT_GET,
	Q_ALERT_ADD,
	Q_ALERT_EACH,
	Q_ALERT_WRITTEN,
	Q_BASE_EACH,
	Q_BASE_PUT,
	Q_CURSOR_EACH,
	Q_CURSOR_PUT,
	Q_COUNT
};

static const char *const sql[Q_COUNT] = {
    [Q_FILE_GET] = "SELECT size, mtime FROM seen WHERE key = ?1",
    [Q_FILE_PUT] = "INSERT OR REPLACE INTO seen(key, size, mtime, records) VALUES(?1,?2,?3,?4)",
    [Q_MATCH_ADD] = "INSERT INTO matches(t, file, record) VALUES(?1, ?2, ?3)",
    [Q_MATCH_EACH] = "SELECT file, record FROM matches ORDER BY seq",
    [Q_MATCH_PRUNE] = "DELETE FROM matches WHERE t < ?1",
    [Q_ALERT_GET] = "SELECT 1 FROM alerts WHERE id = ?1",
    [Q_ALERT_ADD] = "INSERT OR IGNORE INTO alerts(id, body, out_offset, written) "
		    "VALUES(?1, ?2, ?3, 0)",
    [Q_ALERT_EACH] = "SELECT body, out_offset FROM alerts WHERE written = 0 ORDER BY seq",
    [Q_ALERT_WRITTEN] = "UPDATE alerts SET written = 1 WHERE written = 0",
    [Q_BASE_EACH] = "SELECT kind, subject, value, first, last, n FROM baselines",
    [Q_BASE_PUT] = "INSERT OR REPLACE INTO baselines(kind, subject, value, first, last, n) "
		   "VALUES(?1,?2,?3,?4,?5,?6)",
    [Q_CURSOR_EACH] = "SELECT scope, newest FROM cursors",
    [Q_CURSOR_PUT] = "INSERT INTO cursors(scope, newest) VALUES(?1, ?2) ON CONFLICT(scope) "
		     "DO UPDATE SET newest = max(newest, excluded.newest)",
};

struct ys_state {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q_COUNT];
};

static int fail(struct ys_state *s, struct ys_error *err)
{
	return ys_error_set(err, YS_EIO, "state '%s': %s", s->path, sqlite3_errmsg(s->db));
}

struct sqlite3 *ys_state_db(struct ys_state *s)
{
	return s->db;
}

/* A file's key: its path hashed, 16 bytes. */
static void file_key(const char *path, uint8_t key[16])
{
	uint8_t h[YS_SHA256_LEN];

	ys_sha256(path, strlen(path), h);
	memcpy(key, h, 16);
}

/* A state from before files were kept hashed: its files table becomes the seen table. */
static int migrate(struct ys_state *s, struct ys_error *err)
{
	sqlite3_stmt *get, *put;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT path, size, mtime, records FROM files", -1, &get, NULL) !=
	    SQLITE_OK)
		return 0; /* none */
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO seen VALUES(?1, ?2, ?3, ?4)", -1, &put,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(get);
		return fail(s, err);
	}
	while ((rc = sqlite3_step(get)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(get, 0);
		uint8_t key[16];

		if (!p)
			continue;
		file_key(p, key);
		sqlite3_bind_blob(put, 1, key, 16, SQLITE_TRANSIENT);
		sqlite3_bind_int64(put, 2, sqlite3_column_int64(get, 1));
		sqlite3_bind_int64(put, 3, sqlite3_column_int64(get, 2));
		sqlite3_bind_int64(put, 4, sqlite3_column_int64(get, 3));
		if (sqlite3_step(put) != SQLITE_DONE)
			break;
		sqlite3_reset(put);
	}
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	if (rc != SQLITE_DONE || sqlite3_exec(s->db, "DROP TABLE files; COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = fail(s, err);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return 0;
}

int ys_state_open(const char *path, struct ys_state **out, struct ys_error *err)
{
	struct ys_state *s = calloc(1, sizeof(*s));
	size_t i;

	if (!s || !(s->path = strdup(path))) {
		free(s);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
		SQLITE_OK ||
	    sqlite3_busy_timeout(s->db, 10000) != SQLITE_OK ||
	    sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		int rc = s->db ? fail(s, err)
			       : ys_error_set(err, YS_ENOMEM, "state '%s': out of memory", path);

		ys_state_close(s);
		return rc;
	}
	if (migrate(s, err)) {
		ys_state_close(s);
		return YS_EIO;
	}
	for (i = 0; i < Q_COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i],
				       NULL) != SQLITE_OK) {
			int rc = fail(s, err);

			ys_state_close(s);
			return rc;
		}
	}
	*out = s;
	return 0;
}

void ys_state_close(struct ys_state *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(s->q[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

static int exec(struct ys_state *s, const char *q, struct ys_error *err)
{
	return sqlite3_exec(s->db, q, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(s, err);
}

int ys_state_begin(struct ys_state *s, struct ys_error *err)
{
	return exec(s, "BEGIN IMMEDIATE", err);
}

int ys_state_commit(struct ys_state *s, struct ys_error *err)
{
	return exec(s, "COMMIT", err);
}

int ys_state_rollback(struct ys_state *s)
{
	return sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK ? 0 : YS_EIO;
}

/* Runs a statement that returns no rows (or whose rows are not wanted). */
static int step_done(struct ys_state *s, sqlite3_stmt *st, struct ys_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : fail(s, err);
}

int ys_state_file_read(struct ys_state *s, const char *path, int64_t size, int64_t mtime, int *done,
		       struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_FILE_GET];
	uint8_t key[16];
	int rc;

	file_key(path, key);
	sqlite3_bind_blob(st, 1, key, 16, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*done = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == size &&
		sqlite3_column_int64(st, 1) == mtime;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, err);
}

int ys_state_mark_file(struct ys_state *s, const char *path, int64_t size, int64_t mtime,
		       uint64_t records, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_FILE_PUT];
	uint8_t key[16];

	file_key(path, key);
	sqlite3_bind_blob(st, 1, key, 16, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, size);
	sqlite3_bind_int64(st, 3, mtime);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)records);
	return step_done(s, st, err);
}

int ys_state_add_match(struct ys_state *s, int64_t t, const char *file, const char *json,
		       size_t len, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_MATCH_ADD];

	sqlite3_bind_int64(st, 1, t);
	sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(st, 3, json, len, SQLITE_STATIC);
	return step_done(s, st, err);
}

int ys_state_each_match(struct ys_state *s, ys_state_match_fn fn, void *ctx, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_MATCH_EACH];
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_blob(st, 1),
			  (size_t)sqlite3_column_bytes(st, 1));
	sqlite3_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc == SQLITE_DONE ? 0 : fail(s, err);
}

int ys_state_prune_matches(struct ys_state *s, int64_t t, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_MATCH_PRUNE];

	sqlite3_bind_int64(st, 1, t);
	return step_done(s, st, err);
}

int ys_state_alert_seen(struct ys_state *s, const char *id, int *seen, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_ALERT_GET];
	int rc;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*seen = rc == SQLITE_ROW;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, err);
}

int ys_state_add_alert(struct ys_state *s, const char *id, const char *body, size_t len,
		       int64_t offset, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_ALERT_ADD];

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(st, 2, body, len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, offset);
	return step_done(s, st, err);
}

int ys_state_each_unwritten(struct ys_state *s, ys_state_alert_fn fn, void *ctx,
			    struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_ALERT_EACH];
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_blob(st, 0),
			  (size_t)sqlite3_column_bytes(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc == SQLITE_DONE ? 0 : fail(s, err);
}

int ys_state_alerts_written(struct ys_state *s, struct ys_error *err)
{
	return step_done(s, s->q[Q_ALERT_WRITTEN], err);
}

int ys_state_each_baseline(struct ys_state *s, ys_baseline_fn fn, void *ctx, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_BASE_EACH];
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ys_baseline_row r;

		r.kind = (const char *)sqlite3_column_text(st, 0);
		r.subject = (const char *)sqlite3_column_text(st, 1);
		r.value = (const char *)sqlite3_column_text(st, 2);
		r.first = sqlite3_column_int64(st, 3);
		r.last = sqlite3_column_int64(st, 4);
		r.n = (uint64_t)sqlite3_column_int64(st, 5);
		if (!r.kind || !r.subject || !r.value)
			continue;
		stop = fn(ctx, &r);
	}
	sqlite3_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc == SQLITE_DONE ? 0 : fail(s, err);
}

int ys_state_put_baseline(struct ys_state *s, const struct ys_baseline_row *row,
			  struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_BASE_PUT];

	sqlite3_bind_text(st, 1, row->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, row->first);
	sqlite3_bind_int64(st, 5, row->last);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)row->n);
	return step_done(s, st, err);
}

int ys_state_put_cursor(struct ys_state *s, const char *scope, int64_t newest, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_CURSOR_PUT];

	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, newest);
	return step_done(s, st, err);
}

int ys_state_each_cursor(struct ys_state *s, int (*fn)(void *ctx, const char *scope, int64_t newest),
			 void *ctx, struct ys_error *err)
{
	sqlite3_stmt *st = s->q[Q_CURSOR_EACH];
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *scope = (const char *)sqlite3_column_text(st, 0);

		if (scope)
			stop = fn(ctx, scope, sqlite3_column_int64(st, 1));
	}
	sqlite3_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc == SQLITE_DONE ? 0 : fail(s, err);
}
