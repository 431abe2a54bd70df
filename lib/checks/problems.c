/* problems.c: the table of problems.def, looked up by check id */
#include <stdlib.h>
#include <string.h>
#include "problems.h"
#include "../banned.h"

struct problem {
	const char *id, *words;
};

static const struct problem problems[] = {
#define PROBLEM(id, words) {id, words},
#include "problems.def"
#undef PROBLEM
};

static int by_id(const void *k, const void *e)
{
	return strcmp(k, ((const struct problem *)e)->id);
}

const char *ys_check_problem(const struct ys_check *c)
{
	const struct problem *p;
	size_t n = sizeof(problems) / sizeof(*problems);

	p = bsearch(c->id, problems, n, sizeof(*problems), by_id);
	return p ? p->words : c->title;
}
