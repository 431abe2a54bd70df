/* stolen.h: a stolen key or session is one incident: once a behaviour detector judges it
 * stolen, every later call made with it joins the same alert (event ids, first and last time,
 * the calls it made) until it has been quiet for a window; kept in the baseline rows for the
 * state, so an incident goes on across runs */
#ifndef YS_DETECT_STOLEN_H
#define YS_DETECT_STOLEN_H

#include <stdint.h>
#include "../json/jlazy.h"
#include "alert.h"
#include "rows.h"

#define YS_STOLEN_MAX_IDS 1000 /* event ids kept per incident; the count goes on past them */

struct ys_stolen;

/* What an ended incident says, as an alert: filled in by the caller (rule, title, severity,
 * ATT&CK ids, source) from the detector that judged it. */
typedef int (*ys_stolen_fn)(void *ctx, int which, struct ys_alert *a);

int ys_stolen_new(struct rows *rows, int64_t quiet, struct ys_stolen **out);
void ys_stolen_free(struct ys_stolen *s);
/* Detector `which` judged the key that made rec (at time t) stolen: an incident opens, rec its
 * first event. 0, or YS_ENOMEM. An incident already open for the key takes rec instead. */
int ys_stolen_open(struct ys_stolen *s, const char *key, int which, struct ys_jlazy *rec,
		   const char *file, int64_t t);
/* A call made with key: 1 when it joined an open incident, 0 when none is open, YS_ENOMEM. */
int ys_stolen_join(struct ys_stolen *s, const char *key, struct ys_jlazy *rec, int64_t t);
/* Incidents quiet since before now - quiet end (all of them with all set): each is reported
 * through fn and forgotten. Non-zero from fn stops. */
int ys_stolen_end(struct ys_stolen *s, int64_t now, int all, ys_stolen_fn fn, void *ctx);
/* A row of kind "stolen" from the state. */
int ys_stolen_load(struct ys_stolen *s, const struct ys_baseline_row *row);

#endif
