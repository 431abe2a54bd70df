/* fuzz-toml.c: the TOML reader on arbitrary bytes; a refusal names its line and returns no tree,
 * and every tree it returns is walked whole: depth, lines, strings' lengths and UTF-8, keys */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/toml.h"

struct walk {
	size_t lines; /* the input's lines: no value is past them */
	int plain;    /* no backslash in the input: no key holds a NUL */
};

static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = s[i] >= 0xf0 ? 4 : s[i] >= 0xe0 ? 3 : 2;
		if (s[i] < 0xc2 || s[i] > 0xf4 || i + len > n)
			return 0;
		cp = s[i] & (0x7f >> len);
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += len;
	}
	return 1;
}

static void check_string(const char *s, size_t len)
{
	if (!s || s[len] != '\0' || !valid_utf8((const unsigned char *)s, len))
		abort();
}

static void check_keys(const struct walk *w, const struct ys_toml_value *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *key = ys_toml_key_at(t, i);

		if (!key)
			abort();
		check_string(key, strlen(key));
		if (w->plain && ys_toml_get(t, key) != ys_toml_at(t, i))
			abort();
	}
	if (ys_toml_key_at(t, n))
		abort();
}

static void walk(const struct walk *w, const struct ys_toml_value *v, int depth)
{
	enum ys_toml_type t = ys_toml_type(v);
	size_t i, len, n = ys_toml_count(v);
	const char *s;

	if (depth > YS_TOML_MAX_DEPTH + 1 || ys_toml_line(v) < 1 || ys_toml_line(v) > w->lines)
		abort();
	if (t == YS_TOML_STRING) {
		s = ys_toml_str(v, &len);
		check_string(s, len);
	} else if (t == YS_TOML_DATETIME) {
		s = ys_toml_datetime(v);
		if (!s || strlen(s) < 8)
			abort();
	} else if (t == YS_TOML_TABLE) {
		check_keys(w, v, n);
	} else if (t != YS_TOML_ARRAY && n) {
		abort();
	}
	for (i = 0; i < n; i++)
		walk(w, ys_toml_at(v, i), depth + 1);
	if (ys_toml_at(v, n))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_toml *doc = NULL;
	struct ys_error err = {0};
	struct walk w = {1, !memchr(data, '\\', size)};
	size_t i;

	for (i = 0; i < size; i++)
		w.lines += data[i] == '\n';
	if (ys_toml_parse((const char *)data, size, "fuzz", &doc, &err) == 0) {
		walk(&w, ys_toml_root(doc), 0);
		ys_toml_free(doc);
	} else if (doc || strncmp(err.msg, "'fuzz' line ", 12)) {
		abort(); /* refusals always say where and return no tree */
	}
	return 0;
}
