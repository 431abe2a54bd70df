/* ydoc.c: building a small tree from libyaml's events, with a depth limit */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "../base/grow.h"
#include "ydoc.h"
#include "../banned.h"

#define MAX_DEPTH 64

struct builder {
	yaml_parser_t p;
	struct ys_error *err;
};

static struct ys_ynode *node_new(enum ys_ytype t, size_t line)
{
	struct ys_ynode *n = calloc(1, sizeof(*n));

	if (n) {
		n->type = t;
		n->line = line;
	}
	return n;
}

void ys_ynode_free(struct ys_ynode *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		ys_ynode_free(n->items[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->str);
	free(n);
}

static int next(struct builder *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->p, ev))
		return ys_error_set(b->err, YS_EPARSE, "line %zu: %s",
				    (size_t)b->p.problem_mark.line + 1,
				    b->p.problem ? b->p.problem : "malformed YAML");
	return 0;
}

static int build(struct builder *b, yaml_event_t *ev, int depth, struct ys_ynode **out);

static int add_child(struct ys_ynode *parent, size_t *cap, struct ys_ynode *child, char *key)
{
	size_t kcap = *cap;

	if (ys_grow(&parent->items, cap, parent->n, sizeof(*parent->items), 8))
		return -1;
	if (parent->type == YS_Y_MAP && ys_grow(&parent->keys, &kcap, parent->n, sizeof(char *), 8))
		return -1;
	parent->items[parent->n] = child;
	if (parent->type == YS_Y_MAP)
		parent->keys[parent->n] = key;
	parent->n++;
	return 0;
}

static int build_container(struct builder *b, struct ys_ynode *n, int depth)
{
	size_t cap = 0;
	yaml_event_t ev;

	for (;;) {
		struct ys_ynode *child = NULL;
		char *key = NULL;
		int rc;

		if ((rc = next(b, &ev)))
			return rc;
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (n->type == YS_Y_MAP) {
			if (ev.type != YAML_SCALAR_EVENT) {
				rc = ys_error_set(b->err, YS_EUNSUP, "line %zu: a key that is not a scalar",
						  (size_t)ev.start_mark.line + 1);
				yaml_event_delete(&ev);
				return rc;
			}
			key = strdup((const char *)ev.data.scalar.value);
			yaml_event_delete(&ev);
			if (!key || (rc = next(b, &ev))) {
				free(key);
				return key ? rc : YS_ENOMEM;
			}
		}
		rc = build(b, &ev, depth + 1, &child);
		yaml_event_delete(&ev);
		if (rc || add_child(n, &cap, child, key)) {
			free(key);
			ys_ynode_free(child);
			return rc ? rc : YS_ENOMEM;
		}
	}
}

static int build(struct builder *b, yaml_event_t *ev, int depth, struct ys_ynode **out)
{
	struct ys_ynode *n;
	size_t line = (size_t)ev->start_mark.line + 1;
	int rc;

	if (depth > MAX_DEPTH)
		return ys_error_set(b->err, YS_EPARSE, "line %zu: nested too deep", line);
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (!(n = node_new(YS_Y_SCALAR, line)) ||
		    !(n->str = strdup((const char *)ev->data.scalar.value))) {
			free(n);
			return YS_ENOMEM;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		*out = n;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (!(n = node_new(ev->type == YAML_MAPPING_START_EVENT ? YS_Y_MAP : YS_Y_LIST, line)))
			return YS_ENOMEM;
		if ((rc = build_container(b, n, depth))) {
			ys_ynode_free(n);
			return rc;
		}
		*out = n;
		return 0;
	case YAML_ALIAS_EVENT:
		return ys_error_set(b->err, YS_EUNSUP, "line %zu: YAML aliases are not supported", line);
	default:
		return ys_error_set(b->err, YS_EPARSE, "line %zu: unexpected YAML event", line);
	}
}

int ys_yaml_parse_all(const char *text, size_t len, struct ys_ynode ***out, size_t *n,
		      struct ys_error *err)
{
	struct builder b;
	yaml_event_t ev;
	size_t cap = 0;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	b.err = err;
	*out = NULL;
	*n = 0;
	if (!yaml_parser_initialize(&b.p))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&b.p, (const unsigned char *)text, len);
	/* stream start, then each document: its start, its root, its end */
	while (!rc) {
		struct ys_ynode *root = NULL;

		if ((rc = next(&b, &ev)))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT && ev.type != YAML_SEQUENCE_START_EVENT &&
		    ev.type != YAML_MAPPING_START_EVENT && ev.type != YAML_ALIAS_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		rc = build(&b, &ev, 0, &root);
		yaml_event_delete(&ev);
		if (!rc && ys_grow(out, &cap, *n, sizeof(**out), 4))
			rc = YS_ENOMEM;
		if (rc) {
			ys_ynode_free(root);
			break;
		}
		(*out)[(*n)++] = root;
	}
	yaml_parser_delete(&b.p);
	if (!rc && *n == 0)
		rc = ys_error_set(err, YS_EPARSE, "line 1: empty YAML document");
	if (rc) {
		ys_ydocs_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void ys_ydocs_free(struct ys_ynode **docs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ys_ynode_free(docs[i]);
	free(docs);
}

int ys_yaml_parse(const char *text, size_t len, struct ys_ynode **out, struct ys_error *err)
{
	struct ys_ynode **docs;
	size_t n, i;
	int rc = ys_yaml_parse_all(text, len, &docs, &n, err);

	if (rc)
		return rc;
	*out = docs[0];
	for (i = 1; i < n; i++)
		ys_ynode_free(docs[i]);
	free(docs);
	return 0;
}

const struct ys_ynode *ys_ymap_get(const struct ys_ynode *map, const char *key)
{
	size_t i;

	if (!map || map->type != YS_Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i], key))
			return map->items[i];
	return NULL;
}

const char *ys_yscalar(const struct ys_ynode *n)
{
	return n && n->type == YS_Y_SCALAR ? n->str : NULL;
}

char *ys_yscalar_dup(const struct ys_ynode *n)
{
	const char *s = ys_yscalar(n);

	return s ? strdup(s) : NULL;
}

int ys_yis_null(const struct ys_ynode *n)
{
	return !n || (n->type == YS_Y_SCALAR && n->plain &&
		      (!strcmp(n->str, "") || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
		       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL")));
}
