/* rule.h: a Sigma rule compiled for matching JSON events: selections of field matchers and a
 * condition tree; the rule set that loads them; events seen through one small interface */
#ifndef YS_SIGMA_RULE_H
#define YS_SIGMA_RULE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

enum ys_sigma_op {
	YS_SOP_EQUALS,	/* with * and ? wildcards */
	YS_SOP_CONTAINS,
	YS_SOP_STARTSWITH,
	YS_SOP_ENDSWITH,
	YS_SOP_RE,
	YS_SOP_CIDR,
	YS_SOP_EXISTS,
	YS_SOP_NULL, /* the field is absent or null */
	YS_SOP_LT,
	YS_SOP_LTE,
	YS_SOP_GT,
	YS_SOP_GTE,
};

struct ys_sigma_value {
	char *text; /* lower-cased unless cased; wildcards kept for EQUALS */
	size_t len;
	int has_wildcards;
	pcre2_code *re;
	double num;
	uint8_t net[16]; /* cidr: address and prefix length */
	int bits, v6;
	int exists; /* EXISTS: true or false */
	char *fieldref; /* compare with this field's value instead of text */
};

struct ys_sigma_matcher {
	char *field; /* dotted path; NULL for a keyword (any value of the event) */
	enum ys_sigma_op op;
	int all;     /* every value must match (|all), else any */
	int cased;   /* |cased: case-sensitive */
	struct ys_sigma_value *v;
	size_t nv;
};

/* A selection is an OR of conjunctions: a map is one conjunction, a list of maps several. */
struct ys_sigma_conj {
	struct ys_sigma_matcher *m;
	size_t n;
};

struct ys_sigma_selection {
	char *name;
	struct ys_sigma_conj *c;
	size_t n;
};

enum ys_cond_kind { YS_C_SEL, YS_C_NOT, YS_C_AND, YS_C_OR, YS_C_ONE_OF, YS_C_ALL_OF };

struct ys_cond {
	enum ys_cond_kind kind;
	size_t sel;		/* YS_C_SEL */
	struct ys_cond *a, *b;	/* NOT: a; AND, OR: a and b */
	size_t *sels, nsels;	/* ONE_OF, ALL_OF */
};

struct ys_sigma_rule {
	char *file;
	char *id;
	char *name; /* what correlation rules call it by */
	char *title;
	char *level;  /* informational, low, medium, high, critical */
	char *status;
	char **attack; /* MITRE ATT&CK ids from tags: T1098, TA0003-style names kept as tags */
	size_t nattack;
	char *product, *service;
	struct ys_sigma_selection *sel;
	size_t nsel;
	struct ys_cond *cond; /* an OR of the rule's conditions */
};

/* One value of an event field. */
enum ys_evtype { YS_EV_STRING, YS_EV_NUMBER, YS_EV_TRUE, YS_EV_FALSE, YS_EV_NULL, YS_EV_OTHER };

struct ys_evalue {
	enum ys_evtype type;
	const char *s; /* text of a string or number, "true", "false" */
	size_t len;
	double num;
};

/* How the matcher sees an event: each value at a dotted path (arrays give one value per item),
 * and every scalar value of the event (for keywords). fn returning non-zero stops the walk. */
struct ys_event {
	int (*each)(const struct ys_event *ev, const char *path,
		    int (*fn)(void *ctx, const struct ys_evalue *v), void *ctx);
	int (*each_any)(const struct ys_event *ev, int (*fn)(void *ctx, const struct ys_evalue *v),
			void *ctx);
	const void *data;
};

/* Compiles one rule from a Sigma YAML text. YS_EUNSUP (err says why) for rules that use what
 * is not supported; YS_EPARSE for broken ones ("line N: ..." or the key path). */
int ys_sigma_rule_load(const char *file, const char *text, size_t len, struct ys_sigma_rule **out,
		       struct ys_error *err);
void ys_sigma_rule_free(struct ys_sigma_rule *r);
struct ys_ynode;
/* The same from one parsed YAML document. */
int ys_sigma_rule_from_doc(const char *file, const struct ys_ynode *doc,
			   struct ys_sigma_rule **out, struct ys_error *err);
/* ATT&CK technique ids (T1098, T1562.008) from a rule's tags. */
int ys_sigma_attack_tags(char ***attack, size_t *nattack, const struct ys_ynode *tags);
/* True when the event matches the rule's condition. */
int ys_sigma_match(const struct ys_sigma_rule *r, const struct ys_event *ev);

/* Parses a condition over the rule's selection names (cond.c). */
int ys_sigma_cond_parse(const char *text, const struct ys_sigma_selection *sel, size_t nsel,
			struct ys_cond **out, struct ys_error *err);
void ys_sigma_cond_free(struct ys_cond *c);

/* Sigma's wildcard match: * any run, ? one character, \ escapes; text already lower-cased when
 * case-insensitive. */
int ys_sigma_glob(const char *pat, size_t plen, const char *s, size_t slen, int fold);

#endif
