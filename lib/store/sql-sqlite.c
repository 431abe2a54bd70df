/* sql-sqlite.c: sql.h on SQLite: a file, written ahead (WAL) so a commit survives a kill -9 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "sql-int.h"
#include "../banned.h"

static int fail(struct ys_sql *db, struct ys_error *err)
{
	return ys_error_set(err, YS_EIO, "state '%s': %s", db->name,
			    db->h ? sqlite3_errmsg(db->h) : "out of memory");
}

int ys_sql_sqlite_open(struct ys_sql *db, const char *path, struct ys_error *err)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		db->h = h;
		return fail(db, err);
	}
	db->h = h;
	if (sqlite3_busy_timeout(h, 10000) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL) !=
		SQLITE_OK)
		return fail(db, err);
	return 0;
}

static void sq_close(struct ys_sql *db)
{
	sqlite3_close(db->h);
}

static int sq_exec(struct ys_sql *db, const char *sql, struct ys_error *err)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(db, err);
}

static int sq_prepare(struct ys_sql_stmt *st, const char *sql, struct ys_error *err)
{
	sqlite3_stmt *h = NULL;

	if (sqlite3_prepare_v3(st->db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &h, NULL) != SQLITE_OK)
		return fail(st->db, err);
	st->h = h;
	st->nparams = sqlite3_bind_parameter_count(h);
	return 0;
}

static void sq_finalize(struct ys_sql_stmt *st)
{
	sqlite3_finalize(st->h);
}

static void bind_all(struct ys_sql_stmt *st)
{
	int i;

	for (i = 0; i < st->nparams && i < YS_SQL_MAX_PARAMS; i++) {
		const struct param *p = &st->p[i];

		switch (p->kind) {
		case P_INT:
			sqlite3_bind_int64(st->h, i + 1, p->i);
			break;
		case P_TEXT:
			sqlite3_bind_text(st->h, i + 1, p->buf, (int)p->len, SQLITE_STATIC);
			break;
		case P_BLOB:
			sqlite3_bind_blob64(st->h, i + 1, p->buf, p->len, SQLITE_STATIC);
			break;
		default:
			sqlite3_bind_null(st->h, i + 1);
		}
	}
}

static int sq_step(struct ys_sql_stmt *st, struct ys_error *err)
{
	int rc;

	if (!st->started) {
		bind_all(st);
		st->started = 1;
	}
	rc = sqlite3_step(st->h);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	fail(st->db, err);
	return -1;
}

static int64_t sq_int64(struct ys_sql_stmt *st, int col)
{
	return sqlite3_column_int64(st->h, col);
}

static const char *sq_text(struct ys_sql_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->h, col);
}

static const void *sq_blob(struct ys_sql_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(st->h, col);

	*len = (size_t)sqlite3_column_bytes(st->h, col);
	return p;
}

static int sq_is_null(struct ys_sql_stmt *st, int col)
{
	return sqlite3_column_type(st->h, col) == SQLITE_NULL;
}

static void sq_reset(struct ys_sql_stmt *st)
{
	sqlite3_reset(st->h);
	sqlite3_clear_bindings(st->h);
}

const struct ys_sql_ops ys_sql_sqlite_ops = {
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.step = sq_step,
	.int64 = sq_int64,
	.text = sq_text,
	.blob = sq_blob,
	.is_null = sq_is_null,
	.reset = sq_reset,
	.close = sq_close,
};
