/* sql.h: one small SQL interface over two engines: SQLite (a file on this machine, the default)
 * and PostgreSQL (a server that many workers on many machines share, through libpq) */
#ifndef YS_STORE_SQL_H
#define YS_STORE_SQL_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

enum ys_sql_engine { YS_SQL_SQLITE, YS_SQL_POSTGRES };

struct ys_sql;
struct ys_sql_stmt;

/* Whether where names a PostgreSQL server (postgresql://… or postgres://…) rather than a file. */
int ys_sql_is_server(const char *where);

/* How to name where in messages: a URL loses its password (malloc'd; NULL when out of memory). */
char *ys_sql_display_name(const char *where);

/* Opens a SQLite file (created when missing) or connects to a PostgreSQL server. */
int ys_sql_open(const char *where, struct ys_sql **out, struct ys_error *err);
void ys_sql_close(struct ys_sql *db);
enum ys_sql_engine ys_sql_engine(const struct ys_sql *db);
/* How messages name it: the path, or the URL without its password. */
const char *ys_sql_name(const struct ys_sql *db);

/* Statements with no parameters and no rows wanted; several separated by ';' are allowed. */
int ys_sql_exec(struct ys_sql *db, const char *sql, struct ys_error *err);
/* A transaction: SQLite's takes the write lock at once (BEGIN IMMEDIATE). */
int ys_sql_begin(struct ys_sql *db, struct ys_error *err);
int ys_sql_commit(struct ys_sql *db, struct ys_error *err);
int ys_sql_rollback(struct ys_sql *db);
int ys_sql_in_transaction(const struct ys_sql *db);

/* A prepared statement. Its text is the dialect both engines read, with parameters written
 * ?1, ?2, … (PostgreSQL's $1, $2, … are written for it). Values bound are copied. */
int ys_sql_prepare(struct ys_sql *db, const char *sql, struct ys_sql_stmt **out,
		   struct ys_error *err);
void ys_sql_finalize(struct ys_sql_stmt *st);
void ys_sql_bind_int64(struct ys_sql_stmt *st, int i, int64_t v);
void ys_sql_bind_text(struct ys_sql_stmt *st, int i, const char *s); /* NULL binds NULL */
void ys_sql_bind_blob(struct ys_sql_stmt *st, int i, const void *p, size_t len);
/* 1: a row is ready; 0: done; negative: an error, said in err. The first step runs it. */
int ys_sql_step(struct ys_sql_stmt *st, struct ys_error *err);
/* The current row's columns, from 0; text and blobs stay valid until the next step or reset. */
int64_t ys_sql_int64(struct ys_sql_stmt *st, int col);
const char *ys_sql_text(struct ys_sql_stmt *st, int col); /* NULL for NULL */
const void *ys_sql_blob(struct ys_sql_stmt *st, int col, size_t *len);
int ys_sql_is_null(struct ys_sql_stmt *st, int col);
/* Back to before the first step, with the bindings cleared. */
void ys_sql_reset(struct ys_sql_stmt *st);
/* Steps to the end, rows ignored, then resets. */
int ys_sql_run(struct ys_sql_stmt *st, struct ys_error *err);

/* The schema version a component recorded (0: none yet), and recording a new one; used inside
 * a transaction by each component's migration on open. */
int ys_sql_schema_version(struct ys_sql *db, const char *component, int64_t *version,
			  struct ys_error *err);
int ys_sql_set_schema_version(struct ys_sql *db, const char *component, int64_t version,
			      struct ys_error *err);

/* A component's schema brought to this version: steps[v] (for this engine: sqlite[] or pg[])
 * moves it from version v to v + 1; then, when set, after(ctx) inside the same transaction (its
 * own unless one is open). A schema newer than n steps is refused, not read. */
struct ys_sql_schema {
	const char *component;
	const char *const *sqlite, *const *pg;
	size_t n;
	int (*after)(void *ctx, struct ys_sql *db, struct ys_error *err);
	void *ctx;
};
int ys_sql_migrate(struct ys_sql *db, const struct ys_sql_schema *s, struct ys_error *err);

#endif
