/* isotime.h: ISO 8601 times (CloudTrail's eventTime, IAM's credential report) as Unix seconds */
#ifndef YS_ISOTIME_H
#define YS_ISOTIME_H

#include <stdint.h>

/* Parses YYYY-MM-DDTHH:MM:SS (or a space for the T), then optional fractions and a zone: Z,
 * +hh:mm, -hh:mm or +hhmm (nothing is taken as UTC). Returns seconds since 1970, or -1. */
int64_t ys_time_parse(const char *s);

/* Writes t as YYYY-MM-DDTHH:MM:SSZ (an empty string when it cannot). */
void ys_format_time(int64_t t, char out[32]);

#endif
