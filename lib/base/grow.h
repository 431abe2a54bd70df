/* grow.h: room for one more element in a growable array */
#ifndef YS_GROW_H
#define YS_GROW_H

#include <stddef.h>

/* When n == *cap, doubles the array at *(void **)pp (elem bytes each; `first` when empty).
 * Returns 0, or YS_ENOMEM with the array untouched. */
int ys_grow(void *pp, size_t *cap, size_t n, size_t elem, size_t first);

#endif
