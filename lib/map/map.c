/* map.c: building the shared-responsibility map: the table, the services the snapshot shows in
 * use, and each customer cell's controls counted from the audit's findings */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "map.h"
#include "../base/embedded.h"
#include "../base/grow.h"
#include "../banned.h"

#define TABLE "data/responsibility.tsv"
#define MAX_FIELDS 8

static const char *const cell_names[] = {"none", "aws", "in place", "partly", "missing", "not seen"};
static const char *const owner_names[] = {"none", "aws", "shared", "customer"};

const char *ys_cell_name(enum ys_cell c)
{
	return cell_names[c];
}

const char *ys_owner_name(enum ys_owner o)
{
	return owner_names[o];
}

/* the table's rows, split in place: fields[row][i] */
struct rows {
	char *(*f)[MAX_FIELDS];
	size_t *nf, n, cap;
};

static int split(char *text, struct rows *r)
{
	char *line = text, *next;

	for (; line && *line; line = next) {
		size_t k = 0;
		char *p;

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		if (ys_grow(&r->f, &r->cap, r->n, sizeof(*r->f), 128))
			return YS_ENOMEM;
		r->nf = realloc(r->nf, r->cap * sizeof(*r->nf));
		if (!r->nf)
			return YS_ENOMEM;
		for (p = line; p && k < MAX_FIELDS; k++) {
			r->f[r->n][k] = p;
			if ((p = strchr(p, '\t')))
				*p++ = '\0';
		}
		r->nf[r->n++] = k;
	}
	return 0;
}

static int layer_index(const struct ys_map *m, const char *id)
{
	int i;

	for (i = 0; i < YS_MAP_LAYERS; i++)
		if (m->layers[i].id && !strcmp(m->layers[i].id, id))
			return i;
	return -1;
}

/* how many items the lists (comma-separated paths) of one answer hold */
static long count_lists(const struct ys_jval *root, const char *lists)
{
	char keys[128], *key, *save = NULL;
	long total = 0;

	snprintf(keys, sizeof(keys), "%s", lists);
	for (key = strtok_r(keys, ",", &save); key; key = strtok_r(NULL, ",", &save)) {
		const struct ys_jval *a = ys_json_path(root, key);
		size_t j;

		if (!a || a->type != YS_J_ARRAY)
			continue;
		if (strcmp(key, "Reservations")) {
			total += (long)a->len;
			continue;
		}
		for (j = 0; j < a->len; j++) { /* EC2: the instances in each reservation */
			const struct ys_jval *in = ys_json_get(&a->u.items[j], "Instances");

			total += in && in->type == YS_J_ARRAY ? (long)in->len : 0;
		}
	}
	return total;
}

/* how many of what the calls (comma-separated) list, over every region for "*\/..."; -1 when
 * no region has any of them */
static long count_in(struct ys_snapshot *snap, const char *calls, const char *lists)
{
	const char *const *regions;
	size_t nr = ys_snapshot_regions(snap, &regions), i;
	char rel[256], buf[256], *call, *save = NULL;
	long total = -1;

	snprintf(buf, sizeof(buf), "%s", calls);
	for (call = strtok_r(buf, ",", &save); call; call = strtok_r(NULL, ",", &save)) {
		size_t to = call[0] == '*' ? nr : 1;

		for (i = 0; i < to; i++) {
			const struct ys_snap_file *f;

			if (call[0] == '*')
				snprintf(rel, sizeof(rel), "%s%s", regions[i], call + 1);
			else
				snprintf(rel, sizeof(rel), "%s", call);
			f = ys_snapshot_get(snap, rel);
			if (f->status != YS_SNAP_OK)
				continue;
			total = (total < 0 ? 0 : total) + count_lists(f->root, lists);
		}
	}
	return total;
}

static enum ys_owner owner_of(char c)
{
	return c == 'C' ? YS_OWN_CUSTOMER : c == 'S' ? YS_OWN_SHARED : c == 'A' ? YS_OWN_AWS : YS_OWN_NONE;
}

/* the service part of an ARN, or "" */
static void arn_service(const char *arn, char *out, size_t n)
{
	const char *s, *e;

	out[0] = '\0';
	if (!arn || strncmp(arn, "arn:", 4) || !(s = strchr(arn + 4, ':')) || !(e = strchr(s + 1, ':')))
		return;
	if ((size_t)(e - s - 1) < n) {
		memcpy(out, s + 1, (size_t)(e - s - 1));
		out[e - s - 1] = '\0';
	}
}

/* the service name ARNs use for a map service, or NULL for account-wide ones */
static const char *const arn_pairs[][2] = {
	{"ec2", "ec2"},		{"rds", "rds"},		{"s3", "s3"},
	{"efs", "elasticfilesystem"}, {"lambda", "lambda"}, {"elb", "elasticloadbalancing"},
	{"kms", "kms"},		{"backup", "backup"},	{"dynamodb", "dynamodb"},
	{"sqs", "sqs"},		{"sns", "sns"},		{"elasticache", "elasticache"},
	{"opensearch", "es"},	{"ecs", "ecs"},		{"eks", "eks"},
	{"ecr", "ecr"},		{"codebuild", "codebuild"}, {"secretsmanager", "secretsmanager"},
	{"apigateway", "apigateway"}, {"cloudfront", "cloudfront"},
};

/* the service name ARNs use for a map service (NULL for account-wide ones), or, backwards,
 * whether an ARN's service is one of the map's own */
static const char *arn_name(const char *svc, int backwards)
{
	size_t i;

	for (i = 0; i < sizeof(arn_pairs) / sizeof(*arn_pairs); i++)
		if (!strcmp(arn_pairs[i][backwards], svc))
			return arn_pairs[i][!backwards];
	return NULL;
}

static void count_findings(const struct ys_audit_result *a, const char *svc, struct ys_map_control *c)
{
	const char *want = arn_name(svc, 0);
	char got[32];
	size_t i;

	for (i = 0; i < a->n; i++) {
		const struct ys_finding *f = &a->f[i];

		if (f->check != c->check)
			continue;
		arn_service(f->resource, got, sizeof(got));
		/* a check that looks at several kinds of store counts here only this kind's */
		if (want && *got && strcmp(got, want) && arn_name(got, 1))
			continue;
		if (f->status == YS_F_PASS)
			c->pass++;
		else if (f->status == YS_F_FAIL)
			c->fail++;
		else
			c->other++;
	}
}

static enum ys_cell judge(const struct ys_map_cell *c)
{
	size_t i, pass = 0, fail = 0;

	if (c->owner == YS_OWN_NONE)
		return YS_CELL_NONE;
	if (c->owner == YS_OWN_AWS)
		return YS_CELL_AWS;
	for (i = 0; i < c->ncontrols; i++) {
		pass += c->controls[i].pass;
		fail += c->controls[i].fail;
	}
	if (fail)
		return pass ? YS_CELL_PARTLY : YS_CELL_MISSING;
	return pass ? YS_CELL_IN_PLACE : YS_CELL_UNSEEN;
}

static int add_control(struct ys_map_cell *c, const struct ys_check *chk)
{
	struct ys_map_control *n = realloc(c->controls, (c->ncontrols + 1) * sizeof(*n));

	if (!n)
		return YS_ENOMEM;
	c->controls = n;
	memset(&n[c->ncontrols], 0, sizeof(*n));
	n[c->ncontrols++].check = chk;
	return 0;
}

static struct ys_map_service *find_service(struct ys_map *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->services[i].id, id))
			return &m->services[i];
	return NULL;
}

static int add_service(struct ys_map *m, struct ys_snapshot *snap, char **f, size_t nf)
{
	struct ys_map_service *s;
	long n = 0;
	const char *owners = f[6];
	int always = !strcmp(f[1], "account") || !strcmp(f[1], "iam"), i, k;

	if (nf < 7)
		return 0;
	if (strcmp(f[4], "-"))
		n = count_in(snap, f[4], f[5]);
	if (n < 0 && m->nunknown < sizeof(m->unknown) / sizeof(*m->unknown))
		m->unknown[m->nunknown++] = f[3];
	if (!always && n <= 0)
		return 0;
	s = &m->services[m->n++];
	memset(s, 0, sizeof(*s));
	s->id = f[1];
	s->kind = f[2];
	s->name = f[3];
	s->resources = n > 0 ? (size_t)n : 0;
	for (i = 0, k = 0; owners[k] && i < YS_MAP_LAYERS; k++)
		if (owners[k] != ' ')
			s->cells[i++].owner = owner_of(owners[k]);
	return 0;
}

/* The table, split into r's rows, and its layers into m. */
static int load_table(struct ys_map *m, struct rows *r, struct ys_error *err)
{
	const struct ys_embedded_file *t = ys_embedded_find(ys_embedded_data, TABLE);
	size_t i, nl = 0;
	int rc;

	if (!t || !(m->table = malloc(t->len + 1)))
		return ys_error_set(err, t ? YS_ENOMEM : YS_EINVAL, "%s", t ? "out of memory" : TABLE " is not compiled in");
	memcpy(m->table, t->text, t->len);
	m->table[t->len] = '\0';
	if ((rc = split(m->table, r)))
		return ys_error_set(err, rc, "out of memory");
	for (i = 0; i < r->n; i++)
		if (!strcmp(r->f[i][0], "layer") && r->nf[i] >= 4 && nl < YS_MAP_LAYERS)
			m->layers[nl++] = (struct ys_map_layer){r->f[i][1], r->f[i][2], r->f[i][3]};
	return 0;
}

int ys_map_layers(struct ys_map *m, struct ys_error *err)
{
	struct rows r = {0};
	int rc;

	memset(m, 0, sizeof(*m));
	m->taken = -1;
	rc = load_table(m, &r, err);
	free(r.f);
	free(r.nf);
	if (rc)
		ys_map_release(m);
	return rc;
}

int ys_map_build(struct ys_snapshot *snap, const struct ys_audit_result *audit, struct ys_map *m,
		 struct ys_error *err)
{
	struct rows r = {0};
	size_t i, nsvc = 0;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	m->account = ys_snapshot_account(snap);
	m->taken = ys_snapshot_time(snap);
	m->ages_from = audit->now;
	m->ages_from_source = audit->now_from;
	m->findings = audit->n;
	if ((rc = load_table(m, &r, err))) {
		free(r.f);
		free(r.nf);
		ys_map_release(m);
		return rc;
	}
	for (i = 0; i < r.n; i++)
		nsvc += !strcmp(r.f[i][0], "service");
	if (!(m->services = calloc(nsvc ? nsvc : 1, sizeof(*m->services)))) {
		rc = YS_ENOMEM;
		goto out;
	}
	for (i = 0; i < r.n && !rc; i++)
		if (!strcmp(r.f[i][0], "service"))
			rc = add_service(m, snap, r.f[i], r.nf[i]);
	for (i = 0; i < r.n && !rc; i++) {
		struct ys_map_service *s;
		const struct ys_check *chk;
		int l;

		if (r.nf[i] < 4 || !(s = find_service(m, r.f[i][strcmp(r.f[i][0], "control") ? 1 : 2])))
			continue;
		if (!strcmp(r.f[i][0], "control") && (l = layer_index(m, r.f[i][3])) >= 0 &&
		    (chk = ys_check_find(r.f[i][1]))) {
			rc = add_control(&s->cells[l], chk);
			if (!rc)
				count_findings(audit, s->id, &s->cells[l].controls[s->cells[l].ncontrols - 1]);
		} else if (!strcmp(r.f[i][0], "advice") && (l = layer_index(m, r.f[i][2])) >= 0) {
			s->cells[l].advice = r.f[i][3];
		}
	}
	for (i = 0; i < m->n; i++) {
		int l;

		for (l = 0; l < YS_MAP_LAYERS; l++) {
			struct ys_map_cell *c = &m->services[i].cells[l];

			c->now = judge(c);
			c->after = c->now == YS_CELL_NONE || c->now == YS_CELL_AWS ? c->now : YS_CELL_IN_PLACE;
			if (c->owner == YS_OWN_CUSTOMER || c->owner == YS_OWN_SHARED)
				m->count[c->now]++;
		}
	}
	{
		const struct ys_check *seen[YS_MAX_CHECKS];
		size_t k, j;

		for (k = 0; k < audit->n; k++) {
			for (j = 0; j < m->checks_run && seen[j] != audit->f[k].check; j++)
				;
			if (j == m->checks_run && j < YS_MAX_CHECKS)
				seen[m->checks_run++] = audit->f[k].check;
		}
	}
out:
	free(r.f);
	free(r.nf);
	if (rc) {
		ys_map_release(m);
		return ys_error_set(err, rc, "out of memory");
	}
	return 0;
}

void ys_map_release(struct ys_map *m)
{
	size_t i;
	int l;

	for (i = 0; i < m->n; i++)
		for (l = 0; l < YS_MAP_LAYERS; l++)
			free(m->services[i].cells[l].controls);
	free(m->services);
	free(m->table);
	memset(m, 0, sizeof(*m));
}
