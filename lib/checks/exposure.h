/* exposure.h: who outside the account a resource policy lets act on its resource (a queue, a
 * topic, a key, a function, a registry, a secret...), decided by lib/iam's evaluator as AWS
 * decides, not by reading the policy's strings */
#ifndef YS_EXPOSURE_H
#define YS_EXPOSURE_H

#include <stddef.h>
#include "../base/err.h"
#include "../json/jread.h"

#define YS_MAX_OUTSIDERS 8

struct ys_outsider {
	char who[64];	  /* "anyone", "any AWS account", "account 444455556666" */
	char action[128]; /* the first of the actions asked about it may perform */
	int nactions;	  /* how many of them */
};

struct ys_exposure {
	struct ys_outsider o[YS_MAX_OUTSIDERS];
	size_t n;   /* 0: nobody outside the account may perform any of the actions */
	int anyone; /* an unsigned request, or any AWS account, is among them: the resource is public */
};

/* Evaluates doc (a policy object, or a string holding one, as AWS returns resource policies) as
 * the resource policy of resource (an ARN of account) for each of actions (NULL-terminated),
 * asked by: anyone (an unsigned request), an AWS account the policy does not name, and each
 * other account it names (their own policies are assumed to allow them everything, as whoever
 * holds that account can make them). Conditions count as AWS counts them: a request without
 * the key (aws:PrincipalOrgID, aws:SourceIp, aws:SourceArn...) fails them. Returns 0 with e
 * filled, or YS_EPARSE with the reason in err when doc is not a policy. */
int ys_exposure_eval(const struct ys_jval *doc, const char *resource, const char *account,
		     const char *const *actions, struct ys_exposure *e, struct ys_error *err);

/* The same, for requests that carry the keys of ctx (NULL: none), as a service sets them for a
 * kind of request: e.g. lambda:FunctionUrlAuthType "NONE" on a call to a public function URL. */
struct ys_ctx;
int ys_exposure_eval_ctx(const struct ys_jval *doc, const char *resource, const char *account,
			 const char *const *actions, const struct ys_ctx *ctx,
			 struct ys_exposure *e, struct ys_error *err);

/* "anyone can do sqs:SendMessage (and 2 more); account 444455556666 can do sqs:ReceiveMessage"
 * into out[n] */
const char *ys_exposure_words(const struct ys_exposure *e, char *out, size_t n);

#endif
