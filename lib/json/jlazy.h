/* jlazy.h: one JSON object read on demand: members found by skimming the raw text, values
 * decoded only when asked for, the whole tree parsed only when something needs it. The text
 * must be valid JSON (as the trail reader's validation guarantees); on anything else the
 * answers are wrong but the reading stays inside the text. */
#ifndef YS_JLAZY_H
#define YS_JLAZY_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/strbuf.h"
#include "jindex.h"
#include "jread.h"

#define YS_JLAZY_TOP 64 /* top-level members indexed here without the checker's index */

struct ys_jraw {
	const char *p; /* the value's raw text */
	size_t len;
	uint32_t at; /* where the reader's index holds it (level << 16 | entry), or 0 */
};

struct ys_jlazy {
	const char *json;
	size_t len;
	struct {
		const char *key; /* raw key text, without quotes */
		size_t klen;
		struct ys_jraw val;
	} top[YS_JLAZY_TOP];
	size_t ntop;
	int indexed, overflow;
	const struct ys_jview *ix; /* the checker's index, when it made one (points to view) */
	struct ys_jview view;
	uint8_t slots[2 * YS_JINDEX_MAX]; /* its top-level keys hashed (entry + 1), made on first use */
	int hashed;
	struct ys_jlazy_obj {  /* the members of nested objects looked into lately */
		const char *p; /* the object's text; NULL: unused */
		size_t n;
		int overflow;
		struct {
			const char *key;
			size_t klen;
			struct ys_jraw val;
		} m[24];
	} nested[4];
	unsigned next_nested;
	struct ys_jdoc *doc;
	int parsed;
	struct ys_error parse_err;
	struct strbuf scratch;
	/* records exported by Athena name their members in lower case and hold some objects as
	 * JSON text in strings: 0 not known yet, 1 as CloudTrail writes them, 2 as Athena does */
	int style;
	struct {
		const char *from; /* the string value, NULL: unused */
		struct strbuf text; /* the JSON it held */
	} unwrapped[8];
};

void ys_jlazy_init(struct ys_jlazy *l);
/* A new object to read; what was read of the one before is forgotten. ix (may be NULL): its
 * members, as the checker found them. */
void ys_jlazy_reset(struct ys_jlazy *l, const char *json, size_t len, const struct ys_jindex *ix);
/* The same with the index's levels wherever they lie (v may be NULL). */
void ys_jlazy_reset_view(struct ys_jlazy *l, const char *json, size_t len,
			 const struct ys_jview *v);
void ys_jlazy_release(struct ys_jlazy *l);

/* The whole value being read, without the blanks around it. */
struct ys_jraw ys_jlazy_root(const struct ys_jlazy *l);
/* The end of the valid JSON value starting at p (after leading blanks), at most end. */
const char *ys_jraw_skip(const char *p, const char *end);
/* Calls fn for each member of the raw object o (the key raw, without quotes); fn returning
 * non-zero stops, and so is returned. */
int ys_jraw_each_member(struct ys_jraw o,
			int (*fn)(void *ctx, const char *k, size_t kl, struct ys_jraw v),
			void *ctx);
/* Calls fn for each item of the raw array a; fn returning non-zero stops, and so is returned. */
int ys_jraw_each_item(struct ys_jraw a, int (*fn)(void *ctx, struct ys_jraw item), void *ctx);
/* The member named key (the last one, when repeated) of the raw object o. */
int ys_jraw_member(struct ys_jraw o, const char *key, size_t klen, struct ys_jraw *out);
/* The same, for an object inside the record, through an index of its members kept while the
 * record is read (a few objects at a time). In a record exported by Athena (eventtime, not
 * eventTime), a key not found as given is looked for in lower case, and a string that holds a
 * JSON object is read as that object. */
int ys_jlazy_member(struct ys_jlazy *l, struct ys_jraw obj, const char *key, size_t klen,
		    struct ys_jraw *out);
/* The top-level member named key (klen bytes): 1 and *out, or 0. */
int ys_jlazy_top(struct ys_jlazy *l, const char *key, size_t klen, struct ys_jraw *out);
/* v as an object: itself, or in a record exported by Athena the object a string holds. */
int ys_jlazy_object(struct ys_jlazy *l, struct ys_jraw v, struct ys_jraw *out);
/* The value at a dotted path through objects (no arrays): 1 and *out, or 0. */
int ys_jlazy_get(struct ys_jlazy *l, const char *path, struct ys_jraw *out);
/* A string value decoded (escapes resolved): its text (valid until the next decode) and
 * length, or NULL when v is not a string. */
const char *ys_jlazy_decode(struct ys_jlazy *l, struct ys_jraw v, size_t *len);
/* The same for any raw string, decoding into tmp only when it holds escapes. */
const char *ys_jraw_string(struct ys_jraw v, struct strbuf *tmp, size_t *len);
/* The string at path, decoded into buf (cut to fit, NUL-terminated), or NULL (absent, or not a
 * string). */
const char *ys_jlazy_str(struct ys_jlazy *l, const char *path, char *buf, size_t n);
/* The same for the member key of the object obj. */
const char *ys_jlazy_member_str(struct ys_jlazy *l, struct ys_jraw obj, const char *key,
				char *buf, size_t n);
/* The whole tree (parsed once); NULL with err set when the text is not valid JSON. */
const struct ys_jval *ys_jlazy_dom(struct ys_jlazy *l, struct ys_error *err);

#endif
