/* jdiff.c: comparing two versions of a snapshot file by meaning, and reporting each change with
 * its path */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jdiff.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "../json/jwrite.h"
#include "../banned.h"

static const char *const volatile_keys[] = {
	"LatestDeliveryTime", "LatestNotificationTime", "LatestCloudWatchLogsDeliveryTime",
	"LatestDigestDeliveryTime", "LatestDeliveryAttemptTime", "LatestNotificationAttemptTime",
	"LatestDeliveryAttemptSucceeded", "LatestNotificationAttemptSucceeded", "RoleLastUsed",
	"LastUsedDate", "PasswordLastUsed", "NumberOfRecoveryPoints", "SizeInBytes",
	"lastStartTime", "lastStatusChangeTime", "lastResourceAnalyzed", "lastResourceAnalyzedAt",
	"NextToken", "NextMarker", "Marker", "IsTruncated", "Truncated", "ResponseMetadata",
	"GeneratedTime", "TargetHealth", "Progress",
};

/* Members that name a list's items, the most readable first (a name must be unique on both
 * sides to be used). */
static const char *const id_keys[] = {
	"UserName", "RoleName", "GroupName", "PolicyName", "InstanceId", "VolumeId", "GroupId",
	"VpcId", "NetworkAclId", "FlowLogId", "DBInstanceIdentifier", "FileSystemId", "KeyId",
	"BackupPlanId", "BackupVaultName", "ReservationId", "SnapshotId", "Arn", "TrailARN",
	"BackupVaultArn", "DBInstanceArn", "FileSystemArn", "KeyArn", "TargetGroupArn",
	"LoadBalancerArn", "PolicyArn", "Name", "name", "Id", "Sid",
};

#define N(a) (sizeof(a) / sizeof(a[0]))

int ys_jdiff_volatile(const char *key)
{
	size_t i;

	for (i = 0; i < N(volatile_keys); i++)
		if (!strcmp(key, volatile_keys[i]))
			return 1;
	return 0;
}

struct diff {
	ys_jdiff_fn fn;
	void *ctx;
	struct strbuf path;
};

static char *text_of(const struct ys_jval *v)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;

	if (!v)
		return NULL;
	jw_init(&w, &sb, 0);
	jw_value(&w, v);
	return strbuf_detach(&sb, NULL);
}

static void report(struct diff *d, const struct ys_jval *a, const struct ys_jval *b)
{
	char *ta = text_of(a), *tb = text_of(b);

	d->fn(d->ctx, d->path.buf ? d->path.buf : "", ta, tb);
	free(ta);
	free(tb);
}

/* Whether an object's i-th member is the one its key reads (a repeated key: the last wins). */
static int effective(const struct ys_jval *o, size_t i)
{
	return ys_json_get(o, o->u.members[i].key) == &o->u.members[i].val;
}

/* Two spellings of one instant ("...T11:00:00Z", "...T11:00:00+00:00", "...T11:00:00.000Z"):
 * AWS CLI versions print timestamps differently. */
static int same_time(const struct ys_jval *a, const struct ys_jval *b)
{
	int64_t ta, tb;

	if (a->len < 19 || b->len < 19 || a->u.str[10] != 'T' || b->u.str[10] != 'T')
		return 0;
	ta = ys_time_parse(a->u.str);
	tb = ys_time_parse(b->u.str);
	return ta >= 0 && ta == tb;
}

static int equal(const struct ys_jval *a, const struct ys_jval *b)
{
	size_t i;

	if (a->type == YS_J_STRING && b->type == YS_J_STRING && a->len != b->len)
		return same_time(a, b);
	if (a->type != b->type ||
	    ((a->type == YS_J_STRING || a->type == YS_J_ARRAY) && a->len != b->len))
		return 0;
	switch (a->type) {
	case YS_J_NUMBER:
		return a->u.num == b->u.num;
	case YS_J_STRING:
		return !memcmp(a->u.str, b->u.str, a->len) || same_time(a, b);
	case YS_J_ARRAY:
		for (i = 0; i < a->len; i++)
			if (!equal(&a->u.items[i], &b->u.items[i]))
				return 0;
		return 1;
	case YS_J_OBJECT:
		for (i = 0; i < a->len; i++) {
			const struct ys_jval *o = ys_json_get(b, a->u.members[i].key);

			if (effective(a, i) && (!o || !equal(&a->u.members[i].val, o)))
				return 0;
		}
		for (i = 0; i < b->len; i++)
			if (!ys_json_get(a, b->u.members[i].key))
				return 0;
		return 1;
	default:
		return 1;
	}
}

/* The member that names every item of both lists, uniquely on each side, or NULL. */
static const char *id_key(const struct ys_jval *a, const struct ys_jval *b)
{
	const struct ys_jval *lists[2] = {a, b};
	size_t k, l, i, j;

	for (k = 0; k < N(id_keys); k++) {
		int ok = 1;

		for (l = 0; l < 2 && ok; l++)
			for (i = 0; i < lists[l]->len && ok; i++) {
				const char *s = ys_json_str(ys_json_get(&lists[l]->u.items[i], id_keys[k]));

				ok = s != NULL;
				for (j = 0; j < i && ok; j++)
					ok = strcmp(s, ys_json_str(ys_json_get(&lists[l]->u.items[j],
										id_keys[k])));
			}
		if (ok)
			return id_keys[k];
	}
	return NULL;
}

static void diff(struct diff *d, const struct ys_jval *a, const struct ys_jval *b);

static void step(struct diff *d, const char *seg, int index, const struct ys_jval *a,
		 const struct ys_jval *b)
{
	size_t keep = d->path.len;

	if (index)
		strbuf_addf(&d->path, "[%s]", seg);
	else
		strbuf_addf(&d->path, "%s%s", keep ? "." : "", seg);
	if (a && b)
		diff(d, a, b);
	else
		report(d, a, b);
	strbuf_setlen(&d->path, keep);
}

static const struct ys_jval *find_by(const struct ys_jval *list, const char *key, const char *id)
{
	size_t i;

	for (i = 0; i < list->len; i++)
		if (!strcmp(ys_json_str(ys_json_get(&list->u.items[i], key)), id))
			return &list->u.items[i];
	return NULL;
}

static int contains(const struct ys_jval *list, const struct ys_jval *v)
{
	size_t i;

	for (i = 0; i < list->len; i++)
		if (equal(&list->u.items[i], v))
			return 1;
	return 0;
}

static void diff_arrays(struct diff *d, const struct ys_jval *a, const struct ys_jval *b)
{
	const char *key = id_key(a, b);
	char idx[24];
	size_t i;

	if (key) {
		for (i = 0; i < a->len; i++) {
			const char *id = ys_json_str(ys_json_get(&a->u.items[i], key));

			step(d, id, 1, &a->u.items[i], find_by(b, key, id));
		}
		for (i = 0; i < b->len; i++) {
			const char *id = ys_json_str(ys_json_get(&b->u.items[i], key));

			if (!find_by(a, key, id))
				step(d, id, 1, NULL, &b->u.items[i]);
		}
	} else {
		/* a set: what left, what came (so one removed rule does not shift every other) */
		for (i = 0; i < a->len; i++)
			if (!contains(b, &a->u.items[i])) {
				snprintf(idx, sizeof(idx), "%zu", i);
				step(d, idx, 1, &a->u.items[i], NULL);
			}
		for (i = 0; i < b->len; i++)
			if (!contains(a, &b->u.items[i])) {
				snprintf(idx, sizeof(idx), "%zu", i);
				step(d, idx, 1, NULL, &b->u.items[i]);
			}
	}
}

/* Strings holding JSON objects (S3's bucket policies): compared as JSON. */
static int diff_json_strings(struct diff *d, const struct ys_jval *a, const struct ys_jval *b)
{
	struct ys_jdoc *da, *db;
	struct ys_error err = {0};

	if (!a->len || !b->len || a->u.str[0] != '{' || b->u.str[0] != '{')
		return 0;
	if (ys_json_parse(a->u.str, a->len, &da, &err))
		return 0;
	if (ys_json_parse(b->u.str, b->len, &db, &err)) {
		ys_jdoc_free(da);
		return 0;
	}
	diff(d, ys_jdoc_root(da), ys_jdoc_root(db));
	ys_jdoc_free(da);
	ys_jdoc_free(db);
	return 1;
}

static void diff(struct diff *d, const struct ys_jval *a, const struct ys_jval *b)
{
	size_t i;

	if (a->type == YS_J_OBJECT && b->type == YS_J_OBJECT) {
		for (i = 0; i < a->len; i++) {
			const char *k = a->u.members[i].key;

			if (effective(a, i) && !ys_jdiff_volatile(k))
				step(d, k, 0, &a->u.members[i].val, ys_json_get(b, k));
		}
		for (i = 0; i < b->len; i++) {
			const char *k = b->u.members[i].key;

			if (effective(b, i) && !ys_jdiff_volatile(k) && !ys_json_get(a, k))
				step(d, k, 0, NULL, &b->u.members[i].val);
		}
	} else if (a->type == YS_J_ARRAY && b->type == YS_J_ARRAY) {
		diff_arrays(d, a, b);
	} else if (a->type == YS_J_STRING && b->type == YS_J_STRING && diff_json_strings(d, a, b)) {
		return;
	} else if (!equal(a, b)) {
		report(d, a, b);
	}
}

void ys_jdiff(const struct ys_jval *old, const struct ys_jval *new_, ys_jdiff_fn fn, void *ctx)
{
	struct diff d = {fn, ctx, STRBUF_INIT};

	if (old && new_)
		diff(&d, old, new_);
	else if (old || new_)
		report(&d, old, new_);
	strbuf_release(&d.path);
}

/* The CSV's lines, split on commas in place: cells[line][col]. */
struct csv {
	char *text;
	char **line;
	size_t nlines, ncols;
};

static int csv_read(const char *t, size_t len, struct csv *c)
{
	char *p, *nl;
	size_t n = 1, i;

	memset(c, 0, sizeof(*c));
	if (!(c->text = malloc(len + 1)))
		return -1;
	memcpy(c->text, t, len);
	c->text[len] = '\0';
	for (i = 0; i < len; i++)
		n += t[i] == '\n';
	if (!(c->line = calloc(n, sizeof(char *))))
		return -1;
	for (p = c->text; *p; p = nl + 1) {
		nl = p + strcspn(p, "\n");
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (p != nl)
			c->line[c->nlines++] = p;
		if (!*nl)
			break;
		*nl = '\0';
	}
	return 0;
}

/* The col-th cell of a line, into out. */
static const char *cell(const char *line, size_t col, char *out, size_t n)
{
	const char *p = line;
	size_t len;

	while (col-- && p)
		p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
	if (!p)
		return NULL;
	len = strcspn(p, ",");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
	return out;
}

static const char *row_of(const struct csv *c, const char *key)
{
	size_t i, n = strlen(key);

	for (i = 1; i < c->nlines; i++)
		if (!strncmp(c->line[i], key, n) && (c->line[i][n] == ',' || !c->line[i][n]))
			return c->line[i];
	return NULL;
}

static char *quoted(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	jw_escape(&sb, s, strlen(s));
	return strbuf_detach(&sb, NULL);
}

/* A whole row as {"column": "value", ...} */
static char *row_json(const struct csv *c, const char *row)
{
	struct strbuf sb = STRBUF_INIT;
	char h[128], v[512];
	size_t col;

	strbuf_addch(&sb, '{');
	for (col = 0; cell(c->line[0], col, h, sizeof(h)); col++) {
		if (!cell(row, col, v, sizeof(v)))
			v[0] = '\0';
		strbuf_addstr(&sb, col ? "," : "");
		jw_escape(&sb, h, strlen(h));
		strbuf_addch(&sb, ':');
		jw_escape(&sb, v, strlen(v));
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb, NULL);
}

static void rows(const struct csv *a, const struct csv *b, int removed, ys_jdiff_fn fn,
		 void *ctx)
{
	char key[256], h[128], va[512], vb[512], path[400];
	size_t i, col;

	for (i = 1; i < a->nlines; i++) {
		const char *other;

		if (!cell(a->line[i], 0, key, sizeof(key)))
			continue;
		other = row_of(b, key);
		if (!other) {
			char *j = row_json(a, a->line[i]);

			snprintf(path, sizeof(path), "[%s]", key);
			fn(ctx, path, removed ? j : NULL, removed ? NULL : j);
			free(j);
			continue;
		}
		if (!removed)
			continue;
		for (col = 1; cell(a->line[0], col, h, sizeof(h)); col++) {
			char *qa, *qb;

			if (strstr(h, "last_used") || !cell(a->line[i], col, va, sizeof(va)))
				continue;
			if (!cell(other, col, vb, sizeof(vb)) || !strcmp(va, vb))
				continue;
			snprintf(path, sizeof(path), "[%s].%s", key, h);
			qa = quoted(va);
			qb = quoted(vb);
			fn(ctx, path, qa, qb);
			free(qa);
			free(qb);
		}
	}
}

void ys_csvdiff(const char *old, size_t olen, const char *new_, size_t nlen, ys_jdiff_fn fn,
		void *ctx)
{
	struct csv a, b;
	char *qa, *qb;

	memset(&b, 0, sizeof(b));
	if (!csv_read(old, olen, &a) && !csv_read(new_, nlen, &b) && a.nlines && b.nlines) {
		if (!strcmp(a.line[0], b.line[0])) {
			rows(&a, &b, 1, fn, ctx); /* rows gone, and cells changed */
			rows(&b, &a, 0, fn, ctx); /* rows added */
		} else {
			qa = quoted(a.line[0]);
			qb = quoted(b.line[0]);
			fn(ctx, "(header)", qa, qb);
			free(qa);
			free(qb);
		}
	}
	free(a.text);
	free(a.line);
	free(b.text);
	free(b.line);
}
