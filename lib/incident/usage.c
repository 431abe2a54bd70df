/* usage.c: scanning a trail for what each access key did */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "usage.h"
#include "../base/dir.h"
#include "../base/hash.h"
#include "../base/isotime.h"
#include "../base/meter.h"
#include "../base/strbuf.h"
#include "../json/jread.h"
#include "../trail/reader.h"
#include "../banned.h"

static const char *const notable_events[] = {
	/* persistence and privilege */
	"CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "AttachUserPolicy",
	"PutUserPolicy", "AttachRolePolicy", "PutRolePolicy", "AttachGroupPolicy", "PutGroupPolicy",
	"AddUserToGroup", "CreateRole", "UpdateAssumeRolePolicy", "CreatePolicyVersion",
	"SetDefaultPolicyVersion", "CreateVirtualMFADevice", "DeactivateMFADevice",
	"ImportKeyPair", "CreateKeyPair", "AuthorizeSecurityGroupIngress", "PutBucketPolicy",
	"PutBucketAcl", "DeletePublicAccessBlock", "ModifySnapshotAttribute", "ModifyImageAttribute",
	/* defence evasion */
	"StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteDetector",
	"DisableSecurityHub", "StopConfigurationRecorder", "DeleteFlowLogs",
	/* impact */
	"RunInstances", "TerminateInstances", "DeleteBucket", "DeleteObject", "DeleteObjects",
	"DeleteDBInstance", "DeleteDBCluster", "DeleteSnapshot", "DeleteDBSnapshot",
	"DeleteRecoveryPoint", "DeleteBackupVault", "DeleteFileSystem", "ScheduleKeyDeletion",
	"DisableKey", "DeleteVolume", NULL};

int ys_event_notable(const char *name)
{
	size_t i;

	for (i = 0; notable_events[i]; i++)
		if (!strcmp(notable_events[i], name))
			return 1;
	return 0;
}

static const char *str(const struct ys_jval *o, const char *k)
{
	return ys_json_str(ys_json_get(o, k));
}

static int rehash(struct ys_usage *u)
{
	size_t n = u->nslots ? u->nslots * 2 : 64, i;
	size_t *s = malloc(n * sizeof(*s));

	if (!s)
		return YS_ENOMEM;
	for (i = 0; i < n; i++)
		s[i] = (size_t)-1;
	for (i = 0; i < u->n; i++) {
		size_t h = (size_t)ys_hash_str(YS_HASH_SEED, u->k[i].id) & (n - 1);

		while (s[h] != (size_t)-1)
			h = (h + 1) & (n - 1);
		s[h] = i;
	}
	free(u->slots);
	u->slots = s;
	u->nslots = n;
	return 0;
}

static struct ys_key_use *key(struct ys_usage *u, const char *id)
{
	size_t h;
	struct ys_key_use *k;

	if (u->nslots) {
		for (h = (size_t)ys_hash_str(YS_HASH_SEED, id) & (u->nslots - 1); u->slots[h] != (size_t)-1;
		     h = (h + 1) & (u->nslots - 1))
			if (!strcmp(u->k[u->slots[h]].id, id))
				return &u->k[u->slots[h]];
	}
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 32;
		struct ys_key_use *v = realloc(u->k, cap * sizeof(*v));

		if (!v)
			return NULL;
		u->k = v;
		u->cap = cap;
	}
	k = &u->k[u->n];
	memset(k, 0, sizeof(*k));
	if (!(k->id = strdup(id)))
		return NULL;
	ys_sha256_hex(id, strlen(id), k->hash);
	k->first = k->last = -1;
	u->n++;
	if (u->n * 2 > u->nslots)
		return rehash(u) ? NULL : &u->k[u->n - 1];
	h = (size_t)ys_hash_str(YS_HASH_SEED, id) & (u->nslots - 1);
	while (u->slots[h] != (size_t)-1)
		h = (h + 1) & (u->nslots - 1);
	u->slots[h] = u->n - 1;
	return &u->k[u->n - 1];
}

static void bump(struct ys_use_count *c, size_t *n, size_t max, size_t *more, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp(c[i].name, name)) {
			c[i].n++;
			return;
		}
	if (*n == max) {
		(*more)++;
		return;
	}
	snprintf(c[*n].name, sizeof(c[*n].name), "%s", name);
	c[(*n)++].n = 1;
}

/* what a notable call was aimed at, from its request */
static void target_of(const struct ys_jval *req, char *out, size_t n)
{
	static const char *const keys[] = {"userName", "roleName", "groupName", "bucketName", "name",
					   "policyArn", "dBInstanceIdentifier", "keyId", "groupId", NULL};
	size_t i;

	out[0] = '\0';
	for (i = 0; keys[i]; i++) {
		const char *v = str(req, keys[i]);

		if (v) {
			snprintf(out, n, "%s %s", keys[i], v);
			return;
		}
	}
}

static int record(struct ys_usage *u, const struct ys_jval *r, const char *account)
{
	const struct ys_jval *who = ys_json_get(r, "userIdentity"), *req = ys_json_get(r, "requestParameters");
	const struct ys_jval *resp = ys_json_get(r, "responseElements");
	const char *id = str(who, "accessKeyId"), *name = str(r, "eventName"), *ip = str(r, "sourceIPAddress");
	const char *acct = str(r, "recipientAccountId"), *child;
	struct ys_key_use *k, *c;
	int64_t t = str(r, "eventTime") ? ys_time_parse(str(r, "eventTime")) : -1;

	if (account && acct && strcmp(acct, account)) {
		u->other_account++;
		snprintf(u->other, sizeof(u->other), "%s", acct);
		return 0;
	}
	if (!id || !*id || !name)
		return 0;
	if (!(k = key(u, id)))
		return YS_ENOMEM;
	k->calls++;
	if (str(r, "errorCode"))
		k->refused++;
	if (t >= 0 && (k->first < 0 || t < k->first))
		k->first = t;
	if (t > k->last)
		k->last = t;
	if (!k->user[0])
		snprintf(k->user, sizeof(k->user), "%s", str(who, "userName") ? str(who, "userName")
							: str(who, "arn") ? str(who, "arn") : "");
	bump(k->ips, &k->nips, YS_USE_IPS, &k->more_ips, ip ? ip : "(none)");
	bump(k->events, &k->nevents, YS_USE_EVENTS, &k->more_events, name);
	if (ys_event_notable(name)) {
		if (k->nnotable < YS_USE_NOTABLE) {
			struct ys_use_notable *nb = &k->notable[k->nnotable++];

			snprintf(nb->name, sizeof(nb->name), "%s%s", name, str(r, "errorCode") ? " (refused)" : "");
			snprintf(nb->ip, sizeof(nb->ip), "%s", ip ? ip : "");
			target_of(req, nb->target, sizeof(nb->target));
			nb->t = t;
		} else {
			k->more_notable++;
		}
	}
	if (!strcmp(name, "AssumeRole") && str(req, "roleArn") && k->nroles < YS_USE_ROLES && !str(r, "errorCode")) {
		size_t i;

		for (i = 0; i < k->nroles && strcmp(k->roles[i], str(req, "roleArn")); i++)
			;
		if (i == k->nroles && !(k->roles[k->nroles++] = strdup(str(req, "roleArn"))))
			return YS_ENOMEM;
	}
	/* a temporary key it was handed: what that key does is its doing too */
	child = str(ys_json_get(resp, "credentials"), "accessKeyId");
	if (child && strcmp(child, id)) {
		char *parent = strdup(id);

		if (!parent || !(c = key(u, child))) {
			free(parent);
			return YS_ENOMEM;
		}
		if (!c->parent)
			c->parent = parent;
		else
			free(parent);
	}
	return 0;
}

static int scan_file(struct ys_usage *u, const char *path, const char *account, ys_use_warn_fn warn,
		     void *ctx)
{
	struct ys_trail_reader *r;
	struct ys_trail_record rec;
	struct ys_error err = {0};
	int got, rc = 0;

	if (ys_trail_open(&r, path, &err)) {
		warn(ctx, err.msg);
		u->bad++;
		return 0;
	}
	u->files++;
	while ((got = ys_trail_next(r, &rec, &err)) != 0 && !rc) {
		struct ys_jdoc *doc;

		if (got < 0) {
			warn(ctx, err.msg);
			u->bad++;
			if (ys_trail_failed(r))
				break;
			continue;
		}
		u->records++;
		if (ys_json_parse(rec.json, rec.len, &doc, &err)) {
			u->bad++;
			continue;
		}
		rc = record(u, ys_jdoc_root(doc), account);
		ys_jdoc_free(doc);
	}
	ys_trail_close(r);
	return rc;
}

int ys_usage_scan(struct ys_usage *u, const char *path, const char *account, ys_use_warn_fn warn,
		  void *ctx, struct ys_error *err)
{
	static const char *const endings[] = {".json", ".json.gz", ".jsonl", ".gz", ".ndjson", NULL};
	struct strbuf file = STRBUF_INIT;
	struct stat st;
	char **rels, msg[600];
	size_t n, i;
	int rc = 0;

	if (stat(path, &st)) {
		snprintf(msg, sizeof(msg), "cannot read '%s': %s", path, strerror(errno));
		warn(ctx, msg);
		u->bad++;
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		ys_meter_phase(u->meter, "reading the trail", "files", 1, NULL);
		rc = scan_file(u, path, account, warn, ctx);
	} else if (ys_dir_files(path, 32, &rels, &n, NULL, NULL)) {
		return errno == ENOMEM ? ys_error_set(err, YS_ENOMEM, "out of memory") : 0;
	} else {
		size_t total = 0;

		for (i = 0; u->meter && i < n; i++)
			total += ys_name_ends(strrchr(rels[i], '/') ? strrchr(rels[i], '/') + 1 : rels[i],
					      endings) != 0;
		ys_meter_phase(u->meter, "reading the trail", "files", total, NULL);
		for (i = 0; i < n && !rc; i++) {
			if (!ys_name_ends(strrchr(rels[i], '/') ? strrchr(rels[i], '/') + 1 : rels[i], endings))
				continue;
			strbuf_reset(&file);
			strbuf_addf(&file, "%s/%s", path, rels[i]);
			rc = scan_file(u, file.buf, account, warn, ctx);
			ys_meter_add(u->meter, 1, 0);
		}
		ys_dir_names_free(rels, n);
	}
	strbuf_release(&file);
	return rc ? ys_error_set(err, rc, "out of memory") : 0;
}

const struct ys_key_use *ys_usage_by_hash(const struct ys_usage *u, const char *hash)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (!strcmp(u->k[i].hash, hash))
			return &u->k[i];
	return NULL;
}

static void children(const struct ys_usage *u, const char *id, int depth,
		     void (*fn)(void *ctx, const struct ys_key_use *child), void *ctx)
{
	size_t i;

	if (depth > 4)
		return;
	for (i = 0; i < u->n; i++)
		if (u->k[i].parent && !strcmp(u->k[i].parent, id)) {
			fn(ctx, &u->k[i]);
			children(u, u->k[i].id, depth + 1, fn, ctx);
		}
}

void ys_usage_children(const struct ys_usage *u, const struct ys_key_use *k,
		       void (*fn)(void *ctx, const struct ys_key_use *child), void *ctx)
{
	children(u, k->id, 0, fn, ctx);
}

void ys_usage_release(struct ys_usage *u)
{
	size_t i, j;

	for (i = 0; i < u->n; i++) {
		free(u->k[i].id);
		free(u->k[i].parent);
		for (j = 0; j < u->k[i].nroles; j++)
			free(u->k[i].roles[j]);
	}
	free(u->k);
	free(u->slots);
	memset(u, 0, sizeof(*u));
}
