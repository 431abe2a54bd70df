/* checks-containers.h: what the ECR, ECS, EKS, CodeBuild and Secrets Manager checks share */
#ifndef YS_CHECKS_CONTAINERS_H
#define YS_CHECKS_CONTAINERS_H

#include "check-api.h"

/* Judges doc (a resource policy, object or string) of the resource called what ("repository
 * acme-web") at arn through ys_exposure_eval for actions (NULL-terminated): a fail naming who
 * outside the account may do what, else a pass. rel and name locate the file for a broken
 * policy, which becomes an error finding. */
void ys_cx_policy_exposure(struct ys_audit *a, const struct ys_jval *doc, const char *arn,
			   const char *region, const char *what, const char *rel, const char *name,
			   const char *const *actions);

/* Whether s matches pattern, whose '*' stands for any run of characters (ECR's WILDCARD). */
int ys_cx_wildcard(const char *pattern, const char *s);

/* The part of an ARN after its last '/' (a cluster's or service's name), or the ARN itself. */
const char *ys_cx_arn_tail(const char *arn);

#endif
