/* creds.h: the standard AWS credential chain, as the SDKs walk it: environment; the profile's
 * role (role_arn with source_profile or credential_source) or web identity; its keys in the
 * shared credentials or config file; its credential_process; the container's endpoint; the
 * instance's metadata service (IMDSv2). Credentials never appear in a message. */
#ifndef YS_AWS_CREDS_H
#define YS_AWS_CREDS_H

#include "../base/err.h"
#include "../sigv4/sigv4.h"

struct ys_creds_opts {
	const char *profile; /* NULL: $AWS_PROFILE, else "default" */
	const char *sts_endpoint; /* NULL: $AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL, else AWS's */
};

/* Fills creds and, in source[n], where they came from ("environment", "profile prod",
 * "role arn:... through profile base", ...). */
int ys_creds_resolve(const struct ys_creds_opts *o, struct ys_aws_creds *creds, char *source,
		     size_t n, struct ys_error *err);

#endif
