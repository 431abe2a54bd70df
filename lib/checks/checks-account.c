/* checks-account.c: the account's own settings outside IAM: a security contact AWS can reach
 * (FSBP Account.1) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

void ys_check_account_security_contact(struct ys_audit *a)
{
	int absent = 0;
	const struct ys_jval *r = ys_need_x(a, "global/account/get-alternate-contact", "SECURITY",
					    NULL, "ResourceNotFoundException", &absent);
	const struct ys_jval *c = ys_json_get(r, "AlternateContact");
	const char *name = ys_str(c, "Name"), *title = ys_str(c, "Title");

	if (absent) {
		ys_fail(a, NULL, NULL, "the account has no security contact: AWS's warnings of abuse, "
				       "leaked keys or a compromise go only to the root user's email");
		return;
	}
	if (!r)
		return;
	if (!*ys_str(c, "EmailAddress")) {
		ys_fail(a, NULL, NULL, "the account's security contact has no email address");
		return;
	}
	/* the contact's name and title only: the email and phone stay out of the report */
	ys_pass(a, NULL, NULL, "AWS sends security notices to %s%s%s%s, the registered security "
			       "contact", *name ? name : "an unnamed contact", *title ? " (" : "",
		title, *title ? ")" : "");
}
