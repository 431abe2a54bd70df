/* behave-read.c: what a record says to the behaviour detectors, read without their baselines, so
 * that any thread can read it ahead of the record's turn: who called (a person, a workload, an
 * EC2 instance), with which key, from which address and network, inside AWS or not, with what */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/hash.h"
#include "../base/isotime.h"
#include "behave-read.h"
#include "ranges.h"
#include "trailbucket.h"
#include "../banned.h"

#define MEMO 256 /* addresses whose inside-or-outside-AWS answer is kept */

/* The same few addresses make most calls: the answer for each is kept, not searched again. */
struct addr_memo {
	struct ys_addr a;
	unsigned char valid, outside;
};

struct ys_behave_reader {
	const struct ys_cidrset *aws, *own;
	char last_ua[256], last_family[64]; /* user agents repeat: the last one's family */
	struct addr_memo memo[MEMO];
	struct ys_behave_facts *f; /* YS_BEHAVE_FACTS_MAX bytes */
};

int ys_behave_reader_of(const struct ys_cidrset *aws, const struct ys_cidrset *own,
			struct ys_behave_reader **out)
{
	struct ys_behave_reader *r = calloc(1, sizeof(*r));

	if (!r || !(r->f = malloc(YS_BEHAVE_FACTS_MAX))) {
		free(r);
		return YS_ENOMEM;
	}
	r->aws = aws;
	r->own = own;
	*out = r;
	return 0;
}

int ys_behave_reader_new(const struct ys_behave_opts *o, struct ys_behave_reader **out)
{
	return ys_behave_reader_of(o->aws, o->own, out);
}

void ys_behave_reader_free(struct ys_behave_reader *r)
{
	if (!r)
		return;
	free(r->f);
	free(r);
}

void ys_behave_reader_set_aws(struct ys_behave_reader *r, const struct ys_cidrset *aws)
{
	r->aws = aws;
	memset(r->memo, 0, sizeof(r->memo));
}

/* The kind of client a user agent names: aws-cli, boto3, terraform, browser, ... */
static void ua_family(const char *ua, char *out, size_t n)
{
	static const char *const known[][2] = {
	    {"kali", "kali-linux"},
	    {"parrot", "parrot-os"},
	    {"pentoo", "pentoo"},
	    {"terraform", "terraform"},
	    {"pulumi", "pulumi"},
	    {"aws-cli", "aws-cli"},
	    {"boto3", "boto3"},
	    {"botocore", "botocore"},
	    {"stratus-red-team", "stratus-red-team"},
	    {"console.amazonaws.com", "aws-console"},
	    {"signin.amazonaws.com", "aws-console"},
	    {"aws internal", "aws-internal"},
	    {"mozilla/", "browser"},
	    {"curl/", "curl"},
	    {"python-requests", "python-requests"},
	};
	char low[256];
	size_t i, len;

	if (!ua || !*ua) {
		snprintf(out, n, "none");
		return;
	}
	for (i = 0; ua[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)tolower((unsigned char)ua[i]);
	low[i] = 0;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strstr(low, known[i][0])) {
			snprintf(out, n, "%s", known[i][1]);
			return;
		}
	}
	/* aws-sdk-go/1.44 → aws-sdk-go; otherwise the first product token */
	len = strcspn(low + strspn(low, "[( "), "/ [();");
	snprintf(out, n, "%.*s", (int)(len > 40 ? 40 : len), low + strspn(low, "[( "));
	if (!*out)
		snprintf(out, n, "other");
}

static void family(struct ys_behave_reader *r, const char *ua, char *fam, size_t n)
{
	if (ua && !strcmp(ua, r->last_ua)) {
		memcpy(fam, r->last_family, n);
		return;
	}
	ua_family(ua, fam, n);
	if (ua && strlen(ua) < sizeof(r->last_ua)) {
		memcpy(r->last_ua, ua, strlen(ua) + 1);
		memcpy(r->last_family, fam, n);
	}
}

/* arn:aws:sts::1:assumed-role/Role/session → arn:aws:sts::1:assumed-role/Role: its length */
static size_t principal_of(const char *arn)
{
	const char *ar = strstr(arn, ":assumed-role/"), *slash;

	return ar && (slash = strchr(ar + 14, '/')) ? (size_t)(slash - arn) : strlen(arn);
}

/* EC2 hands an instance its role's credentials in a session named after the instance. */
static int instance_session(struct ys_jlazy *l, struct ys_jraw who, const char *arn)
{
	struct ys_jraw v;
	const char *s = strrchr(arn, '/');
	size_t i;

	if (ys_jlazy_member(l, who, "sessionContext", 14, &v) &&
	    ys_jlazy_member(l, v, "ec2RoleDelivery", 15, &v))
		return 1;
	if (!s || strncmp(++s, "i-", 2) || strlen(s) < 10)
		return 0;
	for (i = 2; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A role session that is a person: AWS IAM Identity Center's roles, sessions named by an email
 * address (SAML and OIDC federation of people), or a console session. */
static int person_session(struct ys_jlazy *l, const char *arn)
{
	const char *role = strstr(arn, ":assumed-role/"), *session = strrchr(arn, '/');
	char v[16];

	if (role && !strncmp(role + 14, "AWSReservedSSO_", 15))
		return 1;
	if (session && strchr(session, '@'))
		return 1;
	return ys_jlazy_str(l, "sessionCredentialFromConsole", v, sizeof(v)) && !strcmp(v, "true");
}

static int outside_aws(struct ys_behave_reader *r, const struct ys_addr *ip)
{
	struct addr_memo *m;

	if (!r->aws || !r->aws->n)
		return 0;
	m = &r->memo[ys_hash_mem(YS_HASH_SEED, ip->b, sizeof(ip->b)) % MEMO];
	if (!m->valid || memcmp(m->a.b, ip->b, sizeof(ip->b))) {
		m->a = *ip;
		m->valid = 1;
		m->outside = !ys_cidrset_has(r->aws, ip) && !ys_addr_is_internal(ip);
	}
	return m->outside;
}

/* The calls that run commands on an instance, or open a shell on it: SSM, EC2 Instance Connect,
 * the serial console. Whoever makes them can read the instance's credentials from its metadata. */
static int remote_access(const char *name)
{
	static const char *const calls[] = {"SendCommand", "StartSession", "SendSSHPublicKey",
					    "SendSerialConsoleSSHPublicKey"};
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(name, calls[i]))
			return 1;
	return 0;
}

static int agent_channel(struct ys_jlazy *rec)
{
	char src[64];

	return ys_jlazy_str(rec, "eventSource", src, sizeof(src)) &&
	       (!strcmp(src, "ssmmessages.amazonaws.com") || !strcmp(src, "ec2messages.amazonaws.com"));
}

/* AWS attaches AWSCompromisedKeyQuarantine to a user whose key it found in public: the user
 * (flagged, whoever made the call) into subject, or "". */
static void quarantine(struct ys_jlazy *rec, struct ys_jraw name, char *subject, size_t n)
{
	char policy[128], user[128], account[32];
	struct ys_jraw v;

	subject[0] = 0;
	if (name.len != 18 || memcmp(name.p, "\"AttachUserPolicy\"", 18) ||
	    ys_jlazy_top(rec, "errorCode", 9, &v) ||
	    !ys_jlazy_str(rec, "requestParameters.policyArn", policy, sizeof(policy)) ||
	    !strstr(policy, "AWSCompromisedKeyQuarantine") ||
	    !ys_jlazy_str(rec, "requestParameters.userName", user, sizeof(user)) ||
	    !ys_jlazy_str(rec, "recipientAccountId", account, sizeof(account)))
		return;
	snprintf(subject, n, "arn:aws:iam::%s:user/%s", account, user);
}

/* s onto f's strings: its offset. */
static uint16_t put(struct ys_behave_facts *f, size_t *used, const char *s)
{
	size_t at = *used, len = strlen(s);

	if (!len)
		return 0; /* the "" every facts begin with */
	memcpy(f->s + at, s, len + 1);
	*used += len + 1;
	return (uint16_t)at;
}

static const struct ys_behave_facts *done(struct ys_behave_facts *f, size_t used)
{
	f->size = (uint32_t)((offsetof(struct ys_behave_facts, s) + used + 7) & ~(size_t)7);
	return f;
}

const struct ys_behave_facts *ys_behave_read(struct ys_behave_reader *r, struct ys_jlazy *rec)
{
	char type[32], arn[512], ipstr[64], key[64], ua[256], when[40], net[64], name[64], fam[64],
		quar[320];
	struct ys_behave_facts *f = r->f;
	struct ys_jraw v, who, evname;
	struct ys_addr ip;
	size_t used = 0;

	memset(f, 0, offsetof(struct ys_behave_facts, s));
	f->t = -1;
	f->s[used++] = 0; /* offset 0: "" */
	if (!ys_jlazy_top(rec, "userIdentity", 12, &who) ||
	    !ys_jlazy_str(rec, "eventTime", when, sizeof(when)) || (f->t = ys_time_parse(when)) < 0)
		return done(f, used);
	if (!ys_jlazy_member_str(rec, who, "accessKeyId", key, sizeof(key)))
		key[0] = 0;
	f->key = put(f, &used, key);
	if (!ys_jlazy_top(rec, "eventName", 9, &evname))
		evname.len = 0;
	quarantine(rec, evname, quar, sizeof(quar));
	f->quarantine = put(f, &used, quar);
	f->bucket = ys_trailbucket_may_change(evname);
	/* calls that a service makes on someone's behalf say nothing of the caller */
	if (!ys_jlazy_member_str(rec, who, "type", type, sizeof(type)) ||
	    (strcmp(type, "IAMUser") && strcmp(type, "AssumedRole") && strcmp(type, "Root") &&
	     strcmp(type, "FederatedUser")) ||
	    !ys_jlazy_member_str(rec, who, "arn", arn, sizeof(arn)) ||
	    ys_jlazy_member(rec, who, "invokedBy", 9, &v))
		return done(f, used);
	f->caller = 1;
	f->arn = put(f, &used, arn);
	f->principal = (uint16_t)principal_of(arn);
	f->has_ip = ys_jlazy_str(rec, "sourceIPAddress", ipstr, sizeof(ipstr)) &&
		    ys_addr_parse(ipstr, &ip) == 0 && !ys_jlazy_get(rec, "vpcEndpointId", &v) &&
		    !(r->own && ys_cidrset_has(r->own, &ip));
	if (f->has_ip) {
		ys_addr_network(&ip, net, sizeof(net));
		f->ipstr = put(f, &used, ipstr);
		f->net = put(f, &used, net);
		f->internal = (uint8_t)ys_addr_is_internal(&ip);
		f->outside = (uint8_t)outside_aws(r, &ip);
		f->remote = evname.len > 2 && evname.p[1] == 'S' &&
			    ys_jlazy_str(rec, "eventName", name, sizeof(name)) && remote_access(name) &&
			    !ys_jlazy_top(rec, "errorCode", 9, &v);
	}
	if (strcmp(type, "AssumedRole"))
		f->kind = YS_WHO_USER; /* IAM users, root, federated users: people */
	else if (instance_session(rec, who, arn))
		f->kind = YS_WHO_INSTANCE;
	else if (person_session(rec, arn))
		f->kind = YS_WHO_PERSON;
	else
		f->kind = YS_WHO_WORKLOAD;
	if (f->kind == YS_WHO_INSTANCE) {
		f->agent = f->has_ip && agent_channel(rec);
	} else if (!strncmp(key, "AKIA", 4)) {
		family(r, ys_jlazy_str(rec, "userAgent", ua, sizeof(ua)), fam, sizeof(fam));
		f->family = put(f, &used, fam);
	}
	return done(f, used);
}
