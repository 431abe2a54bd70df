/* output.c: incidents as text (one story each: key, owner, reach, use, what to do) and JSON */
#include <stdio.h>
#include <string.h>
#include "incident.h"
#include "../base/color.h"
#include "../base/isotime.h"
#include "../json/jwrite.h"
#include "../banned.h"

static void places(struct strbuf *sb, const struct ys_leak *l)
{
	size_t j;

	for (j = 0; j < l->nplaces && j < 5; j++) {
		const struct ys_leak_place *p = &l->places[j];

		strbuf_addf(sb, "               %s:%ld", p->file ? p->file : "?", p->line);
		if (p->commit)
			strbuf_addf(sb, " (commit %.10s%s%s%s%s)", p->commit, p->author ? ", " : "",
				    p->author ? p->author : "", p->date ? ", " : "", p->date ? p->date : "");
		strbuf_addch(sb, '\n');
	}
	if (l->nplaces > 5)
		strbuf_addf(sb, "               and %zu more\n", l->nplaces - 5);
}

static void use_text(struct strbuf *sb, const struct ys_incident *x)
{
	char a[32], z[32];
	size_t j;

	if (!x->trail)
		return;
	if (!x->calls) {
		strbuf_addstr(sb, "  used         not in the trail given\n");
		return;
	}
	ys_format_time(x->first, a);
	ys_format_time(x->last, z);
	strbuf_addf(sb, "  used         %zu call%s (%zu refused) from %s to %s", x->calls, x->calls == 1 ? "" : "s",
		    x->refused, a, z);
	if (x->sessions)
		strbuf_addf(sb, ", %zu through temporary keys it made", x->sessions);
	strbuf_addstr(sb, "\n  from         ");
	for (j = 0; j < x->nips && j < 6; j++)
		strbuf_addf(sb, "%s%s (%zu)", j ? ", " : "", x->ips[j].name, x->ips[j].n);
	strbuf_addstr(sb, "\n  doing        ");
	for (j = 0; j < x->nevents && j < 8; j++)
		strbuf_addf(sb, "%s%s %zu", j ? ", " : "", x->events[j].name, x->events[j].n);
	if (x->nevents > 8)
		strbuf_addf(sb, ", and %zu other actions", x->nevents - 8);
	strbuf_addch(sb, '\n');
	for (j = 0; j < x->nnotable && j < 12; j++) {
		ys_format_time(x->notable[j].t, a);
		strbuf_addf(sb, "  %s %s %s%s%s from %s\n", j ? "            " : "notable     ", a, x->notable[j].name,
			    x->notable[j].target[0] ? " " : "", x->notable[j].target, x->notable[j].ip);
	}
}

void ys_incidents_text(struct strbuf *sb, const struct ys_incidents *in)
{
	ys_incidents_text_color(sb, in, 0);
}

void ys_incidents_text_color(struct strbuf *sb, const struct ys_incidents *in, int color)
{
	size_t i, j;

	for (i = 0; i < in->n; i++) {
		const struct ys_incident *x = &in->v[i];

		strbuf_addf(sb, "%sincident %zu: %s%s%s: %s\n", i ? "\n" : "", i + 1,
			    ys_tint_severity(x->severity, color), x->severity, ys_tint_reset(color),
			    x->headline);
		strbuf_addf(sb, "  key          %s%s%s%s, found in %zu place%s%s:\n", x->leak->redacted,
			    x->tail[0] ? " ending " : "", x->tail, x->leak->with_secret ? " with its secret" : " (id only)",
			    x->leak->nplaces, x->leak->nplaces == 1 ? "" : "s",
			    x->leak->verified == 1 ? "; AWS accepted it" : x->leak->verified == 0 ? "; AWS refused it" : "");
		places(sb, x->leak);
		if (x->in_snapshot)
			strbuf_addf(sb, "  owner        IAM user %s%s%s%s; the key is %s%s%s\n", x->user, x->arn[0] ? " (" : "",
				    x->arn[0] ? x->arn : "", x->arn[0] ? ")" : "", x->status[0] ? x->status : "of unknown state",
				    x->created[0] ? ", made " : "", x->created);
		else if (in->keys_known)
			strbuf_addf(sb, "  owner        not a key of this snapshot%s%s\n",
				    x->leak->account[0] ? "; its id says account " : "", x->leak->account);
		else
			strbuf_addf(sb, "  owner        unknown (no snapshot listing the account's keys)%s%s\n",
				    x->leak->account[0] ? "; its id says account " : "", x->leak->account);
		if (x->blast)
			strbuf_addf(sb, "  can          %s; destroy %zu of %zu data stores and backups, read %zu, change "
					"%zu; become %zu other principal%s\n",
				    x->admin ? "make itself an administrator" : "not become an administrator", x->destroy,
				    x->stores, x->read, x->change, x->becomes, x->becomes == 1 ? "" : "s");
		use_text(sb, x);
		strbuf_addstr(sb, "  contain\n");
		for (j = 0; j < x->nsteps; j++)
			strbuf_addf(sb, "    %zu. %s\n", j + 1, x->steps[j]);
	}
	if (!in->n)
		strbuf_addstr(sb, "no leaked AWS access key among the findings: no incident\n");
	for (i = 0; i < in->nnotes; i++)
		strbuf_addf(sb, "%snot checked: %s\n", i ? "" : "\n", in->notes[i]);
}

static void when(struct jw *w, const char *key, int64_t t)
{
	jw_key(w, key);
	jw_time_or_null(w, t);
}

static void counts(struct jw *w, const char *key, const struct ys_use_count *c, size_t n)
{
	size_t j;

	jw_key(w, key);
	jw_obj_begin(w);
	for (j = 0; j < n; j++) {
		jw_key(w, c[j].name);
		jw_int(w, (long long)c[j].n);
	}
	jw_obj_end(w);
}

static void one_json(struct jw *w, const struct ys_incident *x)
{
	size_t j;

	jw_obj_begin(w);
	jw_key(w, "severity");
	jw_str(w, x->severity);
	jw_key(w, "headline");
	jw_str(w, x->headline);
	jw_key(w, "key");
	jw_obj_begin(w);
	jw_key(w, "redacted");
	jw_str(w, x->leak->redacted);
	jw_key(w, "id_sha256");
	jw_str(w, x->leak->hash);
	jw_key(w, "ends");
	jw_str_or_null(w, x->tail[0] ? x->tail : NULL);
	jw_key(w, "account");
	jw_str_or_null(w, x->leak->account[0] ? x->leak->account : NULL);
	jw_key(w, "with_secret");
	jw_bool(w, x->leak->with_secret);
	jw_key(w, "places");
	jw_arr_begin(w);
	for (j = 0; j < x->leak->nplaces; j++) {
		jw_obj_begin(w);
		jw_key(w, "file");
		jw_str_or_null(w, x->leak->places[j].file);
		jw_key(w, "line");
		jw_int(w, x->leak->places[j].line);
		jw_key(w, "commit");
		jw_str_or_null(w, x->leak->places[j].commit);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
	jw_key(w, "owner");
	if (x->in_snapshot) {
		jw_obj_begin(w);
		jw_key(w, "user");
		jw_str(w, x->user);
		jw_key(w, "arn");
		jw_str_or_null(w, x->arn[0] ? x->arn : NULL);
		jw_key(w, "status");
		jw_str_or_null(w, x->status[0] ? x->status : NULL);
		jw_key(w, "created");
		jw_str_or_null(w, x->created[0] ? x->created : NULL);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "reach");
	if (x->blast) {
		jw_obj_begin(w);
		jw_key(w, "admin");
		jw_bool(w, x->admin);
		jw_key(w, "stores");
		jw_int(w, (long long)x->stores);
		jw_key(w, "destroy");
		jw_int(w, (long long)x->destroy);
		jw_key(w, "read");
		jw_int(w, (long long)x->read);
		jw_key(w, "change");
		jw_int(w, (long long)x->change);
		jw_key(w, "becomes");
		jw_int(w, (long long)x->becomes);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "use");
	if (x->trail) {
		jw_obj_begin(w);
		jw_key(w, "calls");
		jw_int(w, (long long)x->calls);
		jw_key(w, "refused");
		jw_int(w, (long long)x->refused);
		jw_key(w, "sessions");
		jw_int(w, (long long)x->sessions);
		when(w, "first", x->first);
		when(w, "last", x->last);
		counts(w, "from", x->ips, x->nips);
		counts(w, "actions", x->events, x->nevents);
		jw_key(w, "notable");
		jw_arr_begin(w);
		for (j = 0; j < x->nnotable; j++) {
			jw_obj_begin(w);
			when(w, "time", x->notable[j].t);
			jw_key(w, "action");
			jw_str(w, x->notable[j].name);
			jw_key(w, "target");
			jw_str_or_null(w, x->notable[j].target[0] ? x->notable[j].target : NULL);
			jw_key(w, "from");
			jw_str(w, x->notable[j].ip);
			jw_obj_end(w);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "contain");
	jw_arr_begin(w);
	for (j = 0; j < x->nsteps; j++)
		jw_str(w, x->steps[j]);
	jw_arr_end(w);
	jw_obj_end(w);
}

void ys_incidents_json(struct strbuf *sb, const struct ys_incidents *in)
{
	struct jw w;
	size_t i;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "account");
	jw_str_or_null(&w, in->account);
	jw_key(&w, "incidents");
	jw_arr_begin(&w);
	for (i = 0; i < in->n; i++)
		one_json(&w, &in->v[i]);
	jw_arr_end(&w);
	jw_key(&w, "not_checked");
	jw_arr_begin(&w);
	for (i = 0; i < in->nnotes; i++)
		jw_str(&w, in->notes[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}
