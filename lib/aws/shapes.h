/* shapes.h: what collect knows of each AWS call (data/aws-shapes.json, from botocore's models):
 * services (protocol, signing name, endpoint prefix, JSON target), operations (route, the input
 * members it sets, output shape, paginator) */
#ifndef YS_AWS_SHAPES_H
#define YS_AWS_SHAPES_H

#include "../base/err.h"
#include "../json/jread.h"

enum ys_aws_protocol { YS_AWS_QUERY, YS_AWS_EC2, YS_AWS_JSON, YS_AWS_REST_JSON, YS_AWS_REST_XML };

struct ys_aws_service {
	const char *name, *signing, *prefix, *version, *target, *json_version;
	enum ys_aws_protocol protocol;
	int global; /* one endpoint in us-east-1 (IAM, STS's global, S3's account calls) */
};

struct ys_aws_op {
	const struct ys_aws_service *service;
	const char *name;	 /* DescribeInstances */
	const char *cli;	 /* ec2/describe-instances: the snapshot's folder and file */
	const char *method, *uri, *host_prefix, *wrapper, *payload;
	const struct ys_jval *in;  /* [{"name","wire","loc","t"}] */
	const struct ys_jval *out; /* the output shape, or NULL */
	const struct ys_jval *paginator;
};

struct ys_aws_shapes;

/* Reads the table compiled into the binary. */
int ys_aws_shapes_load(struct ys_aws_shapes **out, struct ys_error *err);
void ys_aws_shapes_free(struct ys_aws_shapes *s);
/* The operation named by its snapshot path ("ec2/describe-instances"), or NULL. */
const struct ys_aws_op *ys_aws_op_find(const struct ys_aws_shapes *s, const char *cli);

#endif
