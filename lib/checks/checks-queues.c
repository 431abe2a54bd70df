/* checks-queues.c: SQS queues and SNS topics are encrypted at rest and let nobody outside the
 * account in (their access policies asked through lib/iam's evaluator) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "exposure.h"
#include "../banned.h"

static const char *const sqs_actions[] = {
	"sqs:SendMessage",	"sqs:ReceiveMessage",	   "sqs:DeleteMessage",
	"sqs:PurgeQueue",	"sqs:SetQueueAttributes",  "sqs:ChangeMessageVisibility",
	"sqs:GetQueueAttributes", "sqs:AddPermission",	   "sqs:RemovePermission",
	"sqs:DeleteQueue",	NULL,
};

static const char *const sns_actions[] = {
	"sns:Publish",		   "sns:Subscribe",	     "sns:SetTopicAttributes",
	"sns:AddPermission",	   "sns:RemovePermission",   "sns:DeleteTopic",
	"sns:GetTopicAttributes",  "sns:ListSubscriptionsByTopic", NULL,
};

/* What a queue or topic check is handed: its name, ARN, Attributes, and where they were read. */
struct store {
	const char *name, *arn, *region;
	const struct ys_jval *attrs;
	const char *rel, *res; /* the file, for ys_bad_file */
	const char *kind;      /* "queue", "topic" */
};

typedef void (*store_fn)(struct ys_audit *a, const struct store *s);

/* The last part of s after sep ("jobs" of ".../111122223333/jobs"). */
static const char *last_part(const char *s, int sep)
{
	const char *p = strrchr(s, sep);

	return p ? p + 1 : s;
}

/* The outsiders a store's Policy attribute lets perform actions: a pass when there is no policy
 * or it admits nobody, else a failure naming them; an error when the policy is not one. */
static void policy_exposure(struct ys_audit *a, const struct store *s, const char *const *actions)
{
	const struct ys_jval *pol = ys_json_get(s->attrs, "Policy");
	struct ys_exposure e;
	struct ys_error err = {0};
	char words[600], msg[700];

	if (!pol || (pol->type == YS_J_STRING && !pol->len)) {
		ys_pass(a, s->arn, s->region, "%s %s has no access policy: only this account's own "
					      "users and roles may use it", s->kind, s->name);
		return;
	}
	if (ys_exposure_eval(pol, s->arn, a->account, actions, &e, &err)) {
		ys_emit(a, YS_F_ERROR, s->arn, s->region, "%s",
			ys_bad_file(a, s->rel, s->res, err.msg, msg, sizeof(msg)));
		return;
	}
	if (!e.n) {
		ys_pass(a, s->arn, s->region, "the access policy of %s %s lets nobody outside the "
					      "account use it", s->kind, s->name);
		return;
	}
	ys_exposure_words(&e, words, sizeof(words));
	if (e.anyone)
		ys_fail(a, s->arn, s->region, "%s %s is public: %s", s->kind, s->name, words);
	else
		ys_fail(a, s->arn, s->region, "%s %s is shared outside the account: %s", s->kind,
			s->name, words);
}

/* SQS: each queue URL of each region, with its attributes (get-queue-attributes, All). */
struct queue_walk {
	store_fn fn;
};

static void queues_of(struct ys_audit *a, const char *region, const struct ys_jval *root, void *ctx)
{
	const struct queue_walk *w = ctx;
	const struct ys_jval *urls = ys_json_get(root, "QueueUrls");
	char rel[128], arn[512];
	size_t i;

	snprintf(rel, sizeof(rel), "%s/sqs/get-queue-attributes", region);
	for (i = 0; urls && urls->type == YS_J_ARRAY && i < urls->len; i++) {
		const char *url = ys_json_str(&urls->u.items[i]);
		const struct ys_jval *d;
		struct store s;

		if (!url || !*url)
			continue;
		s.name = last_part(url, '/');
		s.region = region;
		s.rel = rel;
		s.res = url;
		s.kind = "queue";
		ys_about(a, url);
		if ((d = ys_need_x(a, rel, url, region, NULL, NULL))) {
			s.attrs = ys_json_get(d, "Attributes");
			s.arn = ys_str(s.attrs, "QueueArn");
			if (!*s.arn) {
				snprintf(arn, sizeof(arn), "arn:aws:sqs:%s:%s:%s", region, a->account,
					 s.name);
				s.arn = arn;
			}
			w->fn(a, &s);
		}
		ys_about(a, NULL);
	}
}

static void each_queue(struct ys_audit *a, store_fn fn)
{
	struct queue_walk w = {fn};

	ys_each_region(a, "sqs/list-queues", queues_of, &w);
}

static void queue_encrypted(struct ys_audit *a, const struct store *s)
{
	const char *kms = ys_str(s->attrs, "KmsMasterKeyId");

	if (*kms)
		ys_pass(a, s->arn, s->region, "queue %s is encrypted at rest with KMS key %s", s->name,
			kms);
	else if (!strcmp(ys_str(s->attrs, "SqsManagedSseEnabled"), "true"))
		ys_pass(a, s->arn, s->region, "queue %s is encrypted at rest with SQS-managed keys",
			s->name);
	else
		ys_fail(a, s->arn, s->region, "queue %s keeps its messages unencrypted at rest",
			s->name);
}

void ys_check_sqs_encrypted(struct ys_audit *a)
{
	each_queue(a, queue_encrypted);
}

static void queue_public(struct ys_audit *a, const struct store *s)
{
	policy_exposure(a, s, sqs_actions);
}

void ys_check_sqs_public(struct ys_audit *a)
{
	each_queue(a, queue_public);
}

/* SNS: each topic of each region, with its attributes. */
static void topic_one(struct ys_audit *a, const char *region, const struct ys_jval *t, void *ctx)
{
	const char *arn = ys_str(t, "TopicArn");
	const struct ys_jval *d;
	char rel[128];
	struct store s;

	(void)ctx;
	if (!*arn)
		return;
	snprintf(rel, sizeof(rel), "%s/sns/get-topic-attributes", region);
	ys_about(a, arn);
	if ((d = ys_need_x(a, rel, arn, region, NULL, NULL))) {
		s.name = last_part(arn, ':');
		s.arn = arn;
		s.region = region;
		s.attrs = ys_json_get(d, "Attributes");
		s.rel = rel;
		s.res = arn;
		s.kind = "topic";
		policy_exposure(a, &s, sns_actions);
	}
	ys_about(a, NULL);
}

void ys_check_sns_public(struct ys_audit *a)
{
	ys_each_item(a, "sns/list-topics", "Topics", topic_one, NULL);
}
