/* severity.c: the severities every plane uses, in order */
#include <string.h>
#include "severity.h"
#include "../banned.h"

int ys_severity_rank(const char *name)
{
	static const char *const names[] = {"info", "low", "medium", "high", "critical"};
	int i;

	for (i = 0; i < 5; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}
