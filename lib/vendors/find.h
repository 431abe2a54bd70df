/* find.h: inside the vendor chain: the ways in found policy by policy (find.c) and then named,
 * weighed and put in order (judge.c) */
#ifndef YS_VENDORS_FIND_H
#define YS_VENDORS_FIND_H

#include "vendors.h"
#include "../iam/escalate.h"

/* who a policy names, read */
struct ys_vwho {
	enum ys_vkind kind; /* ANYONE, UNKNOWN (any account: named later), SERVICE, CI or IDP */
	const char *as;	    /* as the policy writes it */
	const char *id;	    /* account id, "*", service, provider (host/path or name) */
	struct ys_pinfo pi;
};

struct ys_vfind {
	struct ys_snapshot *snap;
	const struct ys_iam_model *m;
	const struct ys_vendors_opts *o;
	struct ys_vendors *out;
	struct ys_pset ps; /* the resource policies read here */
	const char *own;
	struct ys_esc_graph g; /* built when a role is found assumable from outside */
	int have_g;
	struct ys_codespaces stores; /* the stores and backups, read once with the graph */
	struct ys_blast *blast; /* per principal, worked out when first needed */
	unsigned char *blasted;
};

/* a string kept for the result's life */
const char *ys_vkeep(struct ys_vendors *v, const char *s);
const char *ys_vfmt(struct ys_vendors *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* the outsider group of who, made on first use (NULL without memory) */
struct ys_vendor *ys_vgroup(struct ys_vfind *f, const struct ys_vwho *who);
/* a new way in of who's group (NULL without memory) */
struct ys_vway *ys_vadd_way(struct ys_vfind *f, const struct ys_vwho *who);
/* names each group, works out what each role reached reaches, weighs each way, and orders
 * them: worst first */
int ys_vjudge(struct ys_vfind *f);

/* the ways in through the roles' trust policies, and through the resources' policies */
int ys_vfind_roles(struct ys_vfind *f);
int ys_vfind_resources(struct ys_vfind *f);
/* the snapshots shared with other accounts or everyone (RDS, EBS): a copy of the data */
int ys_vfind_shares(struct ys_vfind *f);

#endif
