/* ec2-each.h: the EC2 checks' walks over instances and launch templates, each region's */
#ifndef YS_EC2_EACH_H
#define YS_EC2_EACH_H

#include "check-api.h"

/* An instance not terminated, with its ARN and "i-0abc (Name)" label, under ys_about(its id) */
typedef void (*ys_ec2_inst_fn)(struct ys_audit *a, const char *region, const struct ys_jval *inst,
			       const char *arn, const char *who, void *ctx);
void ys_ec2_each_instance(struct ys_audit *a, ys_ec2_inst_fn fn, void *ctx);

/* A launch template with its LaunchTemplateVersions (from describe-launch-template-versions,
 * a skip or error finding when missing), its ARN and "lt-0abc (name)" label, under
 * ys_about(its id) */
typedef void (*ys_ec2_lt_fn)(struct ys_audit *a, const char *region, const struct ys_jval *lt,
			     const struct ys_jval *versions, const char *arn, const char *who,
			     void *ctx);
void ys_ec2_each_launch_template(struct ys_audit *a, ys_ec2_lt_fn fn, void *ctx);

/* The Name tag of a resource, or "" */
const char *ys_ec2_name_tag(const struct ys_jval *res);

#endif
