/* verify.h: asking providers whether found credentials are live (opt-in: --verify) */
#ifndef YS_SECRETS_VERIFY_H
#define YS_SECRETS_VERIFY_H

#include <stdint.h>
#include "../base/err.h"
#include "results.h"

enum ys_verify_provider {
	YS_VERIFY_AWS,
#define YS_VERIFY_PROVIDER(tag, name, rate) YS_VERIFY_##tag,
#define YS_VERIFY_CALL(...)
#include "verify-providers.def"
#undef YS_VERIFY_PROVIDER
#undef YS_VERIFY_CALL
	YS_VERIFY_NPROVIDERS
};

struct ys_verify_opts {
	int64_t now;		  /* for AWS's signatures */
	const char *sts_endpoint; /* NULL: $AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL or AWS's */
	long timeout_ms;	  /* a whole request; 0: 10 s */
	long connect_timeout_ms;  /* 0: 5 s */
	int max_429;		  /* 429s in a row before a provider is left alone; 0: 3 */
	int retry_after_max;	  /* seconds waited at most for a Retry-After; 0: 10 */
	double rate_scale;	  /* multiplies each provider's requests a second; 0: 1 */
};

struct ys_verify_tally {
	size_t live, revoked, unknown; /* findings */
	size_t secrets;		       /* distinct secrets (or pairs) asked about */
	size_t requests;	       /* HTTP requests sent */
	int gave_up;		       /* left alone after repeated 429s */
};

struct ys_verify_summary {
	struct ys_verify_tally t[YS_VERIFY_NPROVIDERS];
};

/* The provider's name ("aws", "github", ...). */
const char *ys_verify_provider_name(int p);
/* Which provider checks finding f, or -1 (none, or no read-only check for its kind). */
int ys_verify_provider_of(const struct ys_secret_finding *f);

/* Asks each finding's provider about its secret (AWS key ids with their paired secret), once
 * per distinct secret, at most at each provider's rate, and marks every finding live, revoked
 * (the provider rejected it) or unknown (no clear answer, with the reason in verified_detail).
 * A secret goes only to its own provider's fixed https host, or to the base URL that
 * $YOURSIDE_VERIFY_URL_<PROVIDER> names. Returns 0, or YS_ENOMEM. */
int ys_secrets_verify(struct ys_secret_results *r, const struct ys_verify_opts *o,
		      struct ys_verify_summary *s, struct ys_error *err);

#endif
