/* unused.c: granted against used, from CloudTrail records */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unused.h"
#include "catalog.h"
#include "glob.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../json/jwrite.h"
#include "../banned.h"

void ys_unused_init(struct ys_unused *u, const struct ys_iam_model *m, const struct ys_mprin *mp,
		    int64_t since, int64_t until)
{
	memset(u, 0, sizeof(*u));
	u->m = m;
	u->mp = mp;
	u->since = since;
	u->until = until;
}

/* the principal made the record: its user ARN or one of its keys, or its role's session */
static int made_by(const struct ys_unused *u, struct ys_jlazy *rec)
{
	char buf[600], key[64];
	const char *type = ys_jlazy_str(rec, "userIdentity.type", buf, sizeof(buf));
	size_t i;

	if (!type)
		return 0;
	if (u->mp->p->kind == YS_P_USER) {
		const char *arn, *ak;

		if (strcmp(type, "IAMUser"))
			return 0;
		if ((arn = ys_jlazy_str(rec, "userIdentity.arn", buf, sizeof(buf))))
			return !strcmp(arn, u->mp->p->arn);
		if (!(ak = ys_jlazy_str(rec, "userIdentity.accessKeyId", key, sizeof(key))))
			return 0;
		for (i = 0; i < u->m->nkeyids; i++)
			if (!strcmp(u->m->keyids[i].id, ak))
				return !strcmp(u->m->keyids[i].user, u->mp->p->name);
		return 0;
	}
	if (strcmp(type, "AssumedRole"))
		return 0;
	if (ys_jlazy_str(rec, "userIdentity.sessionContext.sessionIssuer.arn", buf, sizeof(buf)))
		return !strcmp(buf, u->mp->p->arn);
	return 0;
}

/* eventSource to the IAM prefix ("monitoring.amazonaws.com" is cloudwatch) */
static void prefix_of(const char *source, char *out, size_t n)
{
	static const struct {
		const char *source, *prefix;
	} odd[] = {{"monitoring", "cloudwatch"}, {"email", "ses"}, {"streams.dynamodb", "dynamodb"},
		   {"tagging", "tag"}, {"elasticmapreduce", "elasticmapreduce"}};
	size_t len = strcspn(source, "."), i;

	if (strstr(source, ".amazonaws.com"))
		len = (size_t)(strstr(source, ".amazonaws.com") - source);
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		if (strlen(odd[i].source) == len && !strncmp(odd[i].source, source, len)) {
			snprintf(out, n, "%s", odd[i].prefix);
			return;
		}
	snprintf(out, n, "%.*s", (int)len, source);
}

/* the IAM action a CloudTrail event needs: mostly "prefix:EventName", but some API calls are
 * authorized under another action's name (S3's ListBuckets by s3:ListAllMyBuckets), and Lambda
 * dates its event names ("CreateFunction20150331v2") */
static void event_to_action(const char *prefix, const char *name, char *out, size_t n)
{
	static const struct {
		const char *event, *action;
	} renamed[] = {
		{"s3:ListBuckets", "s3:ListAllMyBuckets"}, {"s3:HeadObject", "s3:GetObject"},
		{"s3:HeadBucket", "s3:ListBucket"}, {"s3:ListObjects", "s3:ListBucket"},
		{"s3:ListObjectsV2", "s3:ListBucket"}, {"s3:ListObjectVersions", "s3:ListBucketVersions"},
		{"s3:DeleteObjects", "s3:DeleteObject"}, {"s3:CreateMultipartUpload", "s3:PutObject"},
		{"s3:UploadPart", "s3:PutObject"}, {"s3:CompleteMultipartUpload", "s3:PutObject"},
		{"s3:CopyObject", "s3:PutObject"}, {"s3:UploadPartCopy", "s3:PutObject"},
		{"lambda:Invoke", "lambda:InvokeFunction"},
	};
	char ev[200];
	size_t len = strlen(name), i;

	/* Lambda: CreateFunction20150331, UpdateFunctionCode20150331v2 */
	if (!strcmp(prefix, "lambda") && len > 8) {
		size_t cut = len;

		if (len > 10 && name[len - 2] == 'v' && isdigit((unsigned char)name[len - 1]))
			cut = len - 2;
		for (i = 0; i < 8 && cut > i && isdigit((unsigned char)name[cut - 1 - i]); i++)
			;
		if (i == 8)
			len = cut - 8;
	}
	snprintf(ev, sizeof(ev), "%s:%.*s", prefix, (int)len, name);
	for (i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(renamed[i].event, ev)) {
			snprintf(out, n, "%s", renamed[i].action);
			return;
		}
	snprintf(out, n, "%s", ev);
}

static struct ys_used *find_used(struct ys_unused *u, const char *action)
{
	size_t i;

	for (i = 0; i < u->nused; i++)
		if (!strcasecmp(u->used[i].action, action))
			return &u->used[i];
	if (ys_grow(&u->used, &u->capused, u->nused, sizeof(*u->used), 32))
		return NULL;
	memset(&u->used[u->nused], 0, sizeof(u->used[0]));
	return &u->used[u->nused++];
}

struct res_walk {
	struct ys_used *used;
	struct ys_jlazy *rec;
	int named;
};

static int one_resource(void *ctx, struct ys_jraw item)
{
	struct res_walk *w = ctx;
	char arn[600];
	size_t i;

	if (!ys_jlazy_member_str(w->rec, item, "ARN", arn, sizeof(arn)) || !*arn)
		return 0;
	if (!strncmp(arn, "arn:aws:s3:::", 13) && !strncmp(w->used->action, "s3:", 3) &&
	    (strchr(arn + 13, '/') != NULL) != (strstr(w->used->action, "Object") != NULL))
		return 0; /* S3 names the bucket and the object: keep the one the action is about */
	w->named = 1;
	for (i = 0; i < w->used->nres; i++)
		if (!strcmp(w->used->res[i], arn))
			return 0;
	if (w->used->nres == YS_UNUSED_MAX_RES) {
		w->used->any_resource = 1;
		return 0;
	}
	if ((w->used->res[w->used->nres] = strdup(arn)))
		w->used->nres++;
	return 0;
}

void ys_unused_record(struct ys_unused *u, struct ys_jlazy *rec)
{
	char source[128], name[128], when[40], prefix[64], action[200], err[64];
	const struct ys_action *known;
	struct ys_used *used;
	struct ys_jraw res;
	struct res_walk w;
	int64_t t;

	u->records++;
	if (!made_by(u, rec) || !ys_jlazy_str(rec, "eventSource", source, sizeof(source)) ||
	    !ys_jlazy_str(rec, "eventName", name, sizeof(name)))
		return;
	if (!ys_jlazy_str(rec, "eventTime", when, sizeof(when)))
		when[0] = '\0';
	t = ys_time_parse(when);
	if ((u->since >= 0 && t < u->since) || (u->until >= 0 && t > u->until))
		return;
	u->matched++;
	if (ys_jlazy_str(rec, "errorCode", err, sizeof(err)) &&
	    (strstr(err, "AccessDenied") || strstr(err, "Unauthorized"))) {
		u->denied++; /* a refused call needed no permission it had */
		return;
	}
	prefix_of(source, prefix, sizeof(prefix));
	event_to_action(prefix, name, action, sizeof(action));
	known = ys_catalog_find(action);
	if (!(used = find_used(u, known ? known->name : action)))
		return;
	if (!used->count) {
		snprintf(used->action, sizeof(used->action), "%s", known ? known->name : action);
		used->known = known != NULL;
	}
	used->count++;
	if (strcmp(when, used->last) > 0)
		snprintf(used->last, sizeof(used->last), "%s", when);
	if (!u->first[0] || strcmp(when, u->first) < 0)
		snprintf(u->first, sizeof(u->first), "%s", when);
	if (strcmp(when, u->last) > 0)
		snprintf(u->last, sizeof(u->last), "%s", when);
	w = (struct res_walk){used, rec, 0};
	if (ys_jlazy_top(rec, "resources", 9, &res))
		ys_jraw_each_item(res, one_resource, &w);
	if (!w.named)
		used->any_resource = 1;
}

struct grant_walk {
	struct ys_unused *u;
	int fail;
};

static int level_index(char level)
{
	switch (level) {
	case YS_ACC_READ: return 0;
	case YS_ACC_LIST: return 1;
	case YS_ACC_TAGGING: return 3;
	case YS_ACC_PERMISSIONS: return 4;
	default: return 2;
	}
}

static void granted(const struct ys_action *a, void *ctx)
{
	struct grant_walk *g = ctx;
	struct ys_unused *u = g->u;
	struct ys_unused_svc *s = u->nsvc ? &u->svc[u->nsvc - 1] : NULL;
	char lc[200];
	size_t i;

	ys_lower(a->name, lc, sizeof(lc));
	if (!ys_mprin_holds(u->mp, lc))
		return;
	u->granted++;
	if (!s || strncmp(s->name, a->name, a->svclen) || s->name[a->svclen]) {
		if (ys_grow(&u->svc, &u->capsvc, u->nsvc, sizeof(*u->svc), 16)) {
			g->fail = 1;
			return;
		}
		s = memset(&u->svc[u->nsvc++], 0, sizeof(*s));
		snprintf(s->name, sizeof(s->name), "%.*s", (int)a->svclen, a->name);
	}
	s->granted++;
	for (i = 0; i < u->nused && strcasecmp(u->used[i].action, a->name); i++)
		;
	if (i < u->nused)
		s->used++;
	else
		s->by_level[level_index(a->level)]++;
}

static int by_count(const void *a, const void *b)
{
	const struct ys_used *x = a, *y = b;

	return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp(x->action, y->action);
}

int ys_unused_finish(struct ys_unused *u)
{
	struct grant_walk g = {u, 0};
	size_t i;

	for (i = 0; i < u->nused; i++) {
		char lc[200];

		ys_lower(u->used[i].action, lc, sizeof(lc));
		u->used[i].held = ys_mprin_holds(u->mp, lc);
	}
	if (u->nused > 1)
		qsort(u->used, u->nused, sizeof(*u->used), by_count);
	ys_catalog_each("*", granted, &g);
	return g.fail ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct ys_used *const *)a)->action, (*(const struct ys_used *const *)b)->action);
}

void ys_unused_policy(const struct ys_unused *u, struct strbuf *sb)
{
	const struct ys_used **v = calloc(u->nused + 1, sizeof(*v));
	struct jw w;
	size_t i, k, n = 0;

	for (i = 0; v && i < u->nused; i++)
		if (u->used[i].held) /* never more than it holds */
			v[n++] = &u->used[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), by_name);
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "Version");
	jw_str(&w, "2012-10-17");
	jw_key(&w, "Statement");
	jw_arr_begin(&w);
	for (i = 0; i < n; i++) {
		/* one statement an action when it touched named resources, the rest together */
		if (v[i]->any_resource || !v[i]->nres)
			continue;
		jw_obj_begin(&w);
		jw_key(&w, "Effect");
		jw_str(&w, "Allow");
		jw_key(&w, "Action");
		jw_str(&w, v[i]->action);
		jw_key(&w, "Resource");
		jw_arr_begin(&w);
		for (k = 0; k < v[i]->nres; k++)
			jw_str(&w, v[i]->res[k]);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	for (i = k = 0; i < n; i++)
		k += v[i]->any_resource || !v[i]->nres;
	if (k) {
		jw_obj_begin(&w);
		jw_key(&w, "Effect");
		jw_str(&w, "Allow");
		jw_key(&w, "Action");
		jw_arr_begin(&w);
		for (i = 0; i < n; i++)
			if (v[i]->any_resource || !v[i]->nres)
				jw_str(&w, v[i]->action);
		jw_arr_end(&w);
		jw_key(&w, "Resource");
		jw_str(&w, "*");
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
	free(v);
}

void ys_unused_release(struct ys_unused *u)
{
	size_t i, k;

	for (i = 0; i < u->nused; i++)
		for (k = 0; k < u->used[i].nres; k++)
			free(u->used[i].res[k]);
	free(u->used);
	free(u->svc);
	memset(u, 0, sizeof(*u));
}
