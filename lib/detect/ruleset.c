/* ruleset.c: loading rules from the binary and from directories, one bad rule at a time */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../base/dir.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../yaml/ydoc.h"
#include "../base/embedded.h"
#include "../base/severity.h"
#include "alert.h"
#include "ruleset.h"
#include "../banned.h"

static void problem(struct ys_ruleset *rs, const char *msg, int unsupported);
static int keep_corr(struct ys_ruleset *rs, struct ys_sigma_corr *c, const char *source);

void ys_ruleset_init(struct ys_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void ys_ruleset_release(struct ys_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		ys_sigma_rule_free(rs->r[i]);
	free(rs->r);
	free(rs->source);
	for (i = 0; i < rs->nproblems; i++)
		free(rs->problems[i].msg);
	free(rs->problems);
	for (i = 0; i < rs->nheld; i++)
		free(rs->held[i]);
	free(rs->held);
	ys_sigma_prefilter_free(rs->pf);
	for (i = 0; i < rs->ncorr; i++) {
		ys_sigma_corr_free(rs->corr[i]);
		if (rs->corr_rules)
			free(rs->corr_rules[i]);
	}
	free(rs->corr);
	free(rs->corr_source);
	free(rs->corr_rules);
	for (i = 0; rs->rule_corrs && i < rs->n; i++)
		free(rs->rule_corrs[i]);
	free(rs->rule_corrs);
	free(rs->nrule_corrs);
	free(rs->quiet);
	free(rs->about_errors);
	memset(rs, 0, sizeof(*rs));
}

/* A base rule by what a correlation calls it: its name, its id, or its file name. */
static long find_rule(const struct ys_ruleset *rs, const char *ref)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct ys_sigma_rule *r = rs->r[i];
		const char *base = strrchr(r->file, '/');
		size_t bl;

		base = base ? base + 1 : r->file;
		bl = strcspn(base, ".");
		if ((r->name && !strcmp(r->name, ref)) || (r->id && !strcmp(r->id, ref)) ||
		    (strlen(ref) == bl && !strncmp(base, ref, bl)))
			return (long)i;
	}
	return -1;
}

/* Does a rule look at errorCode or errorMessage (or a console refusal), other than to leave
 * refused calls out? */
static int reads_errors(const struct ys_sigma_rule *r)
{
	size_t s, c, m;

	for (s = 0; s < r->nsel; s++)
		for (c = 0; c < r->sel[s].n; c++)
			for (m = 0; m < r->sel[s].c[c].n; m++) {
				const struct ys_sigma_matcher *x = &r->sel[s].c[c].m[m];

				size_t v;

				if (x->field && (!strncmp(x->field, "errorCode", 9) ||
						 !strncmp(x->field, "errorMessage", 12)) &&
				    x->op != YS_SOP_EXISTS)
					return 1;
				/* the console's refusals: responseElements.ConsoleLogin: Failure */
				for (v = 0; x->field && !strncmp(x->field, "responseElements.", 17) && v < x->nv; v++)
					if (x->v[v].text && !strcmp(x->v[v].text, "failure"))
						return 1;
			}
	return 0;
}

/* A low, informational or medium rule's own alerts are grouped: one alert per principal and
 * account an hour, with the count and every event, made by a correlation of the rule's name. */
static int group_of(const struct ys_sigma_rule *r, struct ys_sigma_corr **out)
{
	static const char *const by[] = {"userIdentity.arn", "recipientAccountId"};
	struct ys_sigma_corr *c = calloc(1, sizeof(*c));
	size_t i;

	if (!c)
		return YS_ENOMEM;
	c->type = YS_CORR_EVENT_COUNT;
	c->op = YS_CMP_GTE;
	c->threshold = 1;
	c->timespan = YS_GROUP_WINDOW;
	c->group = 1;
	c->nrules = 1;
	c->ngroup = 2;
	c->nattack = r->nattack;
	if (!(c->file = strdup(r->file)) || (r->id && !(c->id = strdup(r->id))) ||
	    !(c->title = strdup(r->title ? r->title : "")) || (r->level && !(c->level = strdup(r->level))) ||
	    !(c->rules = calloc(1, sizeof(*c->rules))) || !(c->rules[0] = strdup(r->file)) ||
	    !(c->group_by = calloc(2, sizeof(*c->group_by))) || !(c->group_by[0] = strdup(by[0])) ||
	    !(c->group_by[1] = strdup(by[1])) ||
	    (r->nattack && !(c->attack = calloc(r->nattack, sizeof(*c->attack)))))
		goto oom;
	for (i = 0; i < r->nattack; i++)
		if (!(c->attack[i] = strdup(r->attack[i])))
			goto oom;
	*out = c;
	return 0;
oom:
	ys_sigma_corr_free(c);
	return YS_ENOMEM;
}

/* Every rule that raises its own alerts at low, informational or medium gets its group, after
 * the written correlations are resolved: its matches then go to the group alone. */
static int add_groups(struct ys_ruleset *rs)
{
	size_t i, nrules = rs->n, cap;
	int rc;

	for (i = 0; i < rs->ncorr; i++)
		if (rs->corr[i]->group)
			return 0; /* made already */
	for (i = 0; i < nrules; i++) {
		struct ys_sigma_corr *c;
		int rank = ys_severity_rank(ys_sigma_severity(rs->r[i]->level));
		size_t *idx, n = rs->nrule_corrs[i];
		uint32_t *v;

		if (rs->quiet[i] || rank < 0 || rank > 2)
			continue;
		if ((rc = group_of(rs->r[i], &c)) || (rc = keep_corr(rs, c, rs->source[i])))
			return rc;
		cap = rs->ncorr - 1;
		if (ys_grow(&rs->corr_rules, &cap, rs->ncorr - 1, sizeof(*rs->corr_rules), 8) ||
		    !(idx = malloc(sizeof(*idx))) || !(v = realloc(rs->rule_corrs[i], (n + 1) * sizeof(*v))))
			return YS_ENOMEM;
		idx[0] = i;
		rs->corr_rules[rs->ncorr - 1] = idx;
		v[n] = (uint32_t)(rs->ncorr - 1);
		rs->rule_corrs[i] = v;
		rs->nrule_corrs[i]++;
		rs->quiet[i] = 1;
	}
	return 0;
}

static int resolve_corrs(struct ys_ruleset *rs)
{
	size_t i, j, keep = 0;

	free(rs->quiet);
	rs->quiet = calloc(rs->n + 1, 1);
	free(rs->about_errors);
	if ((rs->about_errors = calloc(rs->n + 1, 1)))
		for (i = 0; i < rs->n; i++)
			rs->about_errors[i] = (uint8_t)reads_errors(rs->r[i]);
	rs->corr_rules = calloc(rs->ncorr + 1, sizeof(*rs->corr_rules));
	rs->rule_corrs = calloc(rs->n + 1, sizeof(*rs->rule_corrs));
	rs->nrule_corrs = calloc(rs->n + 1, sizeof(*rs->nrule_corrs));
	if (!rs->quiet || !rs->corr_rules || !rs->rule_corrs || !rs->nrule_corrs)
		return YS_ENOMEM;
	for (i = 0; i < rs->ncorr; i++) {
		struct ys_sigma_corr *c = rs->corr[i];
		size_t *idx = calloc(c->nrules, sizeof(*idx));
		int ok = idx != NULL;

		for (j = 0; ok && j < c->nrules; j++) {
			long k = find_rule(rs, c->rules[j]);

			if (k < 0) {
				char msg[600];

				snprintf(msg, sizeof(msg),
					 "'%s': correlation names rule '%s', which is not loaded", c->file,
					 c->rules[j]);
				problem(rs, msg, 0);
				ok = 0;
			} else {
				idx[j] = (size_t)k;
			}
		}
		if (!ok) {
			free(idx);
			ys_sigma_corr_free(c);
			continue;
		}
		rs->corr[keep] = c;
		rs->corr_source[keep] = rs->corr_source[i];
		rs->corr_rules[keep] = idx;
		keep++;
	}
	rs->ncorr = keep;
	for (i = 0; i < rs->ncorr; i++) {
		for (j = 0; j < rs->corr[i]->nrules; j++) {
			size_t r = rs->corr_rules[i][j], cap = rs->nrule_corrs[r];
			uint32_t *v = realloc(rs->rule_corrs[r], (cap + 1) * sizeof(*v));

			if (!v)
				return YS_ENOMEM;
			v[cap] = (uint32_t)i;
			rs->rule_corrs[r] = v;
			rs->nrule_corrs[r]++;
			if (!rs->corr[i]->generate)
				rs->quiet[r] = 1;
		}
	}
	return add_groups(rs);
}

int ys_ruleset_compile(struct ys_ruleset *rs, struct ys_error *err)
{
	if (resolve_corrs(rs))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	ys_sigma_prefilter_free(rs->pf);
	rs->pf = NULL;
	return ys_sigma_prefilter_build(rs->r, rs->n, &rs->pf, err);
}

static void problem(struct ys_ruleset *rs, const char *msg, int unsupported)
{
	if (ys_grow(&rs->problems, &rs->capproblems, rs->nproblems, sizeof(*rs->problems), 8))
		return;
	rs->problems[rs->nproblems].msg = strdup(msg);
	rs->problems[rs->nproblems].unsupported = unsupported;
	rs->nproblems++;
}

/* SigmaHQ rules that name only a tactic: the technique yourside reads them as, so that every
 * alert carries one (docs/cmd/detect.md lists these). */
static const char *const technique_of[][2] = {
	{"rules/sigmahq/aws_cloudtrail_bucket_deleted.yml", "T1485"},
	{"rules/sigmahq/aws_cloudtrail_region_enabled.yml", "T1535"},
	{"rules/sigmahq/aws_cloudtrail_vpc_flow_logs_deleted.yml", "T1562.008"},
	{"rules/sigmahq/aws_efs_fileshare_modified_or_deleted.yml", "T1485"},
	{"rules/sigmahq/aws_lambda_function_url.yml", "T1648"},
	{"rules/sigmahq/aws_new_lambda_layer_attached.yml", "T1648"},
	{"rules/sigmahq/aws_passed_role_to_glue_development_endpoint.yml", "T1548.005"},
};

static int add_technique(struct ys_sigma_rule *r)
{
	size_t i;

	for (i = 0; i < sizeof(technique_of) / sizeof(technique_of[0]) && !r->nattack; i++) {
		if (strcmp(r->file, technique_of[i][0]))
			continue;
		if (!(r->attack = calloc(1, sizeof(*r->attack))) ||
		    !(r->attack[0] = strdup(technique_of[i][1])))
			return YS_ENOMEM;
		r->nattack = 1;
	}
	return 0;
}

static int keep_rule(struct ys_ruleset *rs, struct ys_sigma_rule *r, const char *source)
{
	size_t cap = rs->cap;

	if (ys_grow(&rs->r, &rs->cap, rs->n, sizeof(*rs->r), 64) ||
	    ys_grow(&rs->source, &cap, rs->n, sizeof(*rs->source), 64)) {
		ys_sigma_rule_free(r);
		return YS_ENOMEM;
	}
	rs->r[rs->n] = r;
	rs->source[rs->n] = source;
	rs->n++;
	return add_technique(r);
}

static int keep_corr(struct ys_ruleset *rs, struct ys_sigma_corr *c, const char *source)
{
	size_t cap = rs->capcorr;

	if (ys_grow(&rs->corr, &rs->capcorr, rs->ncorr, sizeof(*rs->corr), 8) ||
	    ys_grow(&rs->corr_source, &cap, rs->ncorr, sizeof(*rs->corr_source), 8)) {
		ys_sigma_corr_free(c);
		return YS_ENOMEM;
	}
	rs->corr[rs->ncorr] = c;
	rs->corr_source[rs->ncorr] = source;
	rs->ncorr++;
	return 0;
}

/* Every document of a rule file: base rules and correlations. */
static int add_rule(struct ys_ruleset *rs, const char *file, const char *text, size_t len,
		    const char *source)
{
	struct ys_ynode **docs = NULL;
	struct ys_error err = {0}, yerr = {0};
	size_t ndocs = 0, i;
	int rc = ys_yaml_parse_all(text, len, &docs, &ndocs, &yerr);

	if (rc == YS_ENOMEM)
		return rc;
	if (rc) {
		ys_error_set(&err, rc, "'%.200s': %.300s", file, yerr.msg);
		problem(rs, err.msg, rc == YS_EUNSUP);
		return 0;
	}
	for (i = 0; i < ndocs && rc != YS_ENOMEM; i++) {
		ys_error_clear(&err);
		if (ys_ymap_get(docs[i], "correlation")) {
			struct ys_sigma_corr *c = NULL;

			rc = ys_sigma_corr_from_doc(file, docs[i], &c, &err);
			if (!rc)
				rc = keep_corr(rs, c, source);
		} else {
			struct ys_sigma_rule *r = NULL;

			rc = ys_sigma_rule_from_doc(file, docs[i], &r, &err);
			if (!rc)
				rc = keep_rule(rs, r, source);
		}
		if (rc && rc != YS_ENOMEM)
			problem(rs, err.msg, rc == YS_EUNSUP);
	}
	ys_ydocs_free(docs, ndocs);
	return rc == YS_ENOMEM ? rc : 0;
}

int ys_ruleset_load_text(struct ys_ruleset *rs, const char *file, const char *text, size_t len,
			 const char *source)
{
	return add_rule(rs, file, text, len, source);
}

/* Shipped rules that match a large share of ordinary traffic (Hayabusa keeps such a list too):
 * run only when asked, so that alerts stay worth reading. */
static const char *const noisy[][2] = {
	{"rules/sigmahq/aws_sts_assumerole_misuse.yml",
	 "matches every call made with a role's credentials (most of a trail)"},
	{"rules/sigmahq/aws_enum_buckets.yml",
	 "matches every ListBuckets, which people and tools call all day (a low alert for 5% of an "
	 "ordinary trail's calls)"},
	{"rules/sigmahq/aws_cloudtrail_security_group_change_ingress_egress.yml",
	 "matches every security group rule change, the everyday work of deploying; "
	 "yourside_security_group_open alerts on rules that open administration ports to the "
	 "internet"},
};

int ys_ruleset_load_embedded(struct ys_ruleset *rs, int builtin, int sigmahq, int with_noisy)
{
	const struct ys_embedded_file *e;
	size_t k;
	int rc;

	for (e = ys_embedded_rules; e->path; e++) {
		int is_builtin = !strncmp(e->path, "rules/builtin/", 14), held = 0;

		if ((is_builtin && !builtin) || (!is_builtin && !sigmahq))
			continue;
		for (k = 0; k < sizeof(noisy) / sizeof(noisy[0]) && !with_noisy; k++) {
			if (!strcmp(e->path, noisy[k][0])) {
				char msg[512];

				snprintf(msg, sizeof(msg), "'%s': %s; --noisy runs it", e->path,
					 noisy[k][1]);
				if (ys_grow(&rs->held, &rs->capheld, rs->nheld, sizeof(*rs->held), 4) ||
				    !(rs->held[rs->nheld] = strdup(msg)))
					return YS_ENOMEM;
				rs->nheld++;
				held = 1;
			}
		}
		if (held)
			continue;
		if ((rc = add_rule(rs, e->path, e->text, e->len, is_builtin ? "builtin" : "sigma")))
			return rc;
	}
	return 0;
}

static int load_dir(struct ys_ruleset *rs, const char *dir, int depth)
{
	static const char *const rule_files[] = {".yml", ".yaml", NULL};
	char **names, path[4096];
	size_t n, i;
	int rc = 0;

	if (ys_dir_names(dir, &names, &n) < 0) {
		snprintf(path, sizeof(path), "cannot read '%s': %s", dir, strerror(errno));
		problem(rs, path, 0);
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!rc && stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 16) {
			rc = load_dir(rs, path, depth + 1);
		} else if (!rc && ys_name_ends(names[i], rule_files)) {
			struct ys_error err = {0};
			char *text;
			size_t len;

			if (ys_read_file(path, 1 << 20, &text, &len, &err)) {
				problem(rs, err.msg, 0);
			} else {
				rc = add_rule(rs, path, text, len, "sigma");
				free(text);
			}
		}
	}
	ys_dir_names_free(names, n);
	return rc;
}

int ys_ruleset_load_dir(struct ys_ruleset *rs, const char *dir, struct ys_error *err)
{
	int rc = load_dir(rs, dir, 0);

	return rc ? ys_error_set(err, rc, "out of memory loading rules") : 0;
}
