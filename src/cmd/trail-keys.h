/* trail-keys.h: what cmd-verify-trail.c shares with its helpers: CloudTrail's public keys asked
 * of ListPublicKeys, and the result as text or JSON */
#ifndef YS_CMD_TRAIL_KEYS_H
#define YS_CMD_TRAIL_KEYS_H

#include <stdint.h>
#include "base/err.h"
#include "trail/pubkeys.h"
#include "trail/verify.h"

struct trail_fetch {
	int on;
	const char *region;   /* NULL: us-east-1 */
	const char *endpoint; /* NULL: AWS's */
};

/* Adds the keys valid between since and until (-1: open) from ListPublicKeys, every page. */
int trail_fetch_keys(const struct trail_fetch *f, int64_t since, int64_t until,
		     struct ys_pubkeys *keys, struct ys_error *err);

/* Print r; return the exit status (0 all valid, 1 a finding). */
int trail_report_text(const struct ys_vresult *r, const char *root, int verbose);
int trail_report_json(const struct ys_vresult *r, const char *root);

#endif
