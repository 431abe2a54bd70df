/* status.c: a state file read back for a person: how far a watch has read, per region, and what
 * it still owes (alerts unwritten, messages not told and why) */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "../base/isotime.h"
#include "status.h"
#include "../banned.h"

static long long one(sqlite3 *db, const char *q)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
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

int ys_watch_status(const char *path, int64_t now, struct ys_error *err)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char when[32], lag[64];
	long long files, alerts, unwritten, waiting;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return ys_error_set(err, YS_EIO, "cannot read the state '%s'", path);
	}
	if ((files = one(db, "SELECT count(*) FROM seen")) < 0 &&
	    (files = one(db, "SELECT count(*) FROM files")) < 0) {
		sqlite3_close(db);
		return ys_error_set(err, YS_EPARSE, "'%s' is not a detect state", path);
	}
	alerts = one(db, "SELECT count(*) FROM alerts");
	unwritten = one(db, "SELECT count(*) FROM alerts WHERE written = 0");
	printf("state %s: %lld files read, %lld alerts raised", path, files, alerts < 0 ? 0 : alerts);
	if (unwritten > 0)
		printf(", %lld not yet written to the output", unwritten);
	putchar('\n');
	if (sqlite3_prepare_v2(db, "SELECT scope, newest FROM cursors ORDER BY scope", -1, &st, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t t = sqlite3_column_int64(st, 1);

			ys_format_time(t, when);
			behind(now, t, lag, sizeof(lag));
			printf("  read %s up to %s (%s)\n", (const char *)sqlite3_column_text(st, 0), when, lag);
		}
		sqlite3_finalize(st);
	}
	waiting = one(db, "SELECT count(*) FROM outbox WHERE told = 0");
	if (waiting > 0 &&
	    sqlite3_prepare_v2(db,
			       "SELECT substr(dest, 1, 12), count(*), max(tries), "
			       "(SELECT error FROM outbox o2 WHERE o2.dest = o.dest AND told = 0 "
			       "AND error IS NOT NULL ORDER BY seq DESC LIMIT 1) "
			       "FROM outbox o WHERE told = 0 GROUP BY dest",
			       -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *why = (const char *)sqlite3_column_text(st, 3);

			printf("  %lld alerts wait to be told to destination %s…, tried %lld times%s%s\n",
			       (long long)sqlite3_column_int64(st, 1),
			       (const char *)sqlite3_column_text(st, 0),
			       (long long)sqlite3_column_int64(st, 2), why ? ": " : "", why ? why : "");
		}
		sqlite3_finalize(st);
	} else if (waiting == 0) {
		printf("  every alert has been told\n");
	}
	sqlite3_close(db);
	return 0;
}
