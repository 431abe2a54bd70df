/* verify.c: live-checking AWS key pairs with STS GetCallerIdentity, once per pair */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../aws/sts.h"
#include "verify.h"
#include "../banned.h"

static int is_rule(const struct ys_secret_finding *f, const char *id)
{
	return !strcmp(f->rule->id, id);
}

/* An earlier finding with the same key pair already asked: reuse its answer. */
static const struct ys_secret_finding *asked_before(const struct ys_secret_results *r, size_t i)
{
	const struct ys_secret_finding *k = &r->f[i], *s = &r->f[k->pair - 1];
	size_t j;

	for (j = 0; j < i; j++) {
		const struct ys_secret_finding *o = &r->f[j];

		if (o->verified >= 0 && is_rule(o, "aws-access-key-id") && o->pair &&
		    !strcmp(o->sha256, k->sha256) && !strcmp(r->f[o->pair - 1].sha256, s->sha256))
			return o;
	}
	return NULL;
}

static void mark(struct ys_secret_finding *f, int live, const char *arn)
{
	f->verified = live;
	free(f->verified_arn);
	f->verified_arn = arn && *arn ? strdup(arn) : NULL;
}

size_t ys_secrets_verify(struct ys_secret_results *r, const char *endpoint, int64_t now,
			 struct ys_error *err)
{
	size_t i, asked = 0;

	for (i = 0; i < r->n; i++) {
		struct ys_secret_finding *k = &r->f[i], *s;
		const struct ys_secret_finding *prev;
		struct ys_aws_creds creds;
		struct ys_caller_identity id;
		struct ys_error e = {0};

		if (!is_rule(k, "aws-access-key-id") || !k->pair)
			continue;
		s = &r->f[k->pair - 1];
		if ((prev = asked_before(r, i))) {
			mark(k, prev->verified, prev->verified_arn);
			mark(s, prev->verified, prev->verified_arn);
			continue;
		}
		if (k->secret_len >= sizeof(creds.access_key_id) ||
		    s->secret_len >= sizeof(creds.secret_access_key))
			continue;
		memset(&creds, 0, sizeof(creds));
		memcpy(creds.access_key_id, k->secret, k->secret_len);
		memcpy(creds.secret_access_key, s->secret, s->secret_len);
		asked++;
		if (ys_sts_get_caller_identity(endpoint, &creds, now, &id, &e)) {
			ys_error_set(err, e.code, "cannot verify the key pair in '%s': %s", k->file,
				     e.msg);
		} else {
			mark(k, id.live, id.arn);
			mark(s, id.live, id.arn);
		}
		memset(&creds, 0, sizeof(creds));
	}
	return asked;
}
