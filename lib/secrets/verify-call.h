/* verify-call.h: one provider call of --verify (rows in verify-providers.def), shared by the
 * engine (verify.c) and the requests and their readings (verify-providers.c) */
#ifndef YS_SECRETS_VERIFY_CALL_H
#define YS_SECRETS_VERIFY_CALL_H

#include <stddef.h>
#include "../json/jread.h"
#include "verify.h"

/* Between the two files only: the provider answered 429. */
#define YS_VERIFY_RATE_LIMITED 3

struct ys_verify_result {
	int verdict; /* enum ys_secret_verdict, or YS_VERIFY_RATE_LIMITED */
	char as[256];
	char detail[256];
	long retry_after; /* seconds asked to wait after a 429; -1 when not said */
};

/* What one request brought back, for the readers. */
struct ys_verify_answer {
	long status;
	const struct ys_jval *json; /* the body, NULL when it is not JSON */
	const char *(*header)(const struct ys_verify_answer *a, const char *name); /* "" if none */
	const void *ctx;
};

struct ys_verify_call;
/* Corrects what the status and templates said, where the provider says more (Slack's ok). */
typedef void (*ys_verify_read_fn)(const struct ys_verify_call *c, const struct ys_verify_answer *a,
				  struct ys_verify_result *out);

struct ys_verify_call {
	int provider; /* enum ys_verify_provider */
	const char *rules, *prefix, *method, *base, *path, *auth, *headers, *revoked, *identity,
	    *detail, *pair;
	ys_verify_read_fn read;
};

extern const struct ys_verify_call ys_verify_calls[];
extern const size_t ys_verify_ncalls;

/* The row for a finding of rule id whose secret is s: NULL when none; a row with no method
 * means the kind has no read-only check. */
const struct ys_verify_call *ys_verify_call_for(const char *rule_id, const char *s, size_t len);

/* Sends one request for secret (and pair, when the call needs one) to base and reads the
 * answer into out. override says base came from the environment, which may name plain http.
 * Returns 0, or YS_EIO when no answer came (err names the host; *timed_out says whether it was
 * a timeout); never puts the secret in err. */
int ys_verify_ask_once(const struct ys_verify_call *c, const char *base, int override,
		       const char *secret, size_t len, const char *pair,
		       const struct ys_verify_opts *o, struct ys_verify_result *out, int *timed_out,
		       struct ys_error *err);

/* Writes s into out (size n), control characters replaced: providers' strings reach terminals. */
void ys_verify_clean(const char *s, size_t len, char *out, size_t n);

#endif
