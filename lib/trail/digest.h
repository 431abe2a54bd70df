/* digest.h: CloudTrail digest files, as `aws cloudtrail validate-logs` checks them: the digest's
 * fields and log files, the string AWS signs ("<digestEndTime>\n<bucket>/<object>\n<hex
 * SHA-256 of the digest>\n<previousDigestSignature or null>"), and the SHA256withRSA signature
 * checked with a public key as ListPublicKeys gives it (PKCS#1 DER) */
#ifndef YS_TRAIL_DIGEST_H
#define YS_TRAIL_DIGEST_H

#include <stddef.h>
#include "../base/err.h"
#include "../base/strbuf.h"
#include "../json/jread.h"

struct ys_digest_log {
	const char *bucket, *object, *hash, *hash_algorithm; /* hash: hex SHA-256 of the unzipped log */
};

struct ys_digest {
	struct ys_jdoc *doc; /* the strings below point into it */
	const char *account, *start, *end, *bucket, *object, *fingerprint, *algorithm;
	const char *prev_bucket, *prev_object, *prev_signature; /* NULL for the first of a chain */
	struct ys_digest_log *logs;
	size_t nlogs;
};

/* Reads a digest file's text (unzipped). YS_EPARSE with the reason when it is not a digest. */
int ys_digest_parse(const char *text, size_t len, struct ys_digest *out, struct ys_error *err);
void ys_digest_release(struct ys_digest *d);

/* The bytes AWS signs for a digest whose unzipped text is text[len]. */
void ys_digest_string_to_sign(const struct ys_digest *d, const char *text, size_t len,
			      struct strbuf *out);

/* Whether sig_hex (the object's x-amz-meta-signature) is a SHA256withRSA signature of msg by
 * the key (PKCS#1 RSAPublicKey DER): 1 yes, 0 no, YS_EPARSE with the reason when the key or the
 * signature cannot be read. */
int ys_digest_verify(const char *msg, size_t len, const char *sig_hex, const unsigned char *der,
		     size_t derlen, struct ys_error *err);

#endif
