/* config-int.h: what reading a gitleaks configuration keeps between its files (not for callers) */
#ifndef YS_SECRETS_CONFIG_INT_H
#define YS_SECRETS_CONFIG_INT_H

#include "../base/toml.h"
#include "config.h"

/* A rule as the files say it, before it is checked and compiled. */
struct ys_cfg_rule {
	const char *id, *description, *regex, *path;
	const char *file; /* where it was (last) defined */
	size_t line;
	double entropy;
	int group;
	const char **keywords;
	size_t nkeywords;
	struct ys_secret_allowlist **allow;
	size_t nallow;
	int depth; /* of the file that defined it: 0 is the file named */
};

struct ys_cfg_load {
	struct ys_secret_config *cfg;
	const char *path;
	struct ys_cfg_rule *rules;
	size_t nrules, cap;
	int extends; /* the file named extends another (or the built-in detectors) */
};

void *ys_cfg_keep(struct ys_secret_config *cfg, void *p);
char *ys_cfg_strdup(struct ys_secret_config *cfg, const char *s, size_t len, int lower);
pcre2_code *ys_cfg_regex(struct ys_secret_config *cfg, const char *expr, const char *what,
			 struct ys_error *err);
/* A table's value by key, in any case (gitleaks reads secretGroup and secretgroup alike). */
const struct ys_toml_value *ys_cfg_get(const struct ys_toml_value *table, const char *key);
/* One file's [extend] disabledRules, [[rules]] and allowlists, over what its base gave. */
int ys_cfg_read_doc(struct ys_cfg_load *l, const struct ys_toml *doc, const char *file, int depth,
		    struct ys_error *err);
/* The rules checked as gitleaks checks them, compiled into l->cfg. */
int ys_cfg_finish(struct ys_cfg_load *l, struct ys_error *err);
void ys_cfg_load_release(struct ys_cfg_load *l);

#endif
