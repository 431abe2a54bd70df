/* explain.h: decisions and statements in words, for people: "Allow s3:Get*, s3:List* on
 * arn:aws:s3:::reports/... when ...", "its permissions boundary does not allow it" */
#ifndef YS_IAM_EXPLAIN_H
#define YS_IAM_EXPLAIN_H

#include "eval.h"
#include "../base/strbuf.h"

/* One statement: effect, actions (at most four, then how many more), resources, conditions. */
void ys_explain_stmt(const struct ys_cstmt *s, struct strbuf *sb);

/* Why nothing allowed: the layer without an allow, in words ("no identity policy allows it"). */
void ys_explain_gap(const struct ys_decision *d, struct strbuf *sb);

#endif
