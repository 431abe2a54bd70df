/* paths.c: the files under the paths given read into a run in the order CloudTrail delivered
 * them, on the run's threads */
#include <string.h>
#include "pool.h"
#include "walk.h"
#include "../banned.h"

size_t ys_run_paths(struct ys_run *run, char *const *paths, size_t npaths, int say_empty)
{
	struct ys_trail_list fl;
	size_t i, ok = 0;

	memset(&fl, 0, sizeof(fl));
	for (i = 0; i < npaths; i++)
		ys_trail_list_add(&fl, paths[i], say_empty, &run->problems);
	ys_trail_list_order(&fl);
	ys_meter_phase(run->meter, "reading the trail", "files", fl.n, NULL);
	if (run->threads > 1 && !(fl.n == 1 && !strcmp(fl.path[0], "-")))
		ok += ys_run_pool(run, fl.path, fl.n, run->threads);
	else
		for (i = 0; i < fl.n; i++)
			ok += ys_run_file(run, fl.path[i]) >= 0;
	ys_trail_list_release(&fl);
	return ok;
}
