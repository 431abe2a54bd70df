/* test-ledger.c: the signed, hash-chained log: entries appended and verified, then every way of
 * editing it quietly tried on the SQLite file itself (a body changed, an entry removed, the end
 * cut off, entries swapped, an entry rewritten with a correct hash but no key, another key) and
 * each named; receipts; keys (private signs, public only checks, never overwritten) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "base/sign.h"
#include "store/ledger.h"

struct fx {
	char dir[64], db[96], key[96], pub[96], other[96], otherpub[96];
	struct ys_signkey *k, *p;
};

static void sh(struct fx *f, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("sql failed: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct ys_error err = {0};
	struct ys_ledger *l;
	char body[64];
	int i;

	snprintf(f->dir, sizeof(f->dir), "/tmp/ys-ledger-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/state.db", f->dir);
	snprintf(f->key, sizeof(f->key), "%s/k.pem", f->dir);
	snprintf(f->pub, sizeof(f->pub), "%s/k.pub.pem", f->dir);
	snprintf(f->other, sizeof(f->other), "%s/o.pem", f->dir);
	snprintf(f->otherpub, sizeof(f->otherpub), "%s/o.pub.pem", f->dir);
	assert_int_equal(ys_signkey_generate(f->key, f->pub, &err), 0);
	assert_int_equal(ys_signkey_generate(f->other, f->otherpub, &err), 0);
	assert_int_equal(ys_signkey_load(f->key, &f->k, &err), 0);
	assert_int_equal(ys_signkey_load(f->pub, &f->p, &err), 0);
	assert_int_equal(ys_ledger_open(f->db, 1, &l, &err), 0);
	for (i = 1; i <= 5; i++) {
		snprintf(body, sizeof(body), "{\"rule\":\"r%d\",\"count\":%d}", i, i);
		assert_int_equal(ys_ledger_append(l, f->k, 1700000000 + i, "alert", body, strlen(body), &err), 0);
	}
	ys_ledger_close(l);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	ys_signkey_free(f->k);
	ys_signkey_free(f->p);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* verifies with key (the public one when NULL); the problems, joined */
static const char *check(struct fx *f, struct ys_signkey *key, const char *receipt,
			 struct ys_ledger_check *c)
{
	static char all[4096];
	struct ys_error err = {0};
	struct ys_ledger *l;
	size_t i;

	assert_int_equal(ys_ledger_open(f->db, 0, &l, &err), 0);
	assert_int_equal(ys_ledger_verify(l, key ? key : f->p, receipt, c, &err), 0);
	ys_ledger_close(l);
	all[0] = '\0';
	for (i = 0; i < c->nproblems && i < YS_LEDGER_MAX_PROBLEMS; i++) {
		strncat(all, c->problems[i], sizeof(all) - strlen(all) - 2);
		strncat(all, "|", sizeof(all) - strlen(all) - 1);
	}
	return all;
}

static void test_intact(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;
	char receipt[96];

	assert_string_equal(check(f, NULL, NULL, &c), "");
	assert_int_equal(c.entries, 5);
	assert_int_equal(c.head_seq, 5);
	snprintf(receipt, sizeof(receipt), "5:%s", c.head_hash);
	assert_string_equal(check(f, NULL, receipt, &c), "");
	/* the private key checks too */
	assert_string_equal(check(f, f->k, NULL, &c), "");
}

static void test_body_changed(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;

	sh(f, "UPDATE ledger SET body = '{\"rule\":\"r3\",\"count\":0}' WHERE seq = 3");
	assert_string_equal(check(f, NULL, NULL, &c), "entry 3 was changed: its hash does not match what it holds|");
}

static void test_removed(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;

	sh(f, "DELETE FROM ledger WHERE seq IN (2, 3)");
	assert_string_equal(check(f, NULL, NULL, &c), "entries 2 to 3 are missing: removed|");
	assert_int_equal(c.entries, 3);
}

static void test_cut_from_the_end(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;
	char receipt[96];

	check(f, NULL, NULL, &c);
	snprintf(receipt, sizeof(receipt), "5:%s", c.head_hash);
	sh(f, "DELETE FROM ledger WHERE seq >= 4");
	/* without a receipt the cut cannot show; with one it does */
	assert_string_equal(check(f, NULL, NULL, &c), "");
	assert_string_equal(check(f, NULL, receipt, &c),
			    "the receipt names entry 5, which is gone: the log was cut back to 3 entries|");
}

static void test_swapped(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;

	sh(f, "UPDATE ledger SET seq = 99 WHERE seq = 2; UPDATE ledger SET seq = 2 WHERE seq = 3;"
	      "UPDATE ledger SET seq = 3 WHERE seq = 99");
	assert_string_equal(check(f, NULL, NULL, &c),
			    "entry 2 does not follow the entry before it (its previous hash differs): entries were "
			    "removed, inserted or reordered|entry 2 was changed: its hash does not match what it holds|"
			    "entry 3 does not follow the entry before it (its previous hash differs): entries were "
			    "removed, inserted or reordered|entry 3 was changed: its hash does not match what it holds|"
			    "entry 4 does not follow the entry before it (its previous hash differs): entries were "
			    "removed, inserted or reordered|");
}

/* an edit that recomputes the hash honestly, and the next entry's link, cannot sign */
static void test_rewritten_without_key(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;
	char sql[1024], prev[65], h4[65], prev5[65];
	const char *body = "{\"rule\":\"r4\",\"count\":0}";

	check(f, NULL, NULL, &c);
	{
		sqlite3 *db;
		sqlite3_stmt *q;

		assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT prev FROM ledger WHERE seq = 4", -1, &q, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		snprintf(prev, sizeof(prev), "%s", (const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
	ys_ledger_hash(4, 1700000004, "alert", prev, body, strlen(body), h4);
	memcpy(prev5, h4, sizeof(prev5));
	snprintf(sql, sizeof(sql), "UPDATE ledger SET body = '%s', hash = '%s' WHERE seq = 4;"
		 "UPDATE ledger SET prev = '%s' WHERE seq = 5", body, h4, prev5);
	sh(f, sql);
	/* entry 5's own hash covers its prev, so relinking it shows as a change there too */
	assert_string_equal(check(f, NULL, NULL, &c),
			    "entry 4 has a signature that does not hold: written without the key|"
			    "entry 5 was changed: its hash does not match what it holds|");
}

static void test_other_key(void **state)
{
	struct fx *f = *state;
	struct ys_ledger_check c;
	struct ys_signkey *o;
	struct ys_error err = {0};
	char id[YS_KEY_ID_HEX], want[256];

	assert_int_equal(ys_signkey_load(f->otherpub, &o, &err), 0);
	ys_signkey_id(f->k, id);
	check(f, o, NULL, &c);
	assert_int_equal(c.nproblems, 5);
	snprintf(want, sizeof(want), "entry 1 is signed by key %s, not by key ", id);
	assert_memory_equal(c.problems[0], want, strlen(want));
	ys_signkey_free(o);
}

static void test_keys(void **state)
{
	struct fx *f = *state;
	struct ys_error err = {0};
	struct ys_ledger *l;
	struct ys_ledger_check c;
	struct stat st;
	unsigned char sig[YS_SIG_LEN];

	/* the private key is the owner's only; keys are never overwritten */
	assert_int_equal(stat(f->key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(ys_signkey_generate(f->key, f->pub, &err), YS_EIO);
	assert_non_null(strstr(err.msg, "never overwritten"));
	/* a public key cannot sign or append */
	assert_false(ys_signkey_can_sign(f->p));
	assert_int_equal(ys_sign(f->p, "x", 1, sig, &err), YS_EINVAL);
	assert_int_equal(ys_ledger_open(f->db, 0, &l, &err), 0);
	assert_int_equal(ys_ledger_append(l, f->p, 1, "alert", "{}", 2, &err), YS_EINVAL);
	/* a bad receipt is refused, not taken as none */
	assert_int_equal(ys_ledger_verify(l, f->p, "5:abc", &c, &err), YS_EINVAL);
	ys_ledger_close(l);
	/* not a key */
	{
		struct ys_signkey *none;

		assert_int_equal(ys_signkey_load(f->db, &none, &err), YS_EPARSE);
		assert_null(none);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_body_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_from_the_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swapped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rewritten_without_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
