/* glob.c: IAM's wildcard matching, iterative with one backtrack point (linear enough for the
 * sizes of policy patterns) */
#include <ctype.h>
#include <string.h>
#include "glob.h"
#include "../banned.h"

static int same(int a, int b, int icase)
{
	return a == b || (icase && tolower((unsigned char)a) == tolower((unsigned char)b));
}

/* ys_glob over [p, pe) and [v, ve). Two backtrack points: the last '*', and the last one that
 * may swallow ':' (segment mode), to which a '*' held inside its segment falls back. */
static int glob_n(const char *p, const char *pe, const char *v, const char *ve, int flags)
{
	const char *star = NULL, *back = NULL, *ustar = NULL, *uback = NULL;
	int icase = flags & YS_GLOB_ICASE, esc = flags & YS_GLOB_ESC, seg = flags & YS_GLOB_SEGMENT;

	while (v < ve) {
		if (p < pe && *p == '*') {
			star = p++;
			back = v;
			if (!seg || p == pe || *p == ':') {
				ustar = star;
				uback = back;
			}
			continue;
		}
		if (p < pe) {
			int lit = esc && *p == '\\' && p + 1 < pe;
			char c = lit ? p[1] : *p;

			if ((!lit && c == '?' && !(seg && *v == ':')) ||
			    ((lit || c != '?') && same(c, *v, icase))) {
				p += lit ? 2 : 1;
				v++;
				continue;
			}
		}
		if (star && (star == ustar || *back != ':')) {
			p = star + 1;
			v = ++back;
			if (star == ustar)
				uback = back;
			continue;
		}
		if (ustar) {
			star = ustar;
			p = ustar + 1;
			v = back = ++uback;
			continue;
		}
		return 0;
	}
	while (p < pe && *p == '*')
		p++;
	return p == pe;
}

int ys_glob_range(const char *p, size_t plen, const char *v, size_t vlen, int flags)
{
	if (plen == 1 && *p == '*')
		return 1;
	return glob_n(p, p + plen, v, v + vlen, flags);
}

void ys_pat_init(struct ys_pat *p, const char *s)
{
	p->s = s;
	p->len = strlen(s);
	p->lit = strcspn(s, "*?");
}

int ys_glob(const char *pattern, const char *value, int flags)
{
	if (pattern[0] == '*' && !pattern[1])
		return 1;
	return glob_n(pattern, pattern + strlen(pattern), value, value + strlen(value), flags);
}

/* the end of the part that starts at s: the next ':' for the first five, the end for the last */
static const char *part_end(const char *s, int last)
{
	const char *c = last ? NULL : strchr(s, ':');

	return c ? c : s + strlen(s);
}

int ys_arn_like(const char *pattern, const char *value, int flags)
{
	int i;

	if (pattern[0] == '*' && !pattern[1])
		return 1;
	for (i = 0; i < 6; i++) {
		const char *pe = part_end(pattern, i == 5), *ve = part_end(value, i == 5);

		if ((i < 5 && (!*pe || !*ve)) || !glob_n(pattern, pe, value, ve, flags & ~YS_GLOB_SEGMENT))
			return 0;
		if (i < 5) {
			pattern = pe + 1;
			value = ve + 1;
		}
	}
	return 1;
}

void ys_lower(const char *s, char *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	if (n)
		out[i] = '\0';
}

int ys_has_wild(const char *s)
{
	return strpbrk(s, "*?") != NULL;
}
