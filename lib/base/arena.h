/* arena.h: memory handed out from blocks and given back all at once (a parsed document's) */
#ifndef YS_ARENA_H
#define YS_ARENA_H

#include <stddef.h>
#include <stdlib.h>

struct ys_arena_block {
	struct ys_arena_block *next;
	size_t used, cap;
	char data[];
};

struct ys_arena {
	struct ys_arena_block *blocks;
	size_t first; /* the first block's size (0: 64 KB); later blocks are 64 KB or more */
};

/* n bytes aligned to 16, or NULL without memory. Not zeroed. */
static inline void *ys_arena_alloc(struct ys_arena *a, size_t n)
{
	struct ys_arena_block *b = a->blocks;

	n = (n + 15) & ~(size_t)15;
	if (!b || b->cap - b->used < n) {
		size_t cap = b || !a->first ? 65536 : a->first;

		if (cap < n)
			cap = n;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		b->next = a->blocks;
		b->used = 0;
		b->cap = cap;
		a->blocks = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

void ys_arena_release(struct ys_arena *a);

#endif
