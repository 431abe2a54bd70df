/* report.c: secret findings as text, JSON, JSON Lines or SARIF 2.1.0 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "../base/color.h"
#include "../json/jwrite.h"
#include "../json/sarif.h"
#include "report.h"
#include "../banned.h"

int ys_report_format_parse(const char *s, enum ys_report_format *out)
{
	static const struct {
		const char *name;
		enum ys_report_format f;
	} names[] = {{"text", YS_FMT_TEXT}, {"json", YS_FMT_JSON}, {"jsonl", YS_FMT_JSONL},
		     {"sarif", YS_FMT_SARIF}};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*out = names[i].f;
			return 0;
		}
	}
	return YS_EINVAL;
}

static void redacted(const struct ys_secret_finding *f, char *out, size_t n)
{
	ys_secret_redact(f->secret, f->secret_len, out, n);
}

static void finding_json(struct jw *w, const struct ys_secret_results *r,
			 const struct ys_secret_finding *f, const struct ys_report_opts *o)
{
	char red[256], date[32];

	redacted(f, red, sizeof(red));
	jw_obj_begin(w);
	jw_key(w, "rule");
	jw_str(w, f->rule->id);
	jw_key(w, "title");
	jw_str(w, f->rule->title);
	jw_key(w, "severity");
	jw_str(w, f->rule->severity);
	jw_key(w, "file");
	jw_str(w, f->file);
	jw_key(w, "line");
	jw_int(w, (long long)f->line);
	jw_key(w, "column");
	jw_int(w, (long long)f->column);
	jw_key(w, "end_line");
	jw_int(w, (long long)f->end_line);
	jw_key(w, "end_column");
	jw_int(w, (long long)f->end_column);
	jw_key(w, "commit");
	jw_str_or_null(w, f->commit);
	jw_key(w, "author");
	jw_str_or_null(w, f->author);
	jw_key(w, "email");
	jw_str_or_null(w, f->email);
	jw_key(w, "date");
	if (f->commit) {
		ys_format_time(f->date, date);
		jw_str(w, date);
	} else {
		jw_null(w);
	}
	jw_key(w, "redacted");
	jw_str(w, red);
	if (o->show_secrets) {
		jw_key(w, "secret");
		jw_strn(w, f->secret, f->secret_len);
	}
	jw_key(w, "secret_sha256");
	jw_str(w, f->sha256);
	jw_key(w, "fingerprint");
	jw_str(w, f->fingerprint);
	jw_key(w, "account_id");
	jw_str_or_null(w, f->account_id[0] ? f->account_id : NULL);
	jw_key(w, "decoded");
	jw_str_or_null(w, f->decoded);
	jw_key(w, "paired_with");
	jw_str_or_null(w, f->pair ? r->f[f->pair - 1].fingerprint : NULL);
	jw_key(w, "revoke");
	jw_str_or_null(w, f->rule->revoke && *f->rule->revoke ? f->rule->revoke : NULL);
	jw_key(w, "verified");
	if (f->verified == YS_VERIFY_NOT_ASKED) {
		jw_null(w);
	} else {
		/* asked: the answer, who it belongs to and what else was said (null when nothing) */
		jw_str(w, ys_secret_verdict_name(f->verified));
		jw_key(w, "verified_as");
		jw_str_or_null(w, f->verified_as);
		jw_key(w, "verified_detail");
		jw_str_or_null(w, f->verified_detail);
	}
	jw_obj_end(w);
}

static const char *sarif_level(const char *severity)
{
	if (!strcmp(severity, "critical") || !strcmp(severity, "high"))
		return "error";
	if (!strcmp(severity, "medium"))
		return "warning";
	return "note";
}

static const char *security_severity(const char *severity)
{
	if (!strcmp(severity, "critical"))
		return "9.5";
	if (!strcmp(severity, "high"))
		return "8.0";
	if (!strcmp(severity, "medium"))
		return "5.5";
	return "2.0";
}

static void sarif_rules(struct jw *w, const struct ys_report_opts *o)
{
	size_t i, j, n = o->rs ? ys_secret_ruleset_count(o->rs) : YS_RULE_COUNT;

	jw_key(w, "rules");
	jw_arr_begin(w);
	for (i = 0; i < n; i++) {
		const struct ys_secret_rule *r = o->rs ? ys_secret_ruleset_rule(o->rs, i)
						       : &ys_secret_rules[i];
		int dup = 0;

		if (!r || r->kind == YS_KIND_B64 || r->kind == YS_KIND_PCT)
			continue;
		for (j = 0; j < i && !o->rs; j++)
			dup |= !strcmp(ys_secret_rules[j].id, r->id);
		if (dup)
			continue;
		jw_obj_begin(w);
		jw_key(w, "id");
		jw_str(w, r->id);
		jw_key(w, "name");
		jw_str(w, r->id);
		if (r->revoke && *r->revoke) {
			jw_key(w, "helpUri");
			jw_str(w, r->revoke);
		}
		jw_key(w, "shortDescription");
		jw_obj_begin(w);
		jw_key(w, "text");
		jw_str(w, r->title);
		jw_obj_end(w);
		jw_key(w, "defaultConfiguration");
		jw_obj_begin(w);
		jw_key(w, "level");
		jw_str(w, sarif_level(r->severity));
		jw_obj_end(w);
		jw_key(w, "properties");
		jw_obj_begin(w);
		jw_key(w, "security-severity");
		jw_str(w, security_severity(r->severity));
		jw_key(w, "tags");
		jw_arr_begin(w);
		jw_str(w, "security");
		jw_str(w, "secret");
		jw_arr_end(w);
		jw_obj_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void sarif_result(struct jw *w, const struct ys_secret_finding *f)
{
	char red[256], msg[512], date[32];

	redacted(f, red, sizeof(red));
	if (f->commit)
		snprintf(msg, sizeof(msg), "%s found in %s at commit %.12s", f->rule->title, f->file,
			 f->commit);
	else
		snprintf(msg, sizeof(msg), "%s found in %s", f->rule->title, f->file);
	jw_obj_begin(w);
	jw_key(w, "ruleId");
	jw_str(w, f->rule->id);
	jw_key(w, "level");
	jw_str(w, sarif_level(f->rule->severity));
	jw_key(w, "message");
	jw_obj_begin(w);
	jw_key(w, "text");
	jw_str(w, msg);
	jw_obj_end(w);
	jw_key(w, "locations");
	jw_arr_begin(w);
	jw_obj_begin(w);
	jw_key(w, "physicalLocation");
	jw_obj_begin(w);
	jw_key(w, "artifactLocation");
	jw_obj_begin(w);
	jw_key(w, "uri");
	jw_str(w, f->file);
	jw_obj_end(w);
	jw_key(w, "region");
	jw_obj_begin(w);
	jw_key(w, "startLine");
	jw_int(w, (long long)f->line);
	jw_key(w, "startColumn");
	jw_int(w, (long long)f->column);
	jw_key(w, "endLine");
	jw_int(w, (long long)f->end_line);
	jw_key(w, "endColumn");
	jw_int(w, (long long)f->end_column + 1); /* SARIF: the column after the region */
	jw_key(w, "snippet");
	jw_obj_begin(w);
	jw_key(w, "text");
	jw_str(w, red);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_arr_end(w);
	jw_key(w, "partialFingerprints");
	jw_obj_begin(w);
	jw_key(w, "yourside/v1");
	jw_str(w, f->fingerprint);
	jw_key(w, "secretSha256");
	jw_str(w, f->sha256);
	if (f->commit) {
		ys_format_time(f->date, date);
		jw_key(w, "commitSha");
		jw_str(w, f->commit);
		jw_key(w, "author");
		jw_str(w, f->author ? f->author : "");
		jw_key(w, "email");
		jw_str(w, f->email ? f->email : "");
		jw_key(w, "date");
		jw_str(w, date);
	}
	jw_obj_end(w);
	jw_key(w, "properties");
	jw_obj_begin(w);
	jw_key(w, "tags");
	jw_arr_begin(w);
	jw_str(w, f->rule->severity);
	if (f->decoded)
		jw_str(w, f->decoded);
	if (f->account_id[0])
		jw_str(w, f->account_id);
	jw_arr_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
}

static void report_sarif(struct strbuf *sb, const struct ys_secret_results *r,
			 const struct ys_report_opts *o)
{
	struct jw w;
	size_t i;

	ys_sarif_begin(&w, sb);
	sarif_rules(&w, o);
	ys_sarif_results(&w);
	for (i = 0; i < r->n; i++)
		sarif_result(&w, &r->f[i]);
	ys_sarif_end(&w);
}

/* What to do first about one leak, in words: revoke it (where, when the rule knows), then take
 * it out of the code and its history. */
static void first_step(struct strbuf *sb, const struct ys_secret_finding *f)
{
	const char *url = f->rule->revoke && *f->rule->revoke ? f->rule->revoke : NULL;

	if (f->verified == YS_VERIFY_REVOKED)
		strbuf_addstr(sb, "  first:    it no longer works (its provider said so): take it out of the code "
				  "and its history, and check nothing still uses it\n");
	else
		strbuf_addf(sb, "  first:    %s%s, then take it out of the code and its history (once "
				"pushed, it stays public)\n",
			    url ? "revoke it now at " : "revoke or rotate it now where it was issued", url ? url : "");
}

static void report_text(struct strbuf *sb, const struct ys_secret_results *r,
			const struct ys_report_opts *o)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct ys_secret_finding *f = &r->f[i];
		char red[256], date[32];

		redacted(f, red, sizeof(red));
		strbuf_addf(sb, "%s%s%s%*s  %s leaked%s  [%s%s%s]\n", ys_tint_severity(f->rule->severity, o->color),
			    f->rule->severity, ys_tint_reset(o->color),
			    (int)(strlen(f->rule->severity) < 8 ? 8 - strlen(f->rule->severity) : 0), "",
			    f->rule->title, f->verified == YS_VERIFY_LIVE ? " and live" : "", ys_tint_bold(o->color),
			    f->rule->id, ys_tint_reset(o->color));
		strbuf_addf(sb, "  file:     %s:%zu:%zu\n", f->file, f->line, f->column);
		if (f->commit) {
			ys_format_time(f->date, date);
			strbuf_addf(sb, "  commit:   %.12s by %s <%s> on %s\n", f->commit,
				    f->author ? f->author : "", f->email ? f->email : "", date);
		}
		if (o->show_secrets) {
			strbuf_addstr(sb, "  secret:   ");
			strbuf_add(sb, f->secret, f->secret_len);
			strbuf_addch(sb, '\n');
		} else {
			strbuf_addf(sb, "  secret:   %s\n", red);
		}
		strbuf_addf(sb, "  sha256:   %s\n", f->sha256);
		if (f->account_id[0])
			strbuf_addf(sb, "  account:  %s\n", f->account_id);
		if (f->decoded)
			strbuf_addf(sb, "  encoding: %s\n", f->decoded);
		if (f->pair)
			strbuf_addf(sb, "  pair:     %s\n", r->f[f->pair - 1].fingerprint);
		if (f->verified != YS_VERIFY_NOT_ASKED)
			strbuf_addf(sb, "  verified: %s%s%s%s%s%s\n", ys_secret_verdict_name(f->verified),
				    f->verified_as ? " as " : "", f->verified_as ? f->verified_as : "",
				    f->verified_detail ? " (" : "",
				    f->verified_detail ? f->verified_detail : "",
				    f->verified_detail ? ")" : "");
		first_step(sb, f);
		strbuf_addf(sb, "  ignore:   %s\n\n", f->fingerprint);
	}
}

void ys_secret_report(struct strbuf *sb, const struct ys_secret_results *r,
		      const struct ys_report_opts *o)
{
	struct jw w;
	size_t i;

	switch (o->format) {
	case YS_FMT_TEXT:
		report_text(sb, r, o);
		break;
	case YS_FMT_JSON:
		jw_init(&w, sb, 1);
		jw_arr_begin(&w);
		for (i = 0; i < r->n; i++)
			finding_json(&w, r, &r->f[i], o);
		jw_arr_end(&w);
		strbuf_addch(sb, '\n');
		break;
	case YS_FMT_JSONL:
		for (i = 0; i < r->n; i++) {
			jw_init(&w, sb, 0);
			finding_json(&w, r, &r->f[i], o);
			strbuf_addch(sb, '\n');
		}
		break;
	case YS_FMT_SARIF:
		report_sarif(sb, r, o);
		break;
	}
}
