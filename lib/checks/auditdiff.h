/* auditdiff.h: what changed between two snapshots of an account (or a snapshot and the last
 * run kept in the history): the configuration, file by file and field by field with volatile
 * fields ignored, and which failures appeared or went away */
#ifndef YS_AUDITDIFF_H
#define YS_AUDITDIFF_H

#include <stddef.h>
#include <stdint.h>
#include "audit.h"
#include "../base/err.h"
#include "../base/strbuf.h"

/* One finding as a comparison (and the history) keeps it. */
struct ys_dfinding {
	const char *check, *status, *severity, *resource, *region, *message;
};

struct ys_afile {
	char *rel, *text;
	size_t len;
};

/* One side: its files (by rel) and findings, every string its own. */
struct ys_aside {
	char *label; /* the folder, or "run 3 of state.db" */
	int64_t taken;
	struct ys_afile *files;
	size_t nfiles;
	struct ys_dfinding *f;
	size_t nf, cap_files, cap_f;
};

int ys_aside_from_snapshot(struct ys_aside *s, const char *dir, const struct ys_audit_result *r,
			   struct ys_error *err);
/* Adds a file or a finding (strings copied); for the history's reader. */
int ys_aside_add_file(struct ys_aside *s, const char *rel, const char *text, size_t len);
int ys_aside_add_finding(struct ys_aside *s, const struct ys_dfinding *f);
void ys_aside_release(struct ys_aside *s);

enum ys_fchange_kind { YS_FILE_ADDED, YS_FILE_REMOVED, YS_FILE_CHANGED };

struct ys_vchange {
	char *path, *old, *new_; /* old, new_: JSON text, NULL when absent */
};

struct ys_fchange {
	const char *file;
	enum ys_fchange_kind kind;
	struct ys_vchange *c;
	size_t n;
};

struct ys_resolved {
	const struct ys_dfinding *was; /* the old failure */
	const struct ys_dfinding *now; /* what the new side says, or NULL: no such finding */
};

struct ys_adiff {
	struct ys_fchange *files;
	size_t nfiles;
	const struct ys_dfinding **appeared; /* new failures */
	size_t nappeared;
	struct ys_resolved *resolved;
	size_t nresolved;
};

int ys_adiff_compute(const struct ys_aside *old, const struct ys_aside *new_, struct ys_adiff *d,
		     struct ys_error *err);
void ys_adiff_release(struct ys_adiff *d);
/* Text (json 0) or one JSON object (json 1). */
void ys_adiff_report(struct strbuf *out, const struct ys_adiff *d, const struct ys_aside *old,
		     const struct ys_aside *new_, int json);

#endif
