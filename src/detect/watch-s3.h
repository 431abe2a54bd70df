/* watch-s3.h: `detect --follow s3://BUCKET[/PREFIX]`: the trail's bucket polled where it lives,
 * each new log file read through the run (state, batches, alerts) and each region's cursor kept */
#ifndef YS_SRC_DETECT_WATCH_S3_H
#define YS_SRC_DETECT_WATCH_S3_H

#include <signal.h>
#include <stdint.h>
#include "detect/run.h"

struct watch_s3_opts {
	const char *url;  /* s3://bucket[/prefix] */
	int64_t since;	  /* regions never read: from this time on */
	int64_t interval; /* seconds between polls */
	int once;	  /* one poll, then return (tests, cron) */
};

/* Polls until *stopping (or after one poll with once). Returns 0; 1 when the one poll could not
 * list the bucket; YS_EXIT_USAGE after saying why the bucket cannot be watched at all (a bad URL,
 * no credentials). */
int watch_s3(struct detect_run *r, const struct watch_s3_opts *o, volatile sig_atomic_t *stopping);

#endif
