/* allowlist.c: whether a gitleaks allowlist lets a finding go: by commit, path, regex over the
 * secret, the match or the line, and stopwords in the secret */
#define _GNU_SOURCE
#include <string.h>
#include "config.h"
#include "../banned.h"

#define HIT_COMMIT 1u
#define HIT_PATH 2u

static int any_regex(const struct ys_secret_allowlist *a, const char *s, size_t len,
		     pcre2_match_data *md)
{
	size_t i;

	for (i = 0; i < a->nregexes; i++)
		if (pcre2_match(a->regexes[i], (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0)
			return 1;
	return 0;
}

/* A stopword anywhere in the lower-cased secret. */
static int any_stopword(const struct ys_secret_allowlist *a, const char *s, size_t len)
{
	char low[512];
	size_t i, n = len < sizeof(low) ? len : sizeof(low);

	for (i = 0; i < n; i++)
		low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
	for (i = 0; i < a->nstopwords; i++)
		if (memmem(low, n, a->stopwords[i], strlen(a->stopwords[i])))
			return 1;
	return 0;
}

int ys_secret_allowlisted(const struct ys_secret_allowlist *a, const unsigned char *hits,
			  const char *secret, size_t slen, const char *match, size_t mlen,
			  const char *line, size_t llen, pcre2_match_data *md)
{
	unsigned h = hits ? hits[a->index] : 0;
	const char *t = a->target == YS_ALLOW_MATCH ? match : a->target == YS_ALLOW_LINE ? line : secret;
	size_t tl = a->target == YS_ALLOW_MATCH ? mlen : a->target == YS_ALLOW_LINE ? llen : slen;
	int checks[4], present[4], k;

	present[0] = a->ncommits > 0;
	checks[0] = (h & HIT_COMMIT) != 0;
	present[1] = a->npaths > 0;
	checks[1] = (h & HIT_PATH) != 0;
	present[2] = a->nregexes > 0;
	checks[2] = present[2] && any_regex(a, t, tl, md);
	present[3] = a->nstopwords > 0;
	checks[3] = present[3] && any_stopword(a, secret, slen);
	for (k = 0; k < 4; k++) {
		if (!present[k])
			continue;
		if (a->all && !checks[k])
			return 0;
		if (!a->all && checks[k])
			return 1;
	}
	return a->all;
}
