/* mpm-key.c: the key that ties a saved multi-pattern database to the exact patterns it holds */
#include <stdio.h>
#include "../base/hash.h"
#include "../base/strbuf.h"
#include "mpm.h"
#include "../banned.h"

/* A field and the NUL that ends it: no field can run into the next. */
static void field(struct strbuf *sb, const char *s)
{
	strbuf_addstr(sb, s);
	strbuf_add(sb, "", 1);
}

void ys_mpm_key(const struct ys_mpm_ops *mpm, const struct ys_mpm_pattern *pats, size_t n,
		unsigned char key[YS_MPM_KEY_LEN])
{
	struct strbuf sb = STRBUF_INIT;
	char num[32];
	size_t i;

	field(&sb, mpm->name);
	snprintf(num, sizeof(num), "%zu", n);
	field(&sb, num);
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%u", pats[i].flags);
		field(&sb, num);
		field(&sb, pats[i].expr);
	}
	ys_sha256(sb.buf ? sb.buf : "", sb.len, key);
	strbuf_release(&sb);
}
