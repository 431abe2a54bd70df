/* history.c: audit runs, their snapshot files and findings, in SQLite (WAL) */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "history.h"
#include "../base/hash.h"
#include "../banned.h"

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS audit_runs(id INTEGER PRIMARY KEY, account TEXT, snapshot TEXT,"
    "  taken INTEGER, recorded INTEGER);"
    "CREATE INDEX IF NOT EXISTS audit_runs_account ON audit_runs(account, id);"
    /* a file's text once, however many runs hold it unchanged */
    "CREATE TABLE IF NOT EXISTS audit_blobs(hash TEXT PRIMARY KEY, size INTEGER, body BLOB);"
    "CREATE TABLE IF NOT EXISTS audit_files(run INTEGER, rel TEXT, hash TEXT,"
    "  PRIMARY KEY(run, rel));"
    "CREATE TABLE IF NOT EXISTS audit_findings(run INTEGER, check_id TEXT, status TEXT,"
    "  severity TEXT, resource TEXT, region TEXT, message TEXT);"
    "CREATE INDEX IF NOT EXISTS audit_findings_run ON audit_findings(run);";

enum { Q_LAST, Q_RUN, Q_BLOB, Q_FILE, Q_FINDING, Q_EACH_FILE, Q_EACH_FINDING, Q_COUNT };

static const char *const sql[Q_COUNT] = {
    [Q_LAST] = "SELECT id, taken, snapshot FROM audit_runs WHERE account = ?1 "
	       "ORDER BY id DESC LIMIT 1",
    [Q_RUN] = "INSERT INTO audit_runs(account, snapshot, taken, recorded) VALUES(?1,?2,?3,?4)",
    [Q_BLOB] = "INSERT OR IGNORE INTO audit_blobs(hash, size, body) VALUES(?1,?2,?3)",
    [Q_FILE] = "INSERT OR REPLACE INTO audit_files(run, rel, hash) VALUES(?1,?2,?3)",
    [Q_FINDING] = "INSERT INTO audit_findings(run, check_id, status, severity, resource, region,"
		  " message) VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [Q_EACH_FILE] = "SELECT f.rel, b.size, b.body FROM audit_files f JOIN audit_blobs b "
		    "ON b.hash = f.hash WHERE f.run = ?1 ORDER BY f.rel",
    [Q_EACH_FINDING] = "SELECT check_id, status, severity, resource, region, message FROM "
		       "audit_findings WHERE run = ?1 ORDER BY rowid",
};

struct ys_history {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q_COUNT];
};

static int fail(struct ys_history *h, struct ys_error *err)
{
	return ys_error_set(err, YS_EIO, "state '%s': %s", h->path, sqlite3_errmsg(h->db));
}

int ys_history_open(const char *path, struct ys_history **out, struct ys_error *err)
{
	struct ys_history *h = calloc(1, sizeof(*h));
	size_t i;
	int rc;

	if (!h || !(h->path = strdup(path))) {
		free(h);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
		SQLITE_OK ||
	    sqlite3_busy_timeout(h->db, 10000) != SQLITE_OK ||
	    sqlite3_exec(h->db, schema, NULL, NULL, NULL) != SQLITE_OK)
		goto bad;
	for (i = 0; i < Q_COUNT; i++)
		if (sqlite3_prepare_v3(h->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &h->q[i], NULL) !=
		    SQLITE_OK)
			goto bad;
	*out = h;
	return 0;
bad:
	rc = h->db ? fail(h, err) : ys_error_set(err, YS_ENOMEM, "state '%s': out of memory", path);
	ys_history_close(h);
	return rc;
}

void ys_history_close(struct ys_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(h->q[i]);
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

static int exec(struct ys_history *h, const char *q, struct ys_error *err)
{
	return sqlite3_exec(h->db, q, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(h, err);
}

struct sqlite3 *ys_history_db(struct ys_history *h)
{
	return h->db;
}

int ys_history_begin(struct ys_history *h, struct ys_error *err)
{
	return exec(h, "BEGIN IMMEDIATE", err);
}

int ys_history_commit(struct ys_history *h, struct ys_error *err)
{
	return exec(h, "COMMIT", err);
}

void ys_history_rollback(struct ys_history *h)
{
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

static int step_done(struct ys_history *h, sqlite3_stmt *st, struct ys_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : fail(h, err);
}

int ys_history_last(struct ys_history *h, const char *account, int64_t *run, int64_t *taken,
		    char *where, size_t n, struct ys_error *err)
{
	sqlite3_stmt *st = h->q[Q_LAST];
	int rc;

	*run = 0;
	*taken = -1;
	if (n)
		*where = '\0';
	sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 2);

		*run = sqlite3_column_int64(st, 0);
		*taken = sqlite3_column_int64(st, 1);
		if (n && s)
			snprintf(where, n, "%s", s);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(h, err);
}

int ys_history_add_run(struct ys_history *h, const char *account, const char *snapshot,
		       int64_t taken, int64_t recorded, int64_t *run, struct ys_error *err)
{
	sqlite3_stmt *st = h->q[Q_RUN];
	int rc;

	sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, snapshot, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, taken);
	sqlite3_bind_int64(st, 4, recorded);
	if ((rc = step_done(h, st, err)))
		return rc;
	*run = sqlite3_last_insert_rowid(h->db);
	return 0;
}

int ys_history_add_file(struct ys_history *h, int64_t run, const char *rel, const char *text,
			size_t len, struct ys_error *err)
{
	char hash[YS_SHA256_HEX];
	uLongf zlen = compressBound((uLong)len);
	Bytef *z = malloc(zlen ? zlen : 1);
	sqlite3_stmt *st = h->q[Q_BLOB];
	int rc;

	if (!z)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (compress2(z, &zlen, (const Bytef *)text, (uLong)len, 6) != Z_OK) {
		free(z);
		return ys_error_set(err, YS_ENOMEM, "state '%s': cannot compress %s", h->path, rel);
	}
	ys_sha256_hex(text, len, hash);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
	sqlite3_bind_blob64(st, 3, z, zlen, SQLITE_STATIC);
	rc = step_done(h, st, err);
	free(z);
	if (rc)
		return rc;
	st = h->q[Q_FILE];
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_text(st, 2, rel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	return step_done(h, st, err);
}

int ys_history_add_finding(struct ys_history *h, int64_t run, const struct ys_dfinding *f,
			   struct ys_error *err)
{
	sqlite3_stmt *st = h->q[Q_FINDING];
	const char *const cols[] = {f->check,	 f->status, f->severity,
				    f->resource, f->region, f->message};
	int i;

	sqlite3_bind_int64(st, 1, run);
	for (i = 0; i < 6; i++)
		sqlite3_bind_text(st, i + 2, cols[i], -1, SQLITE_STATIC);
	return step_done(h, st, err);
}

int ys_history_each_file(struct ys_history *h, int64_t run, ys_hfile_fn fn, void *ctx,
			 struct ys_error *err)
{
	sqlite3_stmt *st = h->q[Q_EACH_FILE];
	int rc, stop = 0;

	sqlite3_bind_int64(st, 1, run);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rel = (const char *)sqlite3_column_text(st, 0);
		sqlite3_int64 size = sqlite3_column_int64(st, 1);
		const void *z = sqlite3_column_blob(st, 2);
		uLongf len = (uLongf)size;
		char *text = malloc((size_t)size + 1);

		if (!text || size < 0 ||
		    uncompress((Bytef *)text, &len, z, (uLong)sqlite3_column_bytes(st, 2)) != Z_OK ||
		    len != (uLongf)size) {
			free(text);
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return ys_error_set(err, YS_EIO, "state '%s': run %lld's copy of %s is damaged",
					    h->path, (long long)run, rel ? rel : "a file");
		}
		text[len] = '\0';
		stop = fn(ctx, rel, text, (size_t)len);
		free(text);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (stop)
		return YS_ESTOP;
	return rc == SQLITE_DONE ? 0 : fail(h, err);
}

int ys_history_each_finding(struct ys_history *h, int64_t run, ys_dfinding_fn fn, void *ctx,
			    struct ys_error *err)
{
	sqlite3_stmt *st = h->q[Q_EACH_FINDING];
	int rc, stop = 0;

	sqlite3_bind_int64(st, 1, run);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ys_dfinding f;
		const char **cols[] = {&f.check,    &f.status, &f.severity,
				       &f.resource, &f.region, &f.message};
		int i;

		for (i = 0; i < 6; i++) {
			const char *s = (const char *)sqlite3_column_text(st, i);

			*cols[i] = s ? s : "";
		}
		stop = fn(ctx, &f);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (stop)
		return YS_ESTOP;
	return rc == SQLITE_DONE ? 0 : fail(h, err);
}

static int side_file(void *ctx, const char *rel, const char *text, size_t len)
{
	return ys_aside_add_file(ctx, rel, text, len);
}

static int side_finding(void *ctx, const struct ys_dfinding *f)
{
	return ys_aside_add_finding(ctx, f);
}

int ys_history_side(struct ys_history *h, int64_t run, struct ys_aside *side,
		    struct ys_error *err)
{
	int rc = ys_history_each_file(h, run, side_file, side, err);

	if (!rc)
		rc = ys_history_each_finding(h, run, side_finding, side, err);
	if (rc == YS_ESTOP)
		rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	return rc;
}

int ys_history_record(struct ys_history *h, const struct ys_aside *side, const char *account,
		      int64_t recorded, int64_t *run, struct ys_error *err)
{
	size_t i;
	int rc;

	if ((rc = ys_history_begin(h, err)))
		return rc;
	rc = ys_history_add_run(h, account, side->label, side->taken, recorded, run, err);
	for (i = 0; !rc && i < side->nfiles; i++)
		rc = ys_history_add_file(h, *run, side->files[i].rel, side->files[i].text,
					 side->files[i].len, err);
	for (i = 0; !rc && i < side->nf; i++)
		rc = ys_history_add_finding(h, *run, &side->f[i], err);
	if (!rc)
		rc = ys_history_commit(h, err);
	if (rc)
		ys_history_rollback(h);
	return rc;
}
