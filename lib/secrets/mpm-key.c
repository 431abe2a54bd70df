/* mpm-key.c: the key that ties a saved multi-pattern database to the exact patterns it holds */
#include <stdio.h>
#include <string.h>
#include "../base/hash.h"
#include "../base/strbuf.h"
#include "mpm.h"
#include "../banned.h"

void ys_mpm_key(const struct ys_mpm_ops *mpm, const struct ys_mpm_pattern *pats, size_t n,
		unsigned char key[YS_MPM_KEY_LEN])
{
	struct strbuf sb = STRBUF_INIT;
	char num[32];
	size_t i;

	strbuf_addstr(&sb, mpm->name);
	snprintf(num, sizeof(num), "%c%zu", 0, n);
	strbuf_add(&sb, num, 1 + strlen(num + 1));
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%c%u%c", 0, pats[i].flags, 0);
		strbuf_add(&sb, num, 2 + strlen(num + 1));
		strbuf_addstr(&sb, pats[i].expr);
	}
	ys_sha256(sb.buf ? sb.buf : "", sb.len, key);
	strbuf_release(&sb);
}
