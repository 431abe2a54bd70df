/* sink-notify.c: people told of alerts: each queued for every destination in the transaction
 * that raises it, urgent ones due at once and low and info ones at the end of their digest's
 * period, and told after the commit */
#include <stdlib.h>
#include <string.h>
#include "../aws/http.h"
#include "../aws/shapes.h"
#include "../base/severity.h"
#include "../notify/outbox.h"
#include "sink.h"
#include "../banned.h"

struct notify_sink {
	struct ys_sink base;
	struct ys_dest *dests;
	size_t ndests;
	int64_t digest;
	struct ys_outbox *outbox;
	struct ys_notify_ctx ctx;
	struct ys_aws_creds creds;
	struct ys_aws_shapes *shapes; /* holds ctx.publish */
	int kept;		      /* the queue is in the state */
};

static int notify_add(struct ys_sink *s, const char *id, const char *json, size_t len, int rank,
		      int64_t now, struct ys_error *err)
{
	struct notify_sink *n = (struct notify_sink *)s;
	int digest = n->digest > 0 && rank <= ys_severity_rank("low");
	int64_t due = digest ? (now / n->digest + 1) * n->digest : now;
	size_t i;
	int rc = 0;

	for (i = 0; i < n->ndests && !rc; i++)
		rc = ys_outbox_add(n->outbox, &n->dests[i], id, json, len, digest, due, err);
	return rc;
}

static void notify_flush(struct ys_sink *s, int64_t now, int all)
{
	struct notify_sink *n = (struct notify_sink *)s;
	struct ys_outbox_result res;
	struct ys_error err = {0};

	memset(&res, 0, sizeof(res));
	if (ys_outbox_deliver(n->outbox, &n->ctx, n->dests, n->ndests, now, all, s->problem, s->ctx,
			      &res, &err))
		s->problem(s->ctx, err.msg);
	s->done += res.sent;
	if (all && res.failed)
		ys_warn("%zu alert messages could not be told yet%s", res.failed,
			n->kept ? ": they wait in the state for the next run" : "");
}

static void notify_free(struct ys_sink *s)
{
	struct notify_sink *n = (struct notify_sink *)s;

	ys_outbox_close(n->outbox);
	ys_aws_shapes_free(n->shapes);
	free(n->dests);
	memset(&n->creds, 0, sizeof(n->creds));
	free(n);
}

static const struct ys_sink_ops notify_ops = {"notify", notify_add, notify_flush, notify_free};

int ys_sink_notify_new(struct ys_sql *db, struct ys_dest *dests, size_t ndests, int64_t digest,
		       const struct ys_aws_creds *creds, struct ys_sink **out, struct ys_error *err)
{
	struct notify_sink *n = calloc(1, sizeof(*n));
	int rc;

	*out = NULL;
	if (!n) {
		free(dests);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	n->base.ops = &notify_ops;
	n->dests = dests;
	n->ndests = ndests;
	n->digest = digest;
	n->kept = db != NULL;
	n->ctx.timeout_ms = 30000;
	if (creds) {
		n->creds = *creds;
		n->ctx.creds = &n->creds;
		n->ctx.sns_endpoint = ys_aws_endpoint_env("AWS_ENDPOINT_URL_SNS");
		if ((rc = ys_aws_shapes_load(&n->shapes, err)))
			goto fail;
		if (!(n->ctx.publish = ys_aws_op_find(n->shapes, "sns/publish"))) {
			rc = ys_error_set(err, YS_EINVAL, "sns calls are not compiled in");
			goto fail;
		}
	}
	if ((rc = ys_outbox_open(db, &n->outbox, err)))
		goto fail;
	*out = &n->base;
	return 0;
fail:
	notify_free(&n->base);
	return rc;
}
