/* scan-int.h: the compiled rule set as the scanner and its builder share it (not for callers) */
#ifndef YS_SECRETS_SCAN_INT_H
#define YS_SECRETS_SCAN_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "config.h"
#include "mpm.h"
#include "scan.h"

#define TAG_BITS 12 /* a rule's number in a seen key, beside the offset */
#define MAX_RULES (1u << TAG_BITS)

/* A rule as compiled: a copy of its row (built-in or from a configuration). */
struct rs_rule {
	struct ys_secret_rule r;
	pcre2_code *re; /* NULL for a path-only rule */
	unsigned canon; /* first rule with the same id */
	int off;	/* disabled by the configuration: no trigger */
};

struct ys_secret_ruleset {
	const struct ys_mpm_ops *mpm;
	void *db;
	struct rs_rule *rules;
	size_t nrules;
	pcre2_code *pair_re;
	unsigned *trig_tag; /* matcher pattern id -> rule */
	char **generated;   /* generated trigger expressions, to free */
	size_t ntrig, ngenerated;
	unsigned *always; /* configuration rules without a trigger: run on every input */
	size_t nalways;
	struct ys_secret_config *cfg; /* owned; NULL for the built-in detectors alone */
	int has_paths;		      /* some rule or allowlist looks at the path or commit */
	unsigned char key[YS_MPM_KEY_LEN]; /* of the trigger list (mpm.h) */
	int prebuilt;			   /* the database came from triggerdb, not compiled */
};

#endif
