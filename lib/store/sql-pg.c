/* sql-pg.c: sql.h on PostgreSQL through libpq: statements prepared once per connection, values
 * sent as text (numbers, strings) or binary (blobs), rows read back in binary */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sql-int.h"
#include "../banned.h"

/* PostgreSQL's type ids, from its pg_type catalogue */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23

/* The server's own words, first line, without "ERROR:  " */
static int fail_msg(struct ys_sql *db, const char *what, const char *msg, struct ys_error *err)
{
	char line[400];
	size_t n;

	snprintf(line, sizeof(line), "%s", msg && *msg ? msg : "no answer from the server");
	n = strcspn(line, "\n");
	line[n] = '\0';
	return ys_error_set(err, YS_EIO, "state '%s': %s%s", db->name, what, line);
}

static int fail_res(struct ys_sql *db, PGresult *r, struct ys_error *err)
{
	const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	return fail_msg(db, "", m ? m : PQerrorMessage(db->h), err);
}

/* "NOTICE: relation already exists, skipping" and the like are not for the user */
static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int ys_sql_pg_open(struct ys_sql *db, const char *url, struct ys_error *err)
{
	/* the URL's own settings win over these defaults: it comes last */
	static const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
	const char *vals[] = {"10", "yourside", url, NULL};
	PGconn *c = PQconnectdbParams(keys, vals, 1);

	db->h = c;
	if (!c)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (PQstatus(c) != CONNECTION_OK)
		return fail_msg(db, "cannot connect: ", PQerrorMessage(c), err);
	PQsetNoticeProcessor(c, quiet, NULL);
	return 0;
}

static void pg_close(struct ys_sql *db)
{
	PQfinish(db->h);
}

static int pg_exec(struct ys_sql *db, const char *sql, struct ys_error *err)
{
	PGresult *r = PQexec(db->h, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : fail_res(db, r, err);

	PQclear(r);
	return rc;
}

/* ?N -> $N; the statements are ours, with no '?' inside quotes */
static char *dollars(const char *sql, int *nparams)
{
	char *out = malloc(strlen(sql) + 1), *w = out;
	const char *s;

	*nparams = 0;
	if (!out)
		return NULL;
	for (s = sql; *s; s++) {
		if (*s == '?' && s[1] >= '0' && s[1] <= '9') {
			int n = (int)strtol(s + 1, NULL, 10);

			if (n > *nparams)
				*nparams = n;
			*w++ = '$';
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	return out;
}

static int pg_prepare(struct ys_sql_stmt *st, const char *sql, struct ys_error *err)
{
	struct ys_sql *db = st->db;
	char *text = dollars(sql, &st->nparams);
	PGresult *r;
	int rc;

	if (!text)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (st->nparams > YS_SQL_MAX_PARAMS) {
		free(text);
		return ys_error_set(err, YS_EINVAL, "state: a statement with %d parameters",
				    st->nparams);
	}
	snprintf(st->name, sizeof(st->name), "s%u", ++db->next_stmt);
	r = PQprepare(db->h, st->name, text, st->nparams, NULL);
	rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : fail_res(db, r, err);
	PQclear(r);
	free(text);
	return rc;
}

static void pg_reset(struct ys_sql_stmt *st)
{
	PQclear(st->h);
	st->h = NULL;
	st->row = st->nrows = 0;
}

static void pg_finalize(struct ys_sql_stmt *st)
{
	char q[48];
	PGresult *r;

	pg_reset(st);
	if (PQstatus(st->db->h) != CONNECTION_OK)
		return;
	snprintf(q, sizeof(q), "DEALLOCATE %s", st->name);
	r = PQexec(st->db->h, q);
	PQclear(r);
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 when it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned c = p[0];
	uint32_t cp;

	if (c < 0x80)
		return 1;
	len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
	if (!len || len > n || (c >= 0xe0 && len < 3))
		return 0;
	cp = c & (0x3fu >> (len - 1));
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* PostgreSQL refuses text that is not UTF-8 (a file name, a user agent in a record): what is not
 * becomes U+FFFD, the same way every time, so a run never stops on it. NULL when it already is. */
static char *as_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, w = 0;
	char *out;

	while (i < n && (k = utf8_seq(p + i, n - i)))
		i += k;
	if (i == n || !(out = malloc(3 * n + 1)))
		return NULL;
	for (i = 0; i < n;) {
		if ((k = utf8_seq(p + i, n - i))) {
			memcpy(out + w, p + i, k);
			w += k;
			i += k;
		} else {
			memcpy(out + w, "\xef\xbf\xbd", 3);
			w += 3;
			i++;
		}
	}
	out[w] = '\0';
	return out;
}

static int run(struct ys_sql_stmt *st, struct ys_error *err)
{
	const char *vals[YS_SQL_MAX_PARAMS];
	char *fixed[YS_SQL_MAX_PARAMS] = {0};
	int lens[YS_SQL_MAX_PARAMS], fmts[YS_SQL_MAX_PARAMS], i;
	ExecStatusType s;

	for (i = 0; i < st->nparams; i++) {
		const struct param *p = &st->p[i];

		vals[i] = p->kind == P_INT ? p->num : p->kind == P_NULL ? NULL : p->buf;
		if (p->kind == P_TEXT && (fixed[i] = as_utf8(p->buf, p->len)))
			vals[i] = fixed[i];
		lens[i] = (int)p->len;
		fmts[i] = p->kind == P_BLOB;
	}
	st->h = PQexecPrepared(st->db->h, st->name, st->nparams, vals, lens, fmts, 1);
	for (i = 0; i < st->nparams; i++)
		free(fixed[i]);
	s = PQresultStatus(st->h);
	if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK)
		return fail_res(st->db, st->h, err);
	st->nrows = PQntuples(st->h);
	st->row = -1;
	return 0;
}

static int pg_step(struct ys_sql_stmt *st, struct ys_error *err)
{
	if (!st->started) {
		st->started = 1;
		if (run(st, err))
			return -1;
	}
	if (st->row + 1 >= st->nrows)
		return 0;
	st->row++;
	return 1;
}

static int pg_is_null(struct ys_sql_stmt *st, int col)
{
	return !st->h || st->row < 0 || col >= PQnfields(st->h) ||
	       PQgetisnull(st->h, st->row, col);
}

static int64_t be(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	if (n < 8 && n > 0 && (p[0] & 0x80)) /* sign-extend */
		v |= ~(uint64_t)0 << (8 * n);
	return (int64_t)v;
}

static int64_t pg_column_int64(struct ys_sql_stmt *st, int col)
{
	const unsigned char *p;
	int n;

	if (pg_is_null(st, col))
		return 0;
	p = (const unsigned char *)PQgetvalue(st->h, st->row, col);
	n = PQgetlength(st->h, st->row, col);
	switch (PQftype(st->h, col)) {
	case OID_INT8:
	case OID_INT4:
	case OID_INT2:
	case OID_BOOL:
		return be(p, n);
	default:
		return strtoll((const char *)p, NULL, 10);
	}
}

static const char *pg_text(struct ys_sql_stmt *st, int col)
{
	return pg_is_null(st, col) ? NULL : PQgetvalue(st->h, st->row, col);
}

static const void *pg_blob(struct ys_sql_stmt *st, int col, size_t *len)
{
	if (pg_is_null(st, col)) {
		*len = 0;
		return NULL;
	}
	*len = (size_t)PQgetlength(st->h, st->row, col);
	return PQgetvalue(st->h, st->row, col);
}

const struct ys_sql_ops ys_sql_pg_ops = {
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.step = pg_step,
	.int64 = pg_column_int64,
	.text = pg_text,
	.blob = pg_blob,
	.is_null = pg_is_null,
	.reset = pg_reset,
	.close = pg_close,
};
