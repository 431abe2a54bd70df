/* trail-report.c: verify-trail's result as text (awscli's tab-separated lines, then counts and
 * a verdict) or one JSON document */
#include <stdio.h>
#include "base/color.h"
#include "base/isotime.h"
#include "base/strbuf.h"
#include "json/jwrite.h"
#include "trail-keys.h"
#include "banned.h"

static const char *const kinds[] = {"log", "digest"};

static int not_checked(enum ys_vstatus s)
{
	return s == YS_V_PENDING || s == YS_V_UNCOVERED || s == YS_V_ELSEWHERE;
}

static size_t bad_count(const struct ys_vresult *r)
{
	size_t k, s, n = 0;

	for (k = 0; k < 2; k++)
		for (s = 0; s <= YS_V_ELSEWHERE; s++)
			if (ys_vstatus_bad((enum ys_vstatus)s))
				n += r->count[k][s];
	return n;
}

/* "digest files: 3 checked, 2 valid, 1 modified" */
static void counts(struct strbuf *sb, const struct ys_vresult *r, int k)
{
	size_t s, total = 0;

	for (s = 0; s <= YS_V_ELSEWHERE; s++)
		if (!not_checked((enum ys_vstatus)s))
			total += r->count[k][s];
	strbuf_addf(sb, "%s files: %zu checked", kinds[k], total);
	for (s = 0; s <= YS_V_ELSEWHERE; s++)
		if (!not_checked((enum ys_vstatus)s) && (r->count[k][s] || s == YS_V_VALID))
			strbuf_addf(sb, ", %zu %s", r->count[k][s], ys_vstatus_name((enum ys_vstatus)s));
	strbuf_addch(sb, '\n');
}

static void skipped(struct strbuf *sb, const struct ys_vresult *r)
{
	size_t pend = r->count[0][YS_V_PENDING], old = r->count[0][YS_V_UNCOVERED];
	size_t away = r->count[0][YS_V_ELSEWHERE] + r->count[1][YS_V_ELSEWHERE];

	if (!pend && !old && !away && !r->skipped)
		return;
	strbuf_addstr(sb, "not checked:");
	if (pend)
		strbuf_addf(sb, " %zu log file%s newer than the newest digest;", pend, pend == 1 ? "" : "s");
	if (old)
		strbuf_addf(sb, " %zu log file%s no digest checked could cover;", old, old == 1 ? "" : "s");
	if (away)
		strbuf_addf(sb, " %zu file%s in another bucket;", away, away == 1 ? "" : "s");
	if (r->skipped)
		strbuf_addf(sb, " %zu other file%s under AWSLogs/ (Insights, unknown names);", r->skipped,
			    r->skipped == 1 ? "" : "s");
	strbuf_setlen(sb, sb->len - 1);
	strbuf_addch(sb, '\n');
}

/* What to do first, in words, by the worst that was found. */
static void first_step(struct strbuf *sb, const struct ys_vresult *r)
{
	size_t i, tampered = 0, unsigned_ = 0, nokey = 0;

	for (i = 0; i < r->n; i++) {
		enum ys_vstatus st = r->items[i].status;

		tampered += st == YS_V_MODIFIED || st == YS_V_DELETED || st == YS_V_MOVED || st == YS_V_INVALID;
		unsigned_ += st == YS_V_UNSIGNED || st == YS_V_UNCHAINED || st == YS_V_UNVERIFIED;
		nokey += st == YS_V_NOKEY;
	}
	if (tampered)
		strbuf_addf(sb, "first: treat the trail as tampered with: keep this copy as evidence, find who may "
				"write or delete in s3://%s (yourside iam who-can SNAPSHOT s3:DeleteObject "
				"'arn:aws:s3:::%s/*'), and read the hours those files cover from CloudTrail's "
				"event history (it keeps 90 days) instead\n", r->bucket, r->bucket);
	else if (r->ngaps)
		strbuf_addstr(sb, "first: find why the trail wrote no digest then (StopLogging or UpdateTrail in "
				  "CloudTrail's event history for those hours), and read those hours from the event "
				  "history\n");
	else if (unsigned_)
		strbuf_addstr(sb, "first: find who put the unsigned files there (the bucket's access log or S3 data "
				  "events), and have every trail validate its files (aws cloudtrail update-trail "
				  "--name TRAIL --enable-log-file-validation)\n");
	else if (nokey)
		strbuf_addstr(sb, "first: fetch CloudTrail's public keys for those times (aws cloudtrail "
				  "list-public-keys, or --fetch-keys) and run this again\n");
}

int trail_report_text(const struct ys_vresult *r, const char *root, int verbose)
{
	struct strbuf sb = STRBUF_INIT;
	char a[32], z[32];
	size_t i, bad = bad_count(r);
	int on = ys_color_on(fileno(stdout)); /* files' statuses, gaps and the verdict tinted */

	strbuf_addf(&sb, "s3://%s, copied in %s%s\n", r->bucket, root,
		    r->bucket_guessed ? " (the bucket its newest digest names)" : "");
	for (i = 0; i < r->nstreams; i++) {
		const struct ys_vstream *s = &r->streams[i];

		ys_format_time(s->first, a);
		ys_format_time(s->last, z);
		strbuf_addf(&sb, "trail %s (account %s, %s, home %s): %zu digest file%s, %s to %s\n",
			    s->trail, s->account, s->region, s->home, s->digests,
			    s->digests == 1 ? "" : "s", a, z);
	}
	strbuf_addch(&sb, '\n');
	for (i = 0; i < r->n; i++) {
		const struct ys_vitem *it = &r->items[i];

		if (!verbose && !ys_vstatus_bad(it->status))
			continue;
		strbuf_addf(&sb, "%s file\ts3://%s/%s\t%s%s%s%s%s\n", kinds[it->kind], r->bucket, it->key,
			    ys_vstatus_bad(it->status) ? ys_tint_bad(on) : ys_tint_good(on),
			    ys_vstatus_name(it->status), ys_tint_reset(on), it->why ? ": " : "",
			    it->why ? it->why : "");
	}
	for (i = 0; i < r->ngaps; i++) {
		ys_format_time(r->gaps[i].from, a);
		ys_format_time(r->gaps[i].to, z);
		strbuf_addf(&sb, "%sgap%s\ttrail %s (account %s, %s)\tno digest from %s to %s: log file "
			    "validation or logging was off\n", ys_tint_bad(on), ys_tint_reset(on),
			    r->gaps[i].trail, r->gaps[i].account, r->gaps[i].region, a, z);
	}
	if (sb.buf[sb.len - 2] != '\n')
		strbuf_addch(&sb, '\n');
	counts(&sb, r, YS_TOBJ_DIGEST);
	counts(&sb, r, YS_TOBJ_LOG);
	skipped(&sb, r);
	if (r->ngaps)
		strbuf_addf(&sb, "gaps: %zu (hours no digest covers)\n", r->ngaps);
	if (bad)
		strbuf_addf(&sb, "verdict: %s%zu file%s changed, deleted, moved, added or not provable%s\n",
			    ys_tint_bad(on), bad, bad == 1 ? " was" : "s were", ys_tint_reset(on));
	else
		strbuf_addf(&sb, "verdict: %severy file checked is as CloudTrail delivered it%s\n",
			    ys_tint_good(on), ys_tint_reset(on));
	first_step(&sb, r);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	return bad ? 1 : 0;
}

static void json_time(struct jw *w, const char *key, int64_t t)
{
	jw_key(w, key);
	jw_time_or_null(w, t);
}

int trail_report_json(const struct ys_vresult *r, const char *root)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	size_t i, k, s, bad = bad_count(r);

	jw_init(&w, &sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "bucket");
	jw_str(&w, r->bucket);
	jw_key(&w, "copy");
	jw_str(&w, root);
	jw_key(&w, "verified");
	jw_bool(&w, !bad);
	jw_key(&w, "trails");
	jw_arr_begin(&w);
	for (i = 0; i < r->nstreams; i++) {
		const struct ys_vstream *t = &r->streams[i];

		jw_obj_begin(&w);
		jw_key(&w, "trail");
		jw_str(&w, t->trail);
		jw_key(&w, "account");
		jw_str(&w, t->account);
		jw_key(&w, "region");
		jw_str(&w, t->region);
		jw_key(&w, "home_region");
		jw_str(&w, t->home);
		jw_key(&w, "digests");
		jw_int(&w, (long long)t->digests);
		json_time(&w, "from", t->first);
		json_time(&w, "to", t->last);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "files");
	jw_arr_begin(&w);
	for (i = 0; i < r->n; i++) {
		const struct ys_vitem *it = &r->items[i];

		jw_obj_begin(&w);
		jw_key(&w, "kind");
		jw_str(&w, kinds[it->kind]);
		jw_key(&w, "key");
		jw_str(&w, it->key);
		jw_key(&w, "status");
		jw_str(&w, ys_vstatus_name(it->status));
		jw_key(&w, "reason");
		jw_str_or_null(&w, it->why);
		jw_key(&w, "digest");
		jw_str_or_null(&w, it->digest);
		json_time(&w, "time", it->time);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "gaps");
	jw_arr_begin(&w);
	for (i = 0; i < r->ngaps; i++) {
		jw_obj_begin(&w);
		jw_key(&w, "trail");
		jw_str(&w, r->gaps[i].trail);
		jw_key(&w, "account");
		jw_str(&w, r->gaps[i].account);
		jw_key(&w, "region");
		jw_str(&w, r->gaps[i].region);
		json_time(&w, "from", r->gaps[i].from);
		json_time(&w, "to", r->gaps[i].to);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "counts");
	jw_obj_begin(&w);
	for (k = 0; k < 2; k++) {
		jw_key(&w, kinds[k]);
		jw_obj_begin(&w);
		for (s = 0; s <= YS_V_ELSEWHERE; s++)
			if (r->count[k][s]) {
				jw_key(&w, ys_vstatus_name((enum ys_vstatus)s));
				jw_int(&w, (long long)r->count[k][s]);
			}
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	jw_obj_end(&w);
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	return bad ? 1 : 0;
}
