/* sql-int.h: what sql.c shares with its two engines (sql-sqlite.c, sql-pg.c); not for callers */
#ifndef YS_STORE_SQL_INT_H
#define YS_STORE_SQL_INT_H

#include "sql.h"

#define YS_SQL_MAX_PARAMS 16

enum param_kind { P_NULL, P_INT, P_TEXT, P_BLOB };

struct param {
	enum param_kind kind;
	int64_t i;
	char *buf; /* text (NUL-terminated) or blob, owned */
	size_t len;
	char num[24]; /* the integer as text, for PostgreSQL */
};

struct ys_sql_ops {
	int (*exec)(struct ys_sql *db, const char *sql, struct ys_error *err);
	int (*prepare)(struct ys_sql_stmt *st, const char *sql, struct ys_error *err);
	void (*finalize)(struct ys_sql_stmt *st);
	int (*step)(struct ys_sql_stmt *st, struct ys_error *err);
	int64_t (*int64)(struct ys_sql_stmt *st, int col);
	const char *(*text)(struct ys_sql_stmt *st, int col); /* NULL for NULL */
	const void *(*blob)(struct ys_sql_stmt *st, int col, size_t *len);
	int (*is_null)(struct ys_sql_stmt *st, int col);
	void (*reset)(struct ys_sql_stmt *st);
	void (*close)(struct ys_sql *db);
};

struct ys_sql {
	const struct ys_sql_ops *ops;
	enum ys_sql_engine engine;
	char *name;
	void *h; /* sqlite3 * or PGconn * */
	int in_tx;
	unsigned next_stmt; /* PostgreSQL's prepared statements are named s1, s2, … */
};

struct ys_sql_stmt {
	struct ys_sql *db;
	void *h; /* sqlite3_stmt *, or the PGresult * of the run */
	char name[16];
	int nparams;
	struct param p[YS_SQL_MAX_PARAMS];
	int started;
	int row, nrows; /* PostgreSQL: the row being read, of how many */
};

extern const struct ys_sql_ops ys_sql_sqlite_ops;
extern const struct ys_sql_ops ys_sql_pg_ops;
int ys_sql_sqlite_open(struct ys_sql *db, const char *path, struct ys_error *err);
int ys_sql_pg_open(struct ys_sql *db, const char *url, struct ys_error *err);

#endif
