/* config.h: detectors and allowlists from a gitleaks configuration (.gitleaks.toml), as the
 * scanner uses them: rules beside or instead of the built-in ones, allowlists by path, commit,
 * regex and stopword */
#ifndef YS_SECRETS_CONFIG_H
#define YS_SECRETS_CONFIG_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include "../base/err.h"
#include "rules.h"

enum ys_allow_target { YS_ALLOW_SECRET, YS_ALLOW_MATCH, YS_ALLOW_LINE };

/* One allowlist: with `all` (condition AND) every check it has must hit, else any one. */
struct ys_secret_allowlist {
	int all;
	enum ys_allow_target target; /* what regexes are tested against */
	char **commits;		     /* lower-case full hashes */
	size_t ncommits;
	pcre2_code **paths;
	size_t npaths;
	pcre2_code **regexes;
	size_t nregexes;
	char **stopwords; /* lower-case; tested against the lower-cased secret */
	size_t nstopwords;
	char **target_rules; /* a global allowlist that applies only to these rule ids */
	size_t ntarget_rules;
	size_t index; /* its place among every allowlist of the configuration */
};

/* What a configuration adds to a rule (its own, or a built-in one it extends). */
struct ys_secret_rule_ext {
	double entropy;	   /* > 0: a secret of this Shannon entropy or less is dropped */
	int group;	   /* secretGroup: 0 means the first non-empty group */
	pcre2_code *path;  /* the rule runs only on paths this matches */
	int path_only;	   /* no regex: every matching path is a finding */
	char **keywords;   /* lower-case; the rule runs only where one occurs */
	size_t nkeywords;
	struct ys_secret_allowlist **allow;
	size_t nallow;
};

struct ys_secret_config {
	int builtin;	 /* the built-in detectors run too ([extend] useDefault) */
	char **disabled; /* rule ids turned off ([extend] disabledRules) */
	size_t ndisabled;
	struct ys_secret_rule *rules; /* the configuration's own rules; rule.ext set */
	size_t nrules;
	/* built-in rules the configuration extends by id (allowlists, entropy, keywords) */
	const char **ext_ids;
	struct ys_secret_rule_ext **ext_of;
	size_t next;
	struct ys_secret_allowlist **allow; /* global allowlists */
	size_t nallow;
	size_t nallowlists; /* every allowlist, global and per rule */
	/* what it owns, freed by ys_secret_config_free */
	void **owned;
	size_t nowned, capowned;
	pcre2_code **codes;
	size_t ncodes, capcodes;
};

/* Reads a gitleaks configuration file. Messages name the file, the rule and the reason. */
int ys_secret_config_load(const char *path, struct ys_secret_config **out, struct ys_error *err);
/* The same for a configuration in memory (name: how messages call it; [extend] paths are read
 * from the working directory). */
int ys_secret_config_parse(const char *buf, size_t len, const char *name,
			   struct ys_secret_config **out, struct ys_error *err);
void ys_secret_config_free(struct ys_secret_config *cfg);

/* Compiles a pattern as gitleaks' Go regexps read it ($ is the end of the text); NULL with err
 * set naming `what` and the offset. */
pcre2_code *ys_secret_config_regex(const char *expr, const char *what, struct ys_error *err);

/* 1 when allowlist a lets the finding go. hits: bit 1 when the input's commit is listed in a,
 * bit 2 when its path matches one of a's paths. */
int ys_secret_allowlisted(const struct ys_secret_allowlist *a, const unsigned char *hits,
			  const char *secret, size_t slen, const char *match, size_t mlen,
			  const char *line, size_t llen, pcre2_match_data *md);

#endif
