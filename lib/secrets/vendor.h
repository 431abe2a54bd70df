/* vendor.h: the SaaS vendor behind each secret detector's id, and what its keys reach */
#ifndef YS_SECRETS_VENDOR_H
#define YS_SECRETS_VENDOR_H

#include <stddef.h>
#include "../base/err.h"

struct ys_secret_vendor {
	const char *rule_id;
	const char *vendor;  /* "Slack", "HashiCorp (HCP Terraform)"; NULL: the rule names none */
	const char *reaches; /* what a leaked key lets its holder reach, in a few plain words (for
			      * a rule without vendor, why it has none) */
};

/* The vendor holding what a secret found by rule_id opens, or NULL: an id the table does not
 * know, a rule that names no vendor (generic assignments, private keys, the AWS account's own
 * keys, connection strings), or a table that did not load. The table (data/secret-vendors.tsv,
 * compiled in) is read once, by the first call from any thread. */
const struct ys_secret_vendor *ys_secret_vendor(const char *rule_id);

/* Every row of the table, sorted by rule id, those without vendor among them (vendor NULL):
 * *rows and *n, and 0; or a negative enum ys_err, err naming the row that kept it from loading. */
int ys_secret_vendor_table(const struct ys_secret_vendor **rows, size_t *n, struct ys_error *err);

#endif
