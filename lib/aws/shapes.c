/* shapes.c: the AWS call table compiled into the binary, parsed once */
#include <stdlib.h>
#include <string.h>
#include "shapes.h"
#include "../base/embedded.h"
#include "../banned.h"

struct ys_aws_shapes {
	struct ys_jdoc *doc;
	struct ys_aws_service *svc;
	size_t nsvc;
	struct ys_aws_op *ops;
	size_t nops;
};

static const char *str(const struct ys_jval *o, const char *k)
{
	const char *s = ys_json_str(ys_json_get(o, k));

	return s ? s : "";
}

static enum ys_aws_protocol protocol_of(const char *p)
{
	return !strcmp(p, "ec2") ? YS_AWS_EC2 : !strcmp(p, "json") ? YS_AWS_JSON
	       : !strcmp(p, "rest-json") ? YS_AWS_REST_JSON : !strcmp(p, "rest-xml") ? YS_AWS_REST_XML
									 : YS_AWS_QUERY;
}

int ys_aws_shapes_load(struct ys_aws_shapes **out, struct ys_error *err)
{
	const struct ys_embedded_file *f = ys_embedded_find(ys_embedded_data, "data/aws-shapes.json");
	const struct ys_jval *root, *svcs, *ops;
	struct ys_aws_shapes *s;
	size_t i, j;

	*out = NULL;
	if (!f)
		return ys_error_set(err, YS_ENOTFOUND, "the AWS call table is not in this build");
	if (!(s = calloc(1, sizeof(*s))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (ys_json_parse(f->text, f->len, &s->doc, err)) {
		free(s);
		return YS_EPARSE;
	}
	root = ys_jdoc_root(s->doc);
	svcs = ys_json_get(root, "services");
	ops = ys_json_get(root, "ops");
	if (!svcs || svcs->type != YS_J_OBJECT || !ops || ops->type != YS_J_ARRAY ||
	    !(s->svc = calloc(svcs->len + 1, sizeof(*s->svc))) ||
	    !(s->ops = calloc(ops->len + 1, sizeof(*s->ops)))) {
		ys_aws_shapes_free(s);
		return ys_error_set(err, YS_ENOMEM, "the AWS call table is unreadable");
	}
	for (i = 0; i < svcs->len; i++) {
		const struct ys_jval *v = &svcs->u.members[i].val;
		struct ys_aws_service *sv = &s->svc[s->nsvc++];

		sv->name = svcs->u.members[i].key;
		sv->signing = str(v, "signing");
		sv->prefix = str(v, "prefix");
		sv->version = str(v, "version");
		sv->target = str(v, "target");
		sv->json_version = str(v, "json");
		sv->protocol = protocol_of(str(v, "protocol"));
		sv->global = !strcmp(sv->name, "iam");
	}
	for (i = 0; i < ops->len; i++) {
		const struct ys_jval *o = &ops->u.items[i];
		struct ys_aws_op *op = &s->ops[s->nops];

		for (j = 0; j < s->nsvc && strcmp(s->svc[j].name, str(o, "service")); j++)
			;
		if (j == s->nsvc)
			continue;
		op->service = &s->svc[j];
		op->name = str(o, "name");
		op->cli = str(o, "cli");
		op->method = str(o, "method");
		op->uri = str(o, "uri");
		op->host_prefix = str(o, "host_prefix");
		op->wrapper = str(o, "wrapper");
		op->payload = str(o, "payload");
		op->in = ys_json_get(o, "in");
		op->out = ys_json_get(o, "out");
		if (op->out && op->out->type != YS_J_OBJECT)
			op->out = NULL;
		op->paginator = ys_json_get(o, "paginator");
		s->nops++;
	}
	*out = s;
	return 0;
}

void ys_aws_shapes_free(struct ys_aws_shapes *s)
{
	if (!s)
		return;
	ys_jdoc_free(s->doc);
	free(s->svc);
	free(s->ops);
	free(s);
}

const struct ys_aws_op *ys_aws_op_find(const struct ys_aws_shapes *s, const char *cli)
{
	size_t i;

	for (i = 0; i < s->nops; i++)
		if (!strcmp(s->ops[i].cli, cli))
			return &s->ops[i];
	return NULL;
}
