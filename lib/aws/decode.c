/* decode.c: AWS answers in the query, EC2, REST-XML, JSON and REST-JSON protocols, written as the
 * AWS CLI prints them, driven by the output shapes of data/aws-shapes.json */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "decode.h"
#include "xml.h"
#include "../base/codec.h"
#include "../base/isotime.h"
#include "../json/jwrite.h"
#include "../banned.h"

static const char *sstr(const struct ys_jval *o, const char *k)
{
	const char *s = ys_json_str(ys_json_get(o, k));

	return s ? s : "";
}

/* A timestamp as the CLI prints it: 2019-03-05T09:10:00+00:00, or with .ffffff. */
static void write_time(struct jw *w, int64_t secs, long usec)
{
	time_t t = (time_t)secs;
	struct tm tm;
	char buf[48], *p = buf;

	if (!gmtime_r(&t, &tm)) {
		jw_null(w);
		return;
	}
	p += strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	if (usec > 0)
		p += snprintf(p, (size_t)(buf + sizeof(buf) - p), ".%06ld", usec);
	snprintf(p, (size_t)(buf + sizeof(buf) - p), "+00:00");
	jw_str(w, buf);
}

/* An ISO 8601 text (XML protocols): its instant, fraction kept to microseconds. */
static void write_iso(struct jw *w, const char *text)
{
	int64_t secs = ys_time_parse(text);
	const char *dot = strchr(text, '.');
	long usec = 0;
	int k;

	if (secs < 0) {
		jw_str(w, text);
		return;
	}
	if (dot && dot - text > 16)
		for (k = 0, dot++; k < 6; k++)
			usec = usec * 10 + (*dot >= '0' && *dot <= '9' ? *dot++ - '0' : 0);
	write_time(w, secs, usec);
}

static void write_epoch(struct jw *w, double v)
{
	double whole = floor(v);

	write_time(w, (int64_t)whole, lround((v - whole) * 1e6) % 1000000);
}

/* A number as its text, when it is one. */
static int numeric(const char *s)
{
	char *end;

	if (!*s)
		return 0;
	strtod(s, &end);
	return *end == '\0';
}

static void xml_value(struct jw *w, const struct ys_jval *shape, const struct ys_xnode *n,
		      int depth);

/* IAM's policy documents arrive URL-encoded; the CLI prints them as JSON objects. */
static void write_policy(struct jw *w, const char *text, size_t len)
{
	char *plain = malloc(len + 1);
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	size_t n;

	if (!plain) {
		jw_strn(w, text, len);
		return;
	}
	n = ys_percent_decode(text, len, plain, 0);
	if (!ys_json_parse(plain, n, &doc, &err)) {
		jw_value(w, ys_jdoc_root(doc));
		ys_jdoc_free(doc);
	} else {
		jw_strn(w, plain, n);
	}
	free(plain);
}

/* The children of parent named wire (a flattened list's items). */
static void xml_flat_list(struct jw *w, const struct ys_jval *shape, const struct ys_xnode *parent,
			  const char *wire, int depth)
{
	const struct ys_xnode *c;

	jw_arr_begin(w);
	for (c = parent->child; c; c = c->next)
		if (!strcmp(ys_xml_local(c->name), wire))
			xml_value(w, ys_json_get(shape, "mem"), c, depth + 1);
	jw_arr_end(w);
}

/* A map's entries: the children of parent named wire (flattened: SQS's <Attribute>s), or every
 * child (<entry>), each with its key and value under their own names. */
static void xml_map(struct jw *w, const struct ys_jval *shape, const struct ys_xnode *parent,
		    const char *wire, int depth)
{
	const char *kn = *sstr(shape, "kname") ? sstr(shape, "kname") : "key";
	const char *vn = *sstr(shape, "vname") ? sstr(shape, "vname") : "value";
	const struct ys_xnode *c;

	jw_obj_begin(w);
	for (c = parent->child; c; c = c->next) {
		const struct ys_xnode *k, *v;

		if (wire && strcmp(ys_xml_local(c->name), wire))
			continue;
		if (!(k = ys_xml_child(c, kn)) || !(v = ys_xml_child(c, vn)))
			continue;
		jw_key(w, k->text);
		xml_value(w, ys_json_get(shape, "val"), v, depth + 1);
	}
	jw_obj_end(w);
}

static void xml_struct(struct jw *w, const struct ys_jval *shape, const struct ys_xnode *n,
		       int depth)
{
	const struct ys_jval *members = ys_json_get(shape, "m");
	size_t i;

	jw_obj_begin(w);
	for (i = 0; members && members->type == YS_J_ARRAY && i < members->len; i++) {
		const struct ys_jval *m = &members->u.items[i], *ms = ys_json_get(m, "s");
		const char *name = sstr(m, "name"), *wire = *sstr(m, "wire") ? sstr(m, "wire") : name;
		const struct ys_xnode *c;

		/* a flattened list whose items have a name of their own is found by it (SQS's
		 * <Message>s are the Messages list), as botocore's parser finds it */
		if (!strcmp(sstr(ms, "t"), "list") && ys_json_get(ms, "flat") && *sstr(ms, "memname"))
			wire = sstr(ms, "memname");
		if (*sstr(m, "loc"))
			continue;
		if (ys_json_get(m, "attr")) {
			const char *v = ys_xml_attr(n, wire);

			if (v) {
				jw_key(w, name);
				jw_str(w, v);
			}
			continue;
		}
		if (!(c = ys_xml_child(n, ys_xml_local(wire))))
			continue;
		jw_key(w, name);
		if (!strcmp(sstr(ms, "t"), "list") && ys_json_get(ms, "flat"))
			xml_flat_list(w, ms, n, ys_xml_local(wire), depth);
		else if (!strcmp(sstr(ms, "t"), "map") && ys_json_get(ms, "flat"))
			xml_map(w, ms, n, ys_xml_local(wire), depth);
		else
			xml_value(w, ms, c, depth + 1);
	}
	jw_obj_end(w);
}

static void xml_value(struct jw *w, const struct ys_jval *shape, const struct ys_xnode *n,
		      int depth)
{
	const char *t = sstr(shape, "t");
	const struct ys_xnode *c;

	if (depth > 64) {
		jw_null(w);
		return;
	}
	if (!strcmp(t, "structure")) {
		xml_struct(w, shape, n, depth);
	} else if (!strcmp(t, "list")) {
		jw_arr_begin(w);
		for (c = n->child; c; c = c->next)
			xml_value(w, ys_json_get(shape, "mem"), c, depth + 1);
		jw_arr_end(w);
	} else if (!strcmp(t, "map")) {
		xml_map(w, shape, n, NULL, depth);
	} else if (!strcmp(t, "boolean")) {
		jw_bool(w, !strcmp(n->text, "true"));
	} else if (!strcmp(t, "integer") || !strcmp(t, "long") || !strcmp(t, "float") ||
		   !strcmp(t, "double")) {
		if (numeric(n->text))
			jw_raw(w, n->text);
		else
			jw_null(w);
	} else if (!strcmp(t, "timestamp")) {
		write_iso(w, n->text);
	} else if (ys_json_get(shape, "doc")) {
		write_policy(w, n->text, n->textlen);
	} else {
		jw_strn(w, n->text, n->textlen);
	}
}

static void json_value(struct jw *w, const struct ys_jval *shape, const struct ys_jval *v,
		       int rest, int depth);

static void json_struct(struct jw *w, const struct ys_jval *shape, const struct ys_jval *v,
			int rest, int depth)
{
	const struct ys_jval *members = ys_json_get(shape, "m");
	size_t i;

	jw_obj_begin(w);
	for (i = 0; members && members->type == YS_J_ARRAY && i < members->len; i++) {
		const struct ys_jval *m = &members->u.items[i], *x;
		const char *name = sstr(m, "name");
		const char *wire = rest && *sstr(m, "wire") ? sstr(m, "wire") : name;

		/* a member sent as null is left out, as the CLI does (Glacier's "Marker": null) */
		if (*sstr(m, "loc") || !(x = ys_json_get(v, wire)) || x->type == YS_J_NULL)
			continue;
		jw_key(w, name);
		json_value(w, ys_json_get(m, "s"), x, rest, depth + 1);
	}
	jw_obj_end(w);
}

static void json_value(struct jw *w, const struct ys_jval *shape, const struct ys_jval *v,
		       int rest, int depth)
{
	const char *t = sstr(shape, "t");
	size_t i;

	if (depth > 64 || v->type == YS_J_NULL) {
		jw_null(w);
	} else if (!strcmp(t, "structure") && v->type == YS_J_OBJECT) {
		json_struct(w, shape, v, rest, depth);
	} else if (!strcmp(t, "list") && v->type == YS_J_ARRAY) {
		jw_arr_begin(w);
		for (i = 0; i < v->len; i++)
			json_value(w, ys_json_get(shape, "mem"), &v->u.items[i], rest, depth + 1);
		jw_arr_end(w);
	} else if (!strcmp(t, "map") && v->type == YS_J_OBJECT) {
		jw_obj_begin(w);
		for (i = 0; i < v->len; i++) {
			jw_key(w, v->u.members[i].key);
			json_value(w, ys_json_get(shape, "val"), &v->u.members[i].val, rest, depth + 1);
		}
		jw_obj_end(w);
	} else if (!strcmp(t, "timestamp") && v->type == YS_J_NUMBER) {
		write_epoch(w, v->u.num);
	} else if (!strcmp(t, "timestamp") && v->type == YS_J_STRING) {
		write_iso(w, v->u.str);
	} else {
		jw_value(w, v);
	}
}

/* REST-XML's GetBucketLocation: the root element is the member itself. */
static const struct ys_jval *root_member(const struct ys_jval *out, const char *root)
{
	const struct ys_jval *m = ys_json_get(out, "m");

	if (m && m->type == YS_J_ARRAY && m->len == 1 &&
	    !strcmp(*sstr(&m->u.items[0], "wire") ? sstr(&m->u.items[0], "wire")
						  : sstr(&m->u.items[0], "name"),
		    ys_xml_local(root)) &&
	    strcmp(sstr(ys_json_get(&m->u.items[0], "s"), "t"), "structure"))
		return &m->u.items[0];
	return NULL;
}

static int decode_xml(const struct ys_aws_op *op, const char *body, size_t len, struct jw *w,
		      struct ys_error *err)
{
	struct ys_xdoc *d;
	const struct ys_xnode *root, *n;
	const struct ys_jval *payload = NULL, *m;
	size_t i;

	if (ys_xml_parse(body, len, &d, err))
		return YS_EPARSE;
	root = ys_xml_root(d);
	n = root;
	if (op->service->protocol == YS_AWS_QUERY && *op->wrapper)
		n = ys_xml_child(root, op->wrapper);
	if (op->service->protocol == YS_AWS_REST_XML && *op->payload) {
		m = ys_json_get(op->out, "m");
		for (i = 0; m && m->type == YS_J_ARRAY && i < m->len; i++)
			if (!strcmp(sstr(&m->u.items[i], "name"), op->payload))
				payload = &m->u.items[i];
	}
	if (payload) {
		jw_obj_begin(w);
		jw_key(w, op->payload);
		xml_value(w, ys_json_get(payload, "s"), root, 1);
		jw_obj_end(w);
	} else if (op->service->protocol == YS_AWS_REST_XML && (m = root_member(op->out, root->name))) {
		jw_obj_begin(w);
		jw_key(w, sstr(m, "name"));
		if (*root->text)
			jw_str(w, root->text);
		else
			jw_null(w);
		jw_obj_end(w);
	} else if (n) {
		xml_struct(w, op->out, n, 0);
	} else {
		jw_obj_begin(w);
		jw_obj_end(w);
	}
	ys_xml_free(d);
	return 0;
}

/* The output's payload member, or NULL. */
static const struct ys_jval *payload_member(const struct ys_aws_op *op)
{
	const struct ys_jval *m = ys_json_get(op->out, "m");
	size_t i;

	for (i = 0; *op->payload && m && m->type == YS_J_ARRAY && i < m->len; i++)
		if (!strcmp(sstr(&m->u.items[i], "name"), op->payload))
			return &m->u.items[i];
	return NULL;
}

/* Whether the payload member is a string or blob: the body itself. */
static int raw_payload(const struct ys_aws_op *op)
{
	const struct ys_jval *m = payload_member(op);
	const char *t = m ? sstr(ys_json_get(m, "s"), "t") : "";

	return !strcmp(t, "string") || !strcmp(t, "blob");
}

/* A JSON answer: the output's members, or, where the output names a structure as its payload
 * (Glacier's vault access policy), the body is that member's value. */
static int decode_json(const struct ys_aws_op *op, const char *body, size_t len, int rest,
		       struct jw *w, struct ys_error *err)
{
	const struct ys_jval *pm = rest ? payload_member(op) : NULL;
	struct ys_jdoc *doc;
	int rc;

	if (!len) {
		jw_obj_begin(w);
		jw_obj_end(w);
		return 0;
	}
	if ((rc = ys_json_parse(body, len, &doc, err)))
		return rc;
	if (pm) {
		jw_obj_begin(w);
		jw_key(w, op->payload);
		json_value(w, ys_json_get(pm, "s"), ys_jdoc_root(doc), rest, 1);
		jw_obj_end(w);
	} else {
		json_value(w, op->out, ys_jdoc_root(doc), rest, 0);
	}
	ys_jdoc_free(doc);
	return 0;
}

int ys_aws_decode(const struct ys_aws_op *op, const char *body, size_t len, struct strbuf *out,
		  struct ys_error *err)
{
	struct jw w;
	enum ys_aws_protocol p = op->service->protocol;
	int rc = 0;

	jw_init(&w, out, 1);
	jw_set_indent(&w, 4);
	if (!op->out) {
		jw_obj_begin(&w);
		jw_obj_end(&w);
	} else if (p == YS_AWS_REST_XML && *op->payload && raw_payload(op)) {
		/* S3's bucket policy: the body is the document itself, printed as a string */
		jw_obj_begin(&w);
		jw_key(&w, op->payload);
		jw_strn(&w, body, len);
		jw_obj_end(&w);
	} else if (p == YS_AWS_JSON || p == YS_AWS_REST_JSON) {
		rc = decode_json(op, body, len, p == YS_AWS_REST_JSON, &w, err);
	} else if (!len) {
		jw_obj_begin(&w);
		jw_obj_end(&w);
	} else {
		rc = decode_xml(op, body, len, &w, err);
	}
	if (!rc)
		strbuf_addch(out, '\n');
	return rc;
}

/* The text of the first element named name anywhere under n. */
static const char *find_text(const struct ys_xnode *n, const char *name, int depth)
{
	const char *t;

	for (; n && depth < 16; n = n->next) {
		if (!strcmp(ys_xml_local(n->name), name))
			return n->text;
		if ((t = find_text(n->child, name, depth + 1)))
			return t;
	}
	return NULL;
}

void ys_aws_decode_error(const struct ys_aws_op *op, const char *body, size_t len,
			 const char *error_type, char *code, size_t ncode, char *msg, size_t nmsg)
{
	enum ys_aws_protocol p = op ? op->service->protocol : YS_AWS_QUERY;
	struct ys_error err = {0};
	const char *c = NULL, *m = NULL, *hash;
	struct ys_jdoc *doc = NULL;
	struct ys_xdoc *x = NULL;

	*code = *msg = '\0';
	if (p == YS_AWS_JSON || p == YS_AWS_REST_JSON) {
		if (len && !ys_json_parse(body, len, &doc, &err)) {
			const struct ys_jval *r = ys_jdoc_root(doc);

			c = ys_json_str(ys_json_get(r, "__type"));
			if (!c)
				c = ys_json_str(ys_json_get(r, "code"));
			m = ys_json_str(ys_json_get(r, "message"));
			if (!m)
				m = ys_json_str(ys_json_get(r, "Message"));
		}
		if (error_type && *error_type)
			c = error_type;
	} else if (len && !ys_xml_parse(body, len, &x, &err)) {
		c = find_text(ys_xml_root(x), "Code", 0);
		m = find_text(ys_xml_root(x), "Message", 0);
	}
	if (c) {
		/* "aws.protocoltests#Code" and "Code:http://..." both name Code */
		if ((hash = strchr(c, '#')))
			c = hash + 1;
		snprintf(code, ncode, "%.*s", (int)strcspn(c, ":"), c);
	}
	if (m)
		snprintf(msg, nmsg, "%s", m);
	ys_jdoc_free(doc);
	ys_xml_free(x);
}
