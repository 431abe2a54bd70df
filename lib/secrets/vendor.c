/* vendor.c: reading data/secret-vendors.tsv once, and finding a rule id's vendor in it */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "vendor.h"
#include "../base/embedded.h"
#include "../banned.h"

#define TABLE "data/secret-vendors.tsv"

static struct {
	char *text; /* the table's copy, split in place; the rows point into it */
	struct ys_secret_vendor *rows;
	size_t n;
	struct ys_error err; /* why it did not load; code 0 when it did */
} tab;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct ys_secret_vendor *)a)->rule_id,
		      ((const struct ys_secret_vendor *)b)->rule_id);
}

/* A rule id as rules*.def write them: lower-case letters, digits and dashes. */
static int plain_id(const char *s)
{
	return *s && s[strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-")] == '\0';
}

/* Splits line at tabs into f (in place); the number of fields, or max + 1 past max. */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	char *tab_at;

	f[n++] = line;
	while ((tab_at = strchr(line, '\t'))) {
		if (n == max)
			return max + 1;
		*tab_at = '\0';
		line = f[n++] = tab_at + 1;
	}
	return n;
}

/* Checks one row, split into f, read from line lineno; 0 or the error set. */
static int check_row(char **f, int nf, size_t lineno)
{
	size_t i;

	if (nf != 3)
		return ys_error_set(&tab.err, YS_EPARSE,
				    TABLE ": line %zu: %d fields, not 3 (rule id, vendor, reaches)",
				    lineno, nf);
	if (!plain_id(f[0]))
		return ys_error_set(&tab.err, YS_EPARSE, TABLE ": line %zu: not a rule id: '%s'",
				    lineno, f[0]);
	if (!*f[1] || !*f[2])
		return ys_error_set(&tab.err, YS_EPARSE, TABLE ": line %zu: '%s' has an empty %s",
				    lineno, f[0], *f[1] ? "reaches" : "vendor");
	for (i = 0; i < tab.n; i++)
		if (!strcmp(tab.rows[i].rule_id, f[0]))
			return ys_error_set(&tab.err, YS_EPARSE,
					    TABLE ": line %zu: '%s' is on an earlier line too",
					    lineno, f[0]);
	return 0;
}

static void load(void)
{
	const struct ys_embedded_file *t = ys_embedded_find(ys_embedded_data, TABLE);
	size_t lines = 1, lineno = 0, i;
	char *line, *next;

	if (!t) {
		ys_error_set(&tab.err, YS_EINVAL, TABLE " is not compiled in");
		return;
	}
	for (i = 0; i < t->len; i++)
		lines += t->text[i] == '\n';
	if (!(tab.text = malloc(t->len + 1)) || !(tab.rows = calloc(lines, sizeof(*tab.rows)))) {
		ys_error_set(&tab.err, YS_ENOMEM, "out of memory");
		goto fail;
	}
	memcpy(tab.text, t->text, t->len);
	tab.text[t->len] = '\0';
	for (line = tab.text; *line; line = next) {
		char *f[3] = {NULL, NULL, NULL};
		int nf;

		lineno++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (*line == '#' || !*line)
			continue;
		nf = fields(line, f, 3);
		if (check_row(f, nf, lineno))
			goto fail;
		tab.rows[tab.n++] =
		    (struct ys_secret_vendor){f[0], strcmp(f[1], "-") ? f[1] : NULL, f[2]};
	}
	qsort(tab.rows, tab.n, sizeof(*tab.rows), by_id);
	return;
fail:
	free(tab.text);
	free(tab.rows);
	tab.text = NULL;
	tab.rows = NULL;
	tab.n = 0;
}

int ys_secret_vendor_table(const struct ys_secret_vendor **rows, size_t *n, struct ys_error *err)
{
	pthread_once(&once, load);
	*rows = tab.rows;
	*n = tab.n;
	if (tab.err.code)
		return ys_error_set(err, tab.err.code, "%s", tab.err.msg);
	return 0;
}

const struct ys_secret_vendor *ys_secret_vendor(const char *rule_id)
{
	struct ys_secret_vendor key = {rule_id, NULL, NULL};
	const struct ys_secret_vendor *v;

	pthread_once(&once, load);
	if (!rule_id || !tab.n)
		return NULL;
	v = bsearch(&key, tab.rows, tab.n, sizeof(*tab.rows), by_id);
	return v && v->vendor ? v : NULL;
}
