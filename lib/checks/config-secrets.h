/* config-secrets.h: credentials pasted into AWS configuration (Lambda and CodeBuild environment
 * variables, ECS container definitions, EC2 user data and launch templates), found with
 * yourside's own secrets engine (lib/secrets) and told redacted, with the start of their SHA-256 */
#ifndef YS_CONFIG_SECRETS_H
#define YS_CONFIG_SECRETS_H

#include <stddef.h>
#include "../base/strbuf.h"
#include "../json/jread.h"
#include "../secrets/scan.h"

struct ys_cfg_scan;

/* Each credential found, for whoever gathers them (incident): where is the variable's name or
 * "user data line N"; hit->secret is valid only during the call. */
typedef void (*ys_cfg_hit_fn)(void *ctx, const char *where, const struct ys_secret_hit *hit);

/* The engine starts on first use. NULL only without memory. */
struct ys_cfg_scan *ys_cfg_scan_new(ys_cfg_hit_fn fn, void *ctx);
void ys_cfg_scan_free(struct ys_cfg_scan *s);

/* Scans variables: an object {"NAME": "VALUE", ...} (namek NULL), or an array of objects whose
 * namek and valuek members hold them ([{"name": ..., "value": ...}]). Each credential found is
 * appended to out as "<kind> in <NAME> (<redacted>, sha256 <16 hex>…)", "; " between them.
 * Returns how many, or -1 when the secrets engine cannot start. */
int ys_cfg_scan_vars(struct ys_cfg_scan *s, const struct ys_jval *vars, const char *namek,
		     const char *valuek, struct strbuf *out);

/* Scans free text (a script): each credential appended as "<kind> in <where> line N (...)". */
int ys_cfg_scan_text(struct ys_cfg_scan *s, const char *text, size_t len, const char *where,
		     struct strbuf *out);

/* EC2 user data as AWS returns it (base64, of a script or of gzip holding one) into out.
 * Returns 0, or -1 when it is not base64 or its gzip is broken (out then says nothing). */
int ys_cfg_user_data(const char *b64, struct strbuf *out);

#endif
