/* arena.c: giving an arena's blocks back */
#include "arena.h"
#include "../banned.h"

void ys_arena_release(struct ys_arena *a)
{
	struct ys_arena_block *b, *next;

	for (b = a->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = NULL;
}
