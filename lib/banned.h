/* banned.h: functions that are easy to misuse become compile errors (after git's banned.h) */
#ifndef YS_BANNED_H
#define YS_BANNED_H

#define YS_BANNED(func) sorry_##func##_is_banned_in_yourside

#undef strcpy
#define strcpy(x, y) YS_BANNED(strcpy)
#undef strcat
#define strcat(x, y) YS_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) YS_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) YS_BANNED(strncat)
#undef sprintf
#define sprintf(...) YS_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) YS_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) YS_BANNED(strtok)
#undef atoi
#define atoi(x) YS_BANNED(atoi)
#undef atol
#define atol(x) YS_BANNED(atol)
#undef gmtime
#define gmtime(x) YS_BANNED(gmtime)
#undef localtime
#define localtime(x) YS_BANNED(localtime)
#undef gets
#define gets(x) YS_BANNED(gets)

#endif
