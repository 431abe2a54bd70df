/* baseline.h: an earlier report whose findings are not reported again (--baseline) */
#ifndef YS_SECRETS_BASELINE_H
#define YS_SECRETS_BASELINE_H

#include "../base/err.h"
#include "results.h"

struct ys_baseline_entry {
	char *fingerprint; /* yourside */
	char *sha256;	   /* yourside, or gitleaks with the secret in clear */
	char *file;
	char *commit;
	size_t line; /* gitleaks with a redacted secret: matched by place */
};

struct ys_baseline {
	struct ys_baseline_entry *e;
	size_t n, cap;
};

/* Loads a yourside report (JSON array or JSON Lines) or a gitleaks JSON report. */
int ys_baseline_load(struct ys_baseline *b, const char *path, struct ys_error *err);
/* Drops the findings the baseline holds; returns how many. */
size_t ys_baseline_apply(const struct ys_baseline *b, struct ys_secret_results *r);
void ys_baseline_release(struct ys_baseline *b);

#endif
