/* pubkeys.c: reading ListPublicKeys responses into DER keys by fingerprint */
#include <stdlib.h>
#include <string.h>
#include "pubkeys.h"
#include "../base/codec.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../json/jread.h"
#include "../banned.h"

static int64_t when(const struct ys_jval *v)
{
	if (v && v->type == YS_J_NUMBER)
		return (int64_t)v->u.num;
	if (v && v->type == YS_J_STRING)
		return ys_time_parse(v->u.str);
	return -1;
}

/* base64 once (the API) or twice (the CLI prints the blob's bytes, themselves base64): a DER
 * key starts with a SEQUENCE (0x30) */
static long decode_key(const char *b64, size_t len, unsigned char *out)
{
	long n = ys_base64_decode(b64, len, out), m;
	char *again;

	if (n <= 0 || out[0] == 0x30)
		return n;
	if (!(again = malloc((size_t)n + 1)))
		return -1;
	memcpy(again, out, (size_t)n);
	m = ys_base64_decode(again, (size_t)n, out);
	free(again);
	return m > 0 && out[0] == 0x30 ? m : -1;
}

int ys_pubkeys_add_json(struct ys_pubkeys *k, const char *text, size_t len, const char *shown,
			struct ys_error *err)
{
	struct ys_jdoc *doc;
	const struct ys_jval *list;
	size_t i, cap = k->n;
	int rc;

	if ((rc = ys_json_parse(text, len, &doc, err))) {
		struct ys_error e = *err;

		return ys_error_set(err, rc, "%s: %s", shown, e.msg);
	}
	list = ys_json_get(ys_jdoc_root(doc), "PublicKeyList");
	if (!list || list->type != YS_J_ARRAY) {
		ys_jdoc_free(doc);
		return ys_error_set(err, YS_EPARSE, "%s: not a ListPublicKeys response (no PublicKeyList)", shown);
	}
	for (i = 0; i < list->len && !rc; i++) {
		const struct ys_jval *e = &list->u.items[i];
		const struct ys_jval *v = ys_json_get(e, "Value");
		const char *fp = ys_json_str(ys_json_get(e, "Fingerprint"));
		struct ys_pubkey *p;
		long n;

		if (!fp || !v || v->type != YS_J_STRING || strlen(fp) >= sizeof(p->fingerprint)) {
			rc = ys_error_set(err, YS_EPARSE, "%s: public key %zu has no Fingerprint or Value", shown, i + 1);
			break;
		}
		if (ys_grow(&k->keys, &cap, k->n, sizeof(*k->keys), 4)) {
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
			break;
		}
		p = &k->keys[k->n];
		memset(p, 0, sizeof(*p));
		if (!(p->der = malloc(v->len + 4))) {
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
			break;
		}
		if ((n = decode_key(v->u.str, v->len, p->der)) <= 0) {
			free(p->der);
			rc = ys_error_set(err, YS_EPARSE, "%s: public key %s: Value is not a base64 DER key", shown, fp);
			break;
		}
		memcpy(p->fingerprint, fp, strlen(fp) + 1);
		p->len = (size_t)n;
		p->from = when(ys_json_get(e, "ValidityStartTime"));
		p->to = when(ys_json_get(e, "ValidityEndTime"));
		k->n++;
	}
	ys_jdoc_free(doc);
	return rc;
}

const struct ys_pubkey *ys_pubkeys_find(const struct ys_pubkeys *k, const char *fingerprint)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (!strcmp(k->keys[i].fingerprint, fingerprint))
			return &k->keys[i];
	return NULL;
}

void ys_pubkeys_release(struct ys_pubkeys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->keys[i].der);
	free(k->keys);
	memset(k, 0, sizeof(*k));
}
