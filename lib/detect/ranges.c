/* ranges.c: AWS's address ranges, compiled in or loaded from a newer ip-ranges.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/embedded.h"
#include "../base/file.h"
#include "../base/isotime.h"
#include "../json/jread.h"
#include "ranges.h"
#include "../banned.h"

#define BUILTIN "data/aws-ip-ranges.tsv"

/* "2026-08-22-15-17-05", as AWS writes createDate */
static int64_t create_date(const char *s)
{
	char iso[32];

	if (!s || strlen(s) != 19)
		return -1;
	snprintf(iso, sizeof(iso), "%.10sT%.2s:%.2s:%.2sZ", s, s + 11, s + 14, s + 17);
	return ys_time_parse(iso);
}

static void init(struct ys_aws_ranges *r, const char *source)
{
	ys_cidrset_init(&r->set);
	r->created = -1;
	snprintf(r->source, sizeof(r->source), "%s", source);
}

int ys_aws_ranges_builtin(struct ys_aws_ranges *r, struct ys_error *err)
{
	const struct ys_embedded_file *f = ys_embedded_find(ys_embedded_data, BUILTIN);
	const char *p, *end, *nl;
	char line[128];
	size_t lineno = 0;
	int rc = 0;

	init(r, "built in");
	if (!f)
		return ys_error_set(err, YS_EINVAL, BUILTIN " is not compiled in");
	for (p = f->text, end = p + f->len; p < end && !rc; p = nl + 1) {
		size_t len;

		lineno++;
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			nl = end;
		len = (size_t)(nl - p);
		if (len >= sizeof(line))
			return ys_error_set(err, YS_EPARSE, BUILTIN ": line %zu: too long", lineno);
		memcpy(line, p, len);
		line[len] = 0;
		if (!strncmp(line, "# createDate\t", 13))
			r->created = create_date(line + 13);
		if (line[0] == '#' || !line[0])
			continue;
		if ((rc = ys_cidrset_add(&r->set, line)) == YS_EPARSE)
			rc = ys_error_set(err, rc, BUILTIN ": line %zu: not a network: '%s'", lineno, line);
	}
	ys_cidrset_seal(&r->set);
	return rc;
}

int ys_aws_ranges_load(struct ys_aws_ranges *r, const char *path, struct ys_error *err)
{
	static const char *const lists[][2] = {{"prefixes", "ip_prefix"},
					       {"ipv6_prefixes", "ipv6_prefix"}};
	struct ys_jdoc *doc;
	char *buf;
	size_t len, i, k;
	int rc;

	init(r, path);
	if ((rc = ys_read_file(path, 64u << 20, &buf, &len, err)))
		return rc;
	rc = ys_json_parse(buf, len, &doc, err);
	free(buf);
	if (rc) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err->msg);
		return ys_error_set(err, rc, "'%s': %s", path, why);
	}
	r->created = create_date(ys_json_str(ys_json_get(ys_jdoc_root(doc), "createDate")));
	for (k = 0; k < 2 && !rc; k++) {
		const struct ys_jval *arr = ys_json_get(ys_jdoc_root(doc), lists[k][0]);

		if (!arr || arr->type != YS_J_ARRAY) {
			if (k == 0)
				rc = ys_error_set(err, YS_EPARSE,
						  "'%s': no \"prefixes\" list: not AWS's "
						  "ip-ranges.json",
						  path);
			continue;
		}
		for (i = 0; i < arr->len && !rc; i++) {
			const char *p = ys_json_str(ys_json_get(&arr->u.items[i], lists[k][1]));

			if (!p || (rc = ys_cidrset_add(&r->set, p)) == YS_EPARSE)
				rc = ys_error_set(err, YS_EPARSE,
						  "'%s': %s[%zu]: not a network: '%s'", path,
						  lists[k][0], i, p ? p : "(missing)");
		}
	}
	ys_jdoc_free(doc);
	ys_cidrset_seal(&r->set);
	return rc;
}

void ys_aws_ranges_release(struct ys_aws_ranges *r)
{
	ys_cidrset_release(&r->set);
}

void ys_aws_ranges_describe(const struct ys_aws_ranges *r, char *out, size_t n)
{
	char t[32];

	if (r->created >= 0) {
		ys_format_time(r->created, t);
		t[10] = 0;
	} else {
		snprintf(t, sizeof(t), "of unknown date");
	}
	snprintf(out, n, "%s (%s)", t, r->source);
}

int ys_addr_is_internal(const struct ys_addr *a)
{
	static const uint8_t loopback6[16] = {[15] = 1};
	const uint8_t *b = a->b;

	if (ys_addr_is_v4(a)) {
		b += 12;
		return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
		       (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xc0) == 64) ||
		       b[0] == 127 || (b[0] == 169 && b[1] == 254);
	}
	return !memcmp(b, loopback6, 16) || (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
}
