/* checks-ec2-fleet.c: EC2 instances (public addresses, long-stopped, extra or unchecked network
 * interfaces, paravirtual), subnets that hand out public addresses, unused network ACLs and
 * security groups open to the internet beyond the web ports */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "ec2-each.h"
#include "../banned.h"

/* "i-0abc (web-1)" or "i-0abc" into out */
static const char *label(const char *id, const struct ys_jval *res, char *out, size_t n)
{
	const char *name = ys_ec2_name_tag(res);

	if (*name)
		snprintf(out, n, "%s (%s)", id, name);
	else
		snprintf(out, n, "%s", id);
	return out;
}

const char *ys_ec2_name_tag(const struct ys_jval *res)
{
	const struct ys_jval *tags = ys_json_get(res, "Tags");
	size_t i;

	for (i = 0; i < ys_count(tags); i++)
		if (!strcmp(ys_str(ys_item(tags, i), "Key"), "Name"))
			return ys_str(ys_item(tags, i), "Value");
	return "";
}

struct inst_walk {
	ys_ec2_inst_fn fn;
	void *ctx;
};

static void instances_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
			     void *ctx)
{
	const struct ys_jval *res = ys_json_get(root, "Reservations"), *in, *inst;
	const struct inst_walk *w = ctx;
	char arn[256], who[200];
	size_t i, j;

	for (i = 0; i < ys_count(res); i++) {
		in = ys_json_get(ys_item(res, i), "Instances");
		for (j = 0; j < ys_count(in); j++) {
			const char *id, *state;

			if (!(inst = ys_item(in, j)))
				continue;
			id = ys_str(inst, "InstanceId");
			state = ys_str(ys_json_get(inst, "State"), "Name");
			if (!*id || !strcmp(state, "terminated") || !strcmp(state, "shutting-down"))
				continue;
			snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:instance/%s", region,
				 a->account, id);
			ys_about(a, id);
			w->fn(a, region, inst, arn, label(id, inst, who, sizeof(who)), w->ctx);
			ys_about(a, NULL);
		}
	}
}

void ys_ec2_each_instance(struct ys_audit *a, ys_ec2_inst_fn fn, void *ctx)
{
	struct inst_walk w = {fn, ctx};

	ys_each_region(a, "ec2/describe-instances", instances_region, &w);
}

static void public_ip_one(struct ys_audit *a, const char *region, const struct ys_jval *inst,
			  const char *arn, const char *who, void *ctx)
{
	const char *ip = ys_str(inst, "PublicIpAddress");

	(void)ctx;
	if (*ip)
		ys_fail(a, arn, region,
			"instance %s has the public IPv4 address %s: the internet "
			"reaches it directly",
			who, ip);
	else
		ys_pass(a, arn, region, "instance %s has no public IPv4 address", who);
}

void ys_check_ec2_instance_public_ip(struct ys_audit *a)
{
	ys_ec2_each_instance(a, public_ip_one, NULL);
}

/* When a stopped instance stopped: the time in StateTransitionReason's "User initiated
 * (2026-08-14 16:02:11 GMT)", or -1. */
static int64_t stopped_at(const struct ys_jval *inst)
{
	const char *why = strchr(ys_str(inst, "StateTransitionReason"), '(');
	char when[20];

	if (!why || strlen(why + 1) < 19)
		return -1;
	snprintf(when, sizeof(when), "%.19s", why + 1);
	return ys_time_parse(when);
}

static void stopped_one(struct ys_audit *a, const char *region, const struct ys_jval *inst,
			const char *arn, const char *who, void *ctx)
{
	const char *state = ys_str(ys_json_get(inst, "State"), "Name");
	int64_t t;
	long days;
	char day[16];

	(void)ctx;
	if (strcmp(state, "stopped") && strcmp(state, "stopping")) {
		ys_pass(a, arn, region, "instance %s is %s", who,
			*state ? state : "in no known state");
		return;
	}
	if ((t = stopped_at(inst)) < 0 || (days = ys_days_since(a, t)) < 0) {
		ys_emit(a, YS_F_SKIP, arn, region,
			"instance %s is stopped, but its state reason "
			"('%s') gives no date",
			who, ys_str(inst, "StateTransitionReason"));
		return;
	}
	if (days > 30)
		ys_fail(a, arn, region, "instance %s has been stopped since %s (%ld days)", who,
			ys_day(t, day), days);
	else
		ys_pass(a, arn, region, "instance %s was stopped on %s, %ld day%s ago (30 allowed)",
			who, ys_day(t, day), days, days == 1 ? "" : "s");
}

void ys_check_ec2_instance_stopped_long(struct ys_audit *a)
{
	ys_ec2_each_instance(a, stopped_one, NULL);
}

static void eni_one(struct ys_audit *a, const char *region, const struct ys_jval *inst,
		    const char *arn, const char *who, void *ctx)
{
	const struct ys_jval *enis = ys_json_get(inst, "NetworkInterfaces");
	struct strbuf ids = STRBUF_INIT;
	size_t i, n = ys_count(enis);

	(void)ctx;
	if (!n) {
		ys_emit(a, YS_F_SKIP, arn, region,
			"instance %s: describe-instances lists no network "
			"interface for it",
			who);
		return;
	}
	for (i = 0; i < n; i++)
		strbuf_addf(&ids, "%s%s", i ? ", " : "",
			    ys_str(ys_item(enis, i), "NetworkInterfaceId"));
	if (n > 1)
		ys_fail(a, arn, region, "instance %s has %zu network interfaces: %s", who, n,
			ids.buf);
	else
		ys_pass(a, arn, region, "instance %s has one network interface (%s)", who, ids.buf);
	strbuf_release(&ids);
}

void ys_check_ec2_instance_eni(struct ys_audit *a)
{
	ys_ec2_each_instance(a, eni_one, NULL);
}

/* Whether an instance type exists only with HVM: any type but the previous generations that
 * could run paravirtual images (AWS's "Linux AMI virtualization types" page). */
static int hvm_only(const char *type)
{
	static const char *const pv[] = {"t1.",	 "m1.",	 "m2.",	 "m3.",	 "c1.",	 "c3.", "hi1.",
					 "hs1.", "cc1.", "cc2.", "cg1.", "cr1.", "i2."};
	size_t i;

	if (!*type)
		return 0;
	for (i = 0; i < sizeof(pv) / sizeof(pv[0]); i++)
		if (!strncmp(type, pv[i], strlen(pv[i])))
			return 0;
	return 1;
}

static void paravirtual_one(struct ys_audit *a, const char *region, const struct ys_jval *inst,
			    const char *arn, const char *who, void *ctx)
{
	const char *virt = ys_str(inst, "VirtualizationType"), *type = ys_str(inst, "InstanceType");

	(void)ctx;
	if (!strcmp(virt, "paravirtual"))
		ys_fail(a, arn, region,
			"instance %s runs paravirtual (PV) on %s, a previous "
			"generation of hardware",
			who, *type ? type : "an unknown type");
	else if (*virt)
		ys_pass(a, arn, region, "instance %s uses %s virtualization", who, virt);
	else if (hvm_only(type))
		ys_pass(a, arn, region, "instance %s runs on %s, a type that runs only HVM", who,
			type);
	else
		ys_emit(a, YS_F_SKIP, arn, region,
			"instance %s (%s): describe-instances gives no "
			"virtualization type",
			who, *type ? type : "no type");
}

void ys_check_ec2_instance_paravirtual(struct ys_audit *a)
{
	ys_ec2_each_instance(a, paravirtual_one, NULL);
}

static void source_dest_one(struct ys_audit *a, const char *region, const struct ys_jval *inst,
			    const char *arn, const char *who, void *ctx)
{
	const struct ys_jval *enis = ys_json_get(inst, "NetworkInterfaces");
	char earn[256];
	size_t i;

	(void)ctx;
	if (!ys_count(enis)) { /* the instance's own flag is its primary interface's */
		int on = ys_bool(inst, "SourceDestCheck");

		if (on < 0)
			ys_emit(a, YS_F_SKIP, arn, region,
				"instance %s: describe-instances gives "
				"neither its network interfaces nor "
				"SourceDestCheck",
				who);
		else if (on)
			ys_pass(a, arn, region, "instance %s checks source and destination", who);
		else
			ys_fail(a, arn, region,
				"instance %s forwards traffic for other addresses "
				"(source/destination check off)",
				who);
		return;
	}
	for (i = 0; i < ys_count(enis); i++) {
		const struct ys_jval *e = ys_item(enis, i);
		const char *eni = ys_str(e, "NetworkInterfaceId");

		snprintf(earn, sizeof(earn), "arn:aws:ec2:%s:%s:network-interface/%s", region,
			 a->account, eni);
		if (ys_bool(e, "SourceDestCheck") < 0)
			ys_emit(a, YS_F_SKIP, earn, region,
				"network interface %s of instance %s: "
				"describe-instances gives no "
				"SourceDestCheck",
				eni, who);
		else if (ys_bool(e, "SourceDestCheck") == 0)
			ys_fail(a, earn, region,
				"network interface %s of instance %s forwards traffic "
				"for other addresses (source/destination check "
				"off)",
				eni, who);
		else
			ys_pass(a, earn, region,
				"network interface %s of instance %s checks source "
				"and destination",
				eni, who);
	}
}

void ys_check_ec2_eni_source_dest(struct ys_audit *a)
{
	ys_ec2_each_instance(a, source_dest_one, NULL);
}

static void subnet_one(struct ys_audit *a, const char *region, const struct ys_jval *s, void *ctx)
{
	const char *id = ys_str(s, "SubnetId"), *arn = ys_str(s, "SubnetArn");
	char own[256], who[200];

	(void)ctx;
	if (!*id)
		return;
	if (!*arn) {
		snprintf(own, sizeof(own), "arn:aws:ec2:%s:%s:subnet/%s", region, a->account, id);
		arn = own;
	}
	label(id, s, who, sizeof(who));
	ys_about(a, id);
	if (ys_bool(s, "MapPublicIpOnLaunch") == 1)
		ys_fail(a, arn, region,
			"subnet %s gives every instance launched in it a public IPv4 "
			"address",
			who);
	else
		ys_pass(a, arn, region, "subnet %s gives no public IPv4 address by itself", who);
	ys_about(a, NULL);
}

void ys_check_ec2_subnet_public_ip(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-subnets", "Subnets", subnet_one, NULL);
}

static void nacl_one(struct ys_audit *a, const char *region, const struct ys_jval *acl, void *ctx)
{
	const char *id = ys_str(acl, "NetworkAclId"), *vpc = ys_str(acl, "VpcId");
	size_t n = ys_count(ys_json_get(acl, "Associations"));
	char arn[256], who[200];

	(void)ctx;
	if (!*id)
		return;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:network-acl/%s", region, a->account, id);
	label(id, acl, who, sizeof(who));
	ys_about(a, id);
	if (ys_bool(acl, "IsDefault") == 1)
		ys_pass(a, arn, region,
			"network ACL %s is the default of %s, which cannot be deleted", who,
			*vpc ? vpc : "its VPC");
	else if (n)
		ys_pass(a, arn, region, "network ACL %s guards %zu subnet%s", who, n,
			n == 1 ? "" : "s");
	else
		ys_fail(a, arn, region, "network ACL %s of %s guards no subnet", who,
			*vpc ? vpc : "its VPC");
	ys_about(a, NULL);
}

void ys_check_ec2_nacl_unused(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-network-acls", "NetworkAcls", nacl_one, NULL);
}

/* Appends what a permission opens to the internet range key (CidrIp 0.0.0.0/0, CidrIpv6 ::/0)
 * beyond TCP and UDP ports 80 and 443; ICMP is not a port and does not count. */
static void open_beyond_web(const struct ys_jval *perm, const char *list, const char *key,
			    const char *any, struct strbuf *sb)
{
	const char *proto = ys_str(perm, "IpProtocol");
	double from = ys_num(perm, "FromPort"), to = ys_num(perm, "ToPort");
	const struct ys_jval *ranges = ys_json_get(perm, list);
	const char *p;
	size_t i;
	int open = 0;

	for (i = 0; i < ys_count(ranges); i++)
		if (!strcmp(ys_str(ys_item(ranges, i), key), any))
			open = 1;
	if (!open || !strcmp(proto, "icmp") || !strcmp(proto, "1") || !strcmp(proto, "icmpv6") ||
	    !strcmp(proto, "58"))
		return;
	p = !strcmp(proto, "6") ? "tcp" : !strcmp(proto, "17") ? "udp" : proto;
	if (!strcmp(p, "-1"))
		strbuf_addf(sb, "%severy port and protocol from %s", sb->len ? ", " : "", any);
	else if (strcmp(p, "tcp") && strcmp(p, "udp"))
		strbuf_addf(sb, "%sprotocol %s from %s", sb->len ? ", " : "", p, any);
	else if (from < 0 || to < 0 || (from <= 0 && to >= 65535))
		strbuf_addf(sb, "%severy %s port from %s", sb->len ? ", " : "", p, any);
	else if (from != to)
		strbuf_addf(sb, "%s%s ports %.0f-%.0f from %s", sb->len ? ", " : "", p, from, to,
			    any);
	else if (from != 80 && from != 443)
		strbuf_addf(sb, "%s%s port %.0f from %s", sb->len ? ", " : "", p, from, any);
}

static void sg_one(struct ys_audit *a, const char *region, const struct ys_jval *g, void *ctx)
{
	const struct ys_jval *perms = ys_json_get(g, "IpPermissions");
	const char *id = ys_str(g, "GroupId"), *name = ys_str(g, "GroupName");
	struct strbuf sb = STRBUF_INIT;
	char arn[256];
	size_t i;

	(void)ctx;
	for (i = 0; i < ys_count(perms); i++) {
		open_beyond_web(ys_item(perms, i), "IpRanges", "CidrIp", "0.0.0.0/0", &sb);
		open_beyond_web(ys_item(perms, i), "Ipv6Ranges", "CidrIpv6", "::/0", &sb);
	}
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:security-group/%s", region, a->account, id);
	ys_about(a, id);
	if (sb.len)
		ys_fail(a, arn, region, "security group %s (%s) lets the whole internet reach %s",
			id, name, sb.buf);
	else
		ys_pass(a, arn, region,
			"security group %s (%s) opens at most ports 80 and 443 to the "
			"whole internet",
			id, name);
	ys_about(a, NULL);
	strbuf_release(&sb);
}

void ys_check_ec2_sg_open_ports(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-security-groups", "SecurityGroups", sg_one, NULL);
}
