/* principal.c: reading a request's principal from its ARN */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "principal.h"
#include "../banned.h"

int ys_is_account_id(const char *s)
{
	int i;

	for (i = 0; i < 12; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return s[12] == '\0';
}

/* copies [s, e) into out[n]; -1 when it does not fit */
static int take(const char *s, const char *e, char *out, size_t n)
{
	if (!e)
		e = s + strlen(s);
	if ((size_t)(e - s) >= n)
		return -1;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 0;
}

static int parse_arn(const char *arn, struct ys_pinfo *o)
{
	const char *f[6], *p = arn;
	const char *rest, *slash, *last;
	int i;

	for (i = 0; i < 6; i++) {
		f[i] = p;
		if (i < 5 && !(p = strchr(p, ':')))
			return -1;
		p++;
	}
	if (strncmp(arn, "arn:", 4) || take(f[1], f[2] - 1, o->partition, sizeof(o->partition)) ||
	    take(f[4], f[5] - 1, o->account, sizeof(o->account)) || !ys_is_account_id(o->account))
		return -1;
	rest = f[5];
	slash = strchr(rest, '/');
	last = strrchr(rest, '/');
	if (!strncmp(f[2], "iam:", 4)) {
		if (!strcmp(rest, "root")) {
			o->type = YS_PT_ROOT;
			return 0;
		}
		if (!slash || !last[1])
			return -1;
		if (!strncmp(rest, "oidc-provider/", 14) || !strncmp(rest, "saml-provider/", 14)) {
			o->type = YS_PT_PROVIDER;
			o->saml = rest[0] == 's';
			return take(slash + 1, NULL, o->name, sizeof(o->name)) ||
			       take(arn, NULL, o->role_arn, sizeof(o->role_arn));
		}
		if (!strncmp(rest, "user/", 5))
			o->type = YS_PT_USER;
		else if (!strncmp(rest, "role/", 5))
			o->type = YS_PT_ROLE;
		else
			return -1;
		o->service_linked = o->type == YS_PT_ROLE && !strncmp(rest, "role/aws-service-role/", 22);
		if (take(last + 1, NULL, o->name, sizeof(o->name)) ||
		    take(arn, NULL, o->role_arn, sizeof(o->role_arn)))
			return -1;
		return 0;
	}
	if (strncmp(f[2], "sts:", 4) || !slash)
		return -1;
	if (!strncmp(rest, "assumed-role/", 13)) {
		const char *end = strchr(slash + 1, '/');
		int n;

		if (!end || end == slash + 1 || !end[1] || take(slash + 1, end, o->name, sizeof(o->name)))
			return -1;
		n = snprintf(o->role_arn, sizeof(o->role_arn), "arn:%s:iam::%s:role/%s", o->partition,
			     o->account, o->name);
		if (n < 0 || (size_t)n >= sizeof(o->role_arn))
			return -1;
		o->type = YS_PT_SESSION;
		o->service_linked = 0;
		return 0;
	}
	if (!strncmp(rest, "federated-user/", 15) && slash[1]) {
		o->type = YS_PT_FEDERATED;
		return take(slash + 1, NULL, o->name, sizeof(o->name)) ||
		       take(arn, NULL, o->role_arn, sizeof(o->role_arn));
	}
	return -1;
}

int ys_pinfo_parse(const char *arn, struct ys_pinfo *out)
{
	size_t n = strlen(arn);

	memset(out, 0, sizeof(*out));
	out->arn = arn;
	if (!strcmp(arn, "*") || !strcmp(arn, "anonymous")) {
		out->type = YS_PT_ANONYMOUS;
		return 0;
	}
	if (n > 14 && !strcmp(arn + n - 14, ".amazonaws.com") && !strchr(arn, ':')) {
		out->type = YS_PT_SERVICE;
		return 0;
	}
	if (ys_is_account_id(arn)) {
		/* an account id alone stands for its root */
		out->type = YS_PT_ROOT;
		memcpy(out->account, arn, 13);
		memcpy(out->partition, "aws", 4);
		return 0;
	}
	if (parse_arn(arn, out)) {
		memset(out, 0, sizeof(*out));
		out->arn = arn;
		return -1;
	}
	return 0;
}

int ys_pinfo_provider(const char *federated, struct ys_pinfo *out)
{
	if (!strncmp(federated, "arn:", 4))
		return ys_pinfo_parse(federated, out) || out->type != YS_PT_PROVIDER ? -1 : 0;
	memset(out, 0, sizeof(*out));
	out->arn = federated;
	if (!*federated || take(federated, NULL, out->name, sizeof(out->name)))
		return -1;
	out->type = YS_PT_PROVIDER;
	return 0;
}

const char *ys_pinfo_type_name(const struct ys_pinfo *pi)
{
	if (pi->type == YS_PT_PROVIDER)
		return pi->saml ? "SAMLUser" : "WebIdentityUser";
	return ys_ptype_name(pi->type);
}

const char *ys_ptype_name(enum ys_ptype t)
{
	switch (t) {
	case YS_PT_USER: return "User";
	case YS_PT_ROLE:
	case YS_PT_SESSION: return "AssumedRole";
	case YS_PT_FEDERATED: return "FederatedUser";
	case YS_PT_ROOT: return "Account";
	case YS_PT_SERVICE: return "AWSService";
	case YS_PT_ANONYMOUS: return "Anonymous";
	case YS_PT_PROVIDER: return "WebIdentityUser";
	default: return "Unknown";
	}
}
