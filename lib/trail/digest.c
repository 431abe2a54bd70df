/* digest.c: reading CloudTrail digest files and checking their signatures (OpenSSL) */
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include "digest.h"
#include "../base/codec.h"
#include "../base/hash.h"
#include "../banned.h"

static const char *str(const struct ys_jval *o, const char *key)
{
	return ys_json_str(ys_json_get(o, key));
}

int ys_digest_parse(const char *text, size_t len, struct ys_digest *d, struct ys_error *err)
{
	const struct ys_jval *root, *logs;
	size_t i;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = ys_json_parse(text, len, &d->doc, err)))
		return rc;
	root = ys_jdoc_root(d->doc);
	d->account = str(root, "awsAccountId");
	d->start = str(root, "digestStartTime");
	d->end = str(root, "digestEndTime");
	d->bucket = str(root, "digestS3Bucket");
	d->object = str(root, "digestS3Object");
	d->fingerprint = str(root, "digestPublicKeyFingerprint");
	d->algorithm = str(root, "digestSignatureAlgorithm");
	d->prev_bucket = str(root, "previousDigestS3Bucket");
	d->prev_object = str(root, "previousDigestS3Object");
	d->prev_signature = str(root, "previousDigestSignature");
	if (!d->end || !d->bucket || !d->object) {
		ys_digest_release(d);
		return ys_error_set(err, YS_EPARSE, "not a CloudTrail digest: no digestEndTime, digestS3Bucket or digestS3Object");
	}
	logs = ys_json_get(root, "logFiles");
	if (logs && logs->type == YS_J_ARRAY && logs->len) {
		if (!(d->logs = calloc(logs->len, sizeof(*d->logs)))) {
			ys_digest_release(d);
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		}
		for (i = 0; i < logs->len; i++) {
			const struct ys_jval *l = &logs->u.items[i];
			struct ys_digest_log *o = &d->logs[d->nlogs];

			o->bucket = str(l, "s3Bucket");
			o->object = str(l, "s3Object");
			o->hash = str(l, "hashValue");
			o->hash_algorithm = str(l, "hashAlgorithm");
			if (o->object && o->hash)
				d->nlogs++;
		}
	}
	return 0;
}

void ys_digest_release(struct ys_digest *d)
{
	free(d->logs);
	ys_jdoc_free(d->doc);
	memset(d, 0, sizeof(*d));
}

void ys_digest_string_to_sign(const struct ys_digest *d, const char *text, size_t len,
			      struct strbuf *out)
{
	char hex[YS_SHA256_HEX];

	ys_sha256_hex(text, len, hex);
	strbuf_addf(out, "%s\n%s/%s\n%s\n%s", d->end, d->bucket, d->object, hex,
		    d->prev_signature ? d->prev_signature : "null");
}

int ys_digest_verify(const char *msg, size_t len, const char *sig_hex, const unsigned char *der,
		     size_t derlen, struct ys_error *err)
{
	size_t hl = strlen(sig_hex), i;
	unsigned char *sig = malloc(hl / 2 + 1);
	const unsigned char *p = der;
	EVP_PKEY *key = NULL;
	OSSL_DECODER_CTX *dctx;
	EVP_MD_CTX *md = NULL;
	int ok = YS_EPARSE;

	if (!sig)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < hl; i += 2) {
		int h = hl % 2 ? -1 : ys_hexval(sig_hex[i]), l = h < 0 ? -1 : ys_hexval(sig_hex[i + 1]);

		if (h < 0 || l < 0) {
			free(sig);
			return ys_error_set(err, YS_EPARSE, "the signature is not hexadecimal");
		}
		sig[i / 2] = (unsigned char)(h << 4 | l);
	}
	dctx = OSSL_DECODER_CTX_new_for_pkey(&key, "DER", "type-specific", "RSA", EVP_PKEY_PUBLIC_KEY, NULL, NULL);
	if (!dctx || !OSSL_DECODER_from_data(dctx, &p, &derlen) || !key) {
		ys_error_set(err, YS_EPARSE, "the public key is not a PKCS#1 RSA key");
		goto out;
	}
	if (!(md = EVP_MD_CTX_new()) || EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) != 1) {
		ys_error_set(err, YS_EPARSE, "the public key cannot verify SHA256withRSA");
		goto out;
	}
	ok = EVP_DigestVerify(md, sig, hl / 2, (const unsigned char *)msg, len) == 1;
out:
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	OSSL_DECODER_CTX_free(dctx);
	free(sig);
	return ok;
}
