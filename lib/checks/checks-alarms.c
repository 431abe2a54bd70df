/* checks-alarms.c: CIS's CloudWatch alarms: a trail over every region delivers to CloudWatch
 * Logs, a metric filter there matches the events CIS names, and an alarm watches its metric */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-api.h"
#include "trails.h"
#include "../banned.h"

/* What each control's filter must match: "src:" an eventSource, "$..." a filter term as CIS
 * writes it, any other word an eventName. Spaces and quotes are ignored in both. */
static const char *const wanted[] = {
	[0] = "$.errorCode=*UnauthorizedOperation $.errorCode=AccessDenied*",
	[1] = "ConsoleLogin $.additionalEventData.MFAUsed!=Yes",
	[2] = "$.userIdentity.type=Root $.userIdentity.invokedByNOTEXISTS "
	      "$.eventType!=AwsServiceEvent",
	[3] = "DeleteGroupPolicy DeleteRolePolicy DeleteUserPolicy PutGroupPolicy PutRolePolicy "
	      "PutUserPolicy CreatePolicy DeletePolicy CreatePolicyVersion DeletePolicyVersion "
	      "AttachRolePolicy DetachRolePolicy AttachUserPolicy DetachUserPolicy "
	      "AttachGroupPolicy DetachGroupPolicy",
	[4] = "CreateTrail UpdateTrail DeleteTrail StartLogging StopLogging",
	[5] = "ConsoleLogin $.errorMessage=Failedauthentication",
	[6] = "src:kms.amazonaws.com DisableKey ScheduleKeyDeletion",
	[7] = "src:s3.amazonaws.com PutBucketAcl PutBucketPolicy PutBucketCors PutBucketLifecycle "
	      "PutBucketReplication DeleteBucketPolicy DeleteBucketCors DeleteBucketLifecycle "
	      "DeleteBucketReplication",
	[8] = "src:config.amazonaws.com StopConfigurationRecorder DeleteDeliveryChannel "
	      "PutDeliveryChannel PutConfigurationRecorder",
	[9] = "AuthorizeSecurityGroupIngress AuthorizeSecurityGroupEgress "
	      "RevokeSecurityGroupIngress RevokeSecurityGroupEgress CreateSecurityGroup "
	      "DeleteSecurityGroup",
	[10] = "CreateNetworkAcl CreateNetworkAclEntry DeleteNetworkAcl DeleteNetworkAclEntry "
	       "ReplaceNetworkAclEntry ReplaceNetworkAclAssociation",
	[11] = "CreateCustomerGateway DeleteCustomerGateway AttachInternetGateway "
	       "CreateInternetGateway DeleteInternetGateway DetachInternetGateway",
	[12] = "CreateRoute CreateRouteTable ReplaceRoute ReplaceRouteTableAssociation "
	       "DeleteRouteTable DeleteRoute DisassociateRouteTable",
	[13] = "CreateVpc DeleteVpc ModifyVpcAttribute AcceptVpcPeeringConnection "
	       "CreateVpcPeeringConnection DeleteVpcPeeringConnection RejectVpcPeeringConnection "
	       "AttachClassicLinkVpc DetachClassicLinkVpc DisableVpcClassicLink "
	       "EnableVpcClassicLink",
	[14] = "src:organizations.amazonaws.com AcceptHandshake AttachPolicy CreateAccount "
	       "CreateOrganizationalUnit CreatePolicy DeclineHandshake DeleteOrganization "
	       "DeleteOrganizationalUnit DeletePolicy DetachPolicy DisablePolicyType "
	       "EnablePolicyType InviteAccountToOrganization LeaveOrganization MoveAccount "
	       "RemoveAccountFromOrganization UpdatePolicy UpdateOrganizationalUnit",
};

/* A filter pattern without spaces and double quotes, in out[n]. */
static void squeeze(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s && k + 1 < n; s++)
		if (!isspace((unsigned char)*s) && *s != '"')
			out[k++] = *s;
	out[k] = '\0';
}

/* Whether pat holds term as a whole term (not the start of a longer name). */
static int has_term(const char *pat, const char *term)
{
	size_t n = strlen(term);
	const char *p;

	for (p = strstr(pat, term); p; p = strstr(p + 1, term))
		if (!isalnum((unsigned char)p[n]) && p[n] != '*')
			return 1;
	return 0;
}

/* Whether the squeezed pattern matches all of spec's words; the first missing one in miss. */
static int matches(const char *pat, const char *spec, char *miss, size_t n)
{
	char word[96], term[128];
	const char *p = spec;
	int len;

	while (sscanf(p, " %95s%n", word, &len) == 1) {
		p += len;
		if (!strncmp(word, "src:", 4))
			snprintf(term, sizeof(term), "$.eventSource=%s", word + 4);
		else if (word[0] == '$')
			snprintf(term, sizeof(term), "%s", word);
		else
			snprintf(term, sizeof(term), "$.eventName=%s", word);
		if (!has_term(pat, term)) {
			snprintf(miss, n, "%s", term);
			return 0;
		}
	}
	return 1;
}

/* Splits a log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]) into region, name. */
static int log_group(const char *arn, char *region, size_t rn, char *name, size_t nn)
{
	const char *r, *g, *end;

	if (strncmp(arn, "arn:", 4) || !(r = strstr(arn, ":logs:")) ||
	    !(g = strstr(arn, ":log-group:")))
		return -1;
	r += 6;
	snprintf(region, rn, "%.*s", (int)(strcspn(r, ":")), r);
	g += 11;
	end = g + strlen(g);
	if (end - g >= 2 && !strcmp(end - 2, ":*"))
		end -= 2;
	snprintf(name, nn, "%.*s", (int)(end - g), g);
	return 0;
}

/* The alarm on the filter's metric, or NULL. */
static const struct ys_jval *alarm_for(const struct ys_jval *alarms, const struct ys_jval *filt)
{
	const struct ys_jval *mt = ys_json_get(filt, "metricTransformations");
	size_t i, j;

	for (i = 0; i < ys_count(mt); i++)
		for (j = 0; j < ys_count(alarms); j++) {
			const struct ys_jval *al = ys_item(alarms, j);

			if (!strcmp(ys_str(al, "MetricName"), ys_str(ys_item(mt, i), "metricName")) &&
			    !strcmp(ys_str(al, "Namespace"), ys_str(ys_item(mt, i), "metricNamespace")))
				return al;
		}
	return NULL;
}

/* Judges one trail's log group; 1 when it passed (a finding says so), 0 when it failed
 * (why says how), -1 when its files are missing (a finding says so). */
static int judge_group(struct ys_audit *a, const struct ys_trail *tr, size_t ctl, char *why,
		       size_t wn)
{
	char region[64], group[512], rel[128], pat[4096], miss[160] = "";
	const struct ys_jval *mf, *al, *filters, *alarms;
	size_t i;
	int matched = 0;

	if (log_group(ys_str(tr->v, "CloudWatchLogsLogGroupArn"), region, sizeof(region), group,
		      sizeof(group)))
		return snprintf(why, wn, "trail %s sends to no CloudWatch Logs group", tr->name), 0;
	snprintf(rel, sizeof(rel), "%s/logs/describe-metric-filters", region);
	if (!(mf = ys_need(a, rel, region)))
		return -1;
	snprintf(rel, sizeof(rel), "%s/cloudwatch/describe-alarms", region);
	if (!(al = ys_need(a, rel, region)))
		return -1;
	filters = ys_json_get(mf, "metricFilters");
	alarms = ys_json_get(al, "MetricAlarms");
	for (i = 0; i < ys_count(filters); i++) {
		const struct ys_jval *f = ys_item(filters, i), *alarm;

		if (strcmp(ys_str(f, "logGroupName"), group))
			continue;
		squeeze(ys_str(f, "filterPattern"), pat, sizeof(pat));
		if (!matches(pat, wanted[ctl], miss, sizeof(miss)))
			continue;
		matched = 1;
		if ((alarm = alarm_for(alarms, f))) {
			ys_pass(a, NULL, region, "metric filter %s on %s has alarm %s%s",
				ys_str(f, "filterName"), group, ys_str(alarm, "AlarmName"),
				ys_count(ys_json_get(alarm, "AlarmActions")) ? "" : " (with no action)");
			return 1;
		}
		snprintf(why, wn, "metric filter %s on %s has no alarm", ys_str(f, "filterName"),
			 group);
	}
	if (!matched)
		snprintf(why, wn, "no metric filter on %s (trail %s) matches %s", group, tr->name,
			 *miss ? miss : wanted[ctl]);
	return 0;
}

static void alarm_check(struct ys_audit *a, size_t ctl)
{
	struct ys_trails t;
	char why[700] = "";
	size_t i;
	int r, tried = 0;

	if (ys_trails_load(a, &t))
		return;
	for (i = 0; i < t.n; i++) {
		const struct ys_trail *tr = &t.t[i];

		if (ys_bool(tr->v, "IsMultiRegionTrail") != 1 || tr->logging != 1 ||
		    tr->management != 1 || !*ys_str(tr->v, "CloudWatchLogsLogGroupArn"))
			continue;
		tried = 1;
		if ((r = judge_group(a, tr, ctl, why, sizeof(why))) != 0) {
			ys_trails_release(&t);
			return;
		}
	}
	if (!tried)
		ys_fail(a, NULL, NULL, "no trail over every region sends its events to CloudWatch "
				       "Logs, so nothing can raise an alarm");
	else
		ys_fail(a, NULL, NULL, "%s", why);
	ys_trails_release(&t);
}

#define ALARM(fn, ctl) \
	void ys_check_alarm_##fn(struct ys_audit *a) { alarm_check(a, ctl); }
ALARM(unauthorized, 0)
ALARM(no_mfa_signin, 1)
ALARM(root_use, 2)
ALARM(iam_policy, 3)
ALARM(trail_change, 4)
ALARM(signin_failures, 5)
ALARM(kms_delete, 6)
ALARM(s3_policy, 7)
ALARM(config_change, 8)
ALARM(sg_change, 9)
ALARM(nacl_change, 10)
ALARM(gateway_change, 11)
ALARM(route_change, 12)
ALARM(vpc_change, 13)
ALARM(org_change, 14)
