/* status.c: a state (file or server) read back for a person: how far a watch has read, per region, and what
 * it still owes (alerts unwritten, messages not told and why) */
#include <stdio.h>
#include <time.h>
#include <string.h>
#include <unistd.h>
#include "../base/isotime.h"
#include "status.h"
#include "../store/sql.h"
#include "../banned.h"

/* One number, or -1 when the table is not there */
static long long one(struct ys_sql *db, const char *q)
{
	struct ys_sql_stmt *st;
	struct ys_error e = {0};
	long long v = -1;

	if (ys_sql_prepare(db, q, &st, &e))
		return -1;
	if (ys_sql_step(st, &e) > 0)
		v = ys_sql_int64(st, 0);
	ys_sql_finalize(st);
	return v;
}

static void behind(int64_t now, int64_t t, char *out, size_t n)
{
	int64_t d = now - t;

	if (d < 0)
		snprintf(out, n, "ahead of the clock");
	else if (d < 3600)
		snprintf(out, n, "%lld min behind", (long long)(d / 60));
	else if (d < 2 * 86400)
		snprintf(out, n, "%lld h behind", (long long)(d / 3600));
	else
		snprintf(out, n, "%lld days behind", (long long)(d / 86400));
}

int ys_watch_status(const char *where, int64_t now, struct ys_error *err)
{
	struct ys_sql *db;
	struct ys_sql_stmt *st;
	struct ys_error e = {0};
	char when[32], lag[64];
	long long files, alerts, unwritten, waiting;

	if ((!ys_sql_is_server(where) && access(where, R_OK) != 0) || ys_sql_open(where, &db, &e))
		return ys_error_set(err, YS_EIO, "cannot read the state '%s'%s%s", where,
				    e.msg[0] ? ": " : "", e.msg);
	if ((files = one(db, "SELECT count(*) FROM seen")) < 0 &&
	    (files = one(db, "SELECT count(*) FROM files")) < 0) {
		ys_sql_close(db);
		return ys_error_set(err, YS_EPARSE, "'%s' is not a detect state", where);
	}
	alerts = one(db, "SELECT count(*) FROM alerts");
	unwritten = one(db, "SELECT count(*) FROM alerts WHERE written = 0");
	printf("state %s: %lld files read, %lld alerts raised", ys_sql_name(db), files,
	       alerts < 0 ? 0 : alerts);
	if (unwritten > 0)
		printf(", %lld not yet written to the output", unwritten);
	putchar('\n');
	if (!ys_sql_prepare(db, "SELECT scope, newest FROM cursors ORDER BY scope", &st, &e)) {
		while (ys_sql_step(st, &e) > 0) {
			int64_t t = ys_sql_int64(st, 1);

			ys_format_time(t, when);
			behind(now, t, lag, sizeof(lag));
			printf("  read %s up to %s (%s)\n", ys_sql_text(st, 0), when, lag);
		}
		ys_sql_finalize(st);
	}
	/* workers sharing the state: who judges each account (leases run on the real clock) */
	if (!ys_sql_prepare(db, "SELECT name, owner, lease_until FROM partitions ORDER BY name", &st,
			    &e)) {
		int64_t real = (int64_t)time(NULL);

		while (ys_sql_step(st, &e) > 0) {
			const char *owner = ys_sql_text(st, 1);
			int64_t until = ys_sql_int64(st, 2);

			if (!owner)
				printf("  account %s: no worker holds it\n", ys_sql_text(st, 0));
			else if (until > real)
				printf("  account %s: worker %s (its lease runs %lld s more)\n",
				       ys_sql_text(st, 0), owner, (long long)(until - real));
			else
				printf("  account %s: worker %s's lease ran out %lld s ago (stopped?); the "
				       "next worker's round takes it\n",
				       ys_sql_text(st, 0), owner, (long long)(real - until));
		}
		ys_sql_finalize(st);
	}
	waiting = one(db, "SELECT count(*) FROM outbox WHERE told = 0");
	if (waiting > 0 &&
	    !ys_sql_prepare(db,
			    "SELECT substr(dest, 1, 12), count(*), max(tries), "
			    "(SELECT error FROM outbox o2 WHERE o2.dest = o.dest AND told = 0 "
			    "AND error IS NOT NULL ORDER BY seq DESC LIMIT 1) "
			    "FROM outbox o WHERE told = 0 GROUP BY dest ORDER BY 1",
			    &st, &e)) {
		while (ys_sql_step(st, &e) > 0) {
			const char *why = ys_sql_text(st, 3);

			printf("  %lld alerts wait to be told to destination %s…, tried %lld times%s%s\n",
			       (long long)ys_sql_int64(st, 1), ys_sql_text(st, 0),
			       (long long)ys_sql_int64(st, 2), why ? ": " : "", why ? why : "");
		}
		ys_sql_finalize(st);
	} else if (waiting == 0) {
		printf("  every alert has been told\n");
	}
	ys_sql_close(db);
	return 0;
}
