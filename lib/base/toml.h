/* toml.h: a validating TOML 1.0 reader into a read-only tree held in one arena */
#ifndef YS_TOML_H
#define YS_TOML_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

enum ys_toml_type {
	YS_TOML_STRING,
	YS_TOML_INTEGER,
	YS_TOML_FLOAT,
	YS_TOML_BOOL,
	YS_TOML_DATETIME, /* any of the four kinds, kept as its text */
	YS_TOML_ARRAY,
	YS_TOML_TABLE,
};

struct ys_toml;	      /* a parsed document: owns every value */
struct ys_toml_value; /* a value inside it */

/* Tables, arrays and inline tables nested deeper than this are refused. */
#define YS_TOML_MAX_DEPTH 64

/* Parses one TOML document. On error returns YS_EPARSE (or YS_ENOMEM) and *out stays NULL;
 * the message names the document ("'NAME' line L column C: reason"; no name when NULL). */
int ys_toml_parse(const char *buf, size_t len, const char *name, struct ys_toml **out,
		  struct ys_error *err);
void ys_toml_free(struct ys_toml *doc);
/* The document's top-level table. */
const struct ys_toml_value *ys_toml_root(const struct ys_toml *doc);

/* v's type (v not NULL: check what ys_toml_get gives first). */
enum ys_toml_type ys_toml_type(const struct ys_toml_value *v);
/* "string", "integer", "float", "boolean", "date-time", "array", "table", for messages. */
const char *ys_toml_type_name(enum ys_toml_type t);
/* The line (from 1) where v was defined: a table's header or first key, a value's key. */
size_t ys_toml_line(const struct ys_toml_value *v);

/* The value under key in a table, or NULL when absent or when table is not a table. */
const struct ys_toml_value *ys_toml_get(const struct ys_toml_value *table, const char *key);
/* An array's items or a table's keys; 0 for other values. */
size_t ys_toml_count(const struct ys_toml_value *v);
/* An array's item i, or a table's value i in document order; NULL past the end. */
const struct ys_toml_value *ys_toml_at(const struct ys_toml_value *v, size_t i);
/* A table's key i (NUL-terminated; a quoted key may hold NUL from \u0000), or NULL. */
const char *ys_toml_key_at(const struct ys_toml_value *table, size_t i);

/* A string's bytes, NUL-terminated (it may hold NUL: len, when not NULL, says how many), or
 * NULL when v is not a string. */
const char *ys_toml_str(const struct ys_toml_value *v, size_t *len);
/* A date-time's text as written (with 'T' or ' '), or NULL when v is not a date-time. */
const char *ys_toml_datetime(const struct ys_toml_value *v);
/* The scalar, or 0 when v is not of that type (check ys_toml_type first). ys_toml_float also
 * gives an integer's value, as a float field written "3" would be meant. */
int64_t ys_toml_int(const struct ys_toml_value *v);
double ys_toml_float(const struct ys_toml_value *v);
int ys_toml_bool(const struct ys_toml_value *v);

#endif
