/* checks-containers.c: helpers the container, build and secret checks share: a resource policy
 * judged through lib/iam's evaluator, ECR's wildcard filters, names out of ARNs */
#include <stdio.h>
#include <string.h>
#include "checks-containers.h"
#include "exposure.h"
#include "../banned.h"

/* Whether a statement of the policy (an object, or a string holding one) has a Condition: only
 * to word the verdict, which ys_exposure_eval made */
static int has_condition(const struct ys_jval *doc)
{
	const struct ys_jval *root = doc, *st;
	struct ys_jdoc *jd = NULL;
	struct ys_error err = {0};
	size_t i;
	int found = 0;

	if (doc && doc->type == YS_J_STRING) {
		if (ys_json_parse(doc->u.str, doc->len, &jd, &err))
			return 0;
		root = ys_jdoc_root(jd);
	}
	st = ys_json_get(root, "Statement");
	if (st && st->type == YS_J_OBJECT)
		found = ys_json_get(st, "Condition") != NULL;
	for (i = 0; st && st->type == YS_J_ARRAY && i < st->len && !found; i++)
		found = ys_json_get(&st->u.items[i], "Condition") != NULL;
	ys_jdoc_free(jd);
	return found;
}

void ys_cx_policy_exposure(struct ys_audit *a, const struct ys_jval *doc, const char *arn,
			   const char *region, const char *what, const char *rel, const char *name,
			   const char *const *actions)
{
	struct ys_exposure e;
	struct ys_error err = {0};
	char words[600], msg[700];

	if (ys_exposure_eval(doc, arn, a->account, actions, &e, &err)) {
		ys_emit(a, YS_F_ERROR, arn, region, "%s: %s", what,
			ys_bad_file(a, rel, name, err.msg, msg, sizeof(msg)));
		return;
	}
	if (!e.n) {
		ys_pass(a, arn, region, "%s's policy lets no one outside this account in%s", what,
			has_condition(doc) ? ", save those its conditions admit (an organisation's "
					     "accounts, a network, a source)"
					   : "");
		return;
	}
	ys_exposure_words(&e, words, sizeof(words));
	ys_fail(a, arn, region, "%s is %s: its policy says %s", what,
		e.anyone ? "public" : "shared with another account", words);
}

int ys_cx_wildcard(const char *p, const char *s)
{
	const char *star = NULL, *back = NULL;

	/* greedy, going back to the last '*' on a mismatch: linear in practice, never exponential
	 */
	while (*s) {
		if (*p == '*') {
			star = p++;
			back = s;
		} else if (*p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++back;
		} else {
			return 0;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

const char *ys_cx_arn_tail(const char *arn)
{
	const char *p = strrchr(arn, '/');

	return p ? p + 1 : arn;
}
