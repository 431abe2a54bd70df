/* problems.h: what is wrong when a check fails, in words a heading can carry with a count */
#ifndef YS_CHECKS_PROBLEMS_H
#define YS_CHECKS_PROBLEMS_H

#include "audit.h"

/* The failing side of a check, never its title negated: "RDS databases reachable from the
 * internet", "the root user has access keys". Read as a group's heading followed by how many
 * resources fail ("… (3)"). Every check has one (problems.def; a unit test holds it). */
const char *ys_check_problem(const struct ys_check *c);

#endif
