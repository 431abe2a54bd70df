/* fuzz-detect-record.c: one CloudTrail record from arbitrary bytes through the behaviour detectors
 * and the S3 policy inspector, and each line of it as a network for the address sets */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/cidr.h"
#include "detect/behave.h"
#include "detect/inspect.h"
#include "json/jread.h"

static int on_alert(void *ctx, const struct ys_alert *a)
{
	(void)ctx;
	/* one record's alert covers it alone; a stolen session's, the calls it counts */
	if (!a->rule || !a->title || !a->severity || a->count < 1 || a->nevent_ids > a->count ||
	    (!a->ncalls && a->count != 1))
		abort();
	return 0;
}

/* The state's copy of the baselines, loaded into a new run, takes the same rows. */
static int reload(void *ctx, const struct ys_baseline_row *row)
{
	if (row->n && ys_behave_load(ctx, row))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ys_behave *b;
	static struct ys_cidrset aws;
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	char line[128];
	size_t i, n = 0;

	if (!b) {
		struct ys_behave_opts o;

		ys_cidrset_init(&aws);
		ys_cidrset_add(&aws, "198.18.0.0/15");
		ys_cidrset_seal(&aws);
		ys_behave_defaults(&o);
		o.aws = &aws;
		o.key_events = 1; /* judge at once, so every path runs */
		o.key_span = 0;
		o.hour_events = 1;
		o.hour_span = 0;
		if (ys_behave_new(&o, &b))
			return 0;
		ys_behave_keep_changes(b);
	}
	/* the same behaviour object across inputs: baselines grow as they would in a long run */
	/* as the engine: only text the trail reader has validated reaches the detectors */
	if (ys_json_parse((const char *)data, size, &doc, &err) == 0) {
		struct ys_jlazy l;

		ys_jlazy_init(&l);
		ys_jlazy_reset(&l, (const char *)data, size, NULL);
		ys_inspect_record(ys_jdoc_root(doc), "f", on_alert, NULL);
		ys_behave_record(b, &l, "f", on_alert, NULL);
		ys_jlazy_release(&l);
		/* now and then a run ends: incidents reported, baselines saved into a new run */
		if (size % 16 == 0) {
			struct ys_behave_opts o;
			struct ys_behave *next;

			ys_behave_defaults(&o);
			o.aws = &aws;
			if (ys_behave_new(&o, &next) == 0) {
				ys_behave_keep_changes(next);
				ys_behave_each_changed(b, reload, next);
				ys_behave_end(b, 0, 1, on_alert, NULL);
				ys_behave_free(b);
				b = next;
			}
		}
		ys_jdoc_free(doc);
	}
	for (i = 0; i <= size; i++) {
		if (i == size || data[i] == '\n' || n == sizeof(line) - 1) {
			struct ys_cidrset s;
			struct ys_addr a;

			line[n] = 0;
			ys_cidrset_init(&s);
			if (ys_cidrset_add(&s, line) == 0) {
				ys_cidrset_seal(&s);
				if (ys_addr_parse("10.0.0.1", &a) == 0)
					ys_cidrset_has(&s, &a);
				if (s.n != 1 || memcmp(s.r[0].lo.b, s.r[0].hi.b, 16) > 0)
					abort(); /* a network's first address is never past its last
						  */
			}
			ys_cidrset_release(&s);
			n = 0;
			continue;
		}
		line[n++] = (char)data[i];
	}
	return 0;
}
