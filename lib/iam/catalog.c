/* catalog.c: reading the compiled-in action table once, and searching it */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "catalog.h"
#include "glob.h"
#include "../base/embedded.h"
#include "../banned.h"

#define TABLE "data/iam-actions.tsv"

static struct {
	struct ys_action *act;
	size_t n;
	char *names;	  /* "svc:Name\0" ... */
	char *rcp;	  /* " svc svc ... " */
	char *multi;	  /* " key key ... " */
} cat;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b)
{
	return strcasecmp(((const struct ys_action *)a)->name, ((const struct ys_action *)b)->name);
}

/* counts the actions of the table (commas and level fields) to size the arrays */
static void load(void)
{
	const struct ys_embedded_file *f = ys_embedded_find(ys_embedded_data, TABLE);
	const char *p, *end;
	size_t n = 0, bytes = 0, used = 0;

	if (!f)
		return;
	end = f->text + f->len;
	for (p = f->text; p < end; p++)
		n += *p == ',' || *p == ':';
	bytes = f->len * 2 + 1;
	if (!(cat.act = calloc(n + 1, sizeof(*cat.act))) || !(cat.names = malloc(bytes)))
		goto fail;
	for (p = f->text; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *tab;
		size_t svclen;

		if (!eol)
			eol = end;
		tab = memchr(p, '\t', (size_t)(eol - p));
		if (*p == '#' || !tab) {
			p = eol + 1;
			continue;
		}
		svclen = (size_t)(tab - p);
		if ((svclen == 3 && !memcmp(p, "rcp", 3)) || (svclen == 5 && !memcmp(p, "multi", 5))) {
			size_t len = (size_t)(eol - tab);
			char *words = malloc(len + 2);

			if (!words)
				goto fail;
			memcpy(words, tab, len);
			words[0] = ' ';
			words[len] = ' ';
			words[len + 1] = '\0';
			*(svclen == 3 ? &cat.rcp : &cat.multi) = words;
			p = eol + 1;
			continue;
		}
		/* "\tR:A,B!,C\tW:D" */
		for (p = tab; p < eol;) {
			char level;

			if (*p == '\t')
				p++;
			if (eol - p < 3 || p[1] != ':')
				break;
			level = *p;
			p += 2;
			while (p < eol && *p != '\t') {
				const char *e = p;
				struct ys_action *a = &cat.act[cat.n];

				while (e < eol && *e != ',' && *e != '\t')
					e++;
				a->no_resource = e > p && e[-1] == '!';
				a->level = level;
				a->svclen = svclen;
				a->name = cat.names + used;
				memcpy(cat.names + used, tab - svclen, svclen);
				used += svclen;
				cat.names[used++] = ':';
				memcpy(cat.names + used, p, (size_t)(e - p) - a->no_resource);
				used += (size_t)(e - p) - a->no_resource;
				cat.names[used++] = '\0';
				if (++cat.n > n)
					goto fail;
				p = e < eol && *e == ',' ? e + 1 : e;
			}
		}
		p = eol + 1;
	}
	qsort(cat.act, cat.n, sizeof(*cat.act), by_name);
	return;
fail:
	free(cat.act);
	free(cat.names);
	free(cat.rcp);
	free(cat.multi);
	memset(&cat, 0, sizeof(cat));
}

const struct ys_action *ys_catalog_actions(size_t *n)
{
	pthread_once(&once, load);
	*n = cat.n;
	return cat.act;
}

const struct ys_action *ys_catalog_find(const char *action)
{
	struct ys_action key = {action, 0, 0, 0};
	size_t n;
	const struct ys_action *all = ys_catalog_actions(&n);

	return n ? bsearch(&key, all, n, sizeof(*all), by_name) : NULL;
}

/* the first action whose name is at or after s (any case) */
static size_t lower_bound(const char *s)
{
	size_t lo = 0, hi = cat.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcasecmp(cat.act[mid].name, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t ys_catalog_each(const char *pattern, void (*fn)(const struct ys_action *a, void *ctx),
		       void *ctx)
{
	const char *colon = strchr(pattern, ':');
	size_t n, i = 0, count = 0, plen = 0;

	ys_catalog_actions(&n);
	if (colon && (size_t)(colon - pattern) < 64 && !memchr(pattern, '*', (size_t)(colon - pattern)) &&
	    !memchr(pattern, '?', (size_t)(colon - pattern))) {
		/* a literal service: only its actions */
		char prefix[66];

		plen = (size_t)(colon - pattern) + 1;
		memcpy(prefix, pattern, plen);
		prefix[plen] = '\0';
		i = lower_bound(prefix);
		for (; i < n && !strncasecmp(cat.act[i].name, prefix, plen); i++)
			if (ys_glob(pattern, cat.act[i].name, YS_GLOB_ICASE)) {
				count++;
				if (fn)
					fn(&cat.act[i], ctx);
			}
		return count;
	}
	for (; i < n; i++)
		if (ys_glob(pattern, cat.act[i].name, YS_GLOB_ICASE)) {
			count++;
			if (fn)
				fn(&cat.act[i], ctx);
		}
	return count;
}

int ys_catalog_service(const char *svc)
{
	char prefix[66];
	size_t n, len = strlen(svc), i;

	ys_catalog_actions(&n);
	if (len + 2 > sizeof(prefix))
		return 0;
	memcpy(prefix, svc, len);
	prefix[len] = ':';
	prefix[len + 1] = '\0';
	i = lower_bound(prefix);
	return i < n && !strncasecmp(cat.act[i].name, prefix, len + 1);
}

int ys_catalog_rcp_service(const char *svc)
{
	char word[70];
	size_t n, len = strlen(svc);

	ys_catalog_actions(&n);
	if (!cat.rcp || len + 3 > sizeof(word) || !len)
		return 0;
	word[0] = ' ';
	memcpy(word + 1, svc, len);
	word[len + 1] = ' ';
	word[len + 2] = '\0';
	return strstr(cat.rcp, word) != NULL;
}

static int by_key(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* the multivalued keys: literal names sorted for bisection, and the few patterns */
static struct {
	char **lit, **pat;
	size_t nlit, npat;
} mv;
static pthread_once_t mv_once = PTHREAD_ONCE_INIT;

static void mv_load(void)
{
	const char *w;
	size_t n = 0, cap = 0;

	ys_catalog_actions(&n);
	for (w = cat.multi; w && *w; w++)
		cap += *w == ' ';
	if (!(mv.lit = calloc(cap + 1, sizeof(char *))) || !(mv.pat = calloc(cap + 1, sizeof(char *))))
		return;
	for (w = cat.multi; w && *w;) {
		const char *e;
		char *word;

		while (*w == ' ')
			w++;
		if (!*w || !(e = strchr(w, ' ')))
			break;
		if ((word = strndup(w, (size_t)(e - w)))) {
			if (ys_has_wild(word))
				mv.pat[mv.npat++] = word;
			else
				mv.lit[mv.nlit++] = word;
		}
		w = e;
	}
	if (mv.nlit > 1)
		qsort(mv.lit, mv.nlit, sizeof(char *), by_key);
}

int ys_catalog_multivalued(const char *key)
{
	size_t i;

	pthread_once(&mv_once, mv_load);
	if (mv.nlit && bsearch(&key, mv.lit, mv.nlit, sizeof(char *), by_key))
		return 1;
	for (i = 0; i < mv.npat; i++)
		if (ys_glob(mv.pat[i], key, YS_GLOB_ICASE))
			return 1;
	return 0;
}

const char *ys_access_name(char level)
{
	switch (level) {
	case YS_ACC_READ: return "read";
	case YS_ACC_LIST: return "list";
	case YS_ACC_WRITE: return "write";
	case YS_ACC_TAGGING: return "tagging";
	case YS_ACC_PERMISSIONS: return "permissions management";
	default: return "unknown";
	}
}
