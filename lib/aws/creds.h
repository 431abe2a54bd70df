/* creds.h: the standard AWS credential chain, as the SDKs walk it: environment; the profile's
 * role (role_arn with source_profile or credential_source) or web identity; its keys in the
 * shared credentials or config file; its credential_process; the container's endpoint; the
 * instance's metadata service (IMDSv2). Credentials never appear in a message. */
#ifndef YS_AWS_CREDS_H
#define YS_AWS_CREDS_H

#include "../base/err.h"
#include "shapes.h"
#include "../sigv4/sigv4.h"

struct ys_creds_opts {
	const char *profile; /* NULL: $AWS_PROFILE, else "default" */
	const char *sts_endpoint; /* NULL: $AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL, else AWS's */
};

/* One STS AssumeRole: the role, the session's name, an external id, a duration, where STS is. */
struct ys_assume {
	const char *role_arn;
	const char *session_name; /* NULL: "yourside-collect" */
	const char *external_id;  /* NULL: none */
	const char *duration;	  /* seconds, as text; NULL: STS's default (an hour) */
	const char *endpoint;	  /* NULL: $AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL, else AWS's */
	const char *what;	  /* the role as messages name it; NULL: its ARN */
};

/* Assumes req's role with base's credentials, into out. Returns 0; YS_EREFUSED when STS refused
 * (the message gives AWS's reason: "cannot assume <what>: access denied (...)"); YS_EIO when STS
 * could not be asked or answered without credentials. Safe to call from several threads. */
int ys_creds_assume_role(const struct ys_aws_shapes *shapes, const struct ys_aws_creds *base,
			 const struct ys_assume *req, struct ys_aws_creds *out, struct ys_error *err);

/* Fills creds and, in source[n], where they came from ("environment", "profile prod",
 * "role arn:... through profile base", ...). */
int ys_creds_resolve(const struct ys_creds_opts *o, struct ys_aws_creds *creds, char *source,
		     size_t n, struct ys_error *err);

#endif
