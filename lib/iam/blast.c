/* blast.c: a principal's blast radius: each data store probed with the requests that read,
 * change, destroy and re-permission it, for the principal and everyone it can become (or as an
 * administrator); each service's actions counted by access level */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blast.h"
#include "catalog.h"
#include "../base/grow.h"
#include "../banned.h"

/* the requests that read, change and re-permission a store, by kind (destroying is the
 * target's own ways) */
static const struct probe {
	const char *kind;
	unsigned what;
	const char *action;
	const char *suffix; /* appended to the ARN */
} probes[] = {
	{"bucket", YS_BR_READ, "s3:GetObject", "/*"},
	{"bucket", YS_BR_CHANGE, "s3:PutObject", "/*"},
	{"bucket", YS_BR_PERMISSIONS, "s3:PutBucketPolicy", ""},
	{"bucket replica", YS_BR_READ, "s3:GetObject", "/*"},
	{"bucket replica", YS_BR_CHANGE, "s3:PutObject", "/*"},
	{"db instance", YS_BR_READ, "rds:CreateDBSnapshot", ""},
	{"db instance", YS_BR_CHANGE, "rds:ModifyDBInstance", ""},
	{"file system", YS_BR_READ, "elasticfilesystem:ClientMount", ""},
	{"file system", YS_BR_CHANGE, "elasticfilesystem:ClientWrite", ""},
	{"file system", YS_BR_PERMISSIONS, "elasticfilesystem:PutFileSystemPolicy", ""},
	{"backup vault", YS_BR_READ, "backup:StartRestoreJob", "*"},
	{"backup vault", YS_BR_PERMISSIONS, "backup:PutBackupVaultAccessPolicy", ""},
};

static int allowed(const struct ys_iam_model *m, const struct ys_mprin *mp, int admin,
		   const char *action, const char *resource, const struct ys_ctx *ctx)
{
	struct ys_decision d;

	if (admin)
		return ys_iam_model_admin_may(m, mp, action, resource, ctx);
	return ys_iam_model_decide(m, mp, action, resource, ctx, 0, &d) == YS_ALLOW;
}

/* what one principal (itself or as administrator) can do to a target */
static unsigned probe(const struct ys_iam_model *m, const struct ys_mprin *mp, int admin,
		      const struct ys_cs_target *t, const struct ys_ctx *ctx)
{
	char res[600];
	unsigned what = 0;
	size_t i;

	if (t->safe && strstr(t->safe, "another account"))
		return 0; /* its account's own policies decide, and the snapshot does not hold them */
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (strcmp(probes[i].kind, t->kind) || (what & probes[i].what))
			continue;
		if (!strcmp(probes[i].suffix, "*"))
			snprintf(res, sizeof(res), "*");
		else
			snprintf(res, sizeof(res), "%s%s", t->arn, probes[i].suffix);
		if (allowed(m, mp, admin, probes[i].action, res, ctx))
			what |= probes[i].what;
	}
	if (ys_cs_destroys(m, mp, admin, t, ctx))
		what |= YS_BR_DESTROY;
	return what;
}

static int destroys_by_name(const char *action)
{
	static const char *const verbs[] = {"Delete", "Terminate", "Purge", "Destroy", "ScheduleKeyDeletion"};
	const char *name = strchr(action, ':');
	size_t i;

	for (i = 0; name && i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strncmp(name + 1, verbs[i], strlen(verbs[i])))
			return 1;
	return 0;
}

struct svc_count {
	struct ys_blast *b;
	const struct ys_iam_model *m;
	const size_t *who;
	size_t nwho;
	int admin;
	size_t cap;
};

static void count_action(const struct ys_action *a, void *ctx)
{
	struct svc_count *c = ctx;
	struct ys_blast *b = c->b;
	struct ys_br_service *s = b->nsvc ? &b->svc[b->nsvc - 1] : NULL;
	char lc[160];
	size_t i;
	int got = c->admin;

	if (!s || strncmp(s->name, a->name, a->svclen) || s->name[a->svclen]) {
		if (ys_grow(&b->svc, &c->cap, b->nsvc, sizeof(*b->svc), 32))
			return;
		s = memset(&b->svc[b->nsvc++], 0, sizeof(*s));
		snprintf(s->name, sizeof(s->name), "%.*s", (int)a->svclen, a->name);
	}
	s->total++;
	ys_lower(a->name, lc, sizeof(lc));
	for (i = 0; !got && i < c->nwho; i++)
		got = ys_mprin_holds(&c->m->prin[c->who[i]], lc);
	if (!got)
		return;
	switch (a->level) {
	case YS_ACC_READ: s->read++; break;
	case YS_ACC_LIST: s->list++; break;
	case YS_ACC_TAGGING: s->tagging++; break;
	case YS_ACC_PERMISSIONS: s->permissions++; break;
	default: s->write++; break;
	}
	s->destroy += destroys_by_name(a->name);
}

int ys_blast(struct ys_snapshot *snap, const struct ys_iam_model *m, const struct ys_esc_graph *g,
	     size_t prin, const struct ys_ctx *ctx, struct ys_blast *b)
{
	return ys_blast_opt(snap, m, g, prin, ctx, NULL, 0, b);
}

int ys_blast_opt(struct ys_snapshot *snap, const struct ys_iam_model *m, const struct ys_esc_graph *g,
		 size_t prin, const struct ys_ctx *ctx, const struct ys_codespaces *stores, unsigned flags,
		 struct ys_blast *b)
{
	unsigned char *seen = calloc(m->nprin + 1, 1);
	size_t *who = calloc(m->nprin + 1, sizeof(size_t)), nwho = 0, head = 0, i, k;
	struct svc_count sc;
	int rc = -1;

	memset(b, 0, sizeof(*b));
	b->prin = prin;
	if (!seen || !who)
		goto out;
	/* everyone it can become, along the graph */
	who[nwho++] = prin;
	seen[prin] = 1;
	while (head < nwho) {
		size_t x = who[head++];

		for (i = 0; i < g->n; i++)
			if (g->e[i].from == x && g->e[i].to < g->nprin && !seen[g->e[i].to]) {
				seen[g->e[i].to] = 1;
				who[nwho++] = g->e[i].to;
			}
	}
	if (!(b->becomes = calloc(nwho, sizeof(size_t))))
		goto out;
	memcpy(b->becomes, who + 1, (nwho - 1) * sizeof(size_t));
	b->nbecomes = nwho - 1;
	b->admin = g->next[prin] >= 0;
	if (stores) {
		b->stores = *stores;
		b->borrowed = 1;
	} else if (ys_codespaces_stores(snap, m, &b->stores)) {
		goto out;
	}
	if (!(b->st = calloc(b->stores.nstores + b->stores.nbackups + 1, sizeof(*b->st))))
		goto out;
	for (i = 0; i < b->stores.nstores + b->stores.nbackups; i++) {
		const struct ys_cs_target *t = i < b->stores.nstores ? &b->stores.stores[i].t
								      : &b->stores.backups[i - b->stores.nstores];
		unsigned what = 0;

		b->st[i].t = t;
		if (b->admin)
			what = probe(m, &m->prin[prin], 1, t, ctx);
		for (k = 0; k < nwho; k++)
			what |= probe(m, &m->prin[who[k]], 0, t, ctx);
		b->st[i].what = what;
		b->nst++;
	}
	sc = (struct svc_count){b, m, who, nwho, b->admin, 0};
	if (!(flags & YS_BLAST_NO_SERVICES))
		ys_catalog_each("*", count_action, &sc);
	rc = 0;
out:
	free(seen);
	free(who);
	if (rc)
		ys_blast_release(b);
	return rc;
}

void ys_blast_release(struct ys_blast *b)
{
	free(b->becomes);
	free(b->st);
	free(b->svc);
	if (!b->borrowed)
		ys_codespaces_release(&b->stores);
	memset(b, 0, sizeof(*b));
}
