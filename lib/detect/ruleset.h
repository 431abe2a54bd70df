/* ruleset.h: the rules detect runs: those built in (yourside's and SigmaHQ's) and any the user
 * names, with what could not be loaded and why */
#ifndef YS_DETECT_RULESET_H
#define YS_DETECT_RULESET_H

#include <stddef.h>
#include "../base/err.h"
#include "../sigma/corr.h"
#include "../sigma/prefilter.h"
#include "../sigma/rule.h"

#define YS_GROUP_WINDOW 3600 /* a low, informational or medium rule's alerts: one an hour */

struct ys_rule_problem {
	char *msg;	 /* names the file and the reason */
	int unsupported; /* valid Sigma that yourside does not run, rather than a broken rule */
};

struct ys_ruleset {
	struct ys_sigma_rule **r;
	const char **source; /* "builtin" or "sigma", per rule */
	size_t n, cap;
	struct ys_rule_problem *problems;
	size_t nproblems, capproblems;
	char **held; /* shipped rules left out as noisy: file and why */
	size_t nheld, capheld;
	struct ys_sigma_prefilter *pf; /* built by ys_ruleset_compile */
	/* correlations, with their base rules resolved to indices by ys_ruleset_compile */
	struct ys_sigma_corr **corr;
	const char **corr_source;
	size_t **corr_rules; /* corr i -> indices into r, nrules of them */
	size_t ncorr, capcorr;
	uint8_t *quiet; /* per rule: only correlations use it (generate: false) */
	uint8_t *about_errors; /* per rule: it reads errorCode or errorMessage (a refused call is
				* what it looks for); for the others a refused call is an attempt */
	uint32_t **rule_corrs; /* rule -> the correlations that use it */
	size_t *nrule_corrs;
};

void ys_ruleset_init(struct ys_ruleset *rs);
/* The rules compiled into the binary: rules/builtin (builtin) and rules/sigmahq (sigma); the
 * few that match most of any trail only with with_noisy (else listed in held). */
int ys_ruleset_load_embedded(struct ys_ruleset *rs, int builtin, int sigmahq, int with_noisy);
/* One rule file's text (any number of YAML documents: rules and correlations). */
int ys_ruleset_load_text(struct ys_ruleset *rs, const char *file, const char *text, size_t len,
			 const char *source);
/* Every .yml/.yaml file under dir. Problems with single rules are recorded, not returned. */
int ys_ruleset_load_dir(struct ys_ruleset *rs, const char *dir, struct ys_error *err);
/* Resolves correlations to their base rules and builds the prefilter; call once all rules
 * are in. A correlation whose rules are missing becomes a problem and is dropped. */
int ys_ruleset_compile(struct ys_ruleset *rs, struct ys_error *err);
void ys_ruleset_release(struct ys_ruleset *rs);

#endif
