/* pubkeys.h: CloudTrail's public keys for digest files, as ListPublicKeys returns them
 * (`aws cloudtrail list-public-keys` output, or the API's own JSON): fingerprint, validity and
 * the PKCS#1 DER key, whether Value holds it base64 once (the API's blob) or twice (the CLI) */
#ifndef YS_TRAIL_PUBKEYS_H
#define YS_TRAIL_PUBKEYS_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct ys_pubkey {
	char fingerprint[72];
	unsigned char *der;
	size_t len;
	int64_t from, to; /* validity, Unix seconds (-1: not given) */
};

struct ys_pubkeys {
	struct ys_pubkey *keys;
	size_t n;
};

/* Adds the keys of one ListPublicKeys response (text[len]); shown names it in messages. A key
 * that cannot be decoded is an error naming its fingerprint. */
int ys_pubkeys_add_json(struct ys_pubkeys *k, const char *text, size_t len, const char *shown,
			struct ys_error *err);
const struct ys_pubkey *ys_pubkeys_find(const struct ys_pubkeys *k, const char *fingerprint);
void ys_pubkeys_release(struct ys_pubkeys *k);

#endif
