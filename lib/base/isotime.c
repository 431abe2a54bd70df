/* isotime.c: ISO 8601 times as Unix seconds, without the C library's time-zone state */
#include <string.h>
#include <time.h>
#include "isotime.h"
#include "../banned.h"

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The zone's offset east of UTC in seconds (negative west of it) from its text after any
 * fraction: 0 for Z or nothing. Returns 0, or -1 when the text is not a zone. */
static int zone(const char *z, int64_t *off)
{
	int h, m, west = *z == '-';

	*off = 0;
	if (!*z || ((*z == 'Z' || *z == 'z') && !z[1]))
		return 0;
	if (*z != '+' && *z != '-')
		return -1;
	if ((h = digits(z + 1, 2)) < 0 || h > 23)
		return -1;
	if (z[3] == ':')
		m = digits(z + 4, 2), z += 6;
	else if (z[3])
		m = digits(z + 3, 2), z += 5;
	else
		m = 0, z += 3;
	if (m < 0 || m > 59 || *z)
		return -1;
	*off = (h * 3600 + m * 60) * (west ? -1 : 1);
	return 0;
}

int64_t ys_time_parse(const char *s)
{
	int y, mo, d, h, mi, se;
	const char *z;
	int64_t off;

	if (!s || strnlen(s, 19) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    se < 0 || se > 60)
		return -1;
	z = s + 19;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if (zone(z, &off) < 0)
		return -1;
	return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se - off;
}

void ys_format_time(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = '\0';
}
