/* trails.c: the account's trails from every region's describe-trails, each with what its home
 * region's get-trail-status and get-event-selectors say */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trails.h"
#include "../base/grow.h"
#include "../banned.h"

/* Whether the string list v (or string) holds s. */
static int holds(const struct ys_jval *v, const char *s)
{
	size_t i;

	if (v && v->type == YS_J_STRING)
		return !strcmp(v->u.str, s);
	for (i = 0; v && v->type == YS_J_ARRAY && i < v->len; i++)
		if (v->u.items[i].type == YS_J_STRING && !strcmp(v->u.items[i].u.str, s))
			return 1;
	return 0;
}

static int rw_bits(const char *rw)
{
	return !strcmp(rw, "ReadOnly") ? 1 : !strcmp(rw, "WriteOnly") ? 2 : 3;
}

/* Classic selectors: management events read and write; S3 objects of every bucket. */
static void classic(const struct ys_jval *sels, struct ys_trail *tr)
{
	size_t i, j;

	for (i = 0; i < ys_count(sels); i++) {
		const struct ys_jval *s = ys_item(sels, i), *dr = ys_json_get(s, "DataResources");
		int bits = rw_bits(ys_str(s, "ReadWriteType"));

		if (ys_bool(s, "IncludeManagementEvents") != 0 && bits == 3)
			tr->management = 1;
		for (j = 0; j < ys_count(dr); j++) {
			const struct ys_jval *d = ys_item(dr, j), *vals = ys_json_get(d, "Values");

			if (!strcmp(ys_str(d, "Type"), "AWS::S3::Object") &&
			    (holds(vals, "arn:aws:s3") || holds(vals, "arn:aws:s3:::")))
				tr->s3_data |= bits;
		}
	}
}

/* Advanced selectors: field selectors "eventCategory", "resources.type", "readOnly",
 * "resources.ARN". */
static void advanced(const struct ys_jval *sels, struct ys_trail *tr)
{
	size_t i, j;

	for (i = 0; i < ys_count(sels); i++) {
		const struct ys_jval *fs = ys_json_get(ys_item(sels, i), "FieldSelectors");
		int mgmt = 0, data = 0, s3 = 0, narrowed = 0, bits = 3;

		for (j = 0; j < ys_count(fs); j++) {
			const struct ys_jval *f = ys_item(fs, j), *eq = ys_json_get(f, "Equals");
			const char *field = ys_str(f, "Field");

			if (!strcmp(field, "eventCategory")) {
				mgmt = holds(eq, "Management");
				data = holds(eq, "Data");
			} else if (!strcmp(field, "resources.type")) {
				s3 = holds(eq, "AWS::S3::Object");
			} else if (!strcmp(field, "readOnly")) {
				bits = holds(eq, "true") ? 1 : holds(eq, "false") ? 2 : 3;
			} else if (!strcmp(field, "resources.ARN") || !strcmp(field, "eventName") ||
				   !strcmp(field, "eventSource")) {
				narrowed = 1;
			}
		}
		if (mgmt && bits == 3)
			tr->management = 1;
		if (data && s3 && !narrowed)
			tr->s3_data |= bits;
	}
}

static void selectors(struct ys_audit *a, struct ys_trail *tr)
{
	char rel[160];
	const struct ys_snap_file *f;

	snprintf(rel, sizeof(rel), "%s/cloudtrail/get-event-selectors", tr->home);
	f = ys_snapshot_get_res(a->snap, rel, tr->name);
	if (f->status != YS_SNAP_OK) {
		if (ys_bool(tr->v, "HasCustomEventSelectors") == 0) {
			tr->management = 1; /* the default: every management event */
			tr->s3_data = 0;
			return;
		}
		tr->management = tr->s3_data = -1;
		snprintf(tr->why, sizeof(tr->why), "the snapshot lacks %s.json", f->rel);
		return;
	}
	tr->management = tr->s3_data = 0;
	classic(ys_json_get(f->root, "EventSelectors"), tr);
	advanced(ys_json_get(f->root, "AdvancedEventSelectors"), tr);
}

static void status(struct ys_audit *a, struct ys_trail *tr)
{
	char rel[160];
	const struct ys_snap_file *f;

	snprintf(rel, sizeof(rel), "%s/cloudtrail/get-trail-status", tr->home);
	f = ys_snapshot_get_res(a->snap, rel, tr->name);
	if (f->status == YS_SNAP_OK) {
		tr->logging = ys_bool(f->root, "IsLogging") == 1;
		return;
	}
	tr->logging = -1;
	snprintf(tr->why, sizeof(tr->why), "%s %s.json", f->status == YS_SNAP_REFUSED
		 ? "AWS refused" : "the snapshot lacks", f->rel);
}

static void add_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
		       void *ctx)
{
	struct ys_trails *t = ctx;
	const struct ys_jval *list = ys_json_get(root, "trailList"), *v;
	struct ys_trail *tr;
	size_t i, j;

	for (i = 0; i < ys_count(list); i++) {
		const char *arn;

		if (!(v = ys_item(list, i)) || !*(arn = ys_str(v, "TrailARN")))
			continue;
		for (j = 0; j < t->n && strcmp(t->t[j].arn, arn); j++)
			;
		if (j < t->n || ys_grow(&t->t, &t->cap, t->n, sizeof(*t->t), 4))
			continue;
		tr = memset(&t->t[t->n++], 0, sizeof(*tr));
		tr->v = v;
		tr->arn = arn;
		tr->name = ys_str(v, "Name");
		tr->home = *ys_str(v, "HomeRegion") ? ys_str(v, "HomeRegion") : region;
		status(a, tr);
		selectors(a, tr);
	}
}

int ys_trails_load(struct ys_audit *a, struct ys_trails *t)
{
	size_t before = a->n;
	const char *const *regions;
	size_t n = ys_snapshot_regions(a->snap, &regions);

	memset(t, 0, sizeof(*t));
	ys_each_region(a, "cloudtrail/describe-trails", add_region, t);
	/* every region's file missing or refused: nothing to judge */
	return !t->n && a->n - before >= (n ? n : 1) ? -1 : 0;
}

void ys_trails_release(struct ys_trails *t)
{
	free(t->t);
	memset(t, 0, sizeof(*t));
}
