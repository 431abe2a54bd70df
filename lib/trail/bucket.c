/* bucket.c: finding CloudTrail log and digest files in a local copy of their bucket */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bucket.h"
#include "../base/dir.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../banned.h"

#define MAX_DEPTH 32

/* "20240101T0100Z" or "20240101T010000Z" (n: 14 or 16 bytes) as Unix seconds, or -1 */
static int64_t compact_time(const char *s, size_t n)
{
	char iso[32];
	size_t i;

	if ((n != 14 && n != 16) || s[8] != 'T' || s[n - 1] != 'Z')
		return -1;
	for (i = 0; i < n - 1; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return -1;
	snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4, s + 6, s + 9, s + 11,
		 n == 16 ? s + 13 : "00");
	return ys_time_parse(iso);
}

/* copies the next '/'-separated part of *p into out (cap bytes); 0, or -1 when too long/empty */
static int part(const char **p, char *out, size_t cap)
{
	const char *s = *p, *e = strchr(s, '/');
	size_t n;

	if (!e)
		return -1;
	n = (size_t)(e - s);
	if (!n || n >= cap)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	*p = e + 1;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* file name after "<account>_<kind>_<region>_": the rest, checked and read into o */
static int parse_name(const char *rest, struct ys_tobj *o)
{
	size_t n = strlen(rest);
	const char *end, *us;

	if (n < 8 || strcmp(rest + n - 8, ".json.gz"))
		return -1;
	end = rest + n - 8;
	if (o->kind == YS_TOBJ_LOG) {
		/* <yyyymmddThhmmZ>_<unique> */
		if (n < 8 + 15 || rest[14] != '_')
			return -1;
		o->time = compact_time(rest, 14);
		return o->time < 0 ? -1 : 0;
	}
	/* <trail>_<home region>_<yyyymmddThhmmssZ> */
	if (end - rest < 18 || end[-17] != '_')
		return -1;
	o->time = compact_time(end - 16, 16);
	end -= 17;
	for (us = end - 1; us > rest && *us != '_'; us--)
		;
	if (us <= rest || (size_t)(end - us - 1) >= sizeof(o->home) || (size_t)(us - rest) >= sizeof(o->trail))
		return -1;
	memcpy(o->home, us + 1, (size_t)(end - us - 1));
	o->home[end - us - 1] = '\0';
	memcpy(o->trail, rest, (size_t)(us - rest));
	o->trail[us - rest] = '\0';
	return o->time < 0 || !o->home[0] ? -1 : 0;
}

int ys_tkey_parse(const char *key, struct ys_tobj *o)
{
	const char *p = strstr(key, "AWSLogs/"), *name;
	char kind[24], ymd[3][8], head[80];
	int i;

	memset(o, 0, sizeof(*o));
	if (!p || (p != key && p[-1] != '/'))
		return -1;
	p += 8;
	if (!strncmp(p, "o-", 2) && (name = strchr(p, '/')))
		p = name + 1; /* an organization trail's folder */
	if (part(&p, o->account, sizeof(o->account)) || !all_digits(o->account, strlen(o->account)) ||
	    part(&p, kind, sizeof(kind)))
		return -1;
	if (!strcmp(kind, "CloudTrail"))
		o->kind = YS_TOBJ_LOG;
	else if (!strcmp(kind, "CloudTrail-Digest"))
		o->kind = YS_TOBJ_DIGEST;
	else
		return -1;
	if (part(&p, o->region, sizeof(o->region)))
		return -1;
	for (i = 0; i < 3; i++)
		if (part(&p, ymd[i], sizeof(ymd[i])) || !all_digits(ymd[i], strlen(ymd[i])))
			return -1;
	if (strchr(p, '/'))
		return -1;
	snprintf(head, sizeof(head), "%s_%s_%s_", o->account, kind, o->region);
	if (strncmp(p, head, strlen(head)))
		return -1;
	return parse_name(p + strlen(head), o);
}

/* keeps key (taking it) when it is a CloudTrail file's */
static int add(struct ys_tbucket *b, size_t *cap, char *key)
{
	struct ys_tobj o;

	if (ys_tkey_parse(key, &o)) {
		size_t n = strlen(key);

		if (strstr(key, "AWSLogs/") && (n < 10 || strcmp(key + n - 10, ".head.json")))
			b->skipped++;
		free(key);
		return 0;
	}
	if (ys_grow(&b->objs, cap, b->n, sizeof(*b->objs), 256)) {
		free(key);
		return YS_ENOMEM;
	}
	o.key = key;
	b->objs[b->n++] = o;
	return 0;
}

int ys_tbucket_scan(const char *root, struct ys_tbucket *b, struct ys_error *err)
{
	char **rels, *bad = NULL;
	size_t n, i, unreadable = 0, cap = 0;
	int rc = 0;

	memset(b, 0, sizeof(*b));
	if (ys_dir_files(root, MAX_DEPTH, &rels, &n, &unreadable, &bad))
		return errno == ENOMEM ? ys_error_set(err, YS_ENOMEM, "out of memory")
				       : ys_error_set(err, YS_EIO, "%s: %s", root, strerror(errno));
	if (unreadable)
		rc = ys_error_set(err, YS_EIO, "%s", bad);
	/* sorted by key already: the files come sorted */
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = add(b, &cap, rels[i]) ? ys_error_set(err, YS_ENOMEM, "out of memory") : 0;
		else
			free(rels[i]);
	}
	free(rels);
	free(bad);
	if (rc)
		ys_tbucket_release(b);
	return rc;
}

void ys_tbucket_release(struct ys_tbucket *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->objs[i].key);
	free(b->objs);
	memset(b, 0, sizeof(*b));
}

struct ys_tobj *ys_tbucket_find(const struct ys_tbucket *b, const char *key)
{
	size_t lo = 0, hi = b->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->objs[mid].key, key);

		if (!c)
			return &b->objs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
