/* severity.h: the severities every plane uses, in order, and --fail-on */
#ifndef YS_SEVERITY_H
#define YS_SEVERITY_H

/* info 0 < low 1 < medium 2 < high 3 < critical 4; -1 for an unknown name. */
int ys_severity_rank(const char *name);

#endif
