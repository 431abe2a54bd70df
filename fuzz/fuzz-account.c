/* fuzz-account.c: get-account-authorization-details on arbitrary bytes: every principal loaded
 * is asked what it holds, through its groups, boundary and trust policy */
#include <stdint.h>
#include <stdlib.h>
#include "iam/account.h"
#include "json/jread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_jdoc *doc;
	struct ys_account *acct;
	struct ys_error err = {0};
	char buf[128];
	size_t i;

	if (ys_json_parse((const char *)data, size, &doc, &err))
		return 0;
	if (!ys_account_load(ys_jdoc_root(doc), &acct, &err)) {
		const struct ys_principal *lists[] = {acct->users, acct->groups, acct->roles};
		size_t ns[] = {acct->nusers, acct->ngroups, acct->nroles}, k;

		for (k = 0; k < 3; k++)
			for (i = 0; i < ns[k]; i++) {
				ys_account_grant(acct, &lists[k][i], "s3:DeleteBucket", buf, sizeof(buf));
				ys_account_allows_some(acct, &lists[k][i], "s3:GetObject", buf,
						       sizeof(buf));
				ys_account_service_role(&lists[k][i], buf, sizeof(buf));
			}
		ys_account_free(acct);
	}
	ys_jdoc_free(doc);
	return 0;
}
