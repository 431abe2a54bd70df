/* verify.h: asking AWS whether found key pairs are live (opt-in: --verify) */
#ifndef YS_SECRETS_VERIFY_H
#define YS_SECRETS_VERIFY_H

#include "../base/err.h"
#include "results.h"

/* Calls STS GetCallerIdentity once for each paired AWS key id and secret, and marks both
 * findings live or rejected. Pairs that could not be asked are left unverified, with the last
 * reason in err. Returns how many pairs were asked. */
size_t ys_secrets_verify(struct ys_secret_results *r, const char *endpoint, int64_t now,
			 struct ys_error *err);

#endif
