/* sign.c: Ed25519 keys, signatures and checks (OpenSSL's EVP interface) */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hash.h"
#include "sign.h"
#include "../banned.h"

struct ys_signkey {
	EVP_PKEY *pkey;
	int priv;
};

static int write_pem(const char *path, EVP_PKEY *k, int priv, struct ys_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, priv ? 0600 : 0644);
	FILE *f;
	int ok;

	if (fd < 0)
		return ys_error_set(err, YS_EIO, "cannot create '%s': %s", path,
				    errno == EEXIST ? "it exists (keys are never overwritten)" : strerror(errno));
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		return ys_error_set(err, YS_EIO, "cannot write '%s': %s", path, strerror(errno));
	}
	ok = priv ? PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) : PEM_write_PUBKEY(f, k);
	if (fclose(f) || !ok)
		return ys_error_set(err, YS_EIO, "cannot write '%s'", path);
	return 0;
}

int ys_signkey_generate(const char *priv_path, const char *pub_path, struct ys_error *err)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	int rc;

	if (!k)
		return ys_error_set(err, YS_ENOMEM, "cannot make an Ed25519 key");
	if (!(rc = write_pem(priv_path, k, 1, err)) && (rc = write_pem(pub_path, k, 0, err)))
		unlink(priv_path);
	EVP_PKEY_free(k);
	return rc;
}

int ys_signkey_load(const char *path, struct ys_signkey **out, struct ys_error *err)
{
	FILE *f = fopen(path, "r");
	struct ys_signkey *k;
	EVP_PKEY *p;
	int priv = 1;

	*out = NULL;
	if (!f)
		return ys_error_set(err, YS_EIO, "cannot read key '%s': %s", path, strerror(errno));
	p = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	if (!p) {
		rewind(f);
		p = PEM_read_PUBKEY(f, NULL, NULL, NULL);
		priv = 0;
	}
	fclose(f);
	if (!p)
		return ys_error_set(err, YS_EPARSE, "key '%s': not a PEM private or public key", path);
	if (EVP_PKEY_get_base_id(p) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(p);
		return ys_error_set(err, YS_EPARSE, "key '%s': not an Ed25519 key", path);
	}
	if (!(k = calloc(1, sizeof(*k)))) {
		EVP_PKEY_free(p);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	k->pkey = p;
	k->priv = priv;
	*out = k;
	return 0;
}

void ys_signkey_free(struct ys_signkey *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

int ys_signkey_can_sign(const struct ys_signkey *k)
{
	return k->priv;
}

void ys_signkey_id(const struct ys_signkey *k, char out[YS_KEY_ID_HEX])
{
	unsigned char raw[64];
	size_t len = sizeof(raw);
	char hex[YS_SHA256_HEX];

	if (EVP_PKEY_get_raw_public_key(k->pkey, raw, &len) != 1)
		len = 0;
	ys_sha256_hex(raw, len, hex);
	memcpy(out, hex, YS_KEY_ID_HEX - 1);
	out[YS_KEY_ID_HEX - 1] = '\0';
}

int ys_sign(const struct ys_signkey *k, const void *msg, size_t len, unsigned char sig[YS_SIG_LEN],
	    struct ys_error *err)
{
	EVP_MD_CTX *md;
	size_t n = YS_SIG_LEN;
	int ok;

	if (!k->priv)
		return ys_error_set(err, YS_EINVAL, "a public key cannot sign");
	md = EVP_MD_CTX_new();
	ok = md && EVP_DigestSignInit(md, NULL, NULL, NULL, k->pkey) == 1 &&
	     EVP_DigestSign(md, sig, &n, msg, len) == 1 && n == YS_SIG_LEN;
	EVP_MD_CTX_free(md);
	return ok ? 0 : ys_error_set(err, YS_EIO, "Ed25519 signing failed");
}

int ys_sign_check(const struct ys_signkey *k, const void *msg, size_t len, const unsigned char *sig,
		  size_t siglen)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok = md && siglen == YS_SIG_LEN && EVP_DigestVerifyInit(md, NULL, NULL, NULL, k->pkey) == 1 &&
		 EVP_DigestVerify(md, sig, siglen, msg, len) == 1;

	EVP_MD_CTX_free(md);
	return ok;
}
