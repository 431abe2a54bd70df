/* watch.c: the watch loop any source runs under: poll, commit and tell, say where it is, reload
 * when asked, wait; and the source a command line names */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "source.h"
#include "../banned.h"

int ys_source_open(const struct ys_source_opts *o, struct ys_run *r, struct ys_source **out,
		   struct ys_error *err)
{
	if (o->sqs)
		return ys_source_sqs_new(o->sqs, o->wait_s, out, err);
	if (o->follow && !strncmp(o->follow, "s3:", 3))
		return ys_source_s3_new(o->follow, o->since, r, out, err);
	if (o->follow)
		return ys_source_dir_new(o->follow, out, err);
	*out = NULL;
	return ys_error_set(err, YS_EINVAL, "nothing to watch");
}

void ys_source_free(struct ys_source *s)
{
	if (s)
		s->ops->free(s);
}

void ys_watch_sleep(int64_t ms, const struct ys_watch_flags *f)
{
	struct timespec tenth = {0, 100000000L};
	int64_t i;

	for (i = 0; i < ms / 100 && !f->stop && !f->reload; i++)
		nanosleep(&tenth, NULL);
}

int ys_watch(struct ys_source *s, struct ys_run *r, const struct ys_watch_opts *o)
{
	int rc = 0;

	for (;;) {
		rc = s->ops->poll(s, r);
		/* the poll's batch commits and is told; incidents whose time is over are said */
		ys_run_finish(r, 0);
		if (o->on_poll)
			o->on_poll(o->ctx, s, r);
		if (o->once || o->flags->stop)
			break;
		if (o->flags->reload) {
			o->flags->reload = 0;
			if (o->on_reload)
				o->on_reload(o->ctx, r);
			continue;
		}
		s->ops->wait(s, o->interval_ms, o->flags);
		if (o->flags->stop)
			break;
	}
	return o->once && rc ? 1 : 0;
}
