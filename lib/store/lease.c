/* lease.c: partitions leased to workers in the shared state (the partitions and workers tables of
 * state.c's schema 2): rounds that keep each worker's fair share, renewals inside batches */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "lease.h"
#include "../banned.h"

struct names {
	char **v;
	size_t n, cap;
};

static int names_add(struct names *l, const char *s, struct ys_error *err)
{
	if (ys_grow(&l->v, &l->cap, l->n, sizeof(*l->v), 8) || !(l->v[l->n] = strdup(s)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	l->n++;
	return 0;
}

static void names_free(struct names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The statement's rows' first column, added to l. */
static int names_of(struct ys_sql_stmt *st, struct names *l, struct ys_error *err)
{
	int rc;

	while ((rc = ys_sql_step(st, err)) > 0)
		if (ys_sql_text(st, 0) && names_add(l, ys_sql_text(st, 0), err)) {
			ys_sql_reset(st);
			return YS_ENOMEM;
		}
	ys_sql_reset(st);
	return rc < 0 ? YS_EIO : 0;
}

/* Runs sql with the values args names bound as ?1, ?2, …: 't' a string, 'i' an int64_t. When
 * names is set, the rows' first column is added to it. */
static int exec_args(struct ys_sql *db, const char *sql, struct names *names, struct ys_error *err,
		     const char *args, ...)
{
	struct ys_sql_stmt *st;
	va_list ap;
	int rc, i;

	if ((rc = ys_sql_prepare(db, sql, &st, err)))
		return rc;
	va_start(ap, args);
	for (i = 0; args[i]; i++) {
		if (args[i] == 't')
			ys_sql_bind_text(st, i + 1, va_arg(ap, const char *));
		else
			ys_sql_bind_int64(st, i + 1, va_arg(ap, int64_t));
	}
	va_end(ap);
	rc = names ? names_of(st, names, err) : ys_sql_run(st, err);
	ys_sql_finalize(st);
	return rc;
}

/* One number from a query with at most one parameter, ?1 = *arg (NULL: none). */
static int count_of(struct ys_sql *db, const char *sql, const int64_t *arg, int64_t *out,
		    struct ys_error *err)
{
	struct ys_sql_stmt *st;
	int rc;

	if ((rc = ys_sql_prepare(db, sql, &st, err)))
		return rc;
	if (arg)
		ys_sql_bind_int64(st, 1, *arg);
	rc = ys_sql_step(st, err);
	*out = rc > 0 ? ys_sql_int64(st, 0) : 0;
	ys_sql_finalize(st);
	return rc < 0 ? YS_EIO : 0;
}

/* The round's work, inside its transaction: the names this worker holds after it, in held. */
static int round_txn(struct ys_sql *db, const struct ys_lease *l, int64_t now, int take_more,
		     const char *const *names, size_t n, struct names *held, struct ys_error *err)
{
	struct names take = {0};
	int64_t live = 0, total = 0, share;
	size_t i;
	int rc;

	if ((rc = exec_args(db, "INSERT INTO workers(name, alive_until) VALUES(?1, ?2) "
				"ON CONFLICT(name) DO UPDATE SET alive_until = excluded.alive_until",
			    NULL, err, "ti", l->worker, now + l->ttl)))
		return rc;
	for (i = 0; i < n && !rc; i++)
		/* only a name no committed row holds: a row another worker's batch is renewing would
		 * make the insert wait for that batch */
		rc = exec_args(db, "INSERT INTO partitions(name) SELECT ?1 WHERE NOT EXISTS "
				   "(SELECT 1 FROM partitions WHERE name = ?1) ON CONFLICT(name) DO NOTHING",
			       NULL, err, "t", names[i]);
	if (rc || (rc = count_of(db, "SELECT count(*) FROM workers WHERE alive_until > ?1", &now,
				 &live, err)) ||
	    (rc = count_of(db, "SELECT count(*) FROM partitions", NULL, &total, err)))
		return rc;
	share = live > 0 ? (total + live - 1) / live : total;
	/* renewed: the leases this worker still holds */
	if ((rc = exec_args(db, "UPDATE partitions SET lease_until = ?2 WHERE owner = ?1 AND "
				"lease_until > ?3 RETURNING name",
			    held, err, "tii", l->worker, now + l->ttl, now)))
		return rc;
	/* beyond the share: the last ones given back (what they hold is committed) */
	while ((int64_t)held->n > share && !rc) {
		size_t last = 0;

		for (i = 1; i < held->n; i++)
			if (strcmp(held->v[i], held->v[last]) > 0)
				last = i;
		rc = exec_args(db, "UPDATE partitions SET owner = NULL, lease_until = 0 "
				   "WHERE name = ?2 AND owner = ?1",
			       NULL, err, "tt", l->worker, held->v[last]);
		free(held->v[last]);
		held->v[last] = held->v[--held->n];
	}
	if (rc || (int64_t)held->n >= share || !take_more)
		return rc;
	/* below it: free or expired ones taken, skipping any another worker is taking now */
	rc = exec_args(db,
		       ys_sql_engine(db) == YS_SQL_POSTGRES
			   ? "SELECT name FROM partitions WHERE lease_until <= ?1 ORDER BY name "
			     "LIMIT ?2 FOR UPDATE SKIP LOCKED"
			   : "SELECT name FROM partitions WHERE lease_until <= ?1 ORDER BY name "
			     "LIMIT ?2",
		       &take, err, "ii", now, share - (int64_t)held->n);
	for (i = 0; i < take.n && !rc; i++)
		if (!(rc = exec_args(db, "UPDATE partitions SET owner = ?1, lease_until = ?2 "
					 "WHERE name = ?3",
				     NULL, err, "tit", l->worker, now + l->ttl, take.v[i])))
			rc = names_add(held, take.v[i], err);
	names_free(&take);
	return rc;
}

int ys_lease_round(struct ys_sql *db, const struct ys_lease *l, int64_t now, int take,
		   const char *const *names, size_t n, int (*fn)(void *ctx, const char *part),
		   void *ctx, struct ys_error *err)
{
	struct names held = {0};
	size_t i;
	int rc;

	if ((rc = ys_sql_begin(db, err)))
		return rc;
	if ((rc = round_txn(db, l, now, take, names, n, &held, err)) || (rc = ys_sql_commit(db, err))) {
		ys_sql_rollback(db);
		names_free(&held);
		return rc;
	}
	for (i = 0; i < held.n && !rc; i++)
		rc = fn(ctx, held.v[i]);
	names_free(&held);
	return rc;
}

int ys_lease_renew(struct ys_sql *db, const struct ys_lease *l, int64_t now,
		   const char *const *parts, size_t n, int *lost, struct ys_error *err)
{
	struct ys_sql_stmt *st;
	size_t i;
	int rc = 0;

	*lost = 0;
	if (!n)
		return 0;
	if ((rc = ys_sql_prepare(db, "UPDATE partitions SET lease_until = ?2 WHERE name = ?3 AND "
				     "owner = ?1 RETURNING name",
				 &st, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		ys_sql_bind_text(st, 1, l->worker);
		ys_sql_bind_int64(st, 2, now + l->ttl);
		ys_sql_bind_text(st, 3, parts[i]);
		if ((rc = ys_sql_step(st, err)) == 0)
			*lost = 1;
		ys_sql_reset(st);
		rc = rc < 0 ? YS_EIO : 0;
	}
	ys_sql_finalize(st);
	if (!rc) /* alive, however long a backlog keeps it from its next round */
		rc = exec_args(db, "UPDATE workers SET alive_until = ?2 WHERE name = ?1", NULL, err, "ti",
			       l->worker, now + l->ttl);
	return rc;
}

int ys_lease_release(struct ys_sql *db, const struct ys_lease *l, struct ys_error *err)
{
	int rc;

	if ((rc = ys_sql_begin(db, err)))
		return rc;
	if ((rc = exec_args(db, "UPDATE partitions SET owner = NULL, lease_until = 0 WHERE owner = ?1",
			    NULL, err, "t", l->worker)) ||
	    (rc = exec_args(db, "DELETE FROM workers WHERE name = ?1", NULL, err, "t", l->worker)) ||
	    (rc = ys_sql_commit(db, err)))
		ys_sql_rollback(db);
	return rc;
}
