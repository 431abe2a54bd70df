/* color.h: whether to colour output (--color, NO_COLOR, TERM=dumb), and the severities' escapes */
#ifndef YS_COLOR_H
#define YS_COLOR_H

enum ys_color_when { YS_COLOR_AUTO, YS_COLOR_ALWAYS, YS_COLOR_NEVER };

/* "auto", "always" or "never" into *w: 0, or -1 for anything else (*w untouched). */
int ys_color_parse(const char *s, enum ys_color_when *w);
/* What --color said for this run; AUTO until it is called. */
void ys_color_set(enum ys_color_when w);
/* 1 when output to fd is to be coloured: ALWAYS yes, NEVER no; AUTO when fd is a terminal,
 * NO_COLOR is unset or empty (https://no-color.org) and TERM is not "dumb". */
int ys_color_on(int fd);

/* The escape that starts a severity's colour (critical bold red, high red, medium yellow,
 * low cyan, info dim), or "" when on is 0 or the severity is unknown (NULL too). */
const char *ys_tint_severity(const char *severity, int on);
/* Ends any tint: "" when on is 0. */
const char *ys_tint_reset(int on);
const char *ys_tint_bold(int on);
const char *ys_tint_dim(int on);
/* Green for what is well (pass, allowed to the asker, verified) and red for what is not. */
const char *ys_tint_good(int on);
const char *ys_tint_bad(int on);

#endif
