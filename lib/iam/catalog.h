/* catalog.h: every IAM action AWS publishes (data/iam-actions.tsv, compiled in), with its access
 * level; wildcards expanded against it, unknown actions told apart */
#ifndef YS_IAM_CATALOG_H
#define YS_IAM_CATALOG_H

#include <stddef.h>

/* access levels, as the Service Authorization Reference names them */
enum ys_access {
	YS_ACC_READ = 'R',
	YS_ACC_LIST = 'L',
	YS_ACC_WRITE = 'W',
	YS_ACC_TAGGING = 'T',
	YS_ACC_PERMISSIONS = 'P', /* permissions management */
};

struct ys_action {
	const char *name; /* "s3:GetObject" */
	size_t svclen;	  /* "s3" */
	char level;	  /* enum ys_access */
	unsigned char no_resource; /* takes only "Resource": "*" */
};

/* Every action, sorted by name in any case; NULL (n 0) when the table cannot be read. */
const struct ys_action *ys_catalog_actions(size_t *n);
/* The action (any case), or NULL when AWS publishes none of that name. */
const struct ys_action *ys_catalog_find(const char *action);
/* Calls fn for every action the pattern ("s3:Get*", "*") matches; returns how many. */
size_t ys_catalog_each(const char *pattern, void (*fn)(const struct ys_action *a, void *ctx),
		       void *ctx);
/* Whether the service prefix ("s3") is known. */
int ys_catalog_service(const char *svc);
/* Whether resource control policies apply to the service. */
int ys_catalog_rcp_service(const char *svc);
/* Whether the condition key is multivalued (aws:TagKeys, ...): it needs a set operator. */
int ys_catalog_multivalued(const char *key);
/* "read", "list", "write", "tagging", "permissions management" */
const char *ys_access_name(char level);

#endif
