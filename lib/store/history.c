/* history.c: audit runs, their snapshot files and findings, in the state (sql.h) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "history.h"
#include "sql.h"
#include "../base/hash.h"
#include "../banned.h"

static const char schema_sqlite[] =
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
static const char schema_pg[] =
    "CREATE TABLE IF NOT EXISTS audit_runs(id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  account TEXT, snapshot TEXT, taken BIGINT, recorded BIGINT);"
    "CREATE INDEX IF NOT EXISTS audit_runs_account ON audit_runs(account, id);"
    "CREATE TABLE IF NOT EXISTS audit_blobs(hash TEXT PRIMARY KEY, size BIGINT, body BYTEA);"
    "CREATE TABLE IF NOT EXISTS audit_files(run BIGINT, rel TEXT, hash TEXT,"
    "  PRIMARY KEY(run, rel));"
    "CREATE TABLE IF NOT EXISTS audit_findings(seq BIGINT GENERATED ALWAYS AS IDENTITY,"
    "  run BIGINT, check_id TEXT, status TEXT, severity TEXT, resource TEXT, region TEXT,"
    "  message TEXT);"
    "CREATE INDEX IF NOT EXISTS audit_findings_run ON audit_findings(run, seq);";

enum { Q_LAST, Q_RUN, Q_BLOB, Q_FILE, Q_FINDING, Q_EACH_FILE, Q_EACH_FINDING, Q_COUNT };

static const char *const sql[Q_COUNT] = {
    [Q_LAST] = "SELECT id, taken, snapshot FROM audit_runs WHERE account = ?1 "
	       "ORDER BY id DESC LIMIT 1",
    [Q_RUN] = "INSERT INTO audit_runs(account, snapshot, taken, recorded) VALUES(?1,?2,?3,?4) "
	      "RETURNING id",
    [Q_BLOB] = "INSERT INTO audit_blobs(hash, size, body) VALUES(?1,?2,?3) "
	       "ON CONFLICT(hash) DO NOTHING",
    [Q_FILE] = "INSERT INTO audit_files(run, rel, hash) VALUES(?1,?2,?3) "
	       "ON CONFLICT(run, rel) DO UPDATE SET hash = excluded.hash",
    [Q_FINDING] = "INSERT INTO audit_findings(run, check_id, status, severity, resource, region,"
		  " message) VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [Q_EACH_FILE] = "SELECT f.rel, b.size, b.body FROM audit_files f JOIN audit_blobs b "
		    "ON b.hash = f.hash WHERE f.run = ?1 ORDER BY f.rel",
    [Q_EACH_FINDING] = "SELECT check_id, status, severity, resource, region, message FROM "
		       "audit_findings WHERE run = ?1 ORDER BY rowid",
};
/* PostgreSQL has no rowid: its findings table keeps their order in seq */
static const char each_finding_pg[] =
    "SELECT check_id, status, severity, resource, region, message FROM "
    "audit_findings WHERE run = ?1 ORDER BY seq";

struct ys_history {
	struct ys_sql *db;
	struct ys_sql_stmt *q[Q_COUNT];
};

static const char *const steps_sqlite[] = {schema_sqlite};
static const char *const steps_pg[] = {schema_pg};
static const struct ys_sql_schema schema = {"audit", steps_sqlite, steps_pg, 1, NULL, NULL};

int ys_history_open(const char *where, struct ys_history **out, struct ys_error *err)
{
	struct ys_history *h = calloc(1, sizeof(*h));
	size_t i;
	int rc;

	if (!h)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if ((rc = ys_sql_open(where, &h->db, err)) || (rc = ys_sql_migrate(h->db, &schema, err)))
		goto bad;
	for (i = 0; i < Q_COUNT; i++) {
		const char *q = i == Q_EACH_FINDING && ys_sql_engine(h->db) == YS_SQL_POSTGRES
				    ? each_finding_pg
				    : sql[i];

		if ((rc = ys_sql_prepare(h->db, q, &h->q[i], err)))
			goto bad;
	}
	*out = h;
	return 0;
bad:
	ys_history_close(h);
	return rc;
}

void ys_history_close(struct ys_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < Q_COUNT; i++)
		ys_sql_finalize(h->q[i]);
	ys_sql_close(h->db);
	free(h);
}

struct ys_sql *ys_history_sql(struct ys_history *h)
{
	return h->db;
}

int ys_history_begin(struct ys_history *h, struct ys_error *err)
{
	return ys_sql_begin(h->db, err);
}

int ys_history_commit(struct ys_history *h, struct ys_error *err)
{
	return ys_sql_commit(h->db, err);
}

void ys_history_rollback(struct ys_history *h)
{
	ys_sql_rollback(h->db);
}

int ys_history_last(struct ys_history *h, const char *account, int64_t *run, int64_t *taken,
		    char *where, size_t n, struct ys_error *err)
{
	struct ys_sql_stmt *st = h->q[Q_LAST];
	int rc;

	*run = 0;
	*taken = -1;
	if (n)
		*where = '\0';
	ys_sql_bind_text(st, 1, account);
	if ((rc = ys_sql_step(st, err)) > 0) {
		const char *s = ys_sql_text(st, 2);

		*run = ys_sql_int64(st, 0);
		*taken = ys_sql_int64(st, 1);
		if (n && s)
			snprintf(where, n, "%s", s);
	}
	ys_sql_reset(st);
	return rc < 0 ? YS_EIO : 0;
}

int ys_history_add_run(struct ys_history *h, const char *account, const char *snapshot,
		       int64_t taken, int64_t recorded, int64_t *run, struct ys_error *err)
{
	struct ys_sql_stmt *st = h->q[Q_RUN];
	int rc;

	ys_sql_bind_text(st, 1, account);
	ys_sql_bind_text(st, 2, snapshot);
	ys_sql_bind_int64(st, 3, taken);
	ys_sql_bind_int64(st, 4, recorded);
	if ((rc = ys_sql_step(st, err)) > 0)
		*run = ys_sql_int64(st, 0);
	ys_sql_reset(st);
	return rc > 0 ? 0 : rc < 0 ? YS_EIO : ys_error_set(err, YS_EIO, "state: no run number");
}

int ys_history_add_file(struct ys_history *h, int64_t run, const char *rel, const char *text,
			size_t len, struct ys_error *err)
{
	char hash[YS_SHA256_HEX];
	uLongf zlen = compressBound((uLong)len);
	Bytef *z = malloc(zlen ? zlen : 1);
	struct ys_sql_stmt *st = h->q[Q_BLOB];
	int rc;

	if (!z)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (compress2(z, &zlen, (const Bytef *)text, (uLong)len, 6) != Z_OK) {
		free(z);
		return ys_error_set(err, YS_ENOMEM, "state '%s': cannot compress %s",
				    ys_sql_name(h->db), rel);
	}
	ys_sha256_hex(text, len, hash);
	ys_sql_bind_text(st, 1, hash);
	ys_sql_bind_int64(st, 2, (int64_t)len);
	ys_sql_bind_blob(st, 3, z, zlen);
	rc = ys_sql_run(st, err);
	free(z);
	if (rc)
		return rc;
	st = h->q[Q_FILE];
	ys_sql_bind_int64(st, 1, run);
	ys_sql_bind_text(st, 2, rel);
	ys_sql_bind_text(st, 3, hash);
	return ys_sql_run(st, err);
}

int ys_history_add_finding(struct ys_history *h, int64_t run, const struct ys_dfinding *f,
			   struct ys_error *err)
{
	struct ys_sql_stmt *st = h->q[Q_FINDING];
	const char *const cols[] = {f->check,	 f->status, f->severity,
				    f->resource, f->region, f->message};
	int i;

	ys_sql_bind_int64(st, 1, run);
	for (i = 0; i < 6; i++)
		ys_sql_bind_text(st, i + 2, cols[i]);
	return ys_sql_run(st, err);
}

int ys_history_each_file(struct ys_history *h, int64_t run, ys_hfile_fn fn, void *ctx,
			 struct ys_error *err)
{
	struct ys_sql_stmt *st = h->q[Q_EACH_FILE];
	int rc, stop = 0;

	ys_sql_bind_int64(st, 1, run);
	while (!stop && (rc = ys_sql_step(st, err)) > 0) {
		const char *rel = ys_sql_text(st, 0);
		int64_t size = ys_sql_int64(st, 1);
		size_t zlen;
		const void *z = ys_sql_blob(st, 2, &zlen);
		uLongf len = (uLongf)size;
		char *text = size >= 0 ? malloc((size_t)size + 1) : NULL;

		if (!text || !z || uncompress((Bytef *)text, &len, z, (uLong)zlen) != Z_OK ||
		    len != (uLongf)size) {
			free(text);
			ys_sql_reset(st);
			return ys_error_set(err, YS_EIO, "state '%s': run %lld's copy of %s is damaged",
					    ys_sql_name(h->db), (long long)run, rel ? rel : "a file");
		}
		text[len] = '\0';
		stop = fn(ctx, rel, text, (size_t)len);
		free(text);
	}
	ys_sql_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc < 0 ? YS_EIO : 0;
}

int ys_history_each_finding(struct ys_history *h, int64_t run, ys_dfinding_fn fn, void *ctx,
			    struct ys_error *err)
{
	struct ys_sql_stmt *st = h->q[Q_EACH_FINDING];
	int rc, stop = 0;

	ys_sql_bind_int64(st, 1, run);
	while (!stop && (rc = ys_sql_step(st, err)) > 0) {
		struct ys_dfinding f;
		const char **cols[] = {&f.check,    &f.status, &f.severity,
				       &f.resource, &f.region, &f.message};
		int i;

		for (i = 0; i < 6; i++) {
			const char *s = ys_sql_text(st, i);

			*cols[i] = s ? s : "";
		}
		stop = fn(ctx, &f);
	}
	ys_sql_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc < 0 ? YS_EIO : 0;
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
