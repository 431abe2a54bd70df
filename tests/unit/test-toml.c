/* test-toml.c: the TOML reader on gitleaks' own configurations (the default one's 222 rules,
 * its test configurations) and on the spec's corners: escapes, multi-line strings, numbers,
 * keys, tables and arrays of tables, and documents it must refuse, each at its line */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include "base/file.h"
#include "base/strbuf.h"
#include "base/toml.h"

#define GITLEAKS YS_SHARED_DATA "/secrets/gitleaks-config"

/* s in a buffer of its exact length, without a NUL after it: a read past the end is seen */
static int parse_exact(const char *s, struct ys_toml **doc, struct ys_error *err)
{
	size_t len = strlen(s);
	char *buf = malloc(len ? len : 1);
	int rc;

	assert_non_null(buf);
	memcpy(buf, s, len);
	rc = ys_toml_parse(buf, len, "t.toml", doc, err);
	free(buf);
	return rc;
}

static struct ys_toml *parse_ok(const char *s)
{
	struct ys_toml *doc = NULL;
	struct ys_error err = {0};
	int rc = parse_exact(s, &doc, &err);

	if (rc)
		print_error("%s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_non_null(doc);
	return doc;
}

/* s is refused with a message naming t.toml, the line and the reason */
static void refused(const char *s, size_t line, const char *why)
{
	struct ys_toml *doc = NULL;
	struct ys_error err = {0};
	char at[64];

	assert_int_equal(parse_exact(s, &doc, &err), YS_EPARSE);
	assert_null(doc);
	snprintf(at, sizeof(at), "'t.toml' line %zu column ", line);
	if (strncmp(err.msg, at, strlen(at)) || !strstr(err.msg, why))
		fail_msg("%s: got \"%s\", wanted line %zu and \"%s\"", s, err.msg, line, why);
}

static struct ys_toml *parse_file(const char *path)
{
	struct ys_toml *doc = NULL;
	struct ys_error err = {0};
	size_t len;
	char *buf;
	int rc;

	assert_int_equal(ys_read_file(path, 1 << 24, &buf, &len, &err), 0);
	rc = ys_toml_parse(buf, len, path, &doc, &err);
	free(buf);
	if (rc)
		fail_msg("%s", err.msg);
	return doc;
}

static const char *str_at(const struct ys_toml_value *t, const char *key)
{
	const struct ys_toml_value *v = ys_toml_get(t, key);

	assert_non_null(v);
	assert_int_equal(ys_toml_type(v), YS_TOML_STRING);
	return ys_toml_str(v, NULL);
}

/* a path of keys and array indexes: "rules", "#3", "allowlists", ... NULL */
static const struct ys_toml_value *dig(const struct ys_toml_value *v, ...)
{
	const char *k;
	va_list ap;

	va_start(ap, v);
	while (v && (k = va_arg(ap, const char *)))
		v = k[0] == '#' ? ys_toml_at(v, strtoul(k + 1, NULL, 10)) : ys_toml_get(v, k);
	va_end(ap);
	assert_non_null(v);
	return v;
}

static const struct ys_toml_value *rule_by_id(const struct ys_toml_value *rules, const char *id)
{
	size_t i;

	for (i = 0; i < ys_toml_count(rules); i++)
		if (!strcmp(str_at(ys_toml_at(rules, i), "id"), id))
			return ys_toml_at(rules, i);
	fail_msg("no rule %s", id);
	return NULL;
}

static size_t line_of(const char *path, const char *text)
{
	struct ys_error err = {0};
	size_t len, line = 1;
	char *buf, *at, *q;

	assert_int_equal(ys_read_file(path, 1 << 24, &buf, &len, &err), 0);
	assert_non_null(at = strstr(buf, text));
	for (q = buf; q < at; q++)
		line += *q == '\n';
	free(buf);
	return line;
}

static void gitleaks_default(void **state)
{
	struct ys_toml *doc = parse_file(GITLEAKS "/gitleaks.toml");
	const struct ys_toml_value *root = ys_toml_root(doc), *rules, *r, *al, *v;

	(void)state;
	assert_string_equal(str_at(root, "title"), "gitleaks config");
	assert_string_equal(str_at(root, "minVersion"), "v8.25.0");
	rules = ys_toml_get(root, "rules");
	assert_int_equal(ys_toml_type(rules), YS_TOML_ARRAY);
	assert_int_equal(ys_toml_count(rules), 222);
	/* the global allowlist: 25 paths, 13 regexes, 2 stopwords */
	al = ys_toml_get(root, "allowlist");
	assert_int_equal(ys_toml_count(ys_toml_get(al, "paths")), 25);
	assert_string_equal(ys_toml_str(dig(al, "paths", "#0", NULL), NULL), "gitleaks\\.toml");
	assert_string_equal(ys_toml_str(dig(al, "paths", "#24", NULL), NULL), "(?:^|/)\\.git$");
	assert_int_equal(ys_toml_count(ys_toml_get(al, "regexes")), 13);
	assert_string_equal(ys_toml_str(dig(al, "regexes", "#2", NULL), NULL),
			    "^\\$(?:\\d+|{\\d+})$");
	v = ys_toml_get(al, "stopwords");
	assert_int_equal(ys_toml_count(v), 2);
	assert_string_equal(ys_toml_str(ys_toml_at(v, 1), NULL), "abcdefghijklmnopqrstuvwxyz");

	r = ys_toml_at(rules, 0);
	assert_string_equal(str_at(r, "id"), "1password-secret-key");
	assert_string_equal(str_at(r, "regex"),
			    "\\bA3-[A-Z0-9]{6}-(?:(?:[A-Z0-9]{11})|(?:[A-Z0-9]{6}-[A-Z0-9]{5}))-"
			    "[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\\b");
	assert_int_equal(ys_toml_type(ys_toml_get(r, "entropy")), YS_TOML_FLOAT);
	assert_true(ys_toml_float(ys_toml_get(r, "entropy")) == 3.8);
	assert_int_equal(ys_toml_line(r), line_of(GITLEAKS "/gitleaks.toml", "[[rules]]"));
	assert_string_equal(ys_toml_key_at(r, 0), "id");
	assert_string_equal(ys_toml_key_at(r, 4), "keywords");
	assert_null(ys_toml_key_at(r, 5));

	r = rule_by_id(rules, "grafana-api-key");
	assert_string_equal(
	    str_at(r, "regex"),
	    "(?i)\\b(eyJrIjoi[A-Za-z0-9]{70,400}={0,3})(?:[\\x60'\"\\s;]|\\\\[nr]|$)");
	v = ys_toml_get(r, "entropy"); /* written "3": an integer that reads as a float too */
	assert_int_equal(ys_toml_type(v), YS_TOML_INTEGER);
	assert_int_equal(ys_toml_int(v), 3);
	assert_true(ys_toml_float(v) == 3.0);
	assert_int_equal(ys_toml_line(r),
			 line_of(GITLEAKS "/gitleaks.toml", "id = \"grafana-api-key\"") - 1);

	/* [[rules.allowlists]] after a rule belongs to that rule */
	r = rule_by_id(rules, "aws-access-token");
	assert_int_equal(ys_toml_count(ys_toml_get(r, "keywords")), 5);
	assert_string_equal(ys_toml_str(dig(r, "keywords", "#4", NULL), NULL), "acca");
	assert_int_equal(ys_toml_count(ys_toml_get(r, "allowlists")), 1);
	assert_string_equal(ys_toml_str(dig(r, "allowlists", "#0", "regexes", "#0", NULL), NULL),
			    ".+EXAMPLE$");
	r = rule_by_id(rules, "generic-api-key");
	assert_int_equal(ys_toml_count(ys_toml_get(r, "allowlists")), 4);
	assert_string_equal(str_at(dig(r, "allowlists", "#3", NULL), "condition"), "AND");
	assert_int_equal(ys_toml_count(dig(r, "allowlists", "#3", "paths", NULL)), 4);
	assert_true(ys_toml_count(dig(r, "allowlists", "#1", "stopwords", NULL)) > 1000);
	r = rule_by_id(rules, "kubernetes-secret-yaml");
	assert_string_equal(ys_toml_str(dig(r, "allowlists", "#0", "regexes", "#0", NULL), NULL),
			    "[\\w.-]+:(?:[ \\t]*(?:\\||>[-+]?)\\s+)?[ \\t]*(?:\\{\\{[ "
			    "\\t\\w\"|$:=,.-]+}}|\"\"|'')");
	assert_string_equal(str_at(r, "path"), "(?i)\\.ya?ml$");
	assert_null(ys_toml_get(rule_by_id(rules, "aws-access-token"), "path"));
	ys_toml_free(doc);
}

/* every configuration of gitleaks' tests reads; its invalid ones are invalid as configurations
 * (no regex, an unknown target, an allowlist both old and new), none as TOML */
static size_t parse_dir(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	assert_non_null(d = opendir(dir));
	while ((de = readdir(d))) {
		char *path;
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 5, ".toml"))
			continue;
		path = strbuf_fmt("%s/%s", dir, de->d_name);
		ys_toml_free(parse_file(path));
		free(path);
		n++;
	}
	closedir(d);
	return n;
}

static void gitleaks_testdata(void **state)
{
	struct ys_toml *doc;
	const struct ys_toml_value *root, *r;

	(void)state;
	assert_int_equal(parse_dir(GITLEAKS "/testdata/config") +
			     parse_dir(GITLEAKS "/testdata/config/valid") +
			     parse_dir(GITLEAKS "/testdata/config/invalid"),
			 50);

	/* the old [rules.allowlist] and the new [[rules.allowlists]] side by side */
	doc = parse_file(GITLEAKS "/testdata/config/invalid/allowlist_rule_old_and_new.toml");
	r = dig(ys_toml_root(doc), "rules", "#0", NULL);
	assert_string_equal(ys_toml_str(dig(r, "allowlist", "regexes", "#0", NULL), NULL), "123");
	assert_int_equal(ys_toml_type(ys_toml_get(r, "allowlist")), YS_TOML_TABLE);
	assert_int_equal(ys_toml_count(ys_toml_get(r, "allowlists")), 1);
	assert_string_equal(ys_toml_str(dig(r, "allowlists", "#0", "regexes", "#0", NULL), NULL),
			    "456");
	assert_int_equal(ys_toml_line(dig(r, "allowlists", "#0", NULL)), 6);
	ys_toml_free(doc);

	doc = parse_file(GITLEAKS "/testdata/config/invalid/rule_missing_id.toml");
	assert_null(ys_toml_get(dig(ys_toml_root(doc), "rules", "#0", NULL), "id"));
	ys_toml_free(doc);

	doc = parse_file(GITLEAKS "/testdata/config/valid/allowlist_global_target_rules.toml");
	root = ys_toml_root(doc);
	assert_int_equal(ys_toml_count(ys_toml_get(root, "rules")), 3);
	r = dig(root, "allowlists", "#1", "targetRules", NULL);
	assert_int_equal(ys_toml_count(r), 2);
	assert_string_equal(ys_toml_str(ys_toml_at(r, 0), NULL), "github-app-token");
	assert_string_equal(ys_toml_str(ys_toml_at(r, 1), NULL), "github-pat");
	assert_string_equal(ys_toml_str(dig(root, "allowlists", "#1", "paths", "#0", NULL), NULL),
			    "(?:^|/)@octokit/auth-token/README\\.md$");
	ys_toml_free(doc);

	doc = parse_file(GITLEAKS "/testdata/config/encoded.toml");
	r = rule_by_id(ys_toml_get(ys_toml_root(doc), "rules"), "aws-iam-unique-identifier");
	assert_int_equal(ys_toml_int(ys_toml_get(r, "secretGroup")), 1);
	assert_true(ys_toml_float(ys_toml_get(r, "entropy")) == 3.2);
	assert_string_equal(ys_toml_str(dig(r, "tags", "#1", NULL), NULL), "identifier");
	ys_toml_free(doc);

	doc = parse_file(GITLEAKS "/testdata/config/valid/extend_rule_allowlist_and.toml");
	root = ys_toml_root(doc);
	assert_string_equal(str_at(ys_toml_get(root, "extend"), "path"),
			    "../testdata/config/valid/extend_rule_allowlist_base.toml");
	assert_string_equal(
	    str_at(dig(root, "rules", "#0", "allowlists", "#0", NULL), "regexTarget"), "line");
	ys_toml_free(doc);
}

static void escapes(void **state)
{
	struct ys_toml *doc = parse_ok("a = \"\\b\\t\\n\\f\\r\\\"\\\\\"\n"
				       "b = \"caf\\u00e9 \\u00E9 \\U0001F600 \\u20AC\"\n"
				       "c = \"x\\u0000y\"\n"
				       "d = 'C:\\Users\\nodejs\\templates'\n"
				       "e = '<\\i\\c*\\s*>'\n"
				       "\"k\\u0041y\" = 1\n"
				       "f = \"\"\n");
	const struct ys_toml_value *root = ys_toml_root(doc);
	size_t len;
	const char *s;

	(void)state;
	assert_string_equal(str_at(root, "a"), "\b\t\n\f\r\"\\");
	assert_string_equal(str_at(root, "b"),
			    "caf\xc3\xa9 \xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac");
	s = ys_toml_str(ys_toml_get(root, "c"), &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "x\0y", 4);
	assert_string_equal(str_at(root, "d"), "C:\\Users\\nodejs\\templates");
	assert_string_equal(str_at(root, "e"), "<\\i\\c*\\s*>");
	assert_non_null(ys_toml_get(root, "kAy"));
	s = ys_toml_str(ys_toml_get(root, "f"), &len);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	ys_toml_free(doc);
}

static void multi_line_strings(void **state)
{
	struct ys_toml *doc = parse_ok(
	    "a = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n"
	    "b = \"\"\"\r\none\r\ntwo\"\"\"\n"
	    "c = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"\n"
	    "d = \"\"\"\\\n       The quick brown \\\n       fox.\\\n       \"\"\"\n"
	    "e = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
	    "f = \"\"\"Here are three: \"\"\\\".\"\"\"\n"
	    "g = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n"
	    "h = \"\"\"x\"\"\"\"\"\n"
	    "i = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   "
	    "is preserved.\n'''\n"
	    "j = ''''That,' she said, 'is still pointless.''''\n"
	    "k = '''I [dw]on't need \\d{2} apples'''\n"
	    "l = \"\"\"\n\nkeeps the second\"\"\"\n"
	    "m = \"\"\"trailing \\   \n  blanks after the backslash\"\"\"\n"
	    "n = \"\"\"\"\"\"\n");
	const struct ys_toml_value *root = ys_toml_root(doc);

	(void)state;
	assert_string_equal(str_at(root, "a"), "Roses are red\nViolets are blue");
	assert_string_equal(str_at(root, "b"), "one\ntwo");
	assert_string_equal(str_at(root, "c"), "The quick brown fox jumps over the lazy dog.");
	assert_string_equal(str_at(root, "d"), "The quick brown fox.");
	assert_string_equal(str_at(root, "e"),
			    "Here are two quotation marks: \"\". Simple enough.");
	assert_string_equal(str_at(root, "f"), "Here are three: \"\"\".");
	assert_string_equal(str_at(root, "g"),
			    "\"This,\" she said, \"is just a pointless statement.\"");
	assert_string_equal(str_at(root, "h"), "x\"\"");
	assert_string_equal(str_at(root, "i"), "The first newline is\ntrimmed in raw strings.\n"
					       "   All other whitespace\n   is preserved.\n");
	assert_string_equal(str_at(root, "j"), "'That,' she said, 'is still pointless.'");
	assert_string_equal(str_at(root, "k"), "I [dw]on't need \\d{2} apples");
	assert_string_equal(str_at(root, "l"), "\nkeeps the second");
	assert_string_equal(str_at(root, "m"), "trailing blanks after the backslash");
	assert_string_equal(str_at(root, "n"), "");
	ys_toml_free(doc);
}

static void integers(void **state)
{
	struct ys_toml *doc =
	    parse_ok("a = +99\nb = 42\nc = 0\nd = -17\ne = 1_000\nf = 5_349_221\ng = 53_49_221\n"
		     "h = 0xDEADBEEF\ni = 0xdead_beef\nj = 0o01234567\nk = 0o755\nl = 0b11010110\n"
		     "m = 9223372036854775807\nn = -9223372036854775808\no = 0x7FFFFFFFFFFFFFFF\n"
		     "p = -0\nq = +0\nr = 0x00ff\n");
	const struct ys_toml_value *root = ys_toml_root(doc);
	static const struct {
		const char *key;
		int64_t v;
	} want[] = {{"a", 99},	       {"b", 42},	 {"c", 0},	   {"d", -17},
		    {"e", 1000},       {"f", 5349221},	 {"g", 5349221},   {"h", 0xdeadbeef},
		    {"i", 0xdeadbeef}, {"j", 01234567},	 {"k", 0755},	   {"l", 214},
		    {"m", INT64_MAX},  {"n", INT64_MIN}, {"o", INT64_MAX}, {"p", 0},
		    {"q", 0},	       {"r", 255}};
	size_t i;

	(void)state;
	assert_int_equal(ys_toml_count(root), sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct ys_toml_value *v = ys_toml_get(root, want[i].key);

		assert_int_equal(ys_toml_type(v), YS_TOML_INTEGER);
		assert_true(ys_toml_int(v) == want[i].v);
	}
	ys_toml_free(doc);
}

static void floats_bools_datetimes(void **state)
{
	struct ys_toml *doc = parse_ok(
	    "a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\n"
	    "h = 224_617.445_991_228\ni = inf\nj = -inf\nk = nan\nl = -0.0\nm = 0e0\n"
	    "t = true\nu = false\n"
	    "odt1 = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00.999999-07:00\n"
	    "odt3 = 1979-05-27 07:32:00+01:30\nldt = 1979-05-27T07:32:00\nld = 1979-05-27\n"
	    "lt = 00:32:00.999999\nleap = 2000-02-29\n");
	const struct ys_toml_value *root = ys_toml_root(doc);

	(void)state;
	assert_true(ys_toml_float(ys_toml_get(root, "a")) == 1.0);
	assert_true(ys_toml_float(ys_toml_get(root, "b")) == 3.1415);
	assert_true(ys_toml_float(ys_toml_get(root, "c")) == -0.01);
	assert_true(ys_toml_float(ys_toml_get(root, "d")) == 5e22);
	assert_true(ys_toml_float(ys_toml_get(root, "e")) == 1e6);
	assert_true(ys_toml_float(ys_toml_get(root, "f")) == -2e-2);
	assert_true(ys_toml_float(ys_toml_get(root, "g")) == 6.626e-34);
	assert_true(ys_toml_float(ys_toml_get(root, "h")) == 224617.445991228);
	assert_true(isinf(ys_toml_float(ys_toml_get(root, "i"))) &&
		    ys_toml_float(ys_toml_get(root, "i")) > 0);
	assert_true(ys_toml_float(ys_toml_get(root, "j")) < 0);
	assert_true(isnan(ys_toml_float(ys_toml_get(root, "k"))));
	assert_true(signbit(ys_toml_float(ys_toml_get(root, "l"))));
	assert_int_equal(ys_toml_type(ys_toml_get(root, "m")), YS_TOML_FLOAT);
	assert_int_equal(ys_toml_type(ys_toml_get(root, "t")), YS_TOML_BOOL);
	assert_int_equal(ys_toml_bool(ys_toml_get(root, "t")), 1);
	assert_int_equal(ys_toml_bool(ys_toml_get(root, "u")), 0);
	assert_string_equal(ys_toml_datetime(ys_toml_get(root, "odt1")), "1979-05-27T07:32:00Z");
	assert_string_equal(ys_toml_datetime(ys_toml_get(root, "odt2")),
			    "1979-05-27T00:32:00.999999-07:00");
	assert_string_equal(ys_toml_datetime(ys_toml_get(root, "odt3")),
			    "1979-05-27 07:32:00+01:30");
	assert_string_equal(ys_toml_datetime(ys_toml_get(root, "ldt")), "1979-05-27T07:32:00");
	assert_string_equal(ys_toml_datetime(ys_toml_get(root, "ld")), "1979-05-27");
	assert_string_equal(ys_toml_datetime(ys_toml_get(root, "lt")), "00:32:00.999999");
	assert_int_equal(ys_toml_type(ys_toml_get(root, "leap")), YS_TOML_DATETIME);
	/* accessors of another type give nothing */
	assert_null(ys_toml_str(ys_toml_get(root, "ld"), NULL));
	assert_null(ys_toml_datetime(ys_toml_get(root, "t")));
	assert_int_equal(ys_toml_int(ys_toml_get(root, "b")), 0);
	assert_int_equal(ys_toml_count(ys_toml_get(root, "b")), 0);
	assert_null(ys_toml_get(ys_toml_get(root, "b"), "x"));
	assert_null(ys_toml_at(root, 99));
	assert_string_equal(ys_toml_type_name(YS_TOML_DATETIME), "date-time");
	ys_toml_free(doc);
}

static void keys_and_dotted_tables(void **state)
{
	struct ys_toml *doc =
	    parse_ok("name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\n"
		     "site.\"google.com\" = true\n3.14159 = \"pi\"\n\"\" = \"empty\"\n"
		     "'quoted \"value\"' = 1\n a . b . c = 2\nfruit.apple.smooth = true\n"
		     "fruit.orange = 2\n\"ʎǝʞ\" = 'v'\n");
	const struct ys_toml_value *root = ys_toml_root(doc), *v;

	(void)state;
	v = ys_toml_get(root, "physical");
	assert_int_equal(ys_toml_type(v), YS_TOML_TABLE);
	assert_int_equal(ys_toml_count(v), 2);
	assert_string_equal(str_at(v, "shape"), "round");
	assert_int_equal(ys_toml_line(v), 2);
	assert_int_equal(ys_toml_bool(dig(root, "site", "google.com", NULL)), 1);
	assert_null(ys_toml_get(root, "site.google.com"));
	assert_string_equal(str_at(dig(root, "3", NULL), "14159"), "pi");
	assert_string_equal(str_at(root, ""), "empty");
	assert_int_equal(ys_toml_int(ys_toml_get(root, "quoted \"value\"")), 1);
	assert_int_equal(ys_toml_int(dig(root, "a", "b", "c", NULL)), 2);
	assert_int_equal(ys_toml_bool(dig(root, "fruit", "apple", "smooth", NULL)), 1);
	assert_int_equal(ys_toml_int(dig(root, "fruit", "orange", NULL)), 2);
	assert_string_equal(str_at(root, "ʎǝʞ"), "v");
	/* keys in document order */
	assert_string_equal(ys_toml_key_at(root, 0), "name");
	assert_string_equal(ys_toml_key_at(root, 1), "physical");
	assert_string_equal(ys_toml_key_at(root, 2), "site");
	assert_string_equal(ys_toml_key_at(root, 3), "3");
	assert_int_equal(ys_toml_count(root), 9);
	ys_toml_free(doc);
}

static void arrays_and_inline_tables(void **state)
{
	struct ys_toml *doc =
	    parse_ok("integers = [ 1, 2, 3 ]\n"
		     "nested_mixed = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\n"
		     "mixed = [ 0.1, 'x', true, 1979-05-27, { name = \"Baz\" }, [] ]\n"
		     "spread = [ # a comment\n  1,\n\n  2, # another\n]\n"
		     "empty = [ ]\n"
		     "name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
		     "animal = { type.name = \"pug\", type.size = 2 }\n"
		     "deep = { a = { b = [ { c = 1 } ] } }\n"
		     "inl = { arr = [\n 1,\n 2 ] }\n"
		     "blank = {}\n");
	const struct ys_toml_value *root = ys_toml_root(doc), *v;

	(void)state;
	v = ys_toml_get(root, "integers");
	assert_int_equal(ys_toml_count(v), 3);
	assert_int_equal(ys_toml_int(ys_toml_at(v, 2)), 3);
	assert_string_equal(ys_toml_str(dig(root, "nested_mixed", "#1", "#2", NULL), NULL), "c");
	v = ys_toml_get(root, "mixed");
	assert_int_equal(ys_toml_count(v), 6);
	assert_int_equal(ys_toml_type(ys_toml_at(v, 0)), YS_TOML_FLOAT);
	assert_int_equal(ys_toml_type(ys_toml_at(v, 1)), YS_TOML_STRING);
	assert_int_equal(ys_toml_type(ys_toml_at(v, 2)), YS_TOML_BOOL);
	assert_int_equal(ys_toml_type(ys_toml_at(v, 3)), YS_TOML_DATETIME);
	assert_string_equal(str_at(ys_toml_at(v, 4), "name"), "Baz");
	assert_int_equal(ys_toml_type(ys_toml_at(v, 5)), YS_TOML_ARRAY);
	v = ys_toml_get(root, "spread");
	assert_int_equal(ys_toml_count(v), 2);
	assert_int_equal(ys_toml_line(ys_toml_at(v, 1)), 7);
	assert_int_equal(ys_toml_count(ys_toml_get(root, "empty")), 0);
	assert_string_equal(str_at(ys_toml_get(root, "name"), "last"), "Preston-Werner");
	assert_string_equal(str_at(dig(root, "animal", "type", NULL), "name"), "pug");
	assert_int_equal(ys_toml_int(dig(root, "deep", "a", "b", "#0", "c", NULL)), 1);
	assert_int_equal(ys_toml_count(dig(root, "inl", "arr", NULL)), 2);
	assert_int_equal(ys_toml_type(ys_toml_get(root, "blank")), YS_TOML_TABLE);
	assert_int_equal(ys_toml_count(ys_toml_get(root, "blank")), 0);
	ys_toml_free(doc);
}

static void tables_and_arrays_of_tables(void **state)
{
	struct ys_toml *doc =
	    parse_ok("title = \"t\"\n"
		     "[x.y.z.w] # implicit x, x.y, x.y.z\n"
		     "[x]\nk = 1\n"
		     "[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n"
		     "[[rules]]\nid = \"one\"\n[rules.allowlist]\nregexes = ['a']\n"
		     "[[rules]]\nid = \"two\"\n[[rules.allowlists]]\npaths = ['p']\n"
		     "[[rules.allowlists]]\nstopwords = ['s']\n"
		     "[rules.extra]\nn = 3\n"
		     "[[rules]]\nid = \"three\"\n"
		     "[ j . \"ʞ\" . 'l' ]\nm = 1\n"
		     "[[products]]\n[[products]]\nname = \"Nail\"\n");
	const struct ys_toml_value *root = ys_toml_root(doc), *rules, *r;

	(void)state;
	assert_int_equal(ys_toml_count(dig(root, "x", "y", "z", "w", NULL)), 0);
	assert_int_equal(ys_toml_int(dig(root, "x", "k", NULL)), 1);
	assert_int_equal(ys_toml_line(ys_toml_get(root, "x")), 3);
	assert_int_equal(ys_toml_bool(dig(root, "fruit", "apple", "texture", "smooth", NULL)), 1);
	assert_string_equal(str_at(dig(root, "fruit", "apple", NULL), "color"), "red");
	rules = ys_toml_get(root, "rules");
	assert_int_equal(ys_toml_count(rules), 3);
	r = ys_toml_at(rules, 0);
	assert_string_equal(str_at(r, "id"), "one");
	assert_string_equal(ys_toml_str(dig(r, "allowlist", "regexes", "#0", NULL), NULL), "a");
	assert_null(ys_toml_get(r, "allowlists"));
	assert_int_equal(ys_toml_line(r), 9);
	r = ys_toml_at(rules, 1);
	assert_string_equal(str_at(r, "id"), "two");
	assert_null(ys_toml_get(r, "allowlist"));
	assert_int_equal(ys_toml_count(ys_toml_get(r, "allowlists")), 2);
	assert_string_equal(ys_toml_str(dig(r, "allowlists", "#1", "stopwords", "#0", NULL), NULL),
			    "s");
	assert_int_equal(ys_toml_int(dig(r, "extra", "n", NULL)), 3);
	assert_int_equal(ys_toml_line(dig(r, "allowlists", "#1", NULL)), 17);
	r = ys_toml_at(rules, 2);
	assert_int_equal(ys_toml_count(r), 1);
	assert_int_equal(ys_toml_int(dig(root, "j", "ʞ", "l", "m", NULL)), 1);
	assert_int_equal(ys_toml_count(ys_toml_get(root, "products")), 2);
	assert_int_equal(ys_toml_count(dig(root, "products", "#0", NULL)), 0);
	assert_string_equal(str_at(dig(root, "products", "#1", NULL), "name"), "Nail");
	ys_toml_free(doc);
}

static void bom_crlf_and_blank_documents(void **state)
{
	struct ys_toml *doc = parse_ok("\xef\xbb\xbf# c\r\na = 1\r\n[t]\r\nb = [\r\n 2,\r\n]\r\n");
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(ys_toml_int(ys_toml_get(ys_toml_root(doc), "a")), 1);
	assert_int_equal(ys_toml_int(dig(ys_toml_root(doc), "t", "b", "#0", NULL)), 2);
	assert_int_equal(ys_toml_line(dig(ys_toml_root(doc), "t", "b", "#0", NULL)), 5);
	ys_toml_free(doc);
	doc = parse_ok("");
	assert_int_equal(ys_toml_count(ys_toml_root(doc)), 0);
	ys_toml_free(doc);
	doc = parse_ok("  \n# only a comment\n\t\n");
	assert_int_equal(ys_toml_count(ys_toml_root(doc)), 0);
	ys_toml_free(doc);
	/* no name: the message starts at the line */
	assert_int_equal(ys_toml_parse("a = ", 4, NULL, &doc, &err), YS_EPARSE);
	assert_string_equal(err.msg, "line 1 column 5: expected a value");
}

static void refusals(void **state)
{
	(void)state;
	/* redefinitions */
	refused("a = 1\na = 2\n", 2, "duplicate key 'a'");
	refused("[[rules]]\nid = 'x'\nregex = 'a'\n  regex = 'b'\n", 4,
		"column 3: duplicate key 'regex' in table [[rules]]");
	refused("[a]\nb = 1\n[a]\n", 3, "table [a] is defined twice (first on line 1)");
	refused("[a]\n[a.b]\n[a]\n", 3, "table [a] is defined twice");
	refused("a.b = 1\n[a]\n", 2, "table [a] was already defined by dotted keys");
	refused("[fruit]\napple.color = 'red'\napple.taste.sweet = true\n[fruit.apple.taste]\n", 4,
		"already defined by dotted keys");
	refused("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, "has its own header");
	refused("[t]\nx.y = 1\n[t.u]\n[t]\n", 4, "defined twice");
	refused("[t]\nx.y = 1\n[t.u]\n[t.x.z]\n[t.u.v]\n[t.x]\n", 6, "defined by dotted keys");
	refused("a = 1\na.b = 2\n", 2, "'a' is already an integer (line 1), not a table");
	refused("fruits = []\n[[fruits]]\n", 2, "array written with '='");
	refused("a = [{b = 1}]\n[a.c]\n", 2, "'a' is already an array (line 1), not a table");
	refused("[[a]]\n[a]\n", 2, "'a' is already an array of tables");
	refused("[a]\n[[a]]\n", 2, "not an array of tables");
	refused("[[tab.arr]]\n[tab]\narr.val1 = 1\n", 3, "already an array of tables");
	refused("a = {b = 1}\na.c = 2\n", 2, "inline table");
	refused("a = {b = 1}\n[a]\n", 2, "already an inline table");
	refused("a = {b = {}}\n[a.b]\n", 2, "inline table");
	refused("a = {b = 1, b = 2}\n", 1, "duplicate key 'b' in an inline table");
	/* syntax */
	refused("a = 1\nb = \n", 2, "expected a value");
	refused("x = 1\na = 1 2\n", 2, "expected the end of the line after a value");
	refused("\n\n[a\n", 3, "expected ']' closing the header");
	refused("[[a]\n", 1, "expected ']]'");
	refused("[a] x = 1\n", 1, "after a table header");
	refused("a = 1\nkey\n", 2, "expected '=' after the key 'key'");
	refused("= 1\n", 1, "expected a key");
	refused("a = 1\naa.b.", 2, "expected a key"); /* at the very end: found by fuzz-toml */
	refused("a = {b = 1,}\n", 1, "trailing comma in an inline table");
	refused("a = {b = 1,\nc = 2}\n", 1, "line break in an inline table");
	refused("a = {b = 1,, c = 2}\n", 1, "column 12: expected a key, found ','");
	refused("a = {b = 1\n", 1, "line break in an inline table");
	refused("a = {b = 1", 1, "column 5: unterminated inline table");
	refused("a = [1 2]\n", 1, "expected ',' or ']'");
	refused("a = [1,\n2,\n", 1, "unterminated array");
	refused("a = hello\n", 1, "invalid value 'hello'");
	refused("a = tru\n", 1, "invalid value 'tru'");
	/* strings */
	refused("a = 1\nb = \"x\\qy\"\n", 2, "invalid escape \\q");
	refused("a = \"\\x41\"\n", 1, "invalid escape \\x");
	refused("a = \"\\uD800\"\n", 1, "not a Unicode scalar value");
	refused("a = \"\\U00110000\"\n", 1, "not a Unicode scalar value");
	refused("a = \"\\u12\"\n", 1, "needs 4 hex digits");
	refused("a = \"abc\nb = 1\n", 1, "line break in a single-line string");
	refused("a = 'abc\n", 1, "line break in a single-line string");
	refused("x = 1\na = \"\"\"abc\n\n", 2, "unterminated string");
	refused("a = \"\"\"x\"\"\"\"\"\"\n", 1, "too many quotes");
	refused("a = \"\"\"x \\  y\"\"\"\n", 1, "invalid escape");
	refused("\"\"\"k\"\"\" = 1\n", 1, "a multi-line string cannot be a key");
	/* numbers and dates */
	refused("a = 012\n", 1, "leading zero in '012'");
	refused("a = 1__0\n", 1, "invalid number '1__0'");
	refused("a = 1_\n", 1, "invalid number");
	refused("a = 0b102\n", 1, "invalid number");
	refused("a = +0x10\n", 1, "invalid number");
	refused("a = 9223372036854775808\n", 1, "does not fit in 64 bits");
	refused("a = -9223372036854775809\n", 1, "does not fit in 64 bits");
	refused("a = 0x1_0000_0000_0000_0000\n", 1, "does not fit in 64 bits");
	refused("a = 1.\n", 1, "invalid number '1.'");
	refused("a = 3.e+20\n", 1, "invalid number");
	refused("a = 1e\n", 1, "invalid number");
	refused("a = 01.5\n", 1, "leading zero");
	refused("a = 1979-13-01\n", 1, "invalid date-time");
	refused("a = 1979-02-29\n", 1, "invalid date-time");
	refused("a = 24:00:00\n", 1, "invalid date-time");
	refused("a = 07:32\n", 1, "invalid date-time");
	/* text */
	refused("a = 1\nb = \"\xff\"\n", 2, "invalid UTF-8 (byte 0xff)");
	refused("a = \"\xc0\xaf\"\n", 1, "invalid UTF-8");
	refused("a = \"\xed\xa0\x80\"\n", 1, "invalid UTF-8");
	refused("a = 1\n# bell \x07\n", 2, "control character U+0007");
	refused("a = \"\x7f\"\n", 1, "control character U+007F");
	refused("a = 1\rb = 2\n", 1, "carriage return without a line feed");
}

static void error_columns_and_nul(void **state)
{
	struct ys_toml *doc = NULL;
	struct ys_error err = {0};

	(void)state;
	/* columns count characters, not bytes */
	refused("\"é\" = 1\n\"é\" = 2\n", 2, "column 1: duplicate key");
	refused("é = 1\n", 1, "column 1: expected a key");
	refused("a = \"ééé\\q\"\n", 1, "column 9: invalid escape");
	/* a NUL byte is a control character, not the end of the text */
	assert_int_equal(ys_toml_parse("a = 1\0b", 7, "t.toml", &doc, &err), YS_EPARSE);
	assert_string_equal(err.msg, "'t.toml' line 1 column 6: control character U+0000 is not "
				     "allowed");
	assert_null(doc);
}

static void depth_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ys_toml *doc;
	struct ys_error err = {0};
	int i;

	(void)state;
	/* the root is level 0: 64 arrays under a key are the deepest allowed */
	strbuf_addstr(&sb, "a = ");
	for (i = 0; i < 64; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < 64; i++)
		strbuf_addch(&sb, ']');
	doc = parse_ok(sb.buf);
	ys_toml_free(doc);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a = ");
	for (i = 0; i < 65; i++)
		strbuf_addstr(&sb, "{b=");
	strbuf_addch(&sb, '1');
	for (i = 0; i < 65; i++)
		strbuf_addch(&sb, '}');
	refused(sb.buf, 1, "nested deeper than 64");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "\n[a");
	for (i = 0; i < 70; i++)
		strbuf_addstr(&sb, ".a");
	strbuf_addstr(&sb, "]\n");
	assert_int_equal(ys_toml_parse(sb.buf, sb.len, "t.toml", &doc, &err), YS_EPARSE);
	assert_non_null(strstr(err.msg, "line 2 column "));
	strbuf_release(&sb);
}

/* many keys in one table and many [[rules]]: every key found again through the hash index */
static void many_keys(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ys_toml *doc;
	const struct ys_toml_value *root, *rules;
	char key[32];
	int i;

	(void)state;
	for (i = 0; i < 20000; i++)
		strbuf_addf(&sb, "key%d = %d\n", i, i);
	for (i = 0; i < 10000; i++)
		strbuf_addf(&sb, "[[rules]]\nid = \"r%d\"\n[rules.allowlist]\npaths = ['p%d']\n", i,
			    i);
	doc = parse_ok(sb.buf);
	root = ys_toml_root(doc);
	assert_int_equal(ys_toml_count(root), 20001);
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		assert_int_equal(ys_toml_int(ys_toml_get(root, key)), i);
		assert_string_equal(ys_toml_key_at(root, (size_t)i), key);
	}
	assert_null(ys_toml_get(root, "key20000"));
	assert_null(ys_toml_get(root, "key"));
	rules = ys_toml_get(root, "rules");
	assert_int_equal(ys_toml_count(rules), 10000);
	assert_string_equal(str_at(ys_toml_at(rules, 9999), "id"), "r9999");
	assert_string_equal(
	    ys_toml_str(dig(rules, "#4321", "allowlist", "paths", "#0", NULL), NULL), "p4321");
	ys_toml_free(doc);
	/* and a duplicate among them is still found */
	strbuf_addstr(&sb, "[x]\n");
	for (i = 0; i < 100; i++)
		strbuf_addf(&sb, "k%d = 1\n", i);
	strbuf_addstr(&sb, "k57 = 2\n");
	refused(sb.buf, 20000 + 40000 + 1 + 100 + 1, "duplicate key 'k57' in table [x]");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(gitleaks_default),
	    cmocka_unit_test(gitleaks_testdata),
	    cmocka_unit_test(escapes),
	    cmocka_unit_test(multi_line_strings),
	    cmocka_unit_test(integers),
	    cmocka_unit_test(floats_bools_datetimes),
	    cmocka_unit_test(keys_and_dotted_tables),
	    cmocka_unit_test(arrays_and_inline_tables),
	    cmocka_unit_test(tables_and_arrays_of_tables),
	    cmocka_unit_test(bom_crlf_and_blank_documents),
	    cmocka_unit_test(refusals),
	    cmocka_unit_test(error_columns_and_nul),
	    cmocka_unit_test(depth_limit),
	    cmocka_unit_test(many_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
