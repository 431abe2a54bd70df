/* outbox.c: the queue of alerts to tell, in SQLite: a row per alert and destination (the
 * destination named by the SHA-256 of how it was given, so no webhook secret is kept), marked
 * told one by one as destinations take them */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "../base/hash.h"
#include "../json/jread.h"
#include "outbox.h"
#include "../banned.h"

#define MAX_BATCH 50 /* alerts in one digest message */

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY, dest TEXT, alert TEXT, body BLOB,"
    "  digest INTEGER, due INTEGER, tries INTEGER DEFAULT 0, error TEXT,"
    "  told INTEGER DEFAULT 0, UNIQUE(dest, alert));"
    "CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox(dest, due) WHERE told = 0;";

struct ys_outbox {
	sqlite3 *db;
	int own;
};

static int fail(sqlite3 *db, struct ys_error *err)
{
	return ys_error_set(err, YS_EIO, "the notification queue: %s", sqlite3_errmsg(db));
}

int ys_outbox_open(struct sqlite3 *db, struct ys_outbox **out, struct ys_error *err)
{
	struct ys_outbox *o = calloc(1, sizeof(*o));

	if (!o)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	o->db = db;
	if (!db) {
		o->own = 1;
		if (sqlite3_open(":memory:", &o->db) != SQLITE_OK) {
			free(o);
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		}
	}
	if (sqlite3_exec(o->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		int rc = fail(o->db, err);

		ys_outbox_close(o);
		return rc;
	}
	*out = o;
	return 0;
}

void ys_outbox_close(struct ys_outbox *o)
{
	if (!o)
		return;
	if (o->own)
		sqlite3_close(o->db);
	free(o);
}

static void dest_key(const struct ys_dest *d, char out[YS_SHA256_HEX])
{
	ys_sha256_hex(d->text, strlen(d->text), out);
}

int ys_outbox_add(struct ys_outbox *o, const struct ys_dest *d, const char *alert_id,
		  const char *json, size_t len, int digest, int64_t due, struct ys_error *err)
{
	sqlite3_stmt *st;
	char key[YS_SHA256_HEX];
	int rc;

	dest_key(d, key);
	if (sqlite3_prepare_v2(o->db,
			       "INSERT OR IGNORE INTO outbox(dest, alert, body, digest, due) "
			       "VALUES(?1, ?2, ?3, ?4, ?5)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(o->db, err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, alert_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(st, 3, json, len, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, digest);
	sqlite3_bind_int64(st, 5, due);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(o->db, err);
	sqlite3_finalize(st);
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
	sqlite3_stmt *st;
	struct row *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (sqlite3_prepare_v2(o->db,
			       "SELECT seq, body, digest, due FROM outbox WHERE dest = ?1 AND told = 0 "
			       "ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(o->db, err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_blob(st, 1);
		int len = sqlite3_column_bytes(st, 1);

		if (!all && sqlite3_column_int64(st, 3) > now) {
			(*waiting)++;
			continue;
		}
		if (ys_grow(&v, &cap, *n, sizeof(*v), 16) || !(v[*n].json = malloc((size_t)len + 1))) {
			sqlite3_finalize(st);
			rows_free(v, *n);
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		}
		memcpy(v[*n].json, b ? b : "", (size_t)len);
		v[*n].json[len] = 0;
		v[*n].seq = sqlite3_column_int64(st, 0);
		v[*n].digest = sqlite3_column_int(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rows_free(v, *n);
		return fail(o->db, err);
	}
	*out = v;
	return 0;
}

/* Told (ok) or not: the rows' mark, or their next try after a pause that doubles each time. */
static int mark(struct ys_outbox *o, const struct row *const *rows, size_t n, int ok,
		const char *why, int64_t now, struct ys_error *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	if (sqlite3_prepare_v2(o->db,
			       ok ? "UPDATE outbox SET told = 1, error = NULL WHERE seq = ?1"
				  : "UPDATE outbox SET tries = tries + 1, error = ?2, "
				    "due = ?3 + min(15 * (1 << min(tries, 6)), 900) WHERE seq = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(o->db, err);
	for (i = 0; i < n && !rc; i++) {
		sqlite3_bind_int64(st, 1, rows[i]->seq);
		if (!ok) {
			sqlite3_bind_text(st, 2, why, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 3, now);
		}
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(o->db, err);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
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
	int rc = 0;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < ndests && !rc; i++) {
		char key[YS_SHA256_HEX];
		struct row *v = NULL;
		const struct row *batch[MAX_BATCH];
		size_t n = 0, nb = 0, failed_before = res->failed;

		dest_key(&dests[i], key);
		if ((rc = due_rows(o, key, now, all, &v, &n, &res->waiting, err)))
			break;
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
	}
	return rc;
}
