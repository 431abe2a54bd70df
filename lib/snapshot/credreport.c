/* credreport.c: reading IAM's credential report: find the CSV (plain, base64, or inside the
 * CLI's JSON), then its rows by the header's column names */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "credreport.h"
#include "../base/codec.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../json/jread.h"
#include "../banned.h"

enum col {
	C_USER, C_ARN, C_CREATED, C_PW, C_PW_USED, C_PW_CHANGED, C_MFA,
	C_K1, C_K1_ROT, C_K1_USED, C_K2, C_K2_ROT, C_K2_USED,
	C_C1, C_C1_ROT, C_C2, C_C2_ROT, C_NCOLS
};

static const char *const col_names[C_NCOLS] = {
	"user", "arn", "user_creation_time", "password_enabled", "password_last_used",
	"password_last_changed", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
	"access_key_1_last_used_date", "access_key_2_active", "access_key_2_last_rotated",
	"access_key_2_last_used_date", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
	"cert_2_last_rotated",
};

#define MAX_FIELDS 64

/* Splits one line (NUL-terminated, modified in place) at commas; double quotes group as in
 * RFC 4180. Returns the number of fields, or -1 for an unclosed quote. */
static int split(char *line, char **f)
{
	int n = 0;
	char *p = line, *w;

	for (;;) {
		if (n == MAX_FIELDS)
			return n;
		if (*p == '"') {
			f[n++] = w = ++p;
			for (;;) {
				if (!*p)
					return -1;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
			*w = '\0';
			if (*p && *p != ',')
				return -1;
		} else {
			f[n++] = p;
			while (*p && *p != ',')
				p++;
		}
		if (!*p)
			return n;
		*p++ = '\0';
	}
}

static int64_t when(const char *v)
{
	int64_t t;

	if (!v)
		return YS_CRED_UNKNOWN;
	if (!*v || !strcmp(v, "N/A") || !strcmp(v, "no_information") || !strcmp(v, "not_supported"))
		return YS_CRED_NEVER;
	t = ys_time_parse(v);
	return t < 0 ? YS_CRED_UNKNOWN : t;
}

/* 1 true, 0 false, -1 anything else */
static int flag(const char *v)
{
	if (v && !strcmp(v, "true"))
		return 1;
	if (v && !strcmp(v, "false"))
		return 0;
	return -1;
}

static int add_problem(struct ys_credreport *r, size_t *cap, size_t line, const char *why)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "line %zu: %s", line, why);
	if (ys_grow(&r->problems, cap, r->nproblems, sizeof(char *), 4))
		return YS_ENOMEM;
	if (!(r->problems[r->nproblems] = strdup(buf)))
		return YS_ENOMEM;
	r->nproblems++;
	return 0;
}

static int parse_rows(struct ys_credreport *r, struct ys_error *err)
{
	char *p = r->text, *f[MAX_FIELDS];
	int idx[C_NCOLS], nf, nhead, i;
	size_t line = 1, cap = 0, pcap = 0;

	/* the header */
	{
		char *end = strchr(p, '\n');

		if (end)
			*end = '\0';
		if (end && end > p && end[-1] == '\r')
			end[-1] = '\0';
		nhead = split(p, f);
		for (i = 0; i < C_NCOLS; i++) {
			int j;

			idx[i] = -1;
			for (j = 0; j < nhead; j++)
				if (!strcmp(f[j], col_names[i]))
					idx[i] = j;
		}
		if (idx[C_USER] < 0)
			return ys_error_set(err, YS_EPARSE, "line 1: no 'user' column: not a credential report");
		p = end ? end + 1 : p + strlen(p);
	}
	while (*p) {
		char *end = strchr(p, '\n');
		struct ys_cred_user *u;
		int rc;

		line++;
		if (end)
			*end = '\0';
		if (end && end > p && end[-1] == '\r')
			end[-1] = '\0';
		if (!*p) {
			p = end ? end + 1 : p;
			continue;
		}
		nf = split(p, f);
		p = end ? end + 1 : p + strlen(p);
		if (nf != nhead) {
			char why[96];

			if (nf < 0)
				snprintf(why, sizeof(why), "unclosed quote");
			else
				snprintf(why, sizeof(why), "%d fields where the header has %d", nf, nhead);
			if ((rc = add_problem(r, &pcap, line, why)))
				return rc;
			continue;
		}
		if (ys_grow(&r->users, &cap, r->n, sizeof(*r->users), 16))
			return YS_ENOMEM;
		u = &r->users[r->n++];
		memset(u, 0, sizeof(*u));
#define COL(c) (idx[c] >= 0 ? f[idx[c]] : NULL)
		u->user = COL(C_USER);
		u->arn = COL(C_ARN) ? COL(C_ARN) : "";
		u->is_root = !strcmp(u->user, "<root_account>");
		u->created = when(COL(C_CREATED));
		u->password_last_used = when(COL(C_PW_USED));
		u->password_last_changed = when(COL(C_PW_CHANGED));
		u->password_enabled = flag(COL(C_PW));
		if (u->password_enabled < 0)
			/* root's is "not_supported": it has a password when it has used one */
			u->password_enabled = u->password_last_used >= 0;
		u->mfa_active = flag(COL(C_MFA)) == 1;
		u->key[0].active = flag(COL(C_K1)) == 1;
		u->key[0].last_rotated = when(COL(C_K1_ROT));
		u->key[0].last_used = when(COL(C_K1_USED));
		u->key[1].active = flag(COL(C_K2)) == 1;
		u->key[1].last_rotated = when(COL(C_K2_ROT));
		u->key[1].last_used = when(COL(C_K2_USED));
		u->cert[0].active = flag(COL(C_C1)) == 1;
		u->cert[0].last_rotated = when(COL(C_C1_ROT));
		u->cert[1].active = flag(COL(C_C2)) == 1;
		u->cert[1].last_rotated = when(COL(C_C2_ROT));
#undef COL
	}
	return 0;
}

/* The CSV as text of its own: plain, or base64 of it. NULL when it is neither. */
static char *as_csv(const char *s, size_t len)
{
	char *out;
	long n;

	while (len && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
		s++, len--;
	if (len >= 5 && !memcmp(s, "user,", 5)) {
		if (!(out = malloc(len + 1)))
			return NULL;
		memcpy(out, s, len);
		out[len] = '\0';
		return out;
	}
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' '))
		len--;
	if (!(out = malloc(len * 3 / 4 + 4)))
		return NULL;
	n = ys_base64_decode(s, len, (uint8_t *)out);
	if (n < 5 || memcmp(out, "user,", 5) || memchr(out, '\0', (size_t)n)) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

int ys_credreport_parse(const char *text, size_t len, struct ys_credreport **out,
			struct ys_error *err)
{
	struct ys_credreport *r = calloc(1, sizeof(*r));
	size_t i = 0;
	int rc;

	if (!r)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	r->generated = -1;
	while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
		i++;
	if (i < len && text[i] == '{') {
		struct ys_jdoc *doc;
		const char *content;

		if ((rc = ys_json_parse(text, len, &doc, err))) {
			free(r);
			return rc;
		}
		content = ys_json_str(ys_json_get(ys_jdoc_root(doc), "Content"));
		r->generated = ys_time_parse(ys_json_str(ys_json_get(ys_jdoc_root(doc), "GeneratedTime")));
		r->text = content ? as_csv(content, strlen(content)) : NULL;
		ys_jdoc_free(doc);
		if (!r->text) {
			free(r);
			return ys_error_set(err, YS_EPARSE, content ? "'Content' is neither CSV nor base64 of it"
								    : "no 'Content' member");
		}
	} else if (!(r->text = as_csv(text, len))) {
		free(r);
		return ys_error_set(err, YS_EPARSE, "neither a CSV credential report nor base64 of one");
	}
	if ((rc = parse_rows(r, err))) {
		ys_credreport_free(r);
		return rc == YS_ENOMEM ? ys_error_set(err, rc, "out of memory") : rc;
	}
	*out = r;
	return 0;
}

void ys_credreport_free(struct ys_credreport *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	free(r->users);
	free(r->text);
	free(r);
}
