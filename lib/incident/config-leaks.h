/* config-leaks.h: AWS access keys pasted into the account's own configuration (Lambda, ECS and
 * CodeBuild environment variables, EC2 user data, launch templates), as leaks an incident joins
 * like the keys a repository scan found */
#ifndef YS_INCIDENT_CONFIG_LEAKS_H
#define YS_INCIDENT_CONFIG_LEAKS_H

#include "leaks.h"
#include "../base/err.h"
#include "../snapshot/snapshot.h"

/* Runs the audit's configuration-secret checks over snap and adds each AWS access key id they
 * find to l, its place naming the check, the resource and the variable or line. Returns how
 * many places were added, or a negative ys_err. */
int ys_leaks_from_config(struct ys_leaks *l, struct ys_snapshot *snap, struct ys_error *err);

#endif
