/* grow.c: room for one more element in a growable array */
#include <stdlib.h>
#include <string.h>
#include "err.h"
#include "grow.h"
#include "../banned.h"

int ys_grow(void *pp, size_t *cap, size_t n, size_t elem, size_t first)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : first;
	if (c > ((size_t)-1) / elem)
		return YS_ENOMEM;
	memcpy(&p, pp, sizeof(p));
	if (!(p = realloc(p, c * elem)))
		return YS_ENOMEM;
	memcpy(pp, &p, sizeof(p));
	*cap = c;
	return 0;
}
