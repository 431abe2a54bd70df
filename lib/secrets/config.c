/* config.c: reading a gitleaks configuration: its rules and allowlists, [extend] of another file
 * or of the built-in detectors, checked as gitleaks checks them, with messages that name the rule */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../base/file.h"
#include "../base/toml.h"
#include "config-int.h"
#include "../banned.h"

#define MAX_EXTEND 2 /* as gitleaks: a third file down is not read */

void *ys_cfg_keep(struct ys_secret_config *cfg, void *p)
{
	if (!p)
		return NULL;
	if (cfg->nowned == cfg->capowned) {
		size_t cap = cfg->capowned ? 2 * cfg->capowned : 64;
		void **n = realloc(cfg->owned, cap * sizeof(*n));

		if (!n) {
			free(p);
			return NULL;
		}
		cfg->owned = n;
		cfg->capowned = cap;
	}
	cfg->owned[cfg->nowned++] = p;
	return p;
}

char *ys_cfg_strdup(struct ys_secret_config *cfg, const char *s, size_t len, int lower)
{
	char *d = malloc(len + 1);
	size_t i;

	if (!d)
		return NULL;
	for (i = 0; i < len; i++)
		d[i] = (char)(lower && s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	d[len] = '\0';
	return ys_cfg_keep(cfg, d);
}

pcre2_code *ys_secret_config_regex(const char *expr, const char *what, struct ys_error *err)
{
	PCRE2_SIZE off;
	int ec;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)expr, PCRE2_ZERO_TERMINATED, PCRE2_DOLLAR_ENDONLY,
				       &ec, &off, NULL);

	if (!re) {
		PCRE2_UCHAR msg[128];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		ys_error_set(err, YS_EPARSE, "%s: cannot compile regex at %zu: %s", what, (size_t)off,
			     (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

pcre2_code *ys_cfg_regex(struct ys_secret_config *cfg, const char *expr, const char *what,
			 struct ys_error *err)
{
	pcre2_code *re = ys_secret_config_regex(expr, what, err);

	if (!re)
		return NULL;
	if (cfg->ncodes == cfg->capcodes) {
		size_t cap = cfg->capcodes ? 2 * cfg->capcodes : 64;
		pcre2_code **n = realloc(cfg->codes, cap * sizeof(*n));

		if (!n) {
			pcre2_code_free(re);
			ys_error_set(err, YS_ENOMEM, "out of memory");
			return NULL;
		}
		cfg->codes = n;
		cfg->capcodes = cap;
	}
	cfg->codes[cfg->ncodes++] = re;
	return re;
}

void ys_secret_config_free(struct ys_secret_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->ncodes; i++)
		pcre2_code_free(cfg->codes[i]);
	for (i = 0; i < cfg->nowned; i++)
		free(cfg->owned[i]);
	free(cfg->codes);
	free(cfg->owned);
	free(cfg);
}

/* Where an [extend] path points: as given (gitleaks reads it from the working directory), else
 * beside the file that names it. */
static void extend_path(const char *from, const char *path, char *out, size_t outlen)
{
	const char *slash = strrchr(from, '/');

	snprintf(out, outlen, "%s", path);
	if (path[0] == '/' || !slash || access(path, R_OK) == 0)
		return;
	snprintf(out, outlen, "%.*s/%s", (int)(slash - from), from, path);
	if (access(out, R_OK) != 0)
		snprintf(out, outlen, "%s", path);
}

static int load_file(struct ys_cfg_load *l, const char *path, int depth, struct ys_error *err);

/* One document and (to depth MAX_EXTEND) what it extends, into the raw rule list. */
static int load_doc(struct ys_cfg_load *l, const char *buf, size_t len, const char *path,
		    int depth, struct ys_error *err)
{
	struct ys_toml *doc = NULL;
	const struct ys_toml_value *ext;
	char base[4096];
	int rc;

	if ((rc = ys_toml_parse(buf, len, path, &doc, err)))
		return rc;
	ext = ys_cfg_get(ys_toml_root(doc), "extend");
	if (ext && ys_toml_type(ext) == YS_TOML_TABLE && depth < MAX_EXTEND) {
		const struct ys_toml_value *p = ys_cfg_get(ext, "path");
		const struct ys_toml_value *d = ys_cfg_get(ext, "useDefault");
		int use_default = d && ys_toml_type(d) == YS_TOML_BOOL && ys_toml_bool(d);

		l->extends |= depth == 0 && (p || use_default);
		if (p && use_default) {
			rc = ys_error_set(err, YS_EPARSE,
					  "'%s': [extend] has both path and useDefault: choose one",
					  path);
		} else if (use_default) {
			l->cfg->builtin = 1;
		} else if (p && ys_toml_type(p) == YS_TOML_STRING) {
			extend_path(path, ys_toml_str(p, NULL), base, sizeof(base));
			rc = load_file(l, base, depth + 1, err);
		}
	}
	/* the base's rules first: this file's rules of the same id extend them */
	if (!rc)
		rc = ys_cfg_read_doc(l, doc, path, depth, err);
	ys_toml_free(doc);
	return rc;
}

static int load_file(struct ys_cfg_load *l, const char *path, int depth, struct ys_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = ys_read_file(path, 16u << 20, &buf, &len, err))) {
		char why[sizeof(err->msg)];

		if (depth == 0)
			return rc;
		snprintf(why, sizeof(why), "%s", err->msg);
		return ys_error_set(err, rc, "cannot read the configuration it extends: %s", why);
	}
	rc = load_doc(l, buf, len, path, depth, err);
	free(buf);
	return rc;
}

static int load(const char *buf, size_t len, const char *path, struct ys_secret_config **out,
		struct ys_error *err)
{
	struct ys_cfg_load l;
	int rc;

	memset(&l, 0, sizeof(l));
	if (!(l.cfg = calloc(1, sizeof(*l.cfg))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	l.path = path;
	rc = buf ? load_doc(&l, buf, len, path, 0, err) : load_file(&l, path, 0, err);
	if (!rc)
		rc = ys_cfg_finish(&l, err);
	ys_cfg_load_release(&l);
	if (rc) {
		ys_secret_config_free(l.cfg);
		return rc;
	}
	*out = l.cfg;
	return 0;
}

int ys_secret_config_load(const char *path, struct ys_secret_config **out, struct ys_error *err)
{
	return load(NULL, 0, path, out, err);
}

int ys_secret_config_parse(const char *buf, size_t len, const char *name,
			   struct ys_secret_config **out, struct ys_error *err)
{
	return load(buf, len, name, out, err);
}
