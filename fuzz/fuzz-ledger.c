/* fuzz-ledger.c: the signed log's verify over rows made of arbitrary bytes (seq, time, kind,
 * prev, hash, signature, key id and body split at NULs, several rows an input), in an
 * in-memory SQLite file, and the receipt read from them; checked with a fixed test key */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/sign.h"
#include "store/ledger.h"

static struct ys_signkey *key;

static const char *next(const char **p, const char *end)
{
	const char *s = *p, *z = memchr(s, 0, (size_t)(end - s));

	*p = z ? z + 1 : end;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_error err = {0};
	struct ys_ledger_check c;
	struct ys_ledger *l;
	sqlite3 *db;
	char *buf = malloc(size + 1);
	const char *p, *end;
	int i;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	p = buf;
	end = buf + size;
	if (!key) {
		FILE *f = fopen("/tmp/fuzz-ledger-key.pem", "w");

		fputs("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEArZJGVqXUMKK/t62Eo0XOik1OQxhXj9W3ULrgdPN2zDA=\n"
		      "-----END PUBLIC KEY-----\n", f);
		fclose(f);
		if (ys_signkey_load("/tmp/fuzz-ledger-key.pem", &key, &err))
			abort();
	}
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || ys_ledger_attach(db, "fuzz", &l, &err)) {
		sqlite3_close(db);
		free(buf);
		return 0;
	}
	for (i = 0; i < 4 && p < end; i++) {
		sqlite3_stmt *q;
		const char *seq = next(&p, end), *t = next(&p, end), *kind = next(&p, end);
		const char *prev = next(&p, end), *hash = next(&p, end), *sig = next(&p, end);
		const char *id = next(&p, end), *body = next(&p, end);

		if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO ledger VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", -1, &q, NULL))
			break;
		sqlite3_bind_int64(q, 1, strtoll(seq, NULL, 10));
		sqlite3_bind_int64(q, 2, strtoll(t, NULL, 10));
		sqlite3_bind_text(q, 3, kind, -1, SQLITE_STATIC);
		sqlite3_bind_blob(q, 4, body, (int)strlen(body), SQLITE_STATIC);
		sqlite3_bind_text(q, 5, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, hash, -1, SQLITE_STATIC);
		sqlite3_bind_blob(q, 7, sig, (int)strlen(sig), SQLITE_STATIC);
		sqlite3_bind_text(q, 8, id, -1, SQLITE_STATIC);
		sqlite3_step(q);
		sqlite3_finalize(q);
	}
	ys_ledger_verify(l, key, p < end ? next(&p, end) : NULL, &c, &err);
	ys_ledger_close(l);
	sqlite3_close(db);
	free(buf);
	return 0;
}
