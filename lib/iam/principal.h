/* principal.h: who makes a request, read from its ARN: an IAM user, a role or a session of one,
 * a federated user, an account's root, an AWS service, an identity provider (OIDC, SAML) whose
 * users come in through a trust policy, or anyone (anonymous) */
#ifndef YS_IAM_PRINCIPAL_H
#define YS_IAM_PRINCIPAL_H

#include <stddef.h>

enum ys_ptype {
	YS_PT_UNKNOWN,
	YS_PT_USER,	 /* arn:aws:iam::111122223333:user/path/name */
	YS_PT_ROLE,	 /* arn:aws:iam::111122223333:role/path/name (a request comes from a session) */
	YS_PT_SESSION,	 /* arn:aws:sts::111122223333:assumed-role/name/session */
	YS_PT_FEDERATED, /* arn:aws:sts::111122223333:federated-user/name */
	YS_PT_ROOT,	 /* arn:aws:iam::111122223333:root */
	YS_PT_SERVICE,	 /* ec2.amazonaws.com */
	YS_PT_ANONYMOUS, /* "*" or "anonymous": an unsigned request */
	YS_PT_PROVIDER,	 /* arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com,
			  * ...:saml-provider/okta, or a built-in one named alone (accounts.google.com,
			  * cognito-identity.amazonaws.com): a trust policy's "Federated" */
};

struct ys_pinfo {
	enum ys_ptype type;
	const char *arn;     /* as given */
	char partition[16];
	char account[16];
	char name[128];	     /* user, role or federated user name (no path) */
	char role_arn[384];  /* sessions: arn:PART:iam::ACCOUNT:role/NAME; users and roles: their
			      * ARN (aws:PrincipalArn) */
	int service_linked;  /* a role under /aws-service-role/ */
	int saml;	     /* a SAML provider (else OIDC, for YS_PT_PROVIDER) */
};

/* Reads a principal; unknown forms give YS_PT_UNKNOWN and -1. A provider's ARN gives
 * YS_PT_PROVIDER with its account, and name holding what follows "oidc-provider/" (the issuer's
 * host and path) or "saml-provider/". */
int ys_pinfo_parse(const char *arn, struct ys_pinfo *out);
/* Reads a trust policy's "Federated" entry: a provider's ARN, or a built-in provider's name
 * (taken as it is). -1 when it is too long. */
int ys_pinfo_provider(const char *federated, struct ys_pinfo *out);

/* "User", "AssumedRole", "FederatedUser", "Account", "Anonymous", "AWSService",
 * "WebIdentityUser" or "SAMLUser" (aws:PrincipalType) */
const char *ys_ptype_name(enum ys_ptype t);
const char *ys_pinfo_type_name(const struct ys_pinfo *pi);

/* Whether s is an account id (twelve digits). */
int ys_is_account_id(const char *s);

#endif
