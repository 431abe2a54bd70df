/* sts.h: asking AWS STS who a pair of credentials belongs to (GetCallerIdentity) */
#ifndef YS_AWS_STS_H
#define YS_AWS_STS_H

#include "../base/err.h"
#include "../sigv4/sigv4.h"

#define YS_STS_DEFAULT_ENDPOINT "https://sts.amazonaws.com/"

struct ys_caller_identity {
	int live;	  /* 1: AWS accepted the credentials; 0: it refused them */
	char arn[512];	  /* when live */
	char account[16]; /* when live */
	char code[64];	  /* when refused: InvalidClientTokenId, SignatureDoesNotMatch, ... */
};

/* endpoint: NULL for AWS's (or $AWS_ENDPOINT_URL_STS / $AWS_ENDPOINT_URL, as the SDKs read).
 * Returns 0 with id filled (live or refused), or YS_EIO when AWS could not be asked. */
int ys_sts_get_caller_identity(const char *endpoint, const struct ys_aws_creds *creds,
			       int64_t now, struct ys_caller_identity *id, struct ys_error *err);
/* The endpoint the SDKs would use given the environment. */
const char *ys_sts_endpoint(void);

#endif
