/* run.c: where detect's alerts go, and the transactions that make a run resumable after kill -9:
 * a file's alerts, matches, baselines and its mark commit together, then the alerts are written;
 * an alert id already in the state is never raised again */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../base/bytes.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "../base/severity.h"
#include "../detect/prepare.h"
#include "../trail/bucket.h"
#include "run.h"
#include "../banned.h"

static void write_all(struct ys_run *r, const char *buf, size_t len)
{
	ys_meter_hold(r->meter); /* alerts on the terminal never land behind the progress line */
	while (len) {
		ssize_t w = write(r->out_fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			/* said (and counted) once; with state the alerts stay unwritten there for the
			 * next run */
			if (!r->write_failed) {
				ys_warn("cannot write alerts: %s", strerror(errno));
				r->problems++;
			}
			r->write_failed = 1;
			break;
		}
		buf += w;
		len -= (size_t)w;
		r->out_off += w;
	}
	ys_meter_unhold(r->meter);
}

int64_t ys_run_now(const struct ys_run *r)
{
	return r->now >= 0 ? r->now : (int64_t)time(NULL);
}

void ys_run_flush(struct ys_run *r)
{
	if (r->state || !r->pending.len)
		return;
	write_all(r, r->pending.buf, r->pending.len);
	strbuf_reset(&r->pending);
}

void ys_run_problem(void *ctx, const char *msg)
{
	struct ys_run *r = ctx;

	r->problems++;
	ys_warn("%s", msg);
}

/* An alert handed to every sink (in the batch's transaction when there is state). */
static int to_sinks(struct ys_run *r, const char *id, const char *json, size_t len, int rank,
		    struct ys_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < r->nsinks && !rc; i++)
		rc = r->sinks[i]->ops->add(r->sinks[i], id, json, len, rank, ys_run_now(r), err);
	return rc;
}

int ys_run_add_sink(struct ys_run *r, struct ys_sink *s)
{
	if (ys_grow(&r->sinks, &r->capsinks, r->nsinks, sizeof(*r->sinks), 2))
		return YS_ENOMEM;
	s->problem = ys_run_problem;
	s->ctx = r;
	r->sinks[r->nsinks++] = s;
	return 0;
}

void ys_run_deliver(struct ys_run *r, int all)
{
	size_t i;

	if (r->in_txn)
		return;
	for (i = 0; i < r->nsinks; i++)
		r->sinks[i]->ops->flush(r->sinks[i], ys_run_now(r), all);
}

size_t ys_run_sink_done(const struct ys_run *r, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < r->nsinks; i++)
		if (!strcmp(r->sinks[i]->ops->kind, kind))
			n += r->sinks[i]->done;
	return n;
}

int ys_run_alert(void *ctx, const struct ys_alert *a)
{
	struct ys_run *r = ctx;
	struct ys_alert copy = *a;
	char id[YS_ALERT_ID_LEN + 1];
	int rank = ys_severity_rank(a->severity);
	size_t i;

	ys_alert_id(a, id);
	copy.id = id;
	if (r->state) {
		struct ys_error err = {0};
		int seen = 0;

		if (ys_state_alert_seen(r->state, id, &seen, &err))
			ys_run_problem(r, err.msg);
		if (seen)
			return 0;
		for (i = 0; i < r->npending; i++)
			if (!strcmp(r->pending_ids[i], id))
				return 0;
	}
	strbuf_reset(&r->body);
	if (r->jsonl)
		ys_alert_jsonl(&r->body, &copy);
	else
		ys_alert_text(&r->body, &copy, r->color);
	r->alerts++;
	if (rank > r->worst)
		r->worst = rank;
	if (!r->state) { /* written a buffer at a time, and at the end of each file */
		strbuf_add(&r->pending, r->body.buf, r->body.len);
		if (r->pending.len >= 64 * 1024)
			ys_run_flush(r);
		if (r->nsinks) {
			struct ys_error err = {0};

			strbuf_reset(&r->signing);
			ys_alert_jsonl(&r->signing, &copy);
			if (to_sinks(r, id, r->signing.buf, r->signing.len, rank, &err))
				ys_run_problem(r, err.msg);
			strbuf_reset(&r->signing);
		}
		return 0;
	}
	if (ys_grow(&r->pending_ids, &r->cappending, r->npending, sizeof(*r->pending_ids), 16) ||
	    ys_grow(&r->pending_rank, &r->caprank, r->npending, sizeof(*r->pending_rank), 16) ||
	    ys_grow(&r->pending_part, &r->cappart, r->npending, sizeof(*r->pending_part), 16) ||
	    !(r->pending_part[r->npending] = strdup(r->part)))
		return YS_ENOMEM;
	if (!(r->pending_ids[r->npending] = strdup(id))) {
		free(r->pending_part[r->npending]);
		return YS_ENOMEM;
	}
	r->pending_rank[r->npending] = rank;
	r->npending++;
	strbuf_add(&r->pending, r->body.buf, r->body.len);
	if (r->nsinks) /* the sinks take JSON whatever the output */
		ys_alert_jsonl(&r->signing, &copy);
	return 0;
}

int ys_run_corr_record(void *ctx, int64_t t, const char *file, const char *json, size_t len)
{
	struct ys_run *r = ctx;
	struct ys_error err = {0};

	if (ys_state_add_match(r->state, r->part, t, file, json, len, &err)) {
		ys_run_problem(r, err.msg);
		return 1;
	}
	return 0;
}

static int put_row(void *ctx, const struct ys_baseline_row *row)
{
	struct ys_run *r = ctx;
	struct ys_error err = {0};

	if (ys_state_put_baseline(r->state, r->part, row, &err)) {
		ys_run_problem(r, err.msg);
		return 1;
	}
	return 0;
}

static int64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The batch's transaction, begun unless one is open. */
static int open_batch(struct ys_run *r, struct ys_error *err)
{
	int rc;

	if (r->in_txn)
		return 0;
	if (!r->batch_max) { /* YOURSIDE_DETECT_BATCH: files a batch holds, for tests that kill */
		const char *e = getenv("YOURSIDE_DETECT_BATCH");
		long n = e ? strtol(e, NULL, 10) : 0;

		r->batch_max = n > 0 && n < 1000000 ? (size_t)n : YS_RUN_BATCH_FILES;
	}
	if ((rc = ys_state_begin(r->state, err)))
		return rc;
	r->in_txn = 1;
	r->batch_files = 0;
	r->batch_began = monotonic_ns();
	return 0;
}

/* Makes part i the current one: the detector and baselines records and alerts go to. */
static void use(struct ys_run *r, size_t i)
{
	r->det = r->parts[i].det;
	r->behave = r->parts[i].behave;
	r->part = r->parts[i].name;
}

static void free_part(struct ys_run_part *p)
{
	ys_detector_free(p->det);
	ys_behave_free(p->behave);
	memset(p, 0, sizeof(*p));
}

/* No partition is current (the next file chooses one). */
static void use_none(struct ys_run *r)
{
	r->det = NULL;
	r->behave = NULL;
	r->part = "";
}

/* Every partition forgotten here (what they read is in the state, or rolled back with the batch
 * that lost a lease): the next round takes them again from the state. */
static void drop_parts(struct ys_run *r)
{
	size_t i;

	for (i = 0; i < r->nparts; i++)
		free_part(&r->parts[i]);
	r->nparts = 0;
	r->lease_lost = 0;
	use_none(r);
}

/* Each partition's share of a batch: its baselines changed and its matches no window needs. */
static int save_parts(struct ys_run *r, struct ys_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < r->nparts && !rc; i++) {
		use(r, i);
		if (r->behave && ys_behave_each_changed(r->behave, put_row, r))
			rc = ys_error_set(err, YS_EIO, "cannot save baselines");
		if (!rc)
			rc = ys_state_prune_matches(r->state, r->part, ys_detector_horizon(r->det), err);
		/* the alerts of the batch before reached the output after it committed (unless the
		 * output failed: then they wait in the state for a run that can write them) */
		if (!rc && !r->write_failed)
			rc = ys_state_alerts_written(r->state, r->part, err);
	}
	return rc;
}

/* With workers: the leases of every partition renewed in the batch, or the batch refused when
 * one went to another worker (its state is theirs now). */
static int renew(struct ys_run *r, struct ys_error *err)
{
	const char **names;
	size_t i;
	int rc, lost = 0;

	if (!r->lease || !r->nparts)
		return 0;
	if (!(names = calloc(r->nparts, sizeof(*names))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < r->nparts; i++)
		names[i] = r->parts[i].name;
	rc = ys_lease_renew(ys_state_sql(r->state), r->lease, (int64_t)time(NULL), names, r->nparts,
			    &lost, err);
	free(names);
	if (!rc && lost) {
		r->lease_lost = 1;
		rc = ys_error_set(err, YS_EIO, "worker %s: a lease expired and another worker took "
					       "the account; what this batch read is left to it",
				  r->lease->worker);
	}
	return rc;
}

static int mark_written(struct ys_run *r, struct ys_error *err);

/* Ends the transaction that began the batch: what it changed and its alerts, which are written
 * once the commit holds (the files' marks went in as each was read). */
static int commit(struct ys_run *r, struct ys_error *err)
{
	const char *p = r->pending.buf, *js = r->signing.buf, *cur = r->part;
	int64_t off = r->out_seekable ? r->out_off : -1;
	size_t i;
	int rc;

	rc = save_parts(r, err);
	for (i = 0; i < r->npending && !rc; i++) {
		size_t len = strcspn(p, "\n") + 1, jl = js ? strcspn(js, "\n") : 0;
		struct ys_state_who who = {r->pending_part[i], r->lease ? r->lease->worker : ""};

		rc = ys_state_add_alert(r->state, &who, r->pending_ids[i], p, len, off, err);
		/* signed and queued exactly once: in the transaction that raises the alert */
		if (!rc && r->nsinks)
			rc = to_sinks(r, r->pending_ids[i], js, jl, r->pending_rank[i], err);
		if (r->nsinks)
			js += jl + (js[jl] == '\n');
		p += len;
		if (off >= 0)
			off += (int64_t)len;
	}
	if (!rc)
		rc = renew(r, err);
	if (!rc)
		rc = ys_state_commit(r->state, err);
	if (rc)
		ys_state_rollback(r->state);
	else
		write_all(r, r->pending.buf, r->pending.len);
	r->in_txn = 0;
	/* a worker's alerts are marked written at once: its accounts may go to another worker,
	 * which writes what is unwritten */
	if (!rc && r->lease && r->npending && mark_written(r, err))
		ys_run_problem(r, err->msg);
	if (!rc)
		ys_run_deliver(r, 0);
	for (i = 0; i < r->npending; i++) {
		free(r->pending_ids[i]);
		free(r->pending_part[i]);
	}
	r->npending = 0;
	strbuf_reset(&r->pending);
	strbuf_reset(&r->signing);
	for (i = 0; i < r->nparts; i++)
		if (r->parts[i].name == cur)
			use(r, i);
	if (r->lease_lost)
		drop_parts(r);
	return rc;
}

/* The unwritten alerts of the partitions being taken (parts from on), written here. */
struct unwritten {
	struct ys_run *r;
	size_t from;
	int first;
};

static int rewrite(void *ctx, const char *body, size_t len, int64_t offset,
		   const struct ys_state_who *who)
{
	struct unwritten *u = ctx;
	struct ys_run *r = u->r;
	size_t i;

	for (i = u->from; i < r->nparts && strcmp(r->parts[i].name, who->part); i++)
		;
	if (i == r->nparts)
		return 0; /* another partition's: whoever holds it writes it */
	/* this output's own: a regular file goes back to where the first of them began, exactly
	 * once; another worker's (one that stopped) are written here */
	if (!strcmp(who->worker, r->lease ? r->lease->worker : "")) {
		if (u->first && r->out_seekable && offset >= 0 && offset <= r->out_off &&
		    ftruncate(r->out_fd, offset) == 0 && lseek(r->out_fd, offset, SEEK_SET) == offset)
			r->out_off = offset;
		u->first = 0;
	}
	write_all(r, body, len);
	return 0;
}

static int load_row(void *ctx, const struct ys_baseline_row *row)
{
	return ys_behave_load(ctx, row) ? 1 : 0;
}

static int replay(void *ctx, const char *file, const char *json, size_t len)
{
	struct ys_run *r = ctx;

	return ys_detect_replay(r->det, file, json, len) ? 1 : 0;
}

static int stopped(int rc, struct ys_error *err)
{
	return rc == YS_ESTOP ? ys_error_set(err, YS_ENOMEM, "out of memory") : rc;
}

/* The partitions from on, taken up where the state left them: what they raised and may not
 * have written is written, their baselines loaded and what open windows held replayed, in the
 * transaction of a new batch. */
static int take_parts(struct ys_run *r, size_t from, struct ys_error *err)
{
	struct unwritten u = {r, from, 1};
	size_t i;
	int rc = 0;

	if (!r->state || from >= r->nparts)
		return 0;
	if ((rc = ys_state_each_unwritten(r->state, rewrite, &u, err)) || (rc = open_batch(r, err)))
		return rc;
	for (i = from; i < r->nparts && !rc; i++) {
		use(r, i);
		if (r->behave)
			rc = ys_state_each_baseline(r->state, r->part, load_row, r->behave, err);
		if (!rc)
			rc = ys_state_each_match(r->state, r->part, replay, r, err);
	}
	if (rc) {
		ys_state_rollback(r->state);
		r->in_txn = 0;
		return stopped(rc, err);
	}
	return commit(r, err);
}

int ys_run_add_part(struct ys_run *r, const char *name, struct ys_error *err)
{
	struct ys_run_part *p;
	size_t i, cur = SIZE_MAX;

	for (i = 0; i < r->nparts; i++)
		if (r->parts[i].name == r->part)
			cur = i;
	if (ys_grow(&r->parts, &r->capparts, r->nparts, sizeof(*r->parts), 4))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (cur != SIZE_MAX)
		use(r, cur); /* the array moved */
	p = &r->parts[r->nparts];
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	if ((r->behave_opts && ys_behave_new(r->behave_opts, &p->behave)) ||
	    ys_detector_new(r->rs, r->reorder, p->behave, &r->io, &p->det)) {
		free_part(p);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (r->state && p->behave)
		ys_behave_keep_changes(p->behave);
	r->nparts++;
	return 0;
}

/* Each partition's detector and other[i] change places. */
static void swap_detectors(struct ys_run *r, struct ys_detector **other)
{
	struct ys_detector *det;
	size_t i;

	for (i = 0; i < r->nparts; i++) {
		det = r->parts[i].det;
		r->parts[i].det = other[i];
		other[i] = det;
	}
}

int ys_run_reload(struct ys_run *r, const struct ys_ruleset *rs, int64_t reorder,
		  struct ys_error *err)
{
	struct ys_detector **fresh;
	size_t i;
	int rc = 0;

	if ((rc = ys_run_finish(r, 0)))
		return ys_error_set(err, rc, "cannot commit what was read before reloading");
	if (!(fresh = calloc(r->nparts + 1, sizeof(*fresh))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < r->nparts && !rc; i++)
		if (ys_detector_new(rs, reorder, r->parts[i].behave, &r->io, &fresh[i]))
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	/* each partition's detector and the new one swapped; with state, what open windows hold
	 * replayed into the new ones (on failure swapped back: the old detectors go on) */
	if (!rc)
		swap_detectors(r, fresh);
	if (!rc && r->state && !(rc = open_batch(r, err))) {
		for (i = 0; i < r->nparts && !rc; i++) {
			use(r, i);
			rc = stopped(ys_state_each_match(r->state, r->part, replay, r, err), err);
		}
		if (rc) {
			ys_state_rollback(r->state);
			r->in_txn = 0;
			swap_detectors(r, fresh);
		}
	}
	for (i = 0; i < r->nparts; i++) {
		if (!rc && !r->state) { /* open windows live only in the old detector */
			r->det = fresh[i];
			r->part = r->parts[i].name;
			ys_detector_flush(fresh[i]);
			ys_run_flush(r);
		}
		ys_detector_free(fresh[i]); /* the old ones, or the new ones not used */
	}
	free(fresh);
	if (r->nparts)
		use(r, 0);
	if (rc)
		return rc;
	r->rs = rs;
	r->reorder = reorder;
	return r->state ? commit(r, err) : 0;
}

int ys_run_resume(struct ys_run *r, struct ys_error *err)
{
	int rc;

	if ((rc = ys_run_add_part(r, "", err)))
		return rc;
	use(r, 0);
	return take_parts(r, 0, err);
}

int ys_trail_account(const char *name, char out[13])
{
	struct ys_tobj o;

	if (ys_tkey_parse(name, &o) || strlen(o.account) != 12)
		return 0;
	memcpy(out, o.account, 13);
	return 1;
}

/* The partition of this name, or SIZE_MAX when this worker does not hold it. */
static size_t part_of(const struct ys_run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparts; i++)
		if (!strcmp(r->parts[i].name, name))
			return i;
	return SIZE_MAX;
}

/* The partition an object belongs to made current: 1, or 0 when this worker does not hold it. */
static int choose(struct ys_run *r, const char *name)
{
	char account[13];
	size_t i;

	if (!r->lease)
		return r->nparts > 0;
	if (!ys_trail_account(name, account) || (i = part_of(r, account)) == SIZE_MAX)
		return 0;
	use(r, i);
	return 1;
}

int64_t ys_run_newest(const struct ys_run *r)
{
	int64_t newest = -1, t;
	size_t i;

	for (i = 0; i < r->nparts; i++)
		if (r->parts[i].behave && (t = ys_behave_newest(r->parts[i].behave)) > newest)
			newest = t;
	return newest;
}

void ys_run_set_aws(struct ys_run *r, const struct ys_cidrset *aws)
{
	size_t i;

	r->bopts.aws = aws;
	for (i = 0; i < r->nparts; i++)
		if (r->parts[i].behave)
			ys_behave_set_aws(r->parts[i].behave, aws);
}

int ys_run_holds(const struct ys_run *r, const char *account)
{
	return !r->lease || part_of(r, account) != SIZE_MAX;
}

int ys_run_holds_file(const struct ys_run *r, const char *name)
{
	char account[13];

	return !r->lease || (ys_trail_account(name, account) && part_of(r, account) != SIZE_MAX);
}

/* The names a round gives this worker. */
struct held {
	char (*v)[32];
	size_t n, cap;
};

static int held_add(void *ctx, const char *part)
{
	struct held *h = ctx;

	if (ys_grow(&h->v, &h->cap, h->n, sizeof(*h->v), 8))
		return YS_ENOMEM;
	snprintf(h->v[h->n++], sizeof(*h->v), "%s", part);
	return 0;
}

static int is_held(const struct held *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (!strcmp(h->v[i], name))
			return 1;
	return 0;
}

/* The alerts written so far are marked so before a partition may go to another worker, which
 * would otherwise write them again. */
static int mark_written(struct ys_run *r, struct ys_error *err)
{
	size_t i;
	int rc;

	if (r->write_failed || !r->nparts)
		return 0;
	if ((rc = ys_state_begin(r->state, err)))
		return rc;
	for (i = 0; i < r->nparts && !rc; i++)
		rc = ys_state_alerts_written(r->state, r->parts[i].name, err);
	if (rc || (rc = ys_state_commit(r->state, err)))
		ys_state_rollback(r->state);
	return rc;
}

/* A round (taking free accounts only when take is set); returns how many it took. */
static int lease_round(struct ys_run *r, const char *const *accounts, size_t n, int take)
{
	struct ys_error err = {0};
	struct held h = {0};
	size_t i, k, from, gone = 0;
	int rc;

	if (!r->lease || !r->state)
		return 0;
	if ((r->in_txn && (rc = commit(r, &err))) || (rc = mark_written(r, &err)) ||
	    (rc = ys_lease_round(ys_state_sql(r->state), r->lease, (int64_t)time(NULL), take,
				 accounts, n, held_add, &h, &err))) {
		ys_run_problem(r, err.msg[0] ? err.msg : "out of memory");
		free(h.v);
		return rc;
	}
	use_none(r);
	for (i = k = 0; i < r->nparts; i++) { /* given back: their state is committed */
		if (is_held(&h, r->parts[i].name))
			r->parts[k++] = r->parts[i];
		else
			free_part(&r->parts[i]), gone++;
	}
	r->nparts = k;
	from = r->nparts;
	for (i = 0; i < h.n && !rc; i++)
		if (part_of(r, h.v[i]) == SIZE_MAX)
			rc = ys_run_add_part(r, h.v[i], &err);
	if (!rc)
		rc = take_parts(r, from, &err);
	if (r->nparts > from || gone)
		ys_warn("worker %s: judging %zu account%s (%zu taken, %zu given back)", r->lease->worker,
			r->nparts, r->nparts == 1 ? "" : "s", r->nparts - from, gone);
	if (rc) { /* taken again, from the state, at the next round */
		ys_run_problem(r, err.msg[0] ? err.msg : "out of memory");
		while (r->nparts > from)
			free_part(&r->parts[--r->nparts]);
	}
	use_none(r);
	free(h.v);
	return rc ? rc : (int)(r->nparts - from);
}

int ys_run_lease_round(struct ys_run *r, const char *const *accounts, size_t n)
{
	return lease_round(r, accounts, n, 1);
}

/* Without state: has this run read the file already? (and, if not, now it has) */
static int seen_before(struct ys_run *r, const char *path, int64_t size, int64_t mtime, int add)
{
	uint64_t h = ys_hash_word(ys_hash_word(ys_hash_str(YS_HASH_SEED, path), (uint64_t)size),
				 (uint64_t)mtime);
	size_t i;

	h |= 1; /* 0 marks a free slot */
	if (r->nseen * 2 >= r->capseen) {
		size_t cap = r->capseen ? r->capseen * 2 : 1024, j;
		uint64_t *t = calloc(cap, sizeof(*t));

		if (!t)
			return 0;
		for (j = 0; j < r->capseen; j++) {
			size_t k = r->seen[j] % cap;

			if (!r->seen[j])
				continue;
			while (t[k])
				k = (k + 1) % cap;
			t[k] = r->seen[j];
		}
		free(r->seen);
		r->seen = t;
		r->capseen = cap;
	}
	for (i = h % r->capseen; r->seen[i]; i = (i + 1) % r->capseen)
		if (r->seen[i] == h)
			return 1;
	if (add) {
		r->seen[i] = h;
		r->nseen++;
	}
	return 0;
}

int ys_run_known(struct ys_run *r, const char *name, int64_t size, int64_t mtime)
{
	struct ys_error err = {0};
	int done = 0;

	if (!r->state)
		return seen_before(r, name, size, mtime, 0);
	if (ys_state_file_read(r->state, name, size, mtime, &done, &err)) {
		ys_run_problem(r, err.msg);
		return YS_EIO;
	}
	return done;
}

int ys_run_path_known(struct ys_run *r, const char *name)
{
	struct ys_error err = {0};
	int done = 0;

	if (!r->state)
		return 0;
	if (ys_state_path_read(r->state, name, &done, &err)) {
		ys_run_problem(r, err.msg);
		return YS_EIO;
	}
	return done;
}

int ys_run_file(struct ys_run *r, const char *path)
{
	struct stat sb;

	if (!strcmp(path, "-"))
		return ys_run_object(r, path, -1, -1, NULL);
	if (stat(path, &sb) < 0) {
		ys_warn("cannot read '%s': %s", path, strerror(errno));
		r->problems++;
		ys_meter_add(r->meter, 1, 0);
		return YS_EIO;
	}
	return ys_run_object(r, path, (int64_t)sb.st_size,
			     (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec, NULL);
}

int ys_run_wanted(struct ys_run *r, const char *name, int64_t size, int64_t mtime)
{
	struct ys_error err = {0};
	int rc, done = 0;

	if (size < 0) /* a stream read once (stdin) */
		return 1;
	if (!r->state) {
		if (!seen_before(r, name, size, mtime, 1))
			return 1;
	} else if ((rc = ys_state_file_read(r->state, name, size, mtime, &done, &err))) {
		ys_run_problem(r, err.msg);
		return rc;
	} else if (!done) {
		return 1;
	}
	r->files_skipped++;
	ys_meter_add(r->meter, 1, (uint64_t)size);
	return 0;
}

/* With state, the batch a file's alerts, matches and mark join. */
static int begin(struct ys_run *r)
{
	struct ys_error err = {0};
	int rc;

	if (r->state && (rc = open_batch(r, &err))) {
		ys_run_problem(r, err.msg);
		return rc;
	}
	return 0;
}

/* A file read (rc what its reading returned, err why it stopped): said, and with state marked
 * read in the batch, which commits when full. */
static int judged(struct ys_run *r, const char *name, int64_t size, int64_t mtime, int rc,
		  const struct ys_error *err)
{
	ys_meter_add(r->meter, 1, size > 0 ? (uint64_t)size : 0);
	ys_run_flush(r);
	if (rc)
		ys_run_problem(r, err->msg);
	if (r->state) {
		struct ys_error cerr = {0};
		int crc = 0;

		/* the file's mark joins its alerts in the batch; the batch commits when full */
		if (!rc && size >= 0)
			crc = ys_state_mark_file(r->state, name, size, mtime, r->st.records, &cerr);
		if (crc) {
			ys_state_rollback(r->state);
			r->in_txn = 0;
		} else if (size < 0 || ++r->batch_files >= r->batch_max ||
			   monotonic_ns() - r->batch_began >= YS_RUN_BATCH_NS) {
			crc = commit(r, &cerr);
			/* a worker reading a backlog gives the accounts beyond its share to the workers
			 * that joined, now, not after the backlog (the rest of their files this poll
			 * listed is left to them); a round that fails is said, and the next goes on */
			if (!crc && r->lease && r->nparts > 1)
				lease_round(r, NULL, 0, 0);
		}
		if (crc) {
			ys_run_problem(r, cerr.msg);
			return cerr.code ? cerr.code : YS_EIO;
		}
	}
	return rc ? rc : 1;
}

int ys_run_object(struct ys_run *r, const char *name, int64_t size, int64_t mtime,
		      struct ys_bytes *in)
{
	struct ys_error err = {0};
	int rc = 0;

	if (!choose(r, name) || (rc = ys_run_wanted(r, name, size, mtime)) <= 0 ||
	    (rc = begin(r))) {
		ys_bytes_close(in);
		return rc;
	}
	rc = ys_detect_bytes(r->det, name, in, &r->st, &err);
	return judged(r, name, size, mtime, rc, &err);
}

int ys_run_prepared(struct ys_run *r, const char *name, int64_t size, int64_t mtime,
		    ys_run_chunk_fn next, void *ctx)
{
	const struct ys_prepared *c = NULL;
	struct ys_error err = {0};
	int rc;

	if (!choose(r, name))
		return 0;
	if ((rc = begin(r)))
		return rc;
	while (!rc && (c = next(ctx)) != NULL) {
		rc = ys_detect_prepared(r->det, c, &r->st, &err);
		if (c->last)
			break;
	}
	if (!rc && !c) /* it could not be prepared at all */
		rc = ys_error_set(&err, YS_ENOMEM, "'%s': out of memory", name);
	return judged(r, name, size, mtime, rc, &err);
}

int ys_run_finish(struct ys_run *r, int end_of_input)
{
	struct ys_error err = {0};
	size_t i;
	int rc;

	if (!r->state) {
		for (i = rc = 0; i < r->nparts; i++) {
			use(r, i);
			rc |= end_of_input ? ys_detector_flush(r->det)
					   : ys_detector_tick(r->det, ys_run_now(r));
		}
		ys_run_flush(r);
		ys_run_deliver(r, 0);
		return rc;
	}
	if ((rc = open_batch(r, &err))) {
		ys_run_problem(r, err.msg);
		return rc;
	}
	/* with state an incident ends when time says so: the next run may still extend it */
	for (i = 0; i < r->nparts; i++) {
		use(r, i);
		ys_detector_tick(r->det, ys_run_now(r));
	}
	if ((rc = commit(r, &err)))
		ys_run_problem(r, err.msg);
	return rc;
}

int ys_run_close(struct ys_run *r)
{
	struct ys_error err = {0};
	int rc;

	if (!r->state) {
		ys_run_deliver(r, 1);
		return 0;
	}
	if (r->in_txn && (rc = commit(r, &err))) {
		ys_run_problem(r, err.msg);
		return rc;
	}
	if (r->write_failed) {
		ys_run_deliver(r, 1);
		return 0;
	}
	/* the last batch's alerts were written: say so, or the next run writes them again; a
	 * worker's accounts go to the others at once */
	if ((rc = mark_written(r, &err)) ||
	    (r->lease && (rc = ys_lease_release(ys_state_sql(r->state), r->lease, &err))))
		ys_run_problem(r, err.msg);
	ys_run_deliver(r, 1);
	return rc;
}

int ys_run_put_cursor(struct ys_run *r, const char *scope, int64_t newest)
{
	struct ys_error err = {0};
	int rc;

	if (!r->state)
		return 0;
	if ((rc = open_batch(r, &err)) || (rc = ys_state_put_cursor(r->state, scope, newest, &err)))
		ys_run_problem(r, err.msg);
	return rc;
}

void ys_run_release(struct ys_run *r)
{
	size_t i;

	for (i = 0; i < r->nparts; i++)
		free_part(&r->parts[i]);
	free(r->parts);
	for (i = 0; i < r->nsinks; i++)
		r->sinks[i]->ops->free(r->sinks[i]);
	free(r->sinks);
	ys_state_close(r->state);
	if (r->out_fd != STDOUT_FILENO)
		close(r->out_fd);
	for (i = 0; i < r->npending; i++) {
		free(r->pending_ids[i]);
		free(r->pending_part[i]);
	}
	free(r->pending_ids);
	free(r->pending_part);
	free(r->pending_rank);
	free(r->seen);
	strbuf_release(&r->body);
	strbuf_release(&r->pending);
	strbuf_release(&r->signing);
}
