/* outbox.c: the queue of alerts to tell, in the state (sql.h): a row per alert and destination (the
 * destination named by the SHA-256 of how it was given, so no webhook secret is kept), marked
 * told one by one as destinations take them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "../base/hash.h"
#include "../json/jread.h"
#include "outbox.h"
#include "../store/sql.h"
#include "../banned.h"

#define MAX_BATCH 50 /* alerts in one digest message */

static const char schema_sqlite[] =
    "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY, dest TEXT, alert TEXT, body BLOB,"
    "  digest INTEGER, due INTEGER, tries INTEGER DEFAULT 0, error TEXT,"
    "  told INTEGER DEFAULT 0, UNIQUE(dest, alert));"
    "CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox(dest, due) WHERE told = 0;";
static const char schema_pg[] =
    "CREATE TABLE IF NOT EXISTS outbox(seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  dest TEXT, alert TEXT, body BYTEA, digest BIGINT, due BIGINT, tries BIGINT DEFAULT 0,"
    "  error TEXT, told BIGINT DEFAULT 0, UNIQUE(dest, alert));"
    "CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox(dest, due) WHERE told = 0;";

static const char *const steps_sqlite[] = {schema_sqlite};
static const char *const steps_pg[] = {schema_pg};
static const struct ys_sql_schema schema = {"outbox", steps_sqlite, steps_pg, 1, NULL, NULL};

struct ys_outbox {
	struct ys_sql *db;
	int own;
};

int ys_outbox_open(struct ys_sql *db, struct ys_outbox **out, struct ys_error *err)
{
	struct ys_outbox *o = calloc(1, sizeof(*o));
	int rc;

	if (!o)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	o->db = db;
	if (!db) {
		o->own = 1;
		if ((rc = ys_sql_open(":memory:", &o->db, err))) {
			free(o);
			return rc;
		}
	}
	if ((rc = ys_sql_migrate(o->db, &schema, err)))
		goto fail;
	*out = o;
	return 0;
fail:
	ys_outbox_close(o);
	return rc;
}

void ys_outbox_close(struct ys_outbox *o)
{
	if (!o)
		return;
	if (o->own)
		ys_sql_close(o->db);
	free(o);
}

static void dest_key(const struct ys_dest *d, char out[YS_SHA256_HEX])
{
	ys_sha256_hex(d->text, strlen(d->text), out);
}

int ys_outbox_add(struct ys_outbox *o, const struct ys_dest *d, const char *alert_id,
		  const char *json, size_t len, int digest, int64_t due, struct ys_error *err)
{
	struct ys_sql_stmt *st;
	char key[YS_SHA256_HEX];
	int rc;

	dest_key(d, key);
	if ((rc = ys_sql_prepare(o->db,
				 "INSERT INTO outbox(dest, alert, body, digest, due) "
				 "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(dest, alert) DO NOTHING",
				 &st, err)))
		return rc;
	ys_sql_bind_text(st, 1, key);
	ys_sql_bind_text(st, 2, alert_id);
	ys_sql_bind_blob(st, 3, json, len);
	ys_sql_bind_int64(st, 4, digest);
	ys_sql_bind_int64(st, 5, due);
	rc = ys_sql_run(st, err);
	ys_sql_finalize(st);
	return rc;
}

struct row {
	int64_t seq;
	char *json;
	int digest;
};

static void rows_free(struct row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].json);
	free(v);
}

/* The rows of dest due by now (all: every one), oldest first. */
static int due_rows(struct ys_outbox *o, const char *key, int64_t now, int all, struct row **out,
		    size_t *n, size_t *waiting, struct ys_error *err)
{
	struct ys_sql_stmt *st;
	struct row *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	/* on a server several workers may tell at once: each takes the rows no other holds */
	if ((rc = ys_sql_prepare(o->db,
				 ys_sql_engine(o->db) == YS_SQL_POSTGRES && ys_sql_in_transaction(o->db)
				     ? "SELECT seq, body, digest, due FROM outbox WHERE dest = ?1 AND "
				       "told = 0 ORDER BY seq FOR UPDATE SKIP LOCKED"
				     : "SELECT seq, body, digest, due FROM outbox WHERE dest = ?1 AND "
				       "told = 0 ORDER BY seq",
				 &st, err)))
		return rc;
	ys_sql_bind_text(st, 1, key);
	while ((rc = ys_sql_step(st, err)) > 0) {
		size_t len;
		const char *b = ys_sql_blob(st, 1, &len);

		if (!all && ys_sql_int64(st, 3) > now) {
			(*waiting)++;
			continue;
		}
		if (ys_grow(&v, &cap, *n, sizeof(*v), 16) || !(v[*n].json = malloc(len + 1))) {
			ys_sql_finalize(st);
			rows_free(v, *n);
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		}
		memcpy(v[*n].json, b ? b : "", len);
		v[*n].json[len] = 0;
		v[*n].seq = ys_sql_int64(st, 0);
		v[*n].digest = (int)ys_sql_int64(st, 2);
		(*n)++;
	}
	ys_sql_finalize(st);
	if (rc < 0) {
		rows_free(v, *n);
		return YS_EIO;
	}
	*out = v;
	return 0;
}

/* Told (ok) or not: the rows' mark, or their next try after a pause that doubles each time. */
static int mark(struct ys_outbox *o, const struct row *const *rows, size_t n, int ok,
		const char *why, int64_t now, struct ys_error *err)
{
	struct ys_sql_stmt *st;
	size_t i;
	int rc = 0;

	/* the pause: 15 s doubled with each try, at most 900 s */
	if ((rc = ys_sql_prepare(o->db,
				 ok ? "UPDATE outbox SET told = 1, error = NULL WHERE seq = ?1"
				    : "UPDATE outbox SET tries = tries + 1, error = ?2, due = CAST(?3 AS BIGINT) + "
				      "CASE WHEN tries >= 6 THEN 900 ELSE 15 * (1 << tries) END "
				      "WHERE seq = ?1",
				 &st, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		ys_sql_bind_int64(st, 1, rows[i]->seq);
		if (!ok) {
			ys_sql_bind_text(st, 2, why);
			ys_sql_bind_int64(st, 3, now);
		}
		rc = ys_sql_run(st, err);
	}
	ys_sql_finalize(st);
	return rc;
}

/* Tells one message of n rows to d. */
static int tell(struct ys_outbox *o, const struct ys_notify_ctx *c, const struct ys_dest *d,
		const struct row *const *rows, size_t n, int64_t now,
		void (*problem)(void *ctx, const char *msg), void *ctx, struct ys_outbox_result *res,
		struct ys_error *err)
{
	struct ys_jdoc **docs = calloc(n, sizeof(*docs));
	const struct ys_jval **alerts = calloc(n, sizeof(*alerts));
	const char **raw = calloc(n, sizeof(*raw));
	struct ys_error e = {0};
	size_t i, k = 0;
	int rc = 0;

	if (!docs || !alerts || !raw) {
		free(docs);
		free(alerts);
		free(raw);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		if (!ys_json_parse(rows[i]->json, strlen(rows[i]->json), &docs[k], &e)) {
			alerts[k] = ys_jdoc_root(docs[k]);
			raw[k] = rows[i]->json;
			k++;
		}
	if (k && ys_notify_send(c, d, alerts, raw, k, &e)) {
		res->failed += n;
		problem(ctx, e.msg);
		rc = mark(o, rows, n, 0, e.msg, now, err);
	} else {
		res->sent += n;
		rc = mark(o, rows, n, 1, NULL, now, err);
	}
	for (i = 0; i < k; i++)
		ys_jdoc_free(docs[i]);
	free(docs);
	free(alerts);
	free(raw);
	return rc;
}

int ys_outbox_deliver(struct ys_outbox *o, const struct ys_notify_ctx *c, const struct ys_dest *dests,
		      size_t ndests, int64_t now, int all, void (*problem)(void *ctx, const char *msg),
		      void *ctx, struct ys_outbox_result *res, struct ys_error *err)
{
	size_t i, j;
	int rc = 0, own_txn;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < ndests && !rc; i++) {
		char key[YS_SHA256_HEX];
		struct row *v = NULL;
		const struct row *batch[MAX_BATCH];
		size_t n = 0, nb = 0, failed_before = res->failed;

		dest_key(&dests[i], key);
		/* on a server, the rows told are held (and skipped by other workers) until marked */
		own_txn = ys_sql_engine(o->db) == YS_SQL_POSTGRES && !ys_sql_in_transaction(o->db);
		if (own_txn && (rc = ys_sql_begin(o->db, err)))
			break;
		if ((rc = due_rows(o, key, now, all, &v, &n, &res->waiting, err))) {
			if (own_txn)
				ys_sql_rollback(o->db);
			break;
		}
		/* urgent alerts one by one, then the digest; a destination that fails is left
		 * for its next try */
		for (j = 0; j < n && !rc && res->failed == failed_before; j++) {
			const struct row *one = &v[j];

			if (!v[j].digest)
				rc = tell(o, c, &dests[i], &one, 1, now, problem, ctx, res, err);
		}
		for (j = 0; j < n && !rc && res->failed == failed_before; j++) {
			if (!v[j].digest)
				continue;
			batch[nb++] = &v[j];
			if (nb == MAX_BATCH) {
				rc = tell(o, c, &dests[i], batch, nb, now, problem, ctx, res, err);
				nb = 0;
			}
		}
		if (nb && !rc && res->failed == failed_before)
			rc = tell(o, c, &dests[i], batch, nb, now, problem, ctx, res, err);
		rows_free(v, n);
		if (own_txn && (rc || (rc = ys_sql_commit(o->db, err))))
			ys_sql_rollback(o->db);
	}
	return rc;
}
