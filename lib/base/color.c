/* color.c: whether to colour a terminal's output, and the ANSI escapes for severities */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "color.h"
#include "../banned.h"

/* Set once by the CLI from --color before any command runs; AUTO otherwise. */
static enum ys_color_when color_when = YS_COLOR_AUTO;

int ys_color_parse(const char *s, enum ys_color_when *w)
{
	if (!s)
		return -1;
	if (!strcmp(s, "auto"))
		*w = YS_COLOR_AUTO;
	else if (!strcmp(s, "always"))
		*w = YS_COLOR_ALWAYS;
	else if (!strcmp(s, "never"))
		*w = YS_COLOR_NEVER;
	else
		return -1;
	return 0;
}

void ys_color_set(enum ys_color_when w)
{
	color_when = w;
}

int ys_color_on(int fd)
{
	const char *v;

	if (color_when == YS_COLOR_ALWAYS)
		return 1;
	if (color_when == YS_COLOR_NEVER)
		return 0;
	v = getenv("NO_COLOR");
	if (v && *v)
		return 0;
	v = getenv("TERM");
	if (v && !strcmp(v, "dumb"))
		return 0;
	return isatty(fd) == 1;
}

const char *ys_tint_severity(const char *severity, int on)
{
	static const struct {
		const char *name, *esc;
	} tints[] = {
		{"critical", "\033[1;31m"}, {"high", "\033[31m"}, {"medium", "\033[33m"},
		{"low", "\033[36m"},	    {"info", "\033[2m"},
	};
	size_t i;

	if (!on || !severity)
		return "";
	for (i = 0; i < sizeof(tints) / sizeof(tints[0]); i++)
		if (!strcmp(severity, tints[i].name))
			return tints[i].esc;
	return "";
}

const char *ys_tint_reset(int on)
{
	return on ? "\033[0m" : "";
}

const char *ys_tint_bold(int on)
{
	return on ? "\033[1m" : "";
}

const char *ys_tint_dim(int on)
{
	return on ? "\033[2m" : "";
}

const char *ys_tint_good(int on)
{
	return on ? "\033[32m" : "";
}

const char *ys_tint_bad(int on)
{
	return on ? "\033[31m" : "";
}
