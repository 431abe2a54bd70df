/* sign.h: Ed25519 keys through OpenSSL: made, written and read as PEM (PKCS#8 private,
 * SubjectPublicKeyInfo public), and signing and checking bytes */
#ifndef YS_SIGN_H
#define YS_SIGN_H

#include <stddef.h>
#include "err.h"

#define YS_SIG_LEN 64
#define YS_KEY_ID_HEX 17 /* 16 hex digits of the public key's SHA-256, and a NUL */

struct ys_signkey;

/* Makes a key pair: the private key in priv_path (mode 0600, never overwritten) and the public
 * one in pub_path. */
int ys_signkey_generate(const char *priv_path, const char *pub_path, struct ys_error *err);
/* Reads a PEM key: a private key (which can sign and check) or a public one (check only). */
int ys_signkey_load(const char *path, struct ys_signkey **out, struct ys_error *err);
void ys_signkey_free(struct ys_signkey *k);
int ys_signkey_can_sign(const struct ys_signkey *k);
/* The key's id: the first 16 hex digits of the SHA-256 of its raw public key. */
void ys_signkey_id(const struct ys_signkey *k, char out[YS_KEY_ID_HEX]);

int ys_sign(const struct ys_signkey *k, const void *msg, size_t len, unsigned char sig[YS_SIG_LEN],
	    struct ys_error *err);
/* 1 the signature holds, 0 it does not. */
int ys_sign_check(const struct ys_signkey *k, const void *msg, size_t len, const unsigned char *sig,
		  size_t siglen);

#endif
