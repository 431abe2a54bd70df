/* mpm-vectorscan.c: the fast matcher backend, all triggers in one vectorscan block-mode database */
#include <stdlib.h>
#include <hs/hs.h>
#include "mpm.h"
#include "rules.h"
#include "../banned.h"

static int vs_compile(const struct ys_mpm_pattern *pats, size_t n, void **db, struct ys_error *err)
{
	const char **exprs = calloc(n, sizeof(*exprs));
	unsigned *flags = calloc(n, sizeof(*flags));
	unsigned *ids = calloc(n, sizeof(*ids));
	hs_compile_error_t *cerr = NULL;
	hs_database_t *d = NULL;
	int rc = 0;
	size_t i;

	if (!exprs || !flags || !ids) {
		rc = ys_error_set(err, YS_ENOMEM, "out of memory compiling patterns");
		goto out;
	}
	for (i = 0; i < n; i++) {
		exprs[i] = pats[i].expr;
		ids[i] = (unsigned)i;
		flags[i] = 0;
		if (pats[i].flags & YS_TRIG_CASELESS)
			flags[i] |= HS_FLAG_CASELESS;
		if (pats[i].flags & YS_TRIG_MULTILINE)
			flags[i] |= HS_FLAG_MULTILINE;
	}
	if (hs_compile_multi(exprs, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL, &d, &cerr) !=
	    HS_SUCCESS) {
		rc = ys_error_set(err, YS_EPARSE, "cannot compile pattern %d: %s",
				  cerr ? cerr->expression : -1, cerr ? cerr->message : "unknown");
		hs_free_compile_error(cerr);
		goto out;
	}
	*db = d;
out:
	free(exprs);
	free(flags);
	free(ids);
	return rc;
}

static int vs_scratch_new(void *db, void **scratch)
{
	hs_scratch_t *s = NULL;

	if (hs_alloc_scratch(db, &s) != HS_SUCCESS)
		return YS_ENOMEM;
	*scratch = s;
	return 0;
}

static void vs_scratch_free(void *scratch)
{
	hs_free_scratch(scratch);
}

struct vs_ctx {
	ys_mpm_match_fn fn;
	void *ctx;
};

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
		    void *ctx)
{
	struct vs_ctx *c = ctx;

	(void)from;
	(void)flags;
	return c->fn(id, (size_t)to, c->ctx);
}

static int vs_scan(void *db, void *scratch, const char *buf, size_t len, ys_mpm_match_fn fn,
		   void *ctx)
{
	struct vs_ctx c = {fn, ctx};
	hs_error_t e;

	/* vectorscan takes 32-bit lengths; callers hand it chunks far smaller than that */
	if (len > 0xffffffffu)
		return YS_EINVAL;
	e = hs_scan(db, buf, (unsigned)len, 0, scratch, on_match, &c);
	if (e == HS_SCAN_TERMINATED)
		return YS_ESTOP;
	return e == HS_SUCCESS ? 0 : YS_EIO;
}

static void vs_db_free(void *db)
{
	hs_free_database(db);
}

/* hs_serialize_database allocates with vectorscan's allocator, malloc unless set otherwise */
static int vs_save(void *db, char **bytes, size_t *len)
{
	return hs_serialize_database(db, bytes, len) == HS_SUCCESS ? 0 : YS_ENOMEM;
}

/* Refused (and compiled instead) when the bytes came from another vectorscan version or a
 * machine whose processor has features this one lacks. */
static int vs_load(const void *bytes, size_t len, void **db)
{
	hs_database_t *d = NULL;

	if (hs_deserialize_database(bytes, len, &d) != HS_SUCCESS)
		return YS_EUNSUP;
	*db = d;
	return 0;
}

const struct ys_mpm_ops ys_mpm_vectorscan = {
	.name = "vectorscan",
	.compile = vs_compile,
	.scratch_new = vs_scratch_new,
	.scratch_free = vs_scratch_free,
	.scan = vs_scan,
	.db_free = vs_db_free,
	.save = vs_save,
	.load = vs_load,
};
