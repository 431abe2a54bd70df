/* snapshot.h: an account snapshot directory (DESIGN.md's layout), its files read on demand and
 * kept, so many checks share one parse of each */
#ifndef YS_SNAPSHOT_H
#define YS_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../json/jread.h"

/* What a snapshot holds for one call. */
enum ys_snap_status {
	YS_SNAP_OK,	 /* the file, parsed: root */
	YS_SNAP_MISSING, /* neither the file nor its .error.json */
	YS_SNAP_REFUSED, /* AWS refused the call: its .error.json's code and message */
	YS_SNAP_BAD,	 /* the file is there but unreadable or not JSON: why */
};

struct ys_snap_file {
	enum ys_snap_status status;
	const char *rel;  /* as asked for, e.g. "global/iam/get-account-summary" */
	const struct ys_jval *root;
	const char *code; /* REFUSED: e.g. "AccessDenied" */
	const char *message;
	const char *why;  /* BAD: "cannot read '<path>': byte 12: ..." */
};

struct ys_snapshot;

/* Opens dir. Fails only when dir is not a directory; a snapshot with nothing in it is empty. */
int ys_snapshot_open(const char *dir, struct ys_snapshot **out, struct ys_error *err);
/* The same for a folder of calls that is not an account's (an organization folder, whose
 * Organizations calls live under organizations/): no regions are looked for. */
int ys_snapshot_open_calls(const char *dir, struct ys_snapshot **out, struct ys_error *err);
void ys_snapshot_free(struct ys_snapshot *s);
const char *ys_snapshot_dir(const struct ys_snapshot *s);

/* The call at rel (no ".json"): "<region>/<service>/<operation>[/<resource>]" or
 * "global/<service>/...". Never NULL; the first look reads and parses, later looks are free. */
const struct ys_snap_file *ys_snapshot_get(struct ys_snapshot *s, const char *rel);
/* The same for a per-resource call: rel + "/" + the resource's name, escaped as a file name. */
const struct ys_snap_file *ys_snapshot_get_res(struct ys_snapshot *s, const char *rel,
					       const char *resource);
/* A file's whole text (for the credential report's CSV): 0, or YS_ENOTFOUND, or YS_EIO with err
 * set. The buffer is the snapshot's. */
int ys_snapshot_text(struct ys_snapshot *s, const char *relfile, const char **text, size_t *len,
		     struct ys_error *err);

/* The regions the snapshot holds (folders named like "eu-west-1"), sorted. */
size_t ys_snapshot_regions(const struct ys_snapshot *s, const char *const **names);
/* The account id from account.json (sts get-caller-identity), or NULL. */
const char *ys_snapshot_account(struct ys_snapshot *s);
/* When the snapshot was taken: snapshot.json's "time", else -1. */
int64_t ys_snapshot_time(struct ys_snapshot *s);

/* What could not be read, one message each (folders that are not regions, files that are not
 * JSON), in the order met. */
size_t ys_snapshot_problems(const struct ys_snapshot *s, const char *const **msgs);
/* Adds one (a reader of a file's text found a bad row), unless it is already listed. */
void ys_snapshot_problem(struct ys_snapshot *s, const char *msg);

/* A resource's name as a file name: '%', '/' and bytes outside printable ASCII as %XX, and a
 * leading '.' too (so "..", ".hidden" stay inside). out needs 3*strlen(name)+1 bytes. */
void ys_snapshot_escape(const char *name, char *out);
/* The IAM permission a call at rel needs ("global/s3/get-public-access-block/b" needs
 * "s3:GetBucketPublicAccessBlock"), written to out. */
void ys_snapshot_permission(const char *rel, char *out, size_t n);
/* True for a region's name: letters, then dash-separated words, the last a number. */
int ys_snapshot_is_region(const char *name);

#endif
