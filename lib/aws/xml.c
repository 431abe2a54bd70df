/* xml.c: a small, strict XML reader for AWS's answers, into a tree held in one arena */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "xml.h"
#include "../base/arena.h"
#include "../base/strbuf.h"
#include "../banned.h"

struct ys_xdoc {
	struct ys_arena arena;
	struct ys_xnode *root;
};

struct parser {
	const char *p, *end, *start;
	struct ys_xdoc *doc;
	struct ys_error *err;
	/* the text of the element being read: only leaves keep theirs (AWS never mixes text and
	 * elements), so one buffer serves every level and nothing is copied twice */
	struct strbuf text;
};

static void *alloc(struct ys_xdoc *d, size_t n)
{
	void *p = ys_arena_alloc(&d->arena, n);

	return p ? memset(p, 0, n) : NULL;
}

static int fail(struct parser *ps, const char *why)
{
	return ys_error_set(ps->err, YS_EPARSE, "byte %zu: %s", (size_t)(ps->p - ps->start), why);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_space(struct parser *ps)
{
	while (ps->p < ps->end && is_space(*ps->p))
		ps->p++;
}

static int starts(const struct parser *ps, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, s, n);
}

/* Skips past the next occurrence of s; -1 when there is none. */
static int skip_past(struct parser *ps, const char *s)
{
	size_t n = strlen(s);

	while ((size_t)(ps->end - ps->p) >= n) {
		if (!memcmp(ps->p, s, n)) {
			ps->p += n;
			return 0;
		}
		ps->p++;
	}
	return -1;
}

static int name_char(unsigned char c)
{
	return c == ':' || c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static const char *read_name(struct parser *ps)
{
	const char *s = ps->p;
	char *out;

	while (ps->p < ps->end && name_char((unsigned char)*ps->p))
		ps->p++;
	if (ps->p == s)
		return NULL;
	if (!(out = alloc(ps->doc, (size_t)(ps->p - s) + 1)))
		return NULL;
	memcpy(out, s, (size_t)(ps->p - s));
	return out;
}

/* Writes code point cp as UTF-8 at o; the bytes written, or 0 when cp is not a character. */
static size_t utf8(uint32_t cp, char *o)
{
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Resolves one entity at *s (just past '&', before end); writes it to o, returns its length or
 * 0 when it is not one of XML's. */
static size_t entity(const char **s, const char *end, char *o)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
	const char *p = *s;
	uint32_t cp = 0;
	size_t i, n;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		n = strlen(named[i].name);
		if ((size_t)(end - p) >= n && !memcmp(p, named[i].name, n)) {
			*o = named[i].c;
			*s = p + n;
			return 1;
		}
	}
	if (p >= end || *p != '#')
		return 0;
	p++;
	if (p < end && *p == 'x') {
		for (p++, n = 0; p < end && n < 7 && *p != ';'; p++, n++) {
			int h = *p >= '0' && *p <= '9' ? *p - '0' : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
								   : *p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : -1;
			if (h < 0)
				return 0;
			cp = cp * 16 + (uint32_t)h;
		}
	} else {
		for (n = 0; p < end && n < 8 && *p != ';'; p++, n++) {
			if (*p < '0' || *p > '9')
				return 0;
			cp = cp * 10 + (uint32_t)(*p - '0');
		}
	}
	if (!n || p >= end || *p != ';')
		return 0;
	if (!(n = utf8(cp, o)))
		return 0;
	*s = p + 1;
	return n;
}

/* Appends raw text [s, e), with entities resolved when entities, to sb. */
static int add_text(struct parser *ps, const char *s, const char *e, int entities,
		    struct strbuf *sb)
{
	char *o;

	if (s == e)
		return 0;
	/* resolved text is never longer than raw */
	if (strbuf_grow(sb, (size_t)(e - s)))
		return fail(ps, "out of memory");
	o = sb->buf + sb->len;
	while (s < e) {
		if (*s == '&' && entities) {
			const char *q = s + 1;
			size_t n = entity(&q, e, o);

			if (!n) {
				ps->p = s;
				return fail(ps, "unknown entity");
			}
			o += n;
			s = q;
		} else if (*s == '<' && entities) {
			ps->p = s;
			return fail(ps, "'<' in text");
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	sb->len = (size_t)(o - sb->buf);
	return 0;
}

/* A copy of sb's text in the arena. */
static char *keep(struct parser *ps, const struct strbuf *sb)
{
	char *t = alloc(ps->doc, sb->len + 1);

	if (t && sb->len)
		memcpy(t, sb->buf, sb->len);
	return t;
}

static int read_attrs(struct parser *ps, struct ys_xnode *n)
{
	struct ys_xattr tmp[64];
	size_t k = 0;

	for (;;) {
		const char *name, *vs;
		char quote, *val;
		struct strbuf sb = STRBUF_INIT;

		skip_space(ps);
		if (ps->p >= ps->end)
			return fail(ps, "unterminated tag");
		if (*ps->p == '>' || *ps->p == '/')
			break;
		if (!(name = read_name(ps)))
			return fail(ps, "bad attribute name");
		skip_space(ps);
		if (ps->p >= ps->end || *ps->p != '=')
			return fail(ps, "attribute without a value");
		ps->p++;
		skip_space(ps);
		if (ps->p >= ps->end || (*ps->p != '"' && *ps->p != '\''))
			return fail(ps, "attribute value not quoted");
		quote = *ps->p++;
		vs = ps->p;
		while (ps->p < ps->end && *ps->p != quote)
			ps->p++;
		if (ps->p >= ps->end)
			return fail(ps, "unterminated attribute value");
		if (add_text(ps, vs, ps->p, 1, &sb)) {
			strbuf_release(&sb);
			return -1;
		}
		val = keep(ps, &sb);
		strbuf_release(&sb);
		if (!val)
			return fail(ps, "out of memory");
		ps->p++;
		if (k == sizeof(tmp) / sizeof(tmp[0]))
			return fail(ps, "too many attributes");
		tmp[k].name = name;
		tmp[k++].value = val;
	}
	if (k) {
		if (!(n->attrs = alloc(ps->doc, k * sizeof(*n->attrs))))
			return fail(ps, "out of memory");
		memcpy(n->attrs, tmp, k * sizeof(*tmp));
		n->nattrs = k;
	}
	return 0;
}

/* Comments, processing instructions and whitespace between markup. */
static int skip_misc(struct parser *ps)
{
	for (;;) {
		skip_space(ps);
		if (starts(ps, "<!--")) {
			if (skip_past(ps, "-->"))
				return fail(ps, "unterminated comment");
		} else if (starts(ps, "<?")) {
			if (skip_past(ps, "?>"))
				return fail(ps, "unterminated processing instruction");
		} else if (starts(ps, "<!")) {
			return fail(ps, "DOCTYPE and declarations are not accepted");
		} else {
			return 0;
		}
	}
}

static int element(struct parser *ps, struct ys_xnode **out, int depth)
{
	struct ys_xnode *n;

	if (depth > YS_XML_MAX_DEPTH)
		return fail(ps, "nested too deeply");
	if (ps->p >= ps->end || *ps->p != '<')
		return fail(ps, "expected an element");
	ps->p++;
	if (!(n = alloc(ps->doc, sizeof(*n))))
		return fail(ps, "out of memory");
	if (!(n->name = read_name(ps)))
		return fail(ps, "bad element name");
	if (read_attrs(ps, n))
		return -1;
	n->text = "";
	if (*ps->p == '/') {
		if (ps->end - ps->p < 2 || ps->p[1] != '>')
			return fail(ps, "expected '/>'");
		ps->p += 2;
		*out = n;
		return 0;
	}
	ps->p++; /* '>' */
	strbuf_reset(&ps->text);
	for (;;) {
		const char *s = ps->p;

		while (ps->p < ps->end && *ps->p != '<')
			ps->p++;
		/* text beside child elements is layout: checked, not kept */
		if (n->child) {
			struct strbuf none = STRBUF_INIT;
			int rc = add_text(ps, s, ps->p, 1, &none);

			strbuf_release(&none);
			if (rc)
				return -1;
		} else if (add_text(ps, s, ps->p, 1, &ps->text)) {
			return -1;
		}
		if (ps->p >= ps->end)
			return fail(ps, "unterminated element");
		if (starts(ps, "</")) {
			const char *name;

			ps->p += 2;
			if (!(name = read_name(ps)) || strcmp(name, n->name))
				return fail(ps, "end tag does not match");
			skip_space(ps);
			if (ps->p >= ps->end || *ps->p != '>')
				return fail(ps, "expected '>'");
			ps->p++;
			break;
		}
		if (starts(ps, "<![CDATA[")) {
			const char *cs = ps->p += 9;

			if (skip_past(ps, "]]>"))
				return fail(ps, "unterminated CDATA");
			if (!n->child && add_text(ps, cs, ps->p - 3, 0, &ps->text))
				return -1;
		} else if (starts(ps, "<!--") || starts(ps, "<?")) {
			if (skip_misc(ps))
				return -1;
		} else if (starts(ps, "<!")) {
			return fail(ps, "declarations are not accepted");
		} else {
			struct ys_xnode *c;

			if (element(ps, &c, depth + 1))
				return -1;
			if (n->last)
				n->last->next = c;
			else
				n->child = c;
			n->last = c;
		}
	}
	if (!n->child) {
		if (!(n->text = keep(ps, &ps->text)))
			return fail(ps, "out of memory");
		n->textlen = ps->text.len;
	}
	strbuf_reset(&ps->text);
	*out = n;
	return 0;
}

int ys_xml_parse(const char *buf, size_t len, struct ys_xdoc **out, struct ys_error *err)
{
	struct ys_xdoc *d = calloc(1, sizeof(*d));
	struct parser ps = {buf, buf + len, buf, d, err, STRBUF_INIT};

	*out = NULL;
	if (!d)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	d->arena.first = len < 32768 ? 2 * len + 256 : 65536;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		ps.p += 3;
	if (skip_misc(&ps) || element(&ps, &d->root, 0) || skip_misc(&ps) ||
	    (ps.p != ps.end && fail(&ps, "data after the root element"))) {
		strbuf_release(&ps.text);
		ys_xml_free(d);
		return YS_EPARSE;
	}
	strbuf_release(&ps.text);
	*out = d;
	return 0;
}

const struct ys_xnode *ys_xml_root(const struct ys_xdoc *doc)
{
	return doc->root;
}

void ys_xml_free(struct ys_xdoc *doc)
{
	if (!doc)
		return;
	ys_arena_release(&doc->arena);
	free(doc);
}

const char *ys_xml_local(const char *name)
{
	const char *c = strchr(name, ':');

	return c ? c + 1 : name;
}

const struct ys_xnode *ys_xml_child(const struct ys_xnode *n, const char *name)
{
	const struct ys_xnode *c;

	for (c = n ? n->child : NULL; c; c = c->next)
		if (!strcmp(ys_xml_local(c->name), name))
			return c;
	return NULL;
}

const char *ys_xml_attr(const struct ys_xnode *n, const char *name)
{
	size_t i;

	for (i = 0; n && i < n->nattrs; i++)
		if (!strcmp(n->attrs[i].name, name))
			return n->attrs[i].value;
	return NULL;
}
