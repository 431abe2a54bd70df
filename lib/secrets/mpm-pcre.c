/* mpm-pcre.c: the plain matcher backend, one PCRE2 search per pattern; slow, obviously right */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdlib.h>
#include <pcre2.h>
#include "mpm.h"
#include "rules.h"
#include "../banned.h"

struct pc_db {
	size_t n;
	pcre2_code **re;
};

static void pc_db_free(void *p)
{
	struct pc_db *db = p;
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->n; i++)
		pcre2_code_free(db->re[i]);
	free(db->re);
	free(db);
}

static int pc_compile(const struct ys_mpm_pattern *pats, size_t n, void **out, struct ys_error *err)
{
	struct pc_db *db = calloc(1, sizeof(*db));
	size_t i;

	if (!db || !(db->re = calloc(n, sizeof(*db->re)))) {
		free(db);
		return ys_error_set(err, YS_ENOMEM, "out of memory compiling patterns");
	}
	db->n = n;
	for (i = 0; i < n; i++) {
		uint32_t opt = 0;
		int ec;
		PCRE2_SIZE off;

		if (pats[i].flags & YS_TRIG_CASELESS)
			opt |= PCRE2_CASELESS;
		if (pats[i].flags & YS_TRIG_MULTILINE)
			opt |= PCRE2_MULTILINE;
		db->re[i] = pcre2_compile((PCRE2_SPTR)pats[i].expr, PCRE2_ZERO_TERMINATED, opt, &ec,
					  &off, NULL);
		if (!db->re[i]) {
			pc_db_free(db);
			return ys_error_set(err, YS_EPARSE, "cannot compile pattern %zu at %zu", i,
					    (size_t)off);
		}
	}
	*out = db;
	return 0;
}

static int pc_scratch_new(void *db, void **scratch)
{
	(void)db;
	*scratch = pcre2_match_data_create(4, NULL);
	return *scratch ? 0 : YS_ENOMEM;
}

static void pc_scratch_free(void *scratch)
{
	pcre2_match_data_free(scratch);
}

static int pc_scan(void *p, void *scratch, const char *buf, size_t len, ys_mpm_match_fn fn,
		   void *ctx)
{
	struct pc_db *db = p;
	size_t i;

	for (i = 0; i < db->n; i++) {
		PCRE2_SIZE start = 0;

		while (start <= len) {
			PCRE2_SIZE *ov;
			int rc = pcre2_match(db->re[i], (PCRE2_SPTR)buf, len, start, 0, scratch, NULL);

			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(scratch);
			if (fn((unsigned)i, ov[1], ctx))
				return YS_ESTOP;
			start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
	return 0;
}

const struct ys_mpm_ops ys_mpm_pcre = {
	.name = "pcre",
	.compile = pc_compile,
	.scratch_new = pc_scratch_new,
	.scratch_free = pc_scratch_free,
	.scan = pc_scan,
	.db_free = pc_db_free,
};
