/* credreport.h: IAM's credential report (one row per user and the root account), read from its
 * CSV, from the base64 the CLI prints as Content, or from the CLI's whole JSON answer */
#ifndef YS_CREDREPORT_H
#define YS_CREDREPORT_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

#define YS_CRED_NEVER (-1)   /* N/A, no_information, or empty */
#define YS_CRED_UNKNOWN (-2) /* the column is missing or its value unreadable */

struct ys_cred_user {
	const char *user; /* "<root_account>" for root */
	const char *arn;
	int is_root;
	int64_t created;
	int password_enabled; /* 1, 0; root's "not_supported" is 1 when it has ever logged in */
	int64_t password_last_used, password_last_changed;
	int mfa_active;
	struct {
		int active;
		int64_t last_rotated, last_used;
	} key[2];
	struct {
		int active;
		int64_t last_rotated;
	} cert[2];
};

struct ys_credreport {
	struct ys_cred_user *users;
	size_t n;
	int64_t generated; /* the JSON answer's GeneratedTime, else -1 */
	char **problems;   /* rows that could not be read: "line N: reason" */
	size_t nproblems;
	char *text; /* the decoded CSV the users' strings point into */
};

/* Reads a report from text (CSV, base64 of it, or {"Content": ...}). Fails with YS_EPARSE when
 * it is none of these or lacks the "user" column; rows with problems are skipped and listed. */
int ys_credreport_parse(const char *text, size_t len, struct ys_credreport **out,
			struct ys_error *err);
void ys_credreport_free(struct ys_credreport *r);

#endif
