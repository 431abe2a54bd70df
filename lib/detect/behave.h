/* behave.h: behaviour detectors with baselines kept per principal: EC2 instance credentials used
 * outside AWS, from the address that ran commands on instances or from a second network, a
 * workload's role credentials outside AWS (each then one incident of every call the key makes),
 * credentials from a network their owner never used, an access key by a new kind of client or
 * after months unused, and a principal at an hour it never works */
#ifndef YS_DETECT_BEHAVE_H
#define YS_DETECT_BEHAVE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/cidr.h"
#include "../base/err.h"
#include "../json/jlazy.h"
#include "baseline.h"
#include "engine.h"

struct ys_behave_opts {
	const struct ys_cidrset *aws; /* AWS's own ranges (ip-ranges.json); may be empty */
	const struct ys_cidrset *own; /* the account's own ranges, never suspicious */
	/* An access key is judged once its baseline holds this many events over this many
	 * seconds of event time; a principal's working hours likewise. */
	uint64_t key_events;
	int64_t key_span;
	uint64_t hour_events;
	int64_t hour_span;
};

/* The defaults: 20 events over 7 days for keys, 100 over 14 days for hours. */
void ys_behave_defaults(struct ys_behave_opts *o);

struct ys_behave;

/* AWS's ranges changed (reloaded): addresses are judged by these from now on. */
void ys_behave_set_aws(struct ys_behave *b, const struct ys_cidrset *aws);

/* What each detector raises, for alerts and --list-rules; ends with a NULL rule. */
struct ys_behave_info {
	const char *rule, *title, *severity;
	const char *const *attack;
	size_t nattack;
};
extern const struct ys_behave_info ys_behave_detectors[];

/* What one record says to the detectors, read without their baselines (on any thread, ahead
 * of the record's turn): when, who called with which key, from where, with what client. The
 * strings follow the fixed part, each at s + its offset, NUL-terminated. */
struct ys_behave_facts {
	int64_t t;	/* the event time; -1: nothing in the record for the detectors */
	uint32_t size;	/* the bytes it takes, strings included: a multiple of 8 */
	uint8_t caller; /* a principal's own call (IAM user, role, root, federated; not invoked
			   by a service on its behalf) */
	uint8_t kind;	/* the caller's kind (a user, a person's session, an instance, a workload) */
	uint8_t has_ip; /* a public address outside the account's own ranges, not an endpoint's */
	uint8_t internal, outside; /* the address: private; outside AWS's ranges */
	uint8_t remote;		   /* a call that ran commands on an instance, from has_ip */
	uint8_t agent;		   /* the Systems Manager agent's own channels */
	uint8_t bucket;		   /* a call that may touch the trail's bucket */
	uint16_t principal;	   /* the principal's length in arn (a role, not its session) */
	uint16_t key, arn, ipstr, net, family; /* the access key; the caller; the address, its
						  network; the user agent's client family */
	uint16_t quarantine; /* the user whose key AWS quarantined in this call, or "" */
	char s[];
};
#define YS_BEHAVE_FACTS_MAX 2048 /* the most ys_behave_facts.size can be */

/* The read's scratch, one a thread: the ranges of the detectors' options, and a memory of the
 * answers for the addresses and user agents met last. */
struct ys_behave_reader;
int ys_behave_reader_new(const struct ys_behave_opts *o, struct ys_behave_reader **out);
void ys_behave_reader_free(struct ys_behave_reader *r);
/* The facts of rec, valid until the reader's next read. */
const struct ys_behave_facts *ys_behave_read(struct ys_behave_reader *r, struct ys_jlazy *rec);

int ys_behave_new(const struct ys_behave_opts *o, struct ys_behave **out);
void ys_behave_free(struct ys_behave *b);
/* A baseline row from the state, loaded before the first record. */
int ys_behave_load(struct ys_behave *b, const struct ys_baseline_row *row);
/* One record's facts (read from rec) through every detector, in the order of the records;
 * alerts, which rec describes, go to fn. Non-zero: fn stopped, or out of memory. */
int ys_behave_judge(struct ys_behave *b, const struct ys_behave_facts *f, struct ys_jlazy *rec,
		    const char *file, ys_alert_fn fn, void *ctx);
/* Both: rec read with b's own reader, then judged. */
int ys_behave_record(struct ys_behave *b, struct ys_jlazy *rec, const char *file, ys_alert_fn fn,
		     void *ctx);
/* Every row changed since the last call (for the state), then forgets that they changed. */
int ys_behave_each_changed(struct ys_behave *b, ys_baseline_fn fn, void *ctx);
/* With the state: every change of the baselines is kept for ys_behave_each_changed (without,
 * what is forgotten is freed at once). */
void ys_behave_keep_changes(struct ys_behave *b);
/* Incidents of stolen keys quiet since before now - an hour end, as alerts through fn (all of
 * them with all set: the end of the input). */
int ys_behave_end(struct ys_behave *b, int64_t now, int all, ys_alert_fn fn, void *ctx);
/* The latest event time the detectors saw, or -1. */
int64_t ys_behave_newest(const struct ys_behave *b);

#endif
