/* registry.c: the checks of checks.def, then the organization's of checks-org.def, as one table */
#include <stddef.h>
#include "check-api.h"
#include "../banned.h"

#define CHECK(fn, id, sev, prowler, title, why, fix, doc) void ys_check_##fn(struct ys_audit *a);
#include "checks.def"
#include "checks-org.def"
#undef CHECK

const struct ys_check ys_checks[] = {
#define CHECK(fn, id, sev, prowler, title, why, fix, doc) \
	{id, sev, prowler, title, why, fix, doc, ys_check_##fn, 0},
#include "checks.def"
#undef CHECK
#define CHECK(fn, id, sev, prowler, title, why, fix, doc) \
	{id, sev, prowler, title, why, fix, doc, ys_check_##fn, 1},
#include "checks-org.def"
#undef CHECK
};

const size_t ys_ncheck = sizeof(ys_checks) / sizeof(ys_checks[0]);

_Static_assert(sizeof(ys_checks) / sizeof(ys_checks[0]) <= YS_MAX_CHECKS,
	       "raise YS_MAX_CHECKS in audit.h");
