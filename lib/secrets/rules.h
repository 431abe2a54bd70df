/* rules.h: the table of secret detectors (rows in rules.def) and their validators */
#ifndef YS_SECRETS_RULES_H
#define YS_SECRETS_RULES_H

#include <stddef.h>

enum ys_rule_kind {
	YS_KIND_LINE,  /* the regex runs on the trigger's line */
	YS_KIND_BLOCK, /* a multi-line block (private keys) starting at the trigger */
	YS_KIND_B64,   /* a base64 value: decode, then scan the decoded text */
	YS_KIND_PCT,   /* percent-encoded text: decode, then scan */
	YS_KIND_FRAG,  /* a configuration's rule: its regex runs over the whole text, as gitleaks' */
};

struct ys_secret_rule_ext;

/* Trigger flags, mapped by each matcher backend. */
#define YS_TRIG_CASELESS 1u
#define YS_TRIG_MULTILINE 2u

struct ys_secret_rule {
	const char *id;
	const char *title;
	const char *severity;
	const char *trigger; /* NULL: generated (see ys_secret_b64_words) */
	unsigned trigger_flags;
	const char *regex;
	enum ys_rule_kind kind;
	/* Returns 1 when s is a real secret (not a placeholder, example or digest). */
	int (*check)(const char *s, size_t len);
	const char *revoke; /* the provider's page where it is revoked or rotated; "" when none */
	const struct ys_secret_rule_ext *ext; /* from a configuration (config.h), else NULL */
};

enum ys_rule_tag {
#define YS_RULE(tag, ...) YS_RULE_##tag,
#include "rules.def"
#undef YS_RULE
	YS_RULE_COUNT
};

extern const struct ys_secret_rule ys_secret_rules[YS_RULE_COUNT];

/* Plain texts whose base64 forms trigger YS_RULE_DECODE_B64_WORDS; NULL-terminated. */
extern const char *const ys_secret_b64_words[];

/* Writes the base64 characters that encode word whatever precedes it, when it starts `align`
 * bytes (0..2) into a base64 group; returns their number. out needs 2*strlen(word)+4 bytes. */
size_t ys_b64_fragment(const char *word, int align, char *out);

/* Validators shared by rules; exposed for unit tests. */
int ys_secret_is_placeholder(const char *s, size_t len);
int ys_aws_account_from_key_id(const char *key_id, size_t len, char out[13]);
int ys_secret_looks_random(const char *s, size_t len, double min_entropy);

#endif
