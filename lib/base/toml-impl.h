/* toml-impl.h: inside the TOML reader: the tree's layout and the parser's state, shared by the
 * structure (toml.c), the text's readers (toml-lex.c) and the tree's tables (toml-tree.c) */
#ifndef YS_TOML_IMPL_H
#define YS_TOML_IMPL_H

#include <stdint.h>
#include "arena.h"
#include "strbuf.h"
#include "toml.h"

#define TOML_HEADER 1 /* a table a [header] or [[header]] defined */
#define TOML_FROZEN 2 /* an inline table or an array written with '=': nothing adds to it */
#define TOML_AOT 4    /* an array of tables that [[headers]] make and add to */

/* One part of a dotted key */
struct toml_key_part {
	const char *s; /* the input's bytes when bare, else unescaped into the arena */
	size_t len;
	uint64_t hash;
	const char *at;
	int bare;
};

struct toml_entry {
	const char *key; /* NUL-terminated copy in the arena */
	size_t klen;
	uint64_t hash;
	struct ys_toml_value *val;
};

struct ys_toml_value {
	enum ys_toml_type type;
	uint8_t flags;	  /* TOML_HEADER, TOML_FROZEN, TOML_AOT */
	uint8_t depth;	  /* containers: how deep, the root table being 0 */
	uint32_t section; /* tables: the section whose dotted keys defined it (0: none did) */
	size_t line;
	size_t len; /* string: bytes; array: items; table: keys */
	union {
		const char *s; /* strings and date-times, NUL-terminated */
		int64_t i;
		double f;
		int b;
		struct {
			struct ys_toml_value **items;
			size_t cap;
		} a;
		struct {
			struct toml_entry *ents; /* in document order */
			size_t cap;
			uint32_t
			    *slots; /* open addressing over ents (index + 1), once there are many */
			size_t nslots;
			uint64_t seed;
		} t;
	} u;
};

struct ys_toml {
	struct ys_arena arena;
	struct ys_toml_value *root;
};

struct toml_parser {
	const char *start, *p, *end;
	const char *name; /* the document's, for messages (may be NULL) */
	struct ys_error *err;
	struct ys_toml *doc;
	const char *lscan; /* the last position line_at was asked about, and its line */
	size_t lno;
	struct strbuf sb; /* a string being unescaped, a number without its underscores */
	uint64_t seed;
	struct ys_toml_value *cur; /* the table the last header opened */
	const char *header;	   /* its header's text, for messages (NULL: the root) */
	size_t header_len;
	uint32_t section, sections; /* the current section's id; ids handed out */
};

/* A character a message can show between quotes */
static inline int toml_printable(int c)
{
	return c > ' ' && c < 0x7f;
}

/* A new value of type t at `at` (its line), depth deep: containers deeper than
 * YS_TOML_MAX_DEPTH are refused. */
int ys_toml_new(struct toml_parser *ps, enum ys_toml_type t, const char *at, int depth,
		struct ys_toml_value **out);
/* Adds item at the end of array a. */
int ys_toml_push(struct toml_parser *ps, struct ys_toml_value *a, struct ys_toml_value *item);
/* The entry of table t under key (hash from t's seed), or NULL. */
struct toml_entry *ys_toml_find(const struct ys_toml_value *t, const char *key, size_t klen,
				uint64_t h);
/* Adds key kp (not there yet) with value v at the end of table t. */
int ys_toml_insert(struct toml_parser *ps, struct ys_toml_value *t, const struct toml_key_part *kp,
		   struct ys_toml_value *v);

/* Records "'NAME' line L column C: <fmt>" for the position at and returns YS_EPARSE. */
int ys_toml_fail(struct toml_parser *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int ys_toml_nomem(struct toml_parser *ps);
/* The line (from 1) of the byte at. */
size_t ys_toml_line_at(struct toml_parser *ps, const char *at);
/* Refuses invalid UTF-8 and control characters (but tab, LF and CR LF) anywhere. */
int ys_toml_check_text(struct toml_parser *ps);
/* The string of any of the four kinds at ps->p (multi-line ones refused unless multi), unescaped
 * into the arena; ps->p ends past it. */
int ys_toml_string(struct toml_parser *ps, int multi, const char **s, size_t *len);
/* A boolean, number or date-time at ps->p into v (type and its field); ps->p ends past it. */
int ys_toml_scalar(struct toml_parser *ps, struct ys_toml_value *v);

#endif
