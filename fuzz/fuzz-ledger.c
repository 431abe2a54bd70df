/* fuzz-ledger.c: the signed log's verify over rows made of arbitrary bytes (seq, time, kind,
 * prev, hash, signature, key id and body split at NULs, several rows an input), in an
 * in-memory SQLite state (store/sql.h), and the receipt read from them; checked with a fixed
 * test key */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/sign.h"
#include "store/ledger.h"
#include "store/sql.h"

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
	struct ys_sql *db = NULL;
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
	if (ys_sql_open(":memory:", &db, &err) || ys_ledger_attach(db, "fuzz", &l, &err)) {
		ys_sql_close(db);
		free(buf);
		return 0;
	}
	for (i = 0; i < 4 && p < end; i++) {
		struct ys_sql_stmt *q;
		const char *seq = next(&p, end), *t = next(&p, end), *kind = next(&p, end);
		const char *prev = next(&p, end), *hash = next(&p, end), *sig = next(&p, end);
		const char *id = next(&p, end), *body = next(&p, end);

		if (ys_sql_prepare(db, "INSERT OR IGNORE INTO ledger VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &q,
				   &err))
			break;
		ys_sql_bind_int64(q, 1, strtoll(seq, NULL, 10));
		ys_sql_bind_int64(q, 2, strtoll(t, NULL, 10));
		ys_sql_bind_text(q, 3, kind);
		ys_sql_bind_blob(q, 4, body, strlen(body));
		ys_sql_bind_text(q, 5, prev);
		ys_sql_bind_text(q, 6, hash);
		ys_sql_bind_blob(q, 7, sig, strlen(sig));
		ys_sql_bind_text(q, 8, id);
		ys_sql_run(q, &err);
		ys_sql_finalize(q);
	}
	ys_ledger_verify(l, key, p < end ? next(&p, end) : NULL, &c, &err);
	ys_ledger_close(l);
	ys_sql_close(db);
	free(buf);
	return 0;
}
