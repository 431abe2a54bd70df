/* known.h: the AWS account ids that vendors publish for reaching their customers' accounts
 * (fwdcloudsec/known_aws_accounts, compiled in), and a team's own list in the same format */
#ifndef YS_VENDORS_KNOWN_H
#define YS_VENDORS_KNOWN_H

#include <stddef.h>
#include "../base/err.h"

struct ys_known_account {
	char id[13];
	const char *name;   /* "Datadog", "CloudTrail" */
	const char *source; /* the first public page that names the id, or NULL */
	const char *from;   /* "built in" or the file it was read from */
	unsigned aws : 1;   /* one of AWS's own services (type: aws) */
	unsigned retired : 1; /* the list keeps it but marks it enabled: false */
};

struct ys_known {
	struct ys_known_account *v; /* sorted by id */
	size_t n, cap;
	char **strs; /* what the names point into */
	size_t nstrs, strs_cap;
};

/* The built-in list. */
int ys_known_builtin(struct ys_known *k, struct ys_error *err);
/* Adds a list in the same YAML format (a list of {name, accounts: [ids], source?, type?,
 * enabled?}); its entries take the place of the built-in ones for the same id. Errors name the
 * file and line. */
int ys_known_add_file(struct ys_known *k, const char *path, struct ys_error *err);
/* Adds YAML text read from where (for messages). */
int ys_known_add_text(struct ys_known *k, const char *text, size_t len, const char *where,
		      struct ys_error *err);
const struct ys_known_account *ys_known_find(const struct ys_known *k, const char *id);
void ys_known_release(struct ys_known *k);

#endif
