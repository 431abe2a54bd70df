/* vendors.c: finding an account's vendor chain: the model read (or borrowed), the trust and
 * resource policies walked, the outsiders judged */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "find.h"
#include "../banned.h"

const char *ys_vkind_name(enum ys_vkind k)
{
	static const char *const names[] = {"anyone", "unknown account", "CI system", "identity provider",
					    "vendor", "organization account", "AWS", "AWS service"};

	return names[k];
}

const char *ys_vguard_words(unsigned g, char *out, size_t n)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = {{YS_VG_EXTERNAL_ID, "ExternalId"}, {YS_VG_SUBJECT, "subject"}, {YS_VG_AUDIENCE, "audience"},
		     {YS_VG_SOURCE, "source"}, {YS_VG_MFA, "MFA"}, {YS_VG_ORG, "organization"},
		     {YS_VG_NETWORK, "network"}};
	size_t i, used = 0;

	if (n)
		out[0] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if ((g & words[i].bit) && used + strlen(words[i].word) + 3 < n)
			used += (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "", words[i].word);
	return out;
}

int ys_vendors_find(struct ys_snapshot *snap, const struct ys_iam_model *m,
		    const struct ys_vendors_opts *o, struct ys_vendors *out, struct ys_error *err)
{
	struct ys_iam_model *own = NULL;
	const struct ys_snap_file *org;
	struct ys_vfind f;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!m) {
		if ((rc = ys_iam_model_load(snap, &own, err)))
			return rc;
		m = own;
	}
	memset(&f, 0, sizeof(f));
	f.snap = snap;
	f.m = m;
	f.o = o;
	f.out = out;
	f.own = m->account;
	ys_pset_init(&f.ps);
	out->account = ys_vkeep(out, m->account);
	org = ys_snapshot_get(snap, "global/organizations/describe-organization");
	if (org->status == YS_SNAP_OK) {
		const struct ys_jval *o2 = ys_json_get(org->root, "Organization");
		const char *id = ys_json_str(ys_json_get(o2, "Id")), *mgmt = ys_json_str(ys_json_get(o2, "MasterAccountId"));

		out->org_id = id && *id ? ys_vkeep(out, id) : NULL;
		out->management = mgmt && *mgmt ? ys_vkeep(out, mgmt) : NULL;
	}
	out->now = o->now ? o->now : ys_snapshot_time(snap);
	rc = !out->account || ys_vfind_roles(&f) || ys_vfind_resources(&f) || ys_vfind_shares(&f) ||
	     ys_vjudge(&f) ? -1 : 0;
	if (f.have_g) {
		for (i = 0; i < m->nprin; i++)
			if (f.blasted && f.blasted[i])
				ys_blast_release(&f.blast[i]);
		ys_esc_graph_release(&f.g);
		ys_codespaces_release(&f.stores);
	}
	free(f.blast);
	free(f.blasted);
	ys_pset_release(&f.ps);
	ys_iam_model_free(own);
	if (rc) {
		ys_vendors_release(out);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	return 0;
}

void ys_vendors_release(struct ys_vendors *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].w);
	free(v->v);
	free(v->problems);
	ys_arena_release(&v->arena);
	memset(v, 0, sizeof(*v));
}
