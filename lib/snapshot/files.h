/* files.h: every file a snapshot folder holds, by its path inside the folder (what a diff of two
 * snapshots, or the audit history, compares) */
#ifndef YS_SNAPSHOT_FILES_H
#define YS_SNAPSHOT_FILES_H

#include <stddef.h>
#include "../base/err.h"

/* The regular files under dir ("global/iam/get-account-summary.json", ...), sorted bytewise,
 * hidden names and snapshot.json (which only says when) left out. Fails when dir cannot be
 * read; folders below it that cannot be read are skipped. Free with ys_dir_names_free. */
int ys_snapshot_files(const char *dir, char ***rels, size_t *n, struct ys_error *err);

#endif
