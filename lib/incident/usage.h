/* usage.h: what each access key did in a CloudTrail trail: calls, refusals, first and last use,
 * addresses, actions, the notable ones (persistence, destruction, logging off), the roles it
 * assumed, and the temporary keys it made (GetSessionToken, AssumeRole) so that what they did
 * counts too. Key ids stay in memory: nothing here prints them. */
#ifndef YS_INCIDENT_USAGE_H
#define YS_INCIDENT_USAGE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct ys_meter;

#define YS_USE_IPS 16
#define YS_USE_EVENTS 64
#define YS_USE_NOTABLE 32
#define YS_USE_ROLES 8

struct ys_use_count {
	char name[96];
	size_t n;
};

struct ys_use_notable {
	char name[64], ip[64], target[160];
	int64_t t;
};

struct ys_key_use {
	char *id;
	char hash[65];	/* SHA-256 hex of id */
	char *parent;	/* the key that made this temporary one, or NULL */
	size_t calls, refused;
	int64_t first, last;
	struct ys_use_count ips[YS_USE_IPS], events[YS_USE_EVENTS];
	size_t nips, nevents, more_ips, more_events;
	struct ys_use_notable notable[YS_USE_NOTABLE];
	size_t nnotable, more_notable;
	char *roles[YS_USE_ROLES]; /* roles it assumed */
	size_t nroles;
	char user[128];	/* userIdentity's userName or ARN */
};

struct ys_usage {
	struct ys_key_use *k;
	size_t n, cap;
	size_t *slots; /* open addressing over k by id */
	size_t nslots;
	size_t files, records, bad, other_account;
	char other[16]; /* one of the other accounts met */
	struct ys_meter *meter; /* set by the caller: files read, for the progress line; or NULL */
};

typedef void (*ys_use_warn_fn)(void *ctx, const char *msg);

/* Reads every record of the trail at path (a file, or a folder walked for .json, .json.gz,
 * .jsonl and .gz files). Records of accounts other than account (when given) are counted, not
 * used. A file or record that cannot be read is reported through warn and passed over. */
int ys_usage_scan(struct ys_usage *u, const char *path, const char *account, ys_use_warn_fn warn,
		  void *ctx, struct ys_error *err);
/* The key with this SHA-256, or NULL. */
const struct ys_key_use *ys_usage_by_hash(const struct ys_usage *u, const char *hash);
/* The temporary keys k made, directly or through another temporary key (up to depth 4): calls fn
 * for each. */
void ys_usage_children(const struct ys_usage *u, const struct ys_key_use *k,
		       void (*fn)(void *ctx, const struct ys_key_use *child), void *ctx);
void ys_usage_release(struct ys_usage *u);
/* Whether an event is notable: persistence, privilege, destruction, logging turned off. */
int ys_event_notable(const char *name);

#endif
