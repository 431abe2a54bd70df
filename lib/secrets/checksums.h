/* checksums.h: validators for provider credentials: checksums the formats carry, structures
 * their tokens decode to, and the placeholder and password policies of the provider rows */
#ifndef YS_SECRETS_CHECKSUMS_H
#define YS_SECRETS_CHECKSUMS_H

#include <stddef.h>
#include <stdint.h>

/* Building blocks, exposed for unit tests. */
/* 1 when the last six characters are the zero-padded base62 (0-9A-Za-z) CRC-32 of the
 * thirty characters after the four-character prefix (GitHub's and npm's scheme). */
int ys_base62_crc32_ok(const char *tok, size_t len);
/* The bech32 checksum (BIP 173) of an all-lower or all-upper string: 1 when valid. */
int ys_bech32_ok(const char *s, size_t len);
/* OpenPGP's CRC-24 (RFC 4880 6.1). */
uint32_t ys_crc24(const uint8_t *p, size_t n);
/* 1 when a v2 binary macaroon (libmacaroons' format) parses whole, its location is loc and
 * its signature 32 bytes. */
int ys_macaroon_v2_ok(const uint8_t *p, size_t n, const char *loc);
/* 1 when s has the shape of a token whose format carries a checksum, and the checksum is
 * wrong (a generic rule must not report it either). */
int ys_failed_checksum(const char *s, size_t len);
/* 1 when the password of a connection string or URL is a placeholder, a template, a word a
 * person types in documentation or a service's own default. */
int ys_weak_password(const char *pw, size_t len);

/* Validators of rows (rules-*.def): 1 for a real credential. */
int check_random_token(const char *s, size_t len);
int check_context_token(const char *s, size_t len);
int check_encoded_token(const char *s, size_t len);
int check_hex_token(const char *s, size_t len);
int check_uuid_token(const char *s, size_t len);
int check_github_token(const char *s, size_t len);
int check_github_ghs_jwt(const char *s, size_t len);
int check_npm_token(const char *s, size_t len);
int check_pypi_token(const char *s, size_t len);
int check_pypi_test_token(const char *s, size_t len);
int check_gitlab_token(const char *s, size_t len);
int check_grafana_sa_token(const char *s, size_t len);
int check_grafana_cloud_token(const char *s, size_t len);
int check_grafana_legacy_key(const char *s, size_t len);
int check_sentry_org_token(const char *s, size_t len);
int check_onepassword_sa_token(const char *s, size_t len);
int check_onepassword_connect_token(const char *s, size_t len);
int check_intercom_token(const char *s, size_t len);
int check_jfrog_reference_token(const char *s, size_t len);
int check_mapbox_secret_token(const char *s, size_t len);
int check_discord_bot_token(const char *s, size_t len);
int check_stripe_key(const char *s, size_t len);
int check_supabase_secret(const char *s, size_t len);
int check_azure_storage_key(const char *s, size_t len);
int check_azure_key64(const char *s, size_t len);
int check_azure_key32(const char *s, size_t len);
int check_age_secret_key(const char *s, size_t len);
int check_pgp_private_key(const char *s, size_t len);
int check_putty_private_key(const char *s, size_t len);
int check_url_credential(const char *s, size_t len);
int check_http_credential(const char *s, size_t len);
int check_conn_password(const char *s, size_t len);

#endif
