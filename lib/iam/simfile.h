/* simfile.h: policy test files: sets of policies (identity, boundary, session, resource, SCPs,
 * RCPs) with the requests to decide against them and, optionally, the decision each should get
 * (docs/iam-simulate.md) */
#ifndef YS_IAM_SIMFILE_H
#define YS_IAM_SIMFILE_H

#include <stddef.h>
#include "eval.h"
#include "../base/err.h"
#include "../json/jread.h"

struct ys_simreq {
	struct ys_request req;
	const char *expect; /* "allow", "deny", "explicit deny", "implicit deny", or NULL */
	const char **by;    /* the deciding statements expected ("identity:NAME#N") */
	size_t nby;
	int has_by;
	const char *gap; /* implicit deny: the layer expected to give no allow */
	const char *name; /* the request's "name", or NULL */
	struct ys_pinfo pi; /* the principal, read once (req.pi points here when it reads) */
};

struct ys_simset {
	const char *description;
	struct ys_pset ps;
	struct ys_simreq *req;
	size_t nreq;
	char *broken; /* why the set cannot be decided (a policy could not be read), or NULL */
};

struct ys_simfile {
	struct ys_simset *sets;
	size_t nsets;
	struct ys_jdoc *doc;
};

/* Reads a file's text: one set (an object) or a list of them. A set whose policies cannot be
 * read is kept with the reason in broken; YS_EPARSE only when the file is not JSON or not
 * sets. */
int ys_simfile_load(const char *text, size_t len, struct ys_simfile *out, struct ys_error *err);
void ys_simfile_release(struct ys_simfile *f);

/* Whether the decision is what the request expects; when not, why in msg[n]. */
int ys_simreq_check(const struct ys_simreq *r, const struct ys_decision *d, char *msg, size_t n);

#endif
