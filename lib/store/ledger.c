/* ledger.c: the hash-chained, signed log of alerts and findings, in the state (sql.h) */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ledger.h"
#include "sql.h"
#include "../base/codec.h"
#include "../base/hash.h"
#include "../banned.h"

static const char schema_sqlite[] =
    "CREATE TABLE IF NOT EXISTS ledger(seq INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, body BLOB NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL,"
    "  sig BLOB NOT NULL, key TEXT NOT NULL);";
static const char schema_pg[] =
    "CREATE TABLE IF NOT EXISTS ledger(seq BIGINT PRIMARY KEY, time BIGINT NOT NULL,"
    "  kind TEXT NOT NULL, body BYTEA NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL,"
    "  sig BYTEA NOT NULL, key TEXT NOT NULL);";

static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";

struct ys_ledger {
	struct ys_sql *db;
	int owned;
	char *shown;
};

static const char *const steps_sqlite[] = {schema_sqlite};
static const char *const steps_pg[] = {schema_pg};
static const struct ys_sql_schema schema = {"log", steps_sqlite, steps_pg, 1, NULL, NULL};

int ys_ledger_attach(struct ys_sql *db, const char *shown, struct ys_ledger **out,
		     struct ys_error *err)
{
	struct ys_ledger *l = calloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	if (!l || !(l->shown = strdup(shown))) {
		free(l);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	l->db = db;
	if ((rc = ys_sql_migrate(db, &schema, err))) {
		ys_ledger_close(l);
		return rc;
	}
	*out = l;
	return 0;
}

int ys_ledger_open(const char *where, int create_it, struct ys_ledger **out, struct ys_error *err)
{
	struct ys_sql *db = NULL;
	int rc;

	*out = NULL;
	if (!create_it && !ys_sql_is_server(where) && access(where, F_OK) != 0)
		return ys_error_set(err, YS_EIO, "log '%s': unable to open database file", where);
	if ((rc = ys_sql_open(where, &db, err)))
		return rc;
	if ((rc = ys_ledger_attach(db, ys_sql_name(db), out, err))) {
		ys_sql_close(db);
		return rc;
	}
	(*out)->owned = 1;
	return 0;
}

const char *ys_ledger_name(const struct ys_ledger *l)
{
	return l->shown;
}

void ys_ledger_close(struct ys_ledger *l)
{
	if (!l)
		return;
	if (l->owned)
		ys_sql_close(l->db);
	free(l->shown);
	free(l);
}

int ys_ledger_begin(struct ys_ledger *l, struct ys_error *err)
{
	return ys_sql_begin(l->db, err);
}

int ys_ledger_commit(struct ys_ledger *l, struct ys_error *err)
{
	int rc = ys_sql_commit(l->db, err);

	if (rc)
		ys_ledger_rollback(l);
	return rc;
}

void ys_ledger_rollback(struct ys_ledger *l)
{
	ys_sql_rollback(l->db);
}

static void entry_hash(uint64_t seq, int64_t time, const char *kind, const char *prev,
		       const void *body, size_t len, uint8_t out[YS_SHA256_LEN])
{
	char head[512];
	int n = snprintf(head, sizeof(head), "yourside-log-v1\n%" PRIu64 "\n%" PRId64 "\n%.200s\n%.64s\n",
			 seq, time, kind, prev);
	uint8_t *all = malloc((size_t)n + len);

	if (!all) {
		memset(out, 0, YS_SHA256_LEN);
		return;
	}
	memcpy(all, head, (size_t)n);
	memcpy(all + n, body, len);
	ys_sha256(all, (size_t)n + len, out);
	free(all);
}

void ys_ledger_hash(uint64_t seq, int64_t time, const char *kind, const char *prev,
		    const void *body, size_t len, char out[65])
{
	uint8_t h[YS_SHA256_LEN];

	entry_hash(seq, time, kind, prev, body, len, h);
	ys_hex(h, sizeof(h), out);
}

static const char *col_text(struct ys_sql_stmt *q, int i)
{
	const char *t = ys_sql_text(q, i);

	return t ? t : "";
}

int ys_ledger_append(struct ys_ledger *l, const struct ys_signkey *key, int64_t time,
		     const char *kind, const char *body, size_t len, struct ys_error *err)
{
	struct ys_sql_stmt *q = NULL;
	uint64_t seq = 1;
	char prev[65], hex[YS_SHA256_HEX], id[YS_KEY_ID_HEX];
	uint8_t h[YS_SHA256_LEN];
	unsigned char sig[YS_SIG_LEN];
	int rc;

	memcpy(prev, zeros, sizeof(prev));
	/* workers sharing a server append one at a time: each reads the head it follows */
	if (ys_sql_engine(l->db) == YS_SQL_POSTGRES &&
	    (rc = ys_sql_exec(l->db, "SELECT pg_advisory_xact_lock(79554)", err)))
		return rc;
	if ((rc = ys_sql_prepare(l->db, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1", &q,
				 err)))
		return rc;
	if ((rc = ys_sql_step(q, err)) > 0) {
		seq = (uint64_t)ys_sql_int64(q, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", col_text(q, 1));
	}
	ys_sql_finalize(q);
	if (rc < 0)
		return YS_EIO;
	entry_hash(seq, time, kind, prev, body, len, h);
	if ((rc = ys_sign(key, h, sizeof(h), sig, err)))
		return rc;
	ys_hex(h, sizeof(h), hex);
	ys_signkey_id(key, id);
	if ((rc = ys_sql_prepare(l->db, "INSERT INTO ledger(seq, time, kind, body, prev, hash, sig, key) "
				       "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &q, err)))
		return rc;
	ys_sql_bind_int64(q, 1, (int64_t)seq);
	ys_sql_bind_int64(q, 2, time);
	ys_sql_bind_text(q, 3, kind);
	ys_sql_bind_blob(q, 4, len ? body : "", len);
	ys_sql_bind_text(q, 5, prev);
	ys_sql_bind_text(q, 6, hex);
	ys_sql_bind_blob(q, 7, sig, sizeof(sig));
	ys_sql_bind_text(q, 8, id);
	rc = ys_sql_run(q, err);
	ys_sql_finalize(q);
	return rc;
}
static void problem(struct ys_ledger_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct ys_ledger_check *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nproblems < YS_LEDGER_MAX_PROBLEMS) {
		va_start(ap, fmt);
		vsnprintf(c->problems[c->nproblems], sizeof(c->problems[0]), fmt, ap);
		va_end(ap);
	}
	c->nproblems++;
}

/* one entry against its own hash, its signature and the entry before it */
static void check_entry(struct ys_ledger_check *c, const struct ys_signkey *key, const char *id,
			struct ys_sql_stmt *q, uint64_t want, const char *last)
{
	uint64_t seq = (uint64_t)ys_sql_int64(q, 0);
	const char *kind = col_text(q, 2), *prev = col_text(q, 4), *hash = col_text(q, 5);
	const char *who = col_text(q, 7);
	size_t len, siglen;
	const void *body = ys_sql_blob(q, 3, &len), *sig = ys_sql_blob(q, 6, &siglen);
	uint8_t h[YS_SHA256_LEN];
	char hex[YS_SHA256_HEX];

	if (seq == want + 1)
		problem(c, "entry %" PRIu64 " is missing: removed", want);
	else if (seq > want)
		problem(c, "entries %" PRIu64 " to %" PRIu64 " are missing: removed", want, seq - 1);
	else if (strcmp(prev, last))
		problem(c, "entry %" PRIu64 " does not follow the entry before it (its previous hash "
			   "differs): entries were removed, inserted or reordered", seq);
	entry_hash(seq, ys_sql_int64(q, 1), kind, prev, body ? body : "", len, h);
	ys_hex(h, sizeof(h), hex);
	if (strcmp(hex, hash))
		problem(c, "entry %" PRIu64 " was changed: its hash does not match what it holds", seq);
	else if (strcmp(who, id))
		problem(c, "entry %" PRIu64 " is signed by key %.16s, not by key %s", seq, who, id);
	else if (!ys_sign_check(key, h, sizeof(h), sig, siglen))
		problem(c, "entry %" PRIu64 " has a signature that does not hold: written without the key",
			seq);
}

int ys_ledger_verify(struct ys_ledger *l, const struct ys_signkey *key, const char *receipt,
		     struct ys_ledger_check *c, struct ys_error *err)
{
	struct ys_sql_stmt *q = NULL;
	char last[65], id[YS_KEY_ID_HEX], rhash[65] = "";
	unsigned long long rseq = 0;
	int step, seen = 0, rc;

	memset(c, 0, sizeof(*c));
	memcpy(last, zeros, sizeof(last));
	if (receipt && (sscanf(receipt, "%llu:%64[0-9a-f]", &rseq, rhash) != 2 || strlen(rhash) != 64 || !rseq))
		return ys_error_set(err, YS_EINVAL, "a receipt is <seq>:<64 hex digits>, not '%s'", receipt);
	ys_signkey_id(key, id);
	if ((rc = ys_sql_prepare(l->db, "SELECT seq, time, kind, body, prev, hash, sig, key FROM ledger "
				       "ORDER BY seq", &q, err)))
		return rc;
	while ((step = ys_sql_step(q, err)) > 0) {
		uint64_t seq = (uint64_t)ys_sql_int64(q, 0);

		check_entry(c, key, id, q, c->head_seq + 1, last);
		if (seq == rseq) {
			seen = 1;
			if (strcmp(col_text(q, 5), rhash))
				problem(c, "entry %llu is not the one the receipt names: the log was rewritten", rseq);
		}
		snprintf(last, sizeof(last), "%s", col_text(q, 5));
		c->head_seq = seq;
		c->entries++;
	}
	ys_sql_finalize(q);
	if (step < 0)
		return YS_EIO;
	memcpy(c->head_hash, last, sizeof(c->head_hash));
	if (rseq && !seen)
		problem(c, "the receipt names entry %llu, which is gone: the log was cut back to %" PRIu64
			   " entr%s", rseq, c->entries, c->entries == 1 ? "y" : "ies");
	return 0;
}

int ys_ledger_each(struct ys_ledger *l, uint64_t from, ys_ledger_fn fn, void *ctx,
		   struct ys_error *err)
{
	struct ys_sql_stmt *q = NULL;
	int step = 0, rc = 0;

	if ((rc = ys_sql_prepare(l->db, "SELECT seq, time, kind, body, hash, key FROM ledger WHERE seq >= ?1 "
				       "ORDER BY seq", &q, err)))
		return rc;
	ys_sql_bind_int64(q, 1, (int64_t)from);
	while (!rc && (step = ys_sql_step(q, err)) > 0) {
		size_t len;
		const char *body = ys_sql_blob(q, 3, &len);
		struct ys_ledger_entry e = {(uint64_t)ys_sql_int64(q, 0), ys_sql_int64(q, 1),
					    col_text(q, 2), body, col_text(q, 4), col_text(q, 5), len};

		if (!e.body)
			e.body = "";
		rc = fn(ctx, &e);
	}
	if (!rc && step < 0)
		rc = YS_EIO;
	ys_sql_finalize(q);
	return rc;
}
