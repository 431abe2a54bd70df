/* cis.c: reading the control tables compiled into the binary (CIS AWS Foundations' versions, AWS
 * Foundational Security Best Practices), and each control's verdict */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cis.h"
#include "../base/embedded.h"
#include "../base/grow.h"
#include "../banned.h"

#define TABLE "data/cis-aws-controls.tsv"
enum { T_VERSION, T_ID, T_TITLE, T_PROWLER, T_SECTION, T_PROFILE, T_ASSESSMENT, T_NCOLS };
#define FSBP_TABLE "data/fsbp-controls.tsv"
enum { F_ID, F_SERVICE, F_SEVERITY, F_TITLE, F_PROWLER, F_NCOLS };

/* Splits a line at tabs into f (modified in place); the number of fields. */
static int fields(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (; *line && n < max; line++)
		if (*line == '\t') {
			*line = '\0';
			f[n++] = line + 1;
		}
	return n;
}

/* Whether the lists a and b (names separated by commas or spaces) share a name. */
static int share(const char *a, const char *b)
{
	while (*a) {
		size_t n = strcspn(a, ", ");
		const char *p = b;

		while (*p) {
			size_t m = strcspn(p, ", ");

			if (m == n && n && !memcmp(a, p, n))
				return 1;
			p += m + (p[m] != '\0');
		}
		a += n + (a[n] != '\0');
	}
	return 0;
}

static const char *bare(const char *version)
{
	return !strncmp(version, "cis-", 4) ? version + 4 : version;
}

/* A table's text in new memory, for next_row to split; NULL without it or without memory. */
static char *table_copy(const char *name)
{
	const struct ys_embedded_file *t = ys_embedded_find(ys_embedded_data, name);
	char *text = t ? malloc(t->len + 1) : NULL;

	if (text) {
		memcpy(text, t->text, t->len);
		text[t->len] = '\0';
	}
	return text;
}

/* Splits the next control's row of ncols fields at *p into f (comments, the header, whose
 * first field is `header`, and short rows passed over) and moves *p past it. Returns 0 at the
 * end. */
static int next_row(char **p, char **f, int ncols, const char *header)
{
	while (**p) {
		char *line = *p, *end = line + strcspn(line, "\n");

		*p = *end ? end + 1 : end;
		*end = '\0';
		if (*line != '#' && fields(line, f, ncols) == ncols && strcmp(f[0], header))
			return 1;
	}
	return 0;
}

void ys_cis_versions(char *out, size_t n)
{
	char *text = table_copy(TABLE), *p = text, *f[T_NCOLS];
	const char *last = "";
	size_t k = 0;

	out[0] = '\0';
	while (p && next_row(&p, f, T_NCOLS, "cis_version") && k < n)
		if (strcmp(f[T_VERSION], last)) {
			last = f[T_VERSION];
			k += (size_t)snprintf(out + k, n - k, "%s%s", k ? " " : "", last);
		}
	free(text);
}

/* Control ids in the standard's order, numbers by value: "1.2" < "1.10" < "2.1.1",
 * "ACM.2" < "ACM.10" < "APIGateway.1". */
static int cmp_controls(const void *pa, const void *pb)
{
	const char *a = ((const struct ys_cis_control *)pa)->id;
	const char *b = ((const struct ys_cis_control *)pb)->id;

	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);

			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

/* Prowler's checks do not tell the internet's two address families apart; CIS does (5.2 for
 * 0.0.0.0/0, 5.3 for ::/0), and yourside has a check for each: a control whose title names one
 * family takes only that family's check. */
static int family_fits(const char *title, const struct ys_check *k)
{
	int v4 = strstr(title, "0.0.0.0/0") != NULL, v6 = strstr(title, "::/0") != NULL;
	size_t n = strlen(k->id);
	int is6 = n > 5 && !strcmp(k->id + n - 5, "-ipv6");

	if (v4 && !v6)
		return !is6;
	if (v6 && !v4 && !is6) { /* a check with an IPv6 twin is for IPv4 */
		size_t i;

		for (i = 0; i < ys_ncheck; i++)
			if (!strncmp(ys_checks[i].id, k->id, n) && !strcmp(ys_checks[i].id + n, "-ipv6"))
				return 0;
	}
	return 1;
}

/* The checks whose Prowler names meet a control's, or (FSBP controls Prowler has no check for)
 * that name the control as "fsbp:<id>" among theirs, into k. */
static int map_checks(struct ys_cis_control *k, const char *prowler, int fsbp)
{
	char tag[48];
	size_t i;

	if (!(k->checks = calloc(ys_ncheck + 1, sizeof(*k->checks))))
		return YS_ENOMEM;
	snprintf(tag, sizeof(tag), "fsbp:%s", k->id);
	for (i = 0; i < ys_ncheck; i++)
		if (((*prowler && share(prowler, ys_checks[i].prowler)) ||
		     (fsbp && share(tag, ys_checks[i].prowler))) &&
		    family_fits(k->title, &ys_checks[i]))
			k->checks[k->nchecks++] = &ys_checks[i];
	return 0;
}

/* AWS Foundational Security Best Practices: every control is an automated check. */
static int load_fsbp(struct ys_cis **out, struct ys_error *err)
{
	struct ys_cis *c;
	char *p, *f[F_NCOLS];
	size_t cap = 0;

	if (!(c = calloc(1, sizeof(*c))) || !(c->text = table_copy(FSBP_TABLE))) {
		free(c);
		return ys_error_set(err, YS_ENOMEM, "out of memory (or no FSBP table in the binary)");
	}
	c->fsbp = 1;
	snprintf(c->version, sizeof(c->version), "1.0.0");
	snprintf(c->name, sizeof(c->name), "AWS Foundational Security Best Practices");
	snprintf(c->label, sizeof(c->label), "FSBP");
	for (p = c->text; next_row(&p, f, F_NCOLS, "id");) {
		struct ys_cis_control *k;

		if (ys_grow(&c->c, &cap, c->n, sizeof(*c->c), 64))
			goto nomem;
		k = &c->c[c->n++];
		memset(k, 0, sizeof(*k));
		k->id = f[F_ID];
		k->title = f[F_TITLE];
		k->section = f[F_SERVICE];
		k->severity = f[F_SEVERITY];
		k->automated = 1;
		if (map_checks(k, f[F_PROWLER], 1))
			goto nomem;
	}
	qsort(c->c, c->n, sizeof(*c->c), cmp_controls);
	*out = c;
	return 0;
nomem:
	ys_cis_free(c);
	return ys_error_set(err, YS_ENOMEM, "out of memory");
}

int ys_cis_load(const char *version, struct ys_cis **out, struct ys_error *err)
{
	struct ys_cis *c;
	char *p, *f[T_NCOLS];
	size_t cap = 0;

	if (!strcmp(version, "fsbp") || !strcmp(version, "fsbp-1.0.0"))
		return load_fsbp(out, err);
	version = bare(version);
	if (!(c = calloc(1, sizeof(*c))) || !(c->text = table_copy(TABLE))) {
		free(c);
		return ys_error_set(err, YS_ENOMEM, "out of memory (or no CIS table in the binary)");
	}
	snprintf(c->version, sizeof(c->version), "%s", version);
	snprintf(c->name, sizeof(c->name), "CIS AWS Foundations v%s", c->version);
	snprintf(c->label, sizeof(c->label), "CIS %s", c->version);
	for (p = c->text; next_row(&p, f, T_NCOLS, "cis_version");) {
		struct ys_cis_control *k;

		if (strcmp(f[T_VERSION], version))
			continue;
		if (ys_grow(&c->c, &cap, c->n, sizeof(*c->c), 64))
			goto nomem;
		k = &c->c[c->n++];
		memset(k, 0, sizeof(*k));
		k->id = f[T_ID];
		k->title = f[T_TITLE];
		k->section = f[T_SECTION];
		k->severity = "";
		k->automated = !strcmp(f[T_ASSESSMENT], "Automated");
		if (map_checks(k, f[T_PROWLER], 0))
			goto nomem;
	}
	if (!c->n) {
		char v[128];

		ys_cis_free(c);
		ys_cis_versions(v, sizeof(v));
		return ys_error_set(err, YS_ENOTFOUND, "no CIS AWS Foundations version '%s' (there are: "
				    "%s; and fsbp, AWS Foundational Security Best Practices)", version, v);
	}
	qsort(c->c, c->n, sizeof(*c->c), cmp_controls);
	*out = c;
	return 0;
nomem:
	ys_cis_free(c);
	return ys_error_set(err, YS_ENOMEM, "out of memory");
}

void ys_cis_free(struct ys_cis *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		free(c->c[i].checks);
	free(c->c);
	free(c->text);
	free(c);
}

void ys_cis_ids_of(const struct ys_cis *c, const struct ys_check *k, char *out, size_t n)
{
	size_t i, j, used = 0;

	out[0] = '\0';
	for (i = 0; c && i < c->n; i++)
		for (j = 0; j < c->c[i].nchecks; j++)
			if (c->c[i].checks[j] == k) {
				used += (size_t)snprintf(out + used, used < n ? n - used : 0, "%s%s",
							 used ? " " : "", c->c[i].id);
				if (used >= n)
					return;
				break;
			}
}

enum ys_cis_verdict ys_cis_verdict(const struct ys_cis_control *c, const struct ys_audit_result *r)
{
	int seen[4] = {0};
	size_t i, j;

	if (!c->nchecks)
		return c->automated ? YS_CIS_UNCHECKED : YS_CIS_MANUAL;
	for (i = 0; i < r->n; i++)
		for (j = 0; j < c->nchecks; j++)
			if (r->f[i].check == c->checks[j])
				seen[r->f[i].status] = 1;
	if (seen[YS_F_FAIL])
		return YS_CIS_FAIL;
	if (seen[YS_F_ERROR])
		return YS_CIS_ERROR;
	if (seen[YS_F_SKIP] || !seen[YS_F_PASS])
		return YS_CIS_SKIP;
	return YS_CIS_PASS;
}

const char *ys_cis_verdict_name(enum ys_cis_verdict v)
{
	static const char *const names[] = {"fail", "error", "skip", "pass", "manual", "unchecked"};

	return names[v];
}
