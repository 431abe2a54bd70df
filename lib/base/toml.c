/* toml.c: the TOML reader's structure: keys, tables and their headers, arrays of tables, inline
 * values, the rules against defining anything twice, and the document as a whole */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "toml-impl.h"
#include "../banned.h"

/* A dotted key as written, its parts and its text for messages */
struct toml_key {
	size_t n;
	struct toml_key_part part[YS_TOML_MAX_DEPTH + 1];
	const char *start, *stop;
};

static void skip_ws(struct toml_parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
		ps->p++;
}

/* Blanks, line breaks and comments, as between an array's items */
static void skip_blank(struct toml_parser *ps)
{
	for (;;) {
		while (ps->p < ps->end &&
		       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
			ps->p++;
		if (ps->p == ps->end || *ps->p != '#')
			return;
		while (ps->p < ps->end && *ps->p != '\n')
			ps->p++;
	}
}

/* Blanks and a comment up to the end of the line, and the line break */
static int end_of_line(struct toml_parser *ps, const char *after)
{
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '#')
		while (ps->p < ps->end && *ps->p != '\n')
			ps->p++;
	if (ps->p == ps->end)
		return 0;
	if (*ps->p == '\n' || *ps->p == '\r') {
		ps->p += *ps->p == '\r' ? 2 : 1;
		return 0;
	}
	return ys_toml_fail(ps, ps->p, "expected the end of the line after %s", after);
}

static int bare_key_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static int simple_key(struct toml_parser *ps, struct toml_key_part *kp)
{
	const char *q = ps->p;
	int rc;

	kp->at = ps->p;
	kp->bare = ps->p == ps->end || (*ps->p != '"' && *ps->p != '\'');
	if (!kp->bare) {
		if ((rc = ys_toml_string(ps, 0, &kp->s, &kp->len)))
			return rc;
	} else {
		while (q < ps->end && bare_key_char(*q))
			q++;
		if (q == ps->p && q < ps->end && toml_printable(*q))
			return ys_toml_fail(ps, q, "expected a key, found '%c'", *q);
		if (q == ps->p)
			return ys_toml_fail(ps, q, "expected a key");
		kp->s = ps->p;
		kp->len = (size_t)(q - ps->p);
		ps->p = q;
	}
	kp->hash = ys_hash_mem(ps->seed, kp->s, kp->len);
	return 0;
}

static int parse_key(struct toml_parser *ps, struct toml_key *k)
{
	int rc;

	k->n = 0;
	k->start = ps->p;
	for (;;) {
		if (k->n > YS_TOML_MAX_DEPTH)
			return ys_toml_fail(ps, ps->p, "a key of more than %d parts",
					    YS_TOML_MAX_DEPTH);
		if ((rc = simple_key(ps, &k->part[k->n++])))
			return rc;
		k->stop = ps->p;
		skip_ws(ps);
		if (ps->p == ps->end || *ps->p != '.')
			return 0;
		ps->p++;
		skip_ws(ps);
	}
}

/* Up to size - 1 bytes of s for a message, cut at a character with "..." when longer */
static const char *clip(const char *s, size_t n, char *buf, size_t size)
{
	if (n >= size) {
		n = size - 4;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		memcpy(buf + n, "...", 4);
	} else {
		buf[n] = '\0';
	}
	memcpy(buf, s, n);
	return buf;
}

/* The key as written, or its first parts up to part upto, for a message */
static const char *key_text(const struct toml_key *k, size_t upto, char *buf, size_t size)
{
	const char *stop = upto < k->n ? k->part[upto].at : k->stop;

	if (upto < k->n) /* without the dot and blanks before the next part */
		while (stop > k->start && (stop[-1] == '.' || stop[-1] == ' ' || stop[-1] == '\t'))
			stop--;
	return clip(k->start, (size_t)(stop - k->start), buf, size);
}

/* Where a key is, for messages: " in table [a.b]", " in an inline table", or nothing */
static const char *where(const struct toml_parser *ps, int in_inline, char *buf, size_t size)
{
	if (in_inline)
		return " in an inline table";
	if (!ps->header)
		return "";
	memcpy(buf, " in table ", 10);
	clip(ps->header, ps->header_len, buf + 10, size - 10);
	return buf;
}

static const char *a_type(const struct ys_toml_value *v)
{
	static const char *const names[] = {"a string",	   "an integer", "a float", "a boolean",
					    "a date-time", "an array",	 "a table"};

	return v->flags & TOML_AOT ? "an array of tables" : names[v->type];
}

/* Part i of a dotted key (a.b = 1), not its last, in table *t: the table it names, made when
 * absent. Dotted keys define their tables: no header and no later section may add to them. */
static int dotted_step(struct toml_parser *ps, struct ys_toml_value **t, const struct toml_key *k,
		       size_t i, uint32_t section)
{
	const struct toml_key_part *kp = &k->part[i];
	struct toml_entry *e = ys_toml_find(*t, kp->s, kp->len, kp->hash);
	struct ys_toml_value *v;
	char kb[64];
	int rc;

	if (!e) {
		if ((rc = ys_toml_new(ps, YS_TOML_TABLE, kp->at, (*t)->depth + 1, &v)) ||
		    (rc = ys_toml_insert(ps, *t, kp, v)))
			return rc;
		v->section = section;
		*t = v;
		return 0;
	}
	v = e->val;
	key_text(k, i + 1, kb, sizeof(kb));
	if (v->type != YS_TOML_TABLE)
		return ys_toml_fail(ps, kp->at, "'%s' is already %s (line %zu), not a table", kb,
				    a_type(v), v->line);
	if (v->flags & TOML_FROZEN)
		return ys_toml_fail(ps, kp->at,
				    "'%s' is an inline table (line %zu), it cannot be added to", kb,
				    v->line);
	if (v->flags & TOML_HEADER)
		return ys_toml_fail(
		    ps, kp->at,
		    "table '%s' has its own header (line %zu), dotted keys cannot add to it", kb,
		    v->line);
	if (v->section && v->section != section)
		return ys_toml_fail(
		    ps, kp->at,
		    "table '%s' was defined by dotted keys in another section (line %zu)", kb,
		    v->line);
	v->section = section;
	*t = v;
	return 0;
}

/* Part i of a header's key, not its last, in table *t: the table it names (the last one of an
 * array of tables), made when absent */
static int header_step(struct toml_parser *ps, struct ys_toml_value **t, const struct toml_key *k,
		       size_t i)
{
	const struct toml_key_part *kp = &k->part[i];
	struct toml_entry *e = ys_toml_find(*t, kp->s, kp->len, kp->hash);
	struct ys_toml_value *v;
	char kb[64];
	int rc;

	if (!e) {
		if ((rc = ys_toml_new(ps, YS_TOML_TABLE, kp->at, (*t)->depth + 1, &v)) ||
		    (rc = ys_toml_insert(ps, *t, kp, v)))
			return rc;
		*t = v;
		return 0;
	}
	v = e->val;
	if (v->type == YS_TOML_ARRAY && (v->flags & TOML_AOT)) {
		*t = v->u.a.items[v->len - 1];
		return 0;
	}
	key_text(k, i + 1, kb, sizeof(kb));
	if (v->type != YS_TOML_TABLE)
		return ys_toml_fail(ps, kp->at, "'%s' is already %s (line %zu), not a table", kb,
				    a_type(v), v->line);
	if (v->flags & TOML_FROZEN)
		return ys_toml_fail(ps, kp->at,
				    "'%s' is an inline table (line %zu), it cannot be added to", kb,
				    v->line);
	*t = v;
	return 0;
}

/* The last part of [a.b.c]: a table no header, dotted key or value defined before */
static int define_table(struct toml_parser *ps, struct ys_toml_value *t, const struct toml_key *k,
			const char *open)
{
	const struct toml_key_part *kp = &k->part[k->n - 1];
	struct toml_entry *e = ys_toml_find(t, kp->s, kp->len, kp->hash);
	struct ys_toml_value *v;
	char kb[64];
	int rc;

	if (!e) {
		if ((rc = ys_toml_new(ps, YS_TOML_TABLE, open, t->depth + 1, &v)) ||
		    (rc = ys_toml_insert(ps, t, kp, v)))
			return rc;
	} else {
		v = e->val;
		key_text(k, k->n, kb, sizeof(kb));
		if (v->type != YS_TOML_TABLE)
			return ys_toml_fail(ps, kp->at,
					    "'%s' is already %s (line %zu), not a table", kb,
					    a_type(v), v->line);
		if (v->flags & TOML_FROZEN)
			return ys_toml_fail(ps, kp->at,
					    "table [%s] is already an inline table (line %zu)", kb,
					    v->line);
		if (v->flags & TOML_HEADER)
			return ys_toml_fail(ps, kp->at,
					    "table [%s] is defined twice (first on line %zu)", kb,
					    v->line);
		if (v->section)
			return ys_toml_fail(
			    ps, kp->at, "table [%s] was already defined by dotted keys (line %zu)",
			    kb, v->line);
		v->line = ys_toml_line_at(ps, open);
	}
	v->flags |= TOML_HEADER;
	ps->cur = v;
	return 0;
}

/* The last part of [[a.b.c]]: a new table at the end of an array of tables */
static int append_table(struct toml_parser *ps, struct ys_toml_value *t, const struct toml_key *k,
			const char *open)
{
	const struct toml_key_part *kp = &k->part[k->n - 1];
	struct toml_entry *e = ys_toml_find(t, kp->s, kp->len, kp->hash);
	struct ys_toml_value *a, *v;
	char kb[64];
	int rc;

	if (!e) {
		if ((rc = ys_toml_new(ps, YS_TOML_ARRAY, open, t->depth + 1, &a)) ||
		    (rc = ys_toml_insert(ps, t, kp, a)))
			return rc;
		a->flags = TOML_AOT;
	} else if ((a = e->val)->type != YS_TOML_ARRAY || !(a->flags & TOML_AOT)) {
		key_text(k, k->n, kb, sizeof(kb));
		if (a->type == YS_TOML_ARRAY)
			return ys_toml_fail(
			    ps, kp->at,
			    "'%s' is an array written with '=' (line %zu), [[%s]] cannot add to it",
			    kb, a->line, kb);
		return ys_toml_fail(ps, kp->at,
				    "'%s' is already %s (line %zu), not an array of tables", kb,
				    a_type(a), a->line);
	}
	if ((rc = ys_toml_new(ps, YS_TOML_TABLE, open, a->depth + 1, &v)) ||
	    (rc = ys_toml_push(ps, a, v)))
		return rc;
	v->flags = TOML_HEADER;
	ps->cur = v;
	return 0;
}

static int header(struct toml_parser *ps)
{
	const char *open = ps->p;
	int aot = ps->end - ps->p > 1 && ps->p[1] == '[', rc;
	struct ys_toml_value *t = ps->doc->root;
	struct toml_key k;
	size_t i;

	ps->p += aot ? 2 : 1;
	skip_ws(ps);
	if ((rc = parse_key(ps, &k)))
		return rc;
	if (aot && (ps->end - ps->p < 2 || ps->p[0] != ']' || ps->p[1] != ']'))
		return ys_toml_fail(ps, ps->p, "expected ']]' closing the header");
	if (!aot && (ps->p == ps->end || *ps->p != ']'))
		return ys_toml_fail(ps, ps->p, "expected ']' closing the header");
	ps->p += aot ? 2 : 1;
	ps->header = open;
	ps->header_len = (size_t)(ps->p - open);
	ps->section = ++ps->sections;
	for (i = 0; i + 1 < k.n; i++)
		if ((rc = header_step(ps, &t, &k, i)))
			return rc;
	return aot ? append_table(ps, t, &k, open) : define_table(ps, t, &k, open);
}

static int parse_value(struct toml_parser *ps, int depth, struct ys_toml_value **out);

static int array(struct toml_parser *ps, int depth, struct ys_toml_value **out)
{
	const char *open = ps->p;
	struct ys_toml_value *a, *item;
	int rc;

	if ((rc = ys_toml_new(ps, YS_TOML_ARRAY, open, depth, &a)))
		return rc;
	a->flags = TOML_FROZEN;
	*out = a;
	for (ps->p++;; ps->p++) { /* past '[' or ',' */
		skip_blank(ps);
		if (ps->p < ps->end && *ps->p == ']')
			break;
		if (ps->p == ps->end)
			return ys_toml_fail(ps, open, "unterminated array");
		if ((rc = parse_value(ps, depth + 1, &item)) || (rc = ys_toml_push(ps, a, item)))
			return rc;
		skip_blank(ps);
		if (ps->p < ps->end && *ps->p == ']')
			break;
		if (ps->p == ps->end)
			return ys_toml_fail(ps, open, "unterminated array");
		if (*ps->p != ',')
			return ys_toml_fail(ps, ps->p, "expected ',' or ']' after an array's item");
	}
	ps->p++;
	return 0;
}

static int keyval(struct toml_parser *ps, struct ys_toml_value *t, uint32_t section, int in_inline);

/* After an inline table's item, what is neither ',' nor '}' */
static int inline_end(struct toml_parser *ps, const char *open)
{
	if (ps->p == ps->end)
		return ys_toml_fail(ps, open, "unterminated inline table");
	if (*ps->p == '\n' || *ps->p == '\r')
		return ys_toml_fail(ps, ps->p, "line break in an inline table");
	return ys_toml_fail(ps, ps->p, "expected ',' or '}' in an inline table");
}

static int inline_table(struct toml_parser *ps, int depth, struct ys_toml_value **out)
{
	const char *open = ps->p;
	uint32_t section = ++ps->sections;
	struct ys_toml_value *t;
	int rc;

	if ((rc = ys_toml_new(ps, YS_TOML_TABLE, open, depth, &t)))
		return rc;
	*out = t;
	ps->p++;
	skip_ws(ps);
	while (ps->p == ps->end || *ps->p != '}') {
		if (ps->p == ps->end || *ps->p == '\n' || *ps->p == '\r')
			return inline_end(ps, open);
		if ((rc = keyval(ps, t, section, 1)))
			return rc;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == '}')
				return ys_toml_fail(ps, ps->p - 1,
						    "trailing comma in an inline table");
		} else if (ps->p == ps->end || *ps->p != '}') {
			return inline_end(ps, open);
		}
	}
	ps->p++;
	t->flags |= TOML_FROZEN;
	return 0;
}

static int parse_value(struct toml_parser *ps, int depth, struct ys_toml_value **out)
{
	const char *at = ps->p;
	struct ys_toml_value *v;
	int rc;

	if (at < ps->end && *at == '[')
		return array(ps, depth, out);
	if (at < ps->end && *at == '{')
		return inline_table(ps, depth, out);
	if ((rc = ys_toml_new(ps, YS_TOML_STRING, at, 0, &v)))
		return rc;
	*out = v;
	if (at < ps->end && (*at == '"' || *at == '\''))
		return ys_toml_string(ps, 1, &v->u.s, &v->len);
	return ys_toml_scalar(ps, v);
}

static int keyval(struct toml_parser *ps, struct ys_toml_value *t, uint32_t section, int in_inline)
{
	struct ys_toml_value *v;
	struct toml_key k;
	char kb[64], wb[80];
	size_t i;
	int rc;

	if ((rc = parse_key(ps, &k)))
		return rc;
	if (ps->p == ps->end || *ps->p != '=')
		return ys_toml_fail(ps, ps->p, "expected '=' after the key '%s'",
				    key_text(&k, k.n, kb, sizeof(kb)));
	ps->p++;
	skip_ws(ps);
	for (i = 0; i + 1 < k.n; i++)
		if ((rc = dotted_step(ps, &t, &k, i, section)))
			return rc;
	if (ys_toml_find(t, k.part[i].s, k.part[i].len, k.part[i].hash))
		return ys_toml_fail(ps, k.start, "duplicate key '%s'%s",
				    key_text(&k, k.n, kb, sizeof(kb)),
				    where(ps, in_inline, wb, sizeof(wb)));
	if ((rc = parse_value(ps, t->depth + 1, &v)))
		return rc;
	return ys_toml_insert(ps, t, &k.part[i], v);
}

static int parse_document(struct toml_parser *ps)
{
	const char *after;
	int rc = 0;

	for (;;) {
		skip_ws(ps);
		if (ps->p == ps->end)
			return 0;
		after = "a value";
		if (*ps->p == '[')
			rc = header(ps), after = "a table header";
		else if (*ps->p != '#' && *ps->p != '\n' && *ps->p != '\r')
			rc = keyval(ps, ps->cur, ps->section, 0);
		if (rc || (rc = end_of_line(ps, after)))
			return rc;
	}
}

int ys_toml_parse(const char *buf, size_t len, const char *name, struct ys_toml **out,
		  struct ys_error *err)
{
	struct toml_parser ps = {0};
	struct ys_toml *doc;
	int rc;

	*out = NULL;
	if (!(doc = calloc(1, sizeof(*doc))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (!buf)
		buf = "", len = 0;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		buf += 3, len -= 3;
	ps.start = ps.p = ps.lscan = buf;
	ps.end = buf + len;
	ps.lno = 1;
	ps.name = name;
	ps.err = err;
	ps.doc = doc;
	/* keys hash differently in each document, so no input can aim at one table's slots */
	ps.seed = ys_hash_word(YS_HASH_SEED, (uint64_t)(uintptr_t)doc);
	ps.section = ps.sections = 1;
	strbuf_init(&ps.sb);
	if (!(rc = ys_toml_check_text(&ps)) &&
	    !(rc = ys_toml_new(&ps, YS_TOML_TABLE, buf, 0, &doc->root))) {
		ps.cur = doc->root;
		rc = parse_document(&ps);
	}
	strbuf_release(&ps.sb);
	if (rc) {
		ys_toml_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}
