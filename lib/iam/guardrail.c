/* guardrail.c: writing the guardrail and finding whom it stops: every principal's requests
 * decided without MFA, before and after the guardrail is in place */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guardrail.h"
#include "../base/grow.h"
#include "../json/jwrite.h"
#include "../banned.h"

/* destruction, by service; the probe resource's kind */
static const struct {
	const char *action, *kind;
} destroy[] = {
	{"s3:DeleteBucket", "bucket"}, {"s3:DeleteObjectVersion", "object"},
	{"s3:PutLifecycleConfiguration", "bucket"}, {"s3:PutBucketVersioning", "bucket"},
	{"ec2:TerminateInstances", "instance"}, {"ec2:DeleteVolume", "volume"},
	{"ec2:DeleteSnapshot", "snapshot"}, {"rds:DeleteDBInstance", "db instance"},
	{"rds:DeleteDBCluster", "db cluster"}, {"rds:DeleteDBSnapshot", "db snapshot"},
	{"rds:DeleteDBClusterSnapshot", "db cluster snapshot"}, {"dynamodb:DeleteTable", "table"},
	{"dynamodb:DeleteBackup", "table backup"}, {"elasticfilesystem:DeleteFileSystem", "file system"},
	{"kms:ScheduleKeyDeletion", "key"}, {"kms:DisableKey", "key"},
	{"backup:DeleteBackupVault", "backup vault"}, {"backup:DeleteRecoveryPoint", "recovery point"},
	{"backup:DeleteBackupPlan", "backup plan"}, {"cloudtrail:DeleteTrail", "trail"},
	{"cloudtrail:StopLogging", "trail"},
};

static const char *const backup_keep[] = {
	"backup:DeleteRecoveryPoint", "backup:DeleteBackupVault", "backup:DeleteBackupVaultAccessPolicy",
	"backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultLockConfiguration",
	"backup:UpdateRecoveryPointLifecycle", "backup:DeleteBackupPlan", "backup:UpdateBackupPlan",
};

static const char *const replica_keep[] = {
	"s3:DeleteBucket", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutLifecycleConfiguration",
	"s3:PutBucketPolicy", "s3:PutBucketVersioning",
};

static const char *const trail_keep[] = {
	"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
	"cloudtrail:PutEventSelectors",
};

struct probe {
	const char *action;
	char resource[600];
};

/* a resource of the snapshot to ask about (or one made up in the account) */
static void sample(const struct ys_codespaces *cs, const char *acct, const char *action,
		   const char *kind, char *out, size_t n)
{
	size_t i;

	for (i = 0; i < cs->nstores; i++)
		if (!strcmp(cs->stores[i].t.kind, kind) || (!strcmp(kind, "object") && !strcmp(cs->stores[i].t.kind, "bucket"))) {
			snprintf(out, n, "%s%s", cs->stores[i].t.arn, strcmp(kind, "object") ? "" : "/*");
			return;
		}
	for (i = 0; i < cs->nbackups; i++)
		if (!strcmp(cs->backups[i].kind, kind)) {
			snprintf(out, n, "%s", cs->backups[i].arn);
			return;
		}
	if (!strncmp(action, "s3:", 3))
		snprintf(out, n, "arn:aws:s3:::any-bucket%s", strcmp(kind, "object") ? "" : "/*");
	else
		snprintf(out, n, "arn:aws:%.*s:us-east-1:%s:%s/any", (int)strcspn(action, ":"), action, acct, kind);
}

static void strings(struct jw *w, const char *const *v, size_t n)
{
	size_t i;

	jw_arr_begin(w);
	for (i = 0; i < n; i++)
		jw_str(w, v[i]);
	jw_arr_end(w);
}

static void except_breakglass(struct jw *w, const char *acct, const char *bg)
{
	char arn[300];

	snprintf(arn, sizeof(arn), "arn:aws:iam::%s:role/%s", acct, bg);
	jw_key(w, "Condition");
	jw_obj_begin(w);
	jw_key(w, "ArnNotLike");
	jw_obj_begin(w);
	jw_key(w, "aws:PrincipalArn");
	jw_str(w, arn);
	jw_obj_end(w);
	jw_obj_end(w);
}

/* the trails the snapshot lists, as ARNs */
static size_t trails(struct ys_snapshot *snap, char out[][512], size_t max)
{
	const char *const *regions;
	size_t nr = ys_snapshot_regions(snap, &regions), r, i, n = 0, k;

	for (r = 0; r < nr; r++) {
		char rel[128];
		const struct ys_snap_file *f;
		const struct ys_jval *list;

		snprintf(rel, sizeof(rel), "%s/cloudtrail/describe-trails", regions[r]);
		f = ys_snapshot_get(snap, rel);
		list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "trailList") : NULL;
		for (i = 0; list && list->type == YS_J_ARRAY && i < list->len && n < max; i++) {
			const char *arn = ys_json_str(ys_json_get(&list->u.items[i], "TrailARN"));

			for (k = 0; arn && k < n && strcmp(out[k], arn); k++)
				;
			if (arn && k == n)
				snprintf(out[n++], 512, "%s", arn);
		}
	}
	return n;
}

static void write_policy(struct ys_snapshot *snap, const struct ys_iam_model *m,
			 const struct ys_codespaces *cs, int boundary, const char *bg, struct strbuf *sb)
{
	const char *acct = *m->account ? m->account : "ACCOUNT";
	char res[8][512], tr[32][512];
	const char *rp[40];
	struct jw w;
	size_t i, n, nt;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "Version");
	jw_str(&w, "2012-10-17");
	jw_key(&w, "Statement");
	jw_arr_begin(&w);
	if (boundary) {
		jw_obj_begin(&w);
		jw_key(&w, "Sid");
		jw_str(&w, "AllowTheRest");
		jw_key(&w, "Effect");
		jw_str(&w, "Allow");
		jw_key(&w, "Action");
		jw_str(&w, "*");
		jw_key(&w, "Resource");
		jw_str(&w, "*");
		jw_obj_end(&w);
	}
	jw_obj_begin(&w);
	jw_key(&w, "Sid");
	jw_str(&w, "DenyDestructionWithoutMFA");
	jw_key(&w, "Effect");
	jw_str(&w, "Deny");
	jw_key(&w, "Action");
	jw_arr_begin(&w);
	for (i = 0; i < sizeof(destroy) / sizeof(destroy[0]); i++)
		jw_str(&w, destroy[i].action);
	jw_arr_end(&w);
	jw_key(&w, "Resource");
	jw_str(&w, "*");
	jw_key(&w, "Condition");
	jw_obj_begin(&w);
	jw_key(&w, "BoolIfExists");
	jw_obj_begin(&w);
	jw_key(&w, "aws:MultiFactorAuthPresent");
	jw_str(&w, "false");
	jw_obj_end(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
	/* backups: only the break-glass role touches them */
	snprintf(res[0], sizeof(res[0]), "arn:aws:backup:*:%s:backup-vault:*", acct);
	snprintf(res[1], sizeof(res[1]), "arn:aws:backup:*:%s:recovery-point:*", acct);
	snprintf(res[2], sizeof(res[2]), "arn:aws:backup:*:%s:backup-plan:*", acct);
	for (i = 0; i < 3; i++)
		rp[i] = res[i];
	jw_obj_begin(&w);
	jw_key(&w, "Sid");
	jw_str(&w, "ProtectBackups");
	jw_key(&w, "Effect");
	jw_str(&w, "Deny");
	jw_key(&w, "Action");
	strings(&w, backup_keep, sizeof(backup_keep) / sizeof(backup_keep[0]));
	jw_key(&w, "Resource");
	strings(&w, rp, 3);
	except_breakglass(&w, acct, bg);
	jw_obj_end(&w);
	/* the buckets the account's buckets replicate to */
	for (i = 0, n = 0; i < cs->nbackups && n + 2 <= sizeof(rp) / sizeof(rp[0]); i++)
		if (!strcmp(cs->backups[i].kind, "bucket replica") && !cs->backups[i].safe &&
		    !strncmp(cs->backups[i].arn, "arn:aws:s3:::", 13))
			rp[n++] = cs->backups[i].arn;
	if (n) {
		jw_obj_begin(&w);
		jw_key(&w, "Sid");
		jw_str(&w, "ProtectReplicas");
		jw_key(&w, "Effect");
		jw_str(&w, "Deny");
		jw_key(&w, "Action");
		strings(&w, replica_keep, sizeof(replica_keep) / sizeof(replica_keep[0]));
		jw_key(&w, "Resource");
		jw_arr_begin(&w);
		for (i = 0; i < n; i++) {
			struct strbuf obj = STRBUF_INIT;

			jw_str(&w, rp[i]);
			strbuf_addf(&obj, "%s/*", rp[i]);
			jw_str(&w, obj.buf);
			strbuf_release(&obj);
		}
		jw_arr_end(&w);
		except_breakglass(&w, acct, bg);
		jw_obj_end(&w);
	}
	/* the audit trail */
	nt = trails(snap, tr, sizeof(tr) / sizeof(tr[0]));
	if (!nt)
		snprintf(tr[nt++], sizeof(tr[0]), "arn:aws:cloudtrail:*:%s:trail/*", acct);
	for (i = 0; i < nt; i++)
		rp[i] = tr[i];
	jw_obj_begin(&w);
	jw_key(&w, "Sid");
	jw_str(&w, "ProtectTheTrail");
	jw_key(&w, "Effect");
	jw_str(&w, "Deny");
	jw_key(&w, "Action");
	strings(&w, trail_keep, sizeof(trail_keep) / sizeof(trail_keep[0]));
	jw_key(&w, "Resource");
	strings(&w, rp, nt);
	except_breakglass(&w, acct, bg);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}

int ys_guardrail(struct ys_snapshot *snap, const struct ys_iam_model *m, int boundary,
		 const char *breakglass, struct ys_guardrail *out)
{
	struct ys_codespaces cs;
	struct ys_jdoc *doc = NULL;
	struct ys_error err = {0};
	struct ys_pset lib;
	struct ys_cpolicy *pol[2];
	struct ys_level level = {"guardrail", pol, 2};
	struct probe pr[64];
	struct ys_ctx none = {NULL, 0, NULL, 0};
	size_t npr = 0, i, k, cap = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	ys_pset_init(&lib);
	if (!breakglass)
		breakglass = "break-glass";
	if (ys_codespaces_stores(snap, m, &cs))
		return -1;
	write_policy(snap, m, &cs, boundary, breakglass, &out->policy);
	/* decided as an SCP level beside AWS's FullAWSAccess (what denies is the same either way) */
	if (ys_json_parse(out->policy.buf, out->policy.len, &doc, &err) ||
	    !(pol[0] = ys_pset_read(&lib, "guardrail", ys_jdoc_root(doc), 0, &err)) ||
	    !(pol[1] = m->outside_policy))
		goto out;
	for (i = 0; i < sizeof(destroy) / sizeof(destroy[0]); i++) {
		pr[npr].action = destroy[i].action;
		sample(&cs, m->account, destroy[i].action, destroy[i].kind, pr[npr].resource, sizeof(pr[0].resource));
		npr++;
	}
	for (i = 0; i < sizeof(backup_keep) / sizeof(backup_keep[0]) && npr < 64; i++) {
		for (k = 0; k < npr && strcmp(pr[k].action, backup_keep[i]); k++)
			;
		if (k < npr)
			continue; /* asked already */
		pr[npr].action = backup_keep[i];
		snprintf(pr[npr].resource, sizeof(pr[0].resource), "arn:aws:backup:us-east-1:%s:recovery-point:any", m->account);
		npr++;
	}
	for (i = 0; i < m->nprin; i++) {
		const struct ys_mprin *mp = &m->prin[i];
		struct ys_gr_affected a = {i, NULL, 0};
		size_t lcap = 0;

		for (k = 0; k < npr; k++) {
			struct ys_pset view;
			struct ys_request req;
			struct ys_decision d;
			const char *note;
			char acct[16];

			ys_iam_model_view(m, mp, pr[k].action, pr[k].resource, &view, &note, acct, sizeof(acct));
			req = (struct ys_request){mp->p->arn, pr[k].action, pr[k].resource, acct, none, &mp->pi};
			out->decisions += 2;
			if (ys_eval(&view, &req, 0, &d) || d.verdict != YS_ALLOW)
				continue;
			view.scp = &level;
			view.nscp = 1;
			if (ys_eval(&view, &req, 0, &d) || d.verdict == YS_ALLOW)
				continue;
			if (ys_grow(&a.loss, &lcap, a.nloss, sizeof(*a.loss), 8))
				goto out;
			a.loss[a.nloss].action = pr[k].action;
			snprintf(a.loss[a.nloss].resource, sizeof(a.loss[0].resource), "%s", pr[k].resource);
			a.nloss++;
		}
		if (!a.nloss)
			continue;
		if (ys_grow(&out->who, &cap, out->nwho, sizeof(*out->who), 8)) {
			free(a.loss);
			goto out;
		}
		out->who[out->nwho++] = a;
	}
	rc = 0;
out:
	ys_jdoc_free(doc);
	ys_pset_release(&lib);
	ys_codespaces_release(&cs);
	if (rc)
		ys_guardrail_release(out);
	return rc;
}

void ys_guardrail_release(struct ys_guardrail *g)
{
	size_t i;

	for (i = 0; i < g->nwho; i++)
		free(g->who[i].loss);
	free(g->who);
	strbuf_release(&g->policy);
	memset(g, 0, sizeof(*g));
}
