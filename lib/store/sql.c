/* sql.c: the engine-neutral half of sql.h: opening, bindings, transactions, schema versions */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sql-int.h"
#include "../banned.h"

int ys_sql_is_server(const char *where)
{
	return !strncmp(where, "postgresql://", 13) || !strncmp(where, "postgres://", 11);
}

/* A URL without its password: postgresql://user:secret@host/db -> postgresql://user@host/db */
char *ys_sql_display_name(const char *where)
{
	const char *scheme = strstr(where, "://"), *at, *colon;
	char *out;

	if (!ys_sql_is_server(where) || !scheme)
		return strdup(where);
	scheme += 3;
	at = strchr(scheme, '@');
	colon = at ? memchr(scheme, ':', (size_t)(at - scheme)) : NULL;
	if (!colon)
		return strdup(where);
	if (!(out = malloc(strlen(where) + 1)))
		return NULL;
	memcpy(out, where, (size_t)(colon - where));
	memcpy(out + (colon - where), at, strlen(at) + 1);
	return out;
}

int ys_sql_open(const char *where, struct ys_sql **out, struct ys_error *err)
{
	struct ys_sql *db = calloc(1, sizeof(*db));
	int rc;

	if (!db || !(db->name = ys_sql_display_name(where))) {
		free(db);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (ys_sql_is_server(where)) {
		db->engine = YS_SQL_POSTGRES;
		db->ops = &ys_sql_pg_ops;
		rc = ys_sql_pg_open(db, where, err);
	} else {
		db->engine = YS_SQL_SQLITE;
		db->ops = &ys_sql_sqlite_ops;
		rc = ys_sql_sqlite_open(db, where, err);
	}
	if (rc) {
		ys_sql_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void ys_sql_close(struct ys_sql *db)
{
	if (!db)
		return;
	if (db->h)
		db->ops->close(db);
	free(db->name);
	free(db);
}

enum ys_sql_engine ys_sql_engine(const struct ys_sql *db)
{
	return db->engine;
}

const char *ys_sql_name(const struct ys_sql *db)
{
	return db->name;
}

int ys_sql_exec(struct ys_sql *db, const char *sql, struct ys_error *err)
{
	return db->ops->exec(db, sql, err);
}

int ys_sql_begin(struct ys_sql *db, struct ys_error *err)
{
	int rc = db->ops->exec(db, db->engine == YS_SQL_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", err);

	db->in_tx = !rc;
	return rc;
}

int ys_sql_commit(struct ys_sql *db, struct ys_error *err)
{
	int rc = db->ops->exec(db, "COMMIT", err);

	if (!rc)
		db->in_tx = 0;
	return rc;
}

int ys_sql_rollback(struct ys_sql *db)
{
	struct ys_error e = {0};

	db->in_tx = 0;
	return db->ops->exec(db, "ROLLBACK", &e) ? YS_EIO : 0;
}

int ys_sql_in_transaction(const struct ys_sql *db)
{
	return db->in_tx;
}

int ys_sql_prepare(struct ys_sql *db, const char *sql, struct ys_sql_stmt **out,
		   struct ys_error *err)
{
	struct ys_sql_stmt *st = calloc(1, sizeof(*st));
	int rc;

	if (!st)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	st->db = db;
	if ((rc = db->ops->prepare(st, sql, err))) {
		free(st);
		return rc;
	}
	*out = st;
	return 0;
}

static void clear_params(struct ys_sql_stmt *st)
{
	int i;

	for (i = 0; i < YS_SQL_MAX_PARAMS; i++) {
		free(st->p[i].buf);
		memset(&st->p[i], 0, sizeof(st->p[i]));
	}
}

void ys_sql_finalize(struct ys_sql_stmt *st)
{
	if (!st)
		return;
	st->db->ops->finalize(st);
	clear_params(st);
	free(st);
}

static struct param *slot(struct ys_sql_stmt *st, int i)
{
	struct param *p;

	if (i < 1 || i > YS_SQL_MAX_PARAMS)
		return NULL;
	p = &st->p[i - 1];
	free(p->buf);
	memset(p, 0, sizeof(*p));
	return p;
}

void ys_sql_bind_int64(struct ys_sql_stmt *st, int i, int64_t v)
{
	struct param *p = slot(st, i);

	if (!p)
		return;
	p->kind = P_INT;
	p->i = v;
	snprintf(p->num, sizeof(p->num), "%lld", (long long)v);
}

void ys_sql_bind_text(struct ys_sql_stmt *st, int i, const char *s)
{
	struct param *p = slot(st, i);

	if (!p || !s)
		return;
	if ((p->buf = strdup(s))) {
		p->kind = P_TEXT;
		p->len = strlen(s);
	}
}

void ys_sql_bind_blob(struct ys_sql_stmt *st, int i, const void *data, size_t len)
{
	struct param *p = slot(st, i);

	if (!p)
		return;
	if ((p->buf = malloc(len ? len : 1))) {
		memcpy(p->buf, data, len);
		p->kind = P_BLOB;
		p->len = len;
	}
}

int ys_sql_step(struct ys_sql_stmt *st, struct ys_error *err)
{
	return st->db->ops->step(st, err);
}

int64_t ys_sql_int64(struct ys_sql_stmt *st, int col)
{
	return st->db->ops->int64(st, col);
}

const char *ys_sql_text(struct ys_sql_stmt *st, int col)
{
	return st->db->ops->text(st, col);
}

const void *ys_sql_blob(struct ys_sql_stmt *st, int col, size_t *len)
{
	*len = 0;
	return st->db->ops->blob(st, col, len);
}

int ys_sql_is_null(struct ys_sql_stmt *st, int col)
{
	return st->db->ops->is_null(st, col);
}

void ys_sql_reset(struct ys_sql_stmt *st)
{
	st->db->ops->reset(st);
	clear_params(st);
	st->started = 0;
}

int ys_sql_run(struct ys_sql_stmt *st, struct ys_error *err)
{
	int rc;

	while ((rc = ys_sql_step(st, err)) > 0)
		;
	ys_sql_reset(st);
	return rc < 0 ? YS_EIO : 0;
}

/* Each component's schema version, in one table both engines read alike; on PostgreSQL a lock
 * held to the end of the transaction makes workers that start together migrate one by one. */
int ys_sql_schema_version(struct ys_sql *db, const char *component, int64_t *version,
			  struct ys_error *err)
{
	struct ys_sql_stmt *st = NULL;
	int rc;

	*version = 0;
	if (db->engine == YS_SQL_POSTGRES &&
	    (rc = ys_sql_exec(db, "SELECT pg_advisory_xact_lock(79553)", err)))
		return rc;
	if ((rc = ys_sql_exec(db,
			      "CREATE TABLE IF NOT EXISTS ys_schema(component TEXT PRIMARY KEY,"
			      " version BIGINT NOT NULL)",
			      err)) ||
	    (rc = ys_sql_prepare(db, "SELECT version FROM ys_schema WHERE component = ?1", &st,
				 err)))
		return rc;
	ys_sql_bind_text(st, 1, component);
	if ((rc = ys_sql_step(st, err)) > 0)
		*version = ys_sql_int64(st, 0);
	ys_sql_finalize(st);
	return rc < 0 ? YS_EIO : 0;
}

int ys_sql_set_schema_version(struct ys_sql *db, const char *component, int64_t version,
			      struct ys_error *err)
{
	struct ys_sql_stmt *st = NULL;
	int rc;

	if ((rc = ys_sql_prepare(db,
				 "INSERT INTO ys_schema(component, version) VALUES(?1, ?2) "
				 "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
				 &st, err)))
		return rc;
	ys_sql_bind_text(st, 1, component);
	ys_sql_bind_int64(st, 2, version);
	rc = ys_sql_run(st, err);
	ys_sql_finalize(st);
	return rc;
}

int ys_sql_migrate(struct ys_sql *db, const struct ys_sql_schema *s, struct ys_error *err)
{
	const char *const *steps = db->engine == YS_SQL_POSTGRES ? s->pg : s->sqlite;
	int own = !db->in_tx, rc;
	int64_t v;

	if (own && (rc = ys_sql_begin(db, err)))
		return rc;
	if (!(rc = ys_sql_schema_version(db, s->component, &v, err)) && v > (int64_t)s->n)
		rc = ys_error_set(err, YS_EINVAL,
				  "state '%s': written by a newer yourside (%s schema %lld, this one "
				  "knows %zu)",
				  db->name, s->component, (long long)v, s->n);
	for (; !rc && v < (int64_t)s->n; v++)
		rc = ys_sql_exec(db, steps[v], err);
	if (!rc && s->after)
		rc = s->after(s->ctx, db, err);
	if (!rc)
		rc = ys_sql_set_schema_version(db, s->component, (int64_t)s->n, err);
	if (!own)
		return rc;
	if (rc) {
		ys_sql_rollback(db);
		return rc;
	}
	return ys_sql_commit(db, err);
}
