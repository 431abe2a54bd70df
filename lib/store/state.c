/* state.c: detect's state in SQLite (WAL: a commit survives the process being killed) */
#include <stdlib.h>
#include <string.h>
#include "../base/hash.h"
#include "sql.h"
#include "state.h"
#include "../banned.h"

/* Version 2: workers sharing one state (lease.h): each match, alert and baseline belongs to a
 * partition (an account; '' when one process reads everything), each alert names the worker that
 * raised it (its output holds it); the partitions leased and the workers alive. */
#define SCHEMA_2(INT)                                                                          \
	"ALTER TABLE matches ADD COLUMN part TEXT NOT NULL DEFAULT '';"                          \
	"ALTER TABLE alerts ADD COLUMN part TEXT NOT NULL DEFAULT '';"                           \
	"ALTER TABLE alerts ADD COLUMN worker TEXT NOT NULL DEFAULT '';"                         \
	"ALTER TABLE baselines ADD COLUMN part TEXT NOT NULL DEFAULT '';"                        \
	"CREATE INDEX IF NOT EXISTS matches_part ON matches(part, seq);"                         \
	"CREATE INDEX IF NOT EXISTS baselines_part ON baselines(part);"                          \
	"CREATE TABLE IF NOT EXISTS partitions(name TEXT PRIMARY KEY, owner TEXT,"              \
	"  lease_until " INT " NOT NULL DEFAULT 0);"                                            \
	"CREATE TABLE IF NOT EXISTS workers(name TEXT PRIMARY KEY, alive_until " INT " NOT NULL);"

/* The schema by version; each step moves a state one version on, on both engines.
 * Version 1: files read (by the first 16 bytes of their path's SHA-256: 50 bytes a file), the
 * records open correlation windows hold, alerts, baselines, watched buckets' cursors. */
static const char *const schema_sqlite[] = {
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
    "CREATE TABLE IF NOT EXISTS cursors(scope TEXT PRIMARY KEY, newest INTEGER);",
    SCHEMA_2("INTEGER"),
};
static const char *const schema_pg[] = {
    "CREATE TABLE IF NOT EXISTS seen(key BYTEA PRIMARY KEY, size BIGINT, mtime BIGINT,"
    "  records BIGINT);"
    "CREATE TABLE IF NOT EXISTS matches(seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  t BIGINT, file TEXT, record BYTEA);"
    "CREATE INDEX IF NOT EXISTS matches_t ON matches(t);"
    "CREATE TABLE IF NOT EXISTS alerts(seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  id TEXT UNIQUE, body BYTEA, out_offset BIGINT, written BIGINT);"
    "CREATE INDEX IF NOT EXISTS alerts_unwritten ON alerts(written) WHERE written = 0;"
    "CREATE TABLE IF NOT EXISTS baselines(kind TEXT, subject TEXT, value TEXT, first BIGINT,"
    "  last BIGINT, n BIGINT, PRIMARY KEY(kind, subject, value));"
    "CREATE TABLE IF NOT EXISTS cursors(scope TEXT PRIMARY KEY, newest BIGINT);",
    SCHEMA_2("BIGINT"),
};

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
    [Q_FILE_PUT] = "INSERT INTO seen(key, size, mtime, records) VALUES(?1,?2,?3,?4) "
		   "ON CONFLICT(key) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, "
		   "records = excluded.records",
    [Q_MATCH_ADD] = "INSERT INTO matches(t, file, record, part) VALUES(?1, ?2, ?3, ?4)",
    [Q_MATCH_EACH] = "SELECT file, record FROM matches WHERE part = ?1 ORDER BY seq",
    [Q_MATCH_PRUNE] = "DELETE FROM matches WHERE part = ?2 AND t < ?1",
    [Q_ALERT_GET] = "SELECT 1 FROM alerts WHERE id = ?1",
    [Q_ALERT_ADD] = "INSERT INTO alerts(id, body, out_offset, written, part, worker) "
		    "VALUES(?1, ?2, ?3, 0, ?4, ?5) ON CONFLICT(id) DO NOTHING",
    [Q_ALERT_EACH] = "SELECT body, out_offset, part, worker FROM alerts WHERE written = 0 "
		     "ORDER BY seq",
    [Q_ALERT_WRITTEN] = "UPDATE alerts SET written = 1 WHERE written = 0 AND part = ?1",
    [Q_BASE_EACH] = "SELECT kind, subject, value, first, last, n FROM baselines WHERE part = ?1 "
		    "ORDER BY kind, subject, value",
    [Q_BASE_PUT] = "INSERT INTO baselines(kind, subject, value, first, last, n, part) "
		   "VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(kind, subject, value) DO UPDATE SET "
		   "first = excluded.first, last = excluded.last, n = excluded.n, part = excluded.part",
    [Q_CURSOR_EACH] = "SELECT scope, newest FROM cursors ORDER BY scope",
    [Q_CURSOR_PUT] = "INSERT INTO cursors(scope, newest) VALUES(?1, ?2) ON CONFLICT(scope) "
		     "DO UPDATE SET newest = CASE WHEN excluded.newest > cursors.newest "
		     "THEN excluded.newest ELSE cursors.newest END",
};

struct ys_state {
	struct ys_sql *db;
	struct ys_sql_stmt *q[Q_COUNT];
};

struct ys_sql *ys_state_sql(struct ys_state *s)
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

/* A SQLite state from before files were kept hashed: its files table becomes the seen table. */
static int migrate_files(void *ctx, struct ys_sql *db, struct ys_error *err)
{
	struct ys_sql_stmt *get = NULL, *put = NULL;
	struct ys_error ignored = {0};
	int rc;

	(void)ctx;
	if (ys_sql_engine(db) != YS_SQL_SQLITE ||
	    ys_sql_prepare(db, "SELECT path, size, mtime, records FROM files", &get, &ignored))
		return 0; /* none */
	if ((rc = ys_sql_prepare(db, "INSERT OR REPLACE INTO seen VALUES(?1, ?2, ?3, ?4)", &put, err)))
		goto out;
	while ((rc = ys_sql_step(get, err)) > 0) {
		const char *p = ys_sql_text(get, 0);
		uint8_t key[16];

		if (!p)
			continue;
		file_key(p, key);
		ys_sql_bind_blob(put, 1, key, 16);
		ys_sql_bind_int64(put, 2, ys_sql_int64(get, 1));
		ys_sql_bind_int64(put, 3, ys_sql_int64(get, 2));
		ys_sql_bind_int64(put, 4, ys_sql_int64(get, 3));
		if ((rc = ys_sql_run(put, err)))
			break;
	}
	ys_sql_finalize(get);
	get = NULL;
	if (rc == 0)
		rc = ys_sql_exec(db, "DROP TABLE files", err);
out:
	ys_sql_finalize(get);
	ys_sql_finalize(put);
	return rc < 0 ? YS_EIO : rc;
}

static const struct ys_sql_schema schema = {
    "state", schema_sqlite, schema_pg, sizeof(schema_sqlite) / sizeof(schema_sqlite[0]),
    migrate_files, NULL,
};

int ys_state_open(const char *where, struct ys_state **out, struct ys_error *err)
{
	struct ys_state *s = calloc(1, sizeof(*s));
	size_t i;
	int rc;

	if (!s)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if ((rc = ys_sql_open(where, &s->db, err)) || (rc = ys_sql_migrate(s->db, &schema, err))) {
		ys_state_close(s);
		return rc;
	}
	for (i = 0; i < Q_COUNT; i++) {
		if ((rc = ys_sql_prepare(s->db, sql[i], &s->q[i], err))) {
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
		ys_sql_finalize(s->q[i]);
	ys_sql_close(s->db);
	free(s);
}

int ys_state_begin(struct ys_state *s, struct ys_error *err)
{
	return ys_sql_begin(s->db, err);
}

int ys_state_commit(struct ys_state *s, struct ys_error *err)
{
	return ys_sql_commit(s->db, err);
}

int ys_state_rollback(struct ys_state *s)
{
	return ys_sql_rollback(s->db);
}

/* A file's row: *found, and the size and time it was read at. */
static int file_row(struct ys_state *s, const char *path, int *found, int64_t *size,
		    int64_t *mtime, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_FILE_GET];
	uint8_t key[16];
	int rc;

	file_key(path, key);
	ys_sql_bind_blob(st, 1, key, 16);
	rc = ys_sql_step(st, err);
	if ((*found = rc > 0)) {
		*size = ys_sql_int64(st, 0);
		*mtime = ys_sql_int64(st, 1);
	}
	ys_sql_reset(st);
	return rc < 0 ? YS_EIO : 0;
}

int ys_state_file_read(struct ys_state *s, const char *path, int64_t size, int64_t mtime, int *done,
		       struct ys_error *err)
{
	int64_t sz = 0, mt = 0;
	int rc = file_row(s, path, done, &sz, &mt, err);

	*done = *done && sz == size && mt == mtime;
	return rc;
}

int ys_state_path_read(struct ys_state *s, const char *path, int *done, struct ys_error *err)
{
	int64_t sz, mt;

	return file_row(s, path, done, &sz, &mt, err);
}

int ys_state_mark_file(struct ys_state *s, const char *path, int64_t size, int64_t mtime,
		       uint64_t records, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_FILE_PUT];
	uint8_t key[16];

	file_key(path, key);
	ys_sql_bind_blob(st, 1, key, 16);
	ys_sql_bind_int64(st, 2, size);
	ys_sql_bind_int64(st, 3, mtime);
	ys_sql_bind_int64(st, 4, (int64_t)records);
	return ys_sql_run(st, err);
}

int ys_state_add_match(struct ys_state *s, const char *part, int64_t t, const char *file,
		       const char *json, size_t len, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_MATCH_ADD];

	ys_sql_bind_int64(st, 1, t);
	ys_sql_bind_text(st, 2, file);
	ys_sql_bind_blob(st, 3, json, len);
	ys_sql_bind_text(st, 4, part);
	return ys_sql_run(st, err);
}

/* Steps through a statement's rows, calling each(row) until it says stop. */
static int each_row(struct ys_sql_stmt *st, int (*each)(struct ys_sql_stmt *, void *), void *arg,
		    struct ys_error *err)
{
	int rc, stop = 0;

	while (!stop && (rc = ys_sql_step(st, err)) > 0)
		stop = each(st, arg);
	ys_sql_reset(st);
	if (stop)
		return YS_ESTOP;
	return rc < 0 ? YS_EIO : 0;
}

struct match_cb {
	ys_state_match_fn fn;
	void *ctx;
};

static int match_row(struct ys_sql_stmt *st, void *arg)
{
	struct match_cb *c = arg;
	size_t len;
	const char *rec = ys_sql_blob(st, 1, &len);

	return c->fn(c->ctx, ys_sql_text(st, 0), rec, len);
}

int ys_state_each_match(struct ys_state *s, const char *part, ys_state_match_fn fn, void *ctx,
			struct ys_error *err)
{
	struct match_cb c = {fn, ctx};

	ys_sql_bind_text(s->q[Q_MATCH_EACH], 1, part);
	return each_row(s->q[Q_MATCH_EACH], match_row, &c, err);
}

int ys_state_prune_matches(struct ys_state *s, const char *part, int64_t t, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_MATCH_PRUNE];

	ys_sql_bind_int64(st, 1, t);
	ys_sql_bind_text(st, 2, part);
	return ys_sql_run(st, err);
}

int ys_state_alert_seen(struct ys_state *s, const char *id, int *seen, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_ALERT_GET];
	int rc;

	ys_sql_bind_text(st, 1, id);
	rc = ys_sql_step(st, err);
	*seen = rc > 0;
	ys_sql_reset(st);
	return rc < 0 ? YS_EIO : 0;
}

int ys_state_add_alert(struct ys_state *s, const struct ys_state_who *who, const char *id,
		       const char *body, size_t len, int64_t offset, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_ALERT_ADD];

	ys_sql_bind_text(st, 1, id);
	ys_sql_bind_blob(st, 2, body, len);
	ys_sql_bind_int64(st, 3, offset);
	ys_sql_bind_text(st, 4, who->part);
	ys_sql_bind_text(st, 5, who->worker);
	return ys_sql_run(st, err);
}

struct alert_cb {
	ys_state_alert_fn fn;
	void *ctx;
};

static int alert_row(struct ys_sql_stmt *st, void *arg)
{
	struct alert_cb *c = arg;
	size_t len;
	const char *body = ys_sql_blob(st, 0, &len), *part = ys_sql_text(st, 2),
		   *worker = ys_sql_text(st, 3);
	struct ys_state_who who = {part ? part : "", worker ? worker : ""};

	return c->fn(c->ctx, body, len, ys_sql_int64(st, 1), &who);
}

int ys_state_each_unwritten(struct ys_state *s, ys_state_alert_fn fn, void *ctx,
			    struct ys_error *err)
{
	struct alert_cb c = {fn, ctx};

	return each_row(s->q[Q_ALERT_EACH], alert_row, &c, err);
}

int ys_state_alerts_written(struct ys_state *s, const char *part, struct ys_error *err)
{
	ys_sql_bind_text(s->q[Q_ALERT_WRITTEN], 1, part);
	return ys_sql_run(s->q[Q_ALERT_WRITTEN], err);
}

struct base_cb {
	ys_baseline_fn fn;
	void *ctx;
};

static int base_row(struct ys_sql_stmt *st, void *arg)
{
	struct base_cb *c = arg;
	struct ys_baseline_row r;

	r.kind = ys_sql_text(st, 0);
	r.subject = ys_sql_text(st, 1);
	r.value = ys_sql_text(st, 2);
	r.first = ys_sql_int64(st, 3);
	r.last = ys_sql_int64(st, 4);
	r.n = (uint64_t)ys_sql_int64(st, 5);
	if (!r.kind || !r.subject || !r.value)
		return 0;
	return c->fn(c->ctx, &r);
}

int ys_state_each_baseline(struct ys_state *s, const char *part, ys_baseline_fn fn, void *ctx,
			   struct ys_error *err)
{
	struct base_cb c = {fn, ctx};

	ys_sql_bind_text(s->q[Q_BASE_EACH], 1, part);
	return each_row(s->q[Q_BASE_EACH], base_row, &c, err);
}

int ys_state_put_baseline(struct ys_state *s, const char *part, const struct ys_baseline_row *row,
			  struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_BASE_PUT];

	ys_sql_bind_text(st, 1, row->kind);
	ys_sql_bind_text(st, 2, row->subject);
	ys_sql_bind_text(st, 3, row->value);
	ys_sql_bind_int64(st, 4, row->first);
	ys_sql_bind_int64(st, 5, row->last);
	ys_sql_bind_int64(st, 6, (int64_t)row->n);
	ys_sql_bind_text(st, 7, part);
	return ys_sql_run(st, err);
}

int ys_state_put_cursor(struct ys_state *s, const char *scope, int64_t newest, struct ys_error *err)
{
	struct ys_sql_stmt *st = s->q[Q_CURSOR_PUT];

	ys_sql_bind_text(st, 1, scope);
	ys_sql_bind_int64(st, 2, newest);
	return ys_sql_run(st, err);
}

struct cursor_cb {
	int (*fn)(void *ctx, const char *scope, int64_t newest);
	void *ctx;
};

static int cursor_row(struct ys_sql_stmt *st, void *arg)
{
	struct cursor_cb *c = arg;
	const char *scope = ys_sql_text(st, 0);

	return scope ? c->fn(c->ctx, scope, ys_sql_int64(st, 1)) : 0;
}

int ys_state_each_cursor(struct ys_state *s, int (*fn)(void *ctx, const char *scope, int64_t newest),
			 void *ctx, struct ys_error *err)
{
	struct cursor_cb c = {fn, ctx};

	return each_row(s->q[Q_CURSOR_EACH], cursor_row, &c, err);
}
