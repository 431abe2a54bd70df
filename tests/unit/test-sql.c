/* test-sql.c: sql.h alike on both engines: a SQLite file always, and the PostgreSQL database
 * named by $YS_TEST_POSTGRES_URL when set (tests/check-postgres.sh sets it; without it the
 * PostgreSQL half says so and is skipped): numbers to the edge of 64 bits, text, blobs holding
 * zero bytes, NULL, upserts, RETURNING, rollback, schema versions, names without passwords */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "store/sql.h"

static char path[64];

static void exercise(const char *where)
{
	struct ys_sql *db;
	struct ys_sql_stmt *st;
	struct ys_error err = {0};
	static const unsigned char blob[] = {0, 1, 2, 0, 255, 'x', 0};
	const unsigned char *got;
	size_t len;
	int64_t v;

	if (ys_sql_open(where, &db, &err))
		fail_msg("open %s: %s", where, err.msg);
	assert_int_equal(ys_sql_exec(db, "DROP TABLE IF EXISTS t; CREATE TABLE t(k TEXT PRIMARY KEY, "
					 "n BIGINT, b BYTEA, s TEXT)",
				     &err),
			 0);
	/* an upsert, numbers at the edges, a blob with zero bytes, a NULL */
	assert_int_equal(ys_sql_prepare(db, "INSERT INTO t(k, n, b, s) VALUES(?1, ?2, ?3, ?4) "
					    "ON CONFLICT(k) DO UPDATE SET n = excluded.n",
					&st, &err),
			 0);
	ys_sql_bind_text(st, 1, "a");
	ys_sql_bind_int64(st, 2, INT64_MIN);
	ys_sql_bind_blob(st, 3, blob, sizeof(blob));
	ys_sql_bind_text(st, 4, NULL);
	assert_int_equal(ys_sql_run(st, &err), 0);
	ys_sql_bind_text(st, 1, "b");
	ys_sql_bind_int64(st, 2, -1);
	ys_sql_bind_blob(st, 3, "", 0);
	ys_sql_bind_text(st, 4, "ünïcode");
	assert_int_equal(ys_sql_run(st, &err), 0);
	ys_sql_bind_text(st, 1, "b");
	ys_sql_bind_int64(st, 2, INT64_MAX);
	assert_int_equal(ys_sql_run(st, &err), 0);
	ys_sql_finalize(st);

	assert_int_equal(ys_sql_prepare(db, "SELECT k, n, b, s FROM t ORDER BY k", &st, &err), 0);
	assert_int_equal(ys_sql_step(st, &err), 1);
	assert_string_equal(ys_sql_text(st, 0), "a");
	assert_true(ys_sql_int64(st, 1) == INT64_MIN);
	got = ys_sql_blob(st, 2, &len);
	assert_int_equal(len, sizeof(blob));
	assert_memory_equal(got, blob, sizeof(blob));
	assert_null(ys_sql_text(st, 3));
	assert_true(ys_sql_is_null(st, 3));
	assert_int_equal(ys_sql_step(st, &err), 1);
	assert_true(ys_sql_int64(st, 1) == INT64_MAX);
	assert_string_equal(ys_sql_text(st, 3), "ünïcode");
	assert_int_equal(ys_sql_step(st, &err), 0);
	ys_sql_reset(st);
	/* a statement runs again after a reset */
	assert_int_equal(ys_sql_step(st, &err), 1);
	ys_sql_finalize(st);

	/* what a rolled-back transaction wrote is gone; a committed one stays */
	assert_int_equal(ys_sql_begin(db, &err), 0);
	assert_true(ys_sql_in_transaction(db));
	assert_int_equal(ys_sql_exec(db, "DELETE FROM t", &err), 0);
	assert_int_equal(ys_sql_rollback(db), 0);
	assert_false(ys_sql_in_transaction(db));
	assert_int_equal(ys_sql_prepare(db, "SELECT count(*) FROM t", &st, &err), 0);
	assert_int_equal(ys_sql_step(st, &err), 1);
	assert_int_equal(ys_sql_int64(st, 0), 2);
	ys_sql_finalize(st);

	/* a schema version per component, moved on inside a transaction */
	assert_int_equal(ys_sql_begin(db, &err), 0);
	assert_int_equal(ys_sql_schema_version(db, "test", &v, &err), 0);
	assert_int_equal(ys_sql_set_schema_version(db, "test", v + 1, &err), 0);
	assert_int_equal(ys_sql_commit(db, &err), 0);
	assert_int_equal(ys_sql_begin(db, &err), 0);
	{
		int64_t w;

		assert_int_equal(ys_sql_schema_version(db, "test", &w, &err), 0);
		assert_true(w == v + 1);
	}
	assert_int_equal(ys_sql_commit(db, &err), 0);

	/* an error names the state and says what the engine said, in one line */
	assert_int_not_equal(ys_sql_exec(db, "SELECT nothing FROM nowhere", &err), 0);
	assert_non_null(strstr(err.msg, "state '"));
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(ys_sql_prepare(db, "SELECT count(*) FROM t WHERE n > ?1", &st, &err), 0);
	ys_sql_bind_int64(st, 1, 0);
	assert_int_equal(ys_sql_step(st, &err), 1);
	assert_int_equal(ys_sql_int64(st, 0), 1);
	ys_sql_finalize(st);
	/* text that is not UTF-8 (a file name, a record's user agent) is kept, never refused: as
	 * it is in SQLite, with U+FFFD for what is not UTF-8 on PostgreSQL */
	assert_int_equal(ys_sql_prepare(db, "INSERT INTO t(k) VALUES(?1)", &st, &err), 0);
	ys_sql_bind_text(st, 1, "bad\xff\xc3(\xed\xa0\x80ok\xc3\xa9");
	if (ys_sql_run(st, &err))
		fail_msg("text not UTF-8: %s", err.msg);
	ys_sql_finalize(st);
	assert_int_equal(ys_sql_prepare(db, "SELECT k FROM t WHERE k LIKE 'bad%'", &st, &err), 0);
	assert_int_equal(ys_sql_step(st, &err), 1);
	assert_string_equal(ys_sql_text(st, 0),
			    ys_sql_engine(db) == YS_SQL_SQLITE
				? "bad\xff\xc3(\xed\xa0\x80ok\xc3\xa9"
				: "bad\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdok\xc3\xa9");
	ys_sql_finalize(st);
	ys_sql_exec(db, "DROP TABLE t", &err);
	ys_sql_close(db);
}

static void on_sqlite(void **state)
{
	(void)state;
	exercise(path);
}

static void on_postgres(void **state)
{
	const char *url = getenv("YS_TEST_POSTGRES_URL");

	(void)state;
	if (!url || !*url)
		skip(); /* tests/check-postgres.sh runs it with a server */
	exercise(url);
}

static void names(void **state)
{
	struct ys_sql *db;
	struct ys_error err = {0};

	(void)state;
	assert_true(ys_sql_is_server("postgresql://h/db"));
	assert_true(ys_sql_is_server("postgres://h/db"));
	assert_false(ys_sql_is_server("state.db"));
	assert_false(ys_sql_is_server("postgresql.db"));
	/* no server there: said with the URL, not the password */
	assert_int_not_equal(
	    ys_sql_open("postgresql://me:hunter2pw@127.0.0.1:1/db?connect_timeout=2", &db, &err), 0);
	assert_non_null(strstr(err.msg, "state 'postgresql://me@127.0.0.1:1/db?connect_timeout=2'"));
	assert_null(strstr(err.msg, "hunter2pw"));
}

static int setup(void **state)
{
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/ys-test-sql-XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	char side[96];

	(void)state;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(on_sqlite),
	    cmocka_unit_test(on_postgres),
	    cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
