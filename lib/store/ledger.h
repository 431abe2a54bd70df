/* ledger.h: an append-only log of alerts and findings in the state (a SQLite file or PostgreSQL), each entry hash-chained
 * to the one before it and signed with Ed25519, so that removing, changing, inserting or
 * reordering entries shows; a receipt (the head's sequence number and hash, kept elsewhere)
 * also shows entries cut from the end.
 *
 * An entry's hash is the SHA-256 of "yourside-log-v1\n<seq>\n<time>\n<kind>\n<previous entry's
 * hash, or 64 zeros>\n<body>"; its signature is Ed25519 over those 32 bytes. */
#ifndef YS_STORE_LEDGER_H
#define YS_STORE_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/sign.h"

struct ys_sql;
struct ys_ledger;

/* Opens the ledger in an open connection (creating its table), or in the state at where (a file
 * or a postgresql:// URL). */
int ys_ledger_attach(struct ys_sql *db, const char *shown, struct ys_ledger **out,
		     struct ys_error *err);
int ys_ledger_open(const char *where, int create, struct ys_ledger **out, struct ys_error *err);
void ys_ledger_close(struct ys_ledger *l);
/* How messages name it: a file's path, or a URL without its password. */
const char *ys_ledger_name(const struct ys_ledger *l);

/* A transaction of the ledger's own connection (ys_ledger_open): all appended or none. */
int ys_ledger_begin(struct ys_ledger *l, struct ys_error *err);
int ys_ledger_commit(struct ys_ledger *l, struct ys_error *err);
void ys_ledger_rollback(struct ys_ledger *l);

/* Appends one entry (kind: "alert", "finding", ...) signed by key. The caller's transaction, if
 * any, holds it. */
int ys_ledger_append(struct ys_ledger *l, const struct ys_signkey *key, int64_t time,
		     const char *kind, const char *body, size_t len, struct ys_error *err);

/* An entry's hash, as hex (what the table's hash column holds). */
void ys_ledger_hash(uint64_t seq, int64_t time, const char *kind, const char *prev,
		    const void *body, size_t len, char out[65]);

#define YS_LEDGER_MAX_PROBLEMS 32

struct ys_ledger_check {
	uint64_t entries;
	uint64_t head_seq;	/* 0 when empty */
	char head_hash[65];
	size_t nproblems;	/* all of them; the first YS_LEDGER_MAX_PROBLEMS are kept */
	char problems[YS_LEDGER_MAX_PROBLEMS][240];
};

/* Checks every entry against the chain and key (a public key is enough); receipt, when not
 * NULL, is "<seq>:<hash>" from an earlier head. Problems are listed, not returned as errors. */
int ys_ledger_verify(struct ys_ledger *l, const struct ys_signkey *key, const char *receipt,
		     struct ys_ledger_check *out, struct ys_error *err);

struct ys_ledger_entry {
	uint64_t seq;
	int64_t time;
	const char *kind, *body, *hash, *key;
	size_t len;
};
typedef int (*ys_ledger_fn)(void *ctx, const struct ys_ledger_entry *e);
/* Every entry from seq from on, in order. */
int ys_ledger_each(struct ys_ledger *l, uint64_t from, ys_ledger_fn fn, void *ctx,
		   struct ys_error *err);

#endif
