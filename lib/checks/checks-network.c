/* checks-network.c: what the internet can reach (security groups, network ACLs, each VPC's
 * default group) and whether VPC traffic is logged, in every region */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "../banned.h"

struct port {
	int port;
	const char *what;
};

/* The ports CIS calls remote server administration. */
static const struct port admin_ports[] = {{22, "SSH"}, {3389, "RDP"}};

#define N_ADMIN (sizeof(admin_ports) / sizeof(admin_ports[0]))

static int is_tcp(const char *proto)
{
	return !strcmp(proto, "-1") || !strcmp(proto, "tcp") || !strcmp(proto, "6");
}

/* Whether a rule of protocol proto over [from, to] (-1: absent) lets port through. */
static int covers(const char *proto, double from, double to, int port)
{
	if (!strcmp(proto, "-1") || !strcmp(proto, "all"))
		return 1;
	if (!is_tcp(proto))
		return 0;
	if (from < 0 && to < 0)
		return 1;
	return from <= port && port <= to;
}

static int is_internet(const char *cidr)
{
	return !strcmp(cidr, "0.0.0.0/0") || !strcmp(cidr, "::/0");
}

/* The ports AWS's FSBP EC2.19 calls high-risk, less SSH and RDP (ec2-sg-admin-ports has
 * them), with the stores that answer anyone on their own port (Redis, MongoDB, Memcached). */
static const struct port risky_ports[] = {
	{20, "FTP data"},	{21, "FTP"},		 {23, "Telnet"},	 {25, "SMTP"},
	{110, "POP3"},		{135, "Windows RPC"},	 {143, "IMAP"},		 {445, "SMB"},
	{1433, "SQL Server"},	{1434, "SQL Server browser"}, {3000, "development servers"},
	{3306, "MySQL"},	{4333, "mSQL"},		 {5000, "development servers"},
	{5432, "PostgreSQL"},	{5500, "VNC"},		 {5601, "Kibana"},	 {6379, "Redis"},
	{8080, "HTTP proxies and admin consoles"}, {8088, "Hadoop"}, {8888, "Jupyter"},
	{9200, "Elasticsearch"}, {9300, "Elasticsearch"}, {11211, "Memcached"},
	{27017, "MongoDB"},	{27018, "MongoDB"},
};

#define N_RISKY (sizeof(risky_ports) / sizeof(risky_ports[0]))

/* What a security-group check looks for: which ports, from which internet, and how the group
 * that opens none of them is said to pass. */
struct sg_scan {
	const struct port *ports;
	size_t n;
	int v4, v6;	  /* 0.0.0.0/0 (IpRanges), ::/0 (Ipv6Ranges) */
	int whole;	  /* a rule for every port is said once, not port by port */
	const char *none; /* "<none> to the internet" */
};

static const struct sg_scan admin_v4 = {admin_ports, N_ADMIN, 1, 0, 0,
					"administration port to the IPv4"};
/* CIS keeps ::/0 apart from 0.0.0.0/0 */
static const struct sg_scan admin_v6 = {admin_ports, N_ADMIN, 0, 1, 0,
					"administration port to the IPv6"};
static const struct sg_scan risky = {risky_ports, N_RISKY, 1, 1, 1,
				     "database, file-sharing or console port to the"};

/* Appends "port 22 (SSH) from 0.0.0.0/0" for each of the scan's ports the permission opens to
 * an internet range of the list (IpRanges/CidrIp or Ipv6Ranges/CidrIpv6). */
static void open_ports(const struct ys_jval *perm, const char *list, const char *key,
		       const struct sg_scan *scan, struct strbuf *sb)
{
	const char *proto = ys_str(perm, "IpProtocol");
	double from = ys_num(perm, "FromPort"), to = ys_num(perm, "ToPort");
	const struct ys_jval *ranges = ys_json_get(perm, list);
	size_t i, p;

	for (i = 0; i < ys_count(ranges); i++) {
		const char *cidr = ys_str(ys_item(ranges, i), key);

		if (!is_internet(cidr))
			continue;
		if (scan->whole &&
		    (!strcmp(proto, "-1") || !strcmp(proto, "all") ||
		     (is_tcp(proto) && ((from < 0 && to < 0) || (from <= 0 && to >= 65535))))) {
			strbuf_addf(sb, "%severy port from %s", sb->len ? ", " : "", cidr);
			continue;
		}
		for (p = 0; p < scan->n; p++)
			if (covers(proto, from, to, scan->ports[p].port))
				strbuf_addf(sb, "%sport %d (%s) from %s", sb->len ? ", " : "",
					    scan->ports[p].port, scan->ports[p].what, cidr);
	}
}

/* ctx: the struct sg_scan */
static void sg_one(struct ys_audit *a, const char *region, const struct ys_jval *g, void *ctx)
{
	const struct sg_scan *scan = ctx;
	const struct ys_jval *perms = ys_json_get(g, "IpPermissions");
	const char *id = ys_str(g, "GroupId"), *name = ys_str(g, "GroupName");
	struct strbuf sb = STRBUF_INIT;
	char arn[256];
	size_t i;

	for (i = 0; i < ys_count(perms); i++) {
		if (scan->v4)
			open_ports(ys_item(perms, i), "IpRanges", "CidrIp", scan, &sb);
		if (scan->v6)
			open_ports(ys_item(perms, i), "Ipv6Ranges", "CidrIpv6", scan, &sb);
	}
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:security-group/%s", region, a->account, id);
	ys_about(a, id);
	if (sb.len)
		ys_fail(a, arn, region, "security group %s (%s) lets the internet reach %s", id, name,
			sb.buf);
	else
		ys_pass(a, arn, region, "security group %s (%s) opens no %s internet", id, name,
			scan->none);
	ys_about(a, NULL);
	strbuf_release(&sb);
}

void ys_check_sg_risky_ports(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-security-groups", "SecurityGroups", sg_one, (void *)&risky);
}

void ys_check_sg_admin_ports(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-security-groups", "SecurityGroups", sg_one, (void *)&admin_v4);
}

void ys_check_sg_admin_ports_ipv6(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-security-groups", "SecurityGroups", sg_one, (void *)&admin_v6);
}

static void default_sg_one(struct ys_audit *a, const char *region, const struct ys_jval *g,
			   void *ctx)
{
	const char *id = ys_str(g, "GroupId"), *vpc = ys_str(g, "VpcId");
	size_t in = ys_count(ys_json_get(g, "IpPermissions"));
	size_t out = ys_count(ys_json_get(g, "IpPermissionsEgress"));
	char arn[256];

	(void)ctx;
	if (strcmp(ys_str(g, "GroupName"), "default"))
		return;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:security-group/%s", region, a->account, id);
	ys_about(a, id);
	if (in || out)
		ys_fail(a, arn, region, "the default security group %s of %s has %zu inbound and %zu "
					"outbound rules", id, *vpc ? vpc : "its VPC", in, out);
	else
		ys_pass(a, arn, region, "the default security group %s of %s allows nothing", id,
			*vpc ? vpc : "its VPC");
	ys_about(a, NULL);
}

void ys_check_default_sg_closed(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-security-groups", "SecurityGroups", default_sg_one, NULL);
}

/* Network ACL entries are read in rule-number order: the first that matches decides. */
static int cmp_rule(const void *pa, const void *pb)
{
	double a = ys_num(*(const struct ys_jval *const *)pa, "RuleNumber");
	double b = ys_num(*(const struct ys_jval *const *)pb, "RuleNumber");

	return (a > b) - (a < b);
}

/* The inbound entry that decides port from the whole internet (cidr_key's value is
 * 0.0.0.0/0 or ::/0), or NULL. */
static const struct ys_jval *nacl_decides(const struct ys_jval **in, size_t n, const char *key,
					  int port)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct ys_jval *pr = ys_json_get(in[i], "PortRange");

		if (!is_internet(ys_str(in[i], key)))
			continue;
		if (covers(ys_str(in[i], "Protocol"), pr ? ys_num(pr, "From") : -1,
			   pr ? ys_num(pr, "To") : -1, port))
			return in[i];
	}
	return NULL;
}

static void nacl_one(struct ys_audit *a, const char *region, const struct ys_jval *acl, void *ctx)
{
	const struct ys_jval *entries = ys_json_get(acl, "Entries"), **in, *e;
	const char *id = ys_str(acl, "NetworkAclId");
	static const char *const keys[] = {"CidrBlock", "Ipv6CidrBlock"};
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, i, k, p;
	char arn[256];

	(void)ctx;
	if (!(in = calloc(ys_count(entries) + 1, sizeof(*in))))
		return;
	for (i = 0; i < ys_count(entries); i++)
		if ((e = ys_item(entries, i)) && ys_bool(e, "Egress") != 1)
			in[n++] = e;
	qsort(in, n, sizeof(*in), cmp_rule);
	for (k = 0; k < 2; k++)
		for (p = 0; p < N_ADMIN; p++) {
			e = nacl_decides(in, n, keys[k], admin_ports[p].port);
			if (e && !strcmp(ys_str(e, "RuleAction"), "allow"))
				strbuf_addf(&sb, "%sport %d (%s) from %s by rule %.0f",
					    sb.len ? ", " : "", admin_ports[p].port,
					    admin_ports[p].what, ys_str(e, keys[k]),
					    ys_num(e, "RuleNumber"));
		}
	free(in);
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:network-acl/%s", region, a->account, id);
	ys_about(a, id);
	if (sb.len)
		ys_fail(a, arn, region, "network ACL %s lets the internet reach %s", id, sb.buf);
	else
		ys_pass(a, arn, region, "network ACL %s keeps administration ports from the internet",
			id);
	ys_about(a, NULL);
	strbuf_release(&sb);
}

void ys_check_nacl_admin_ports(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-network-acls", "NetworkAcls", nacl_one, NULL);
}

static void flow_logs_one(struct ys_audit *a, const char *region, const struct ys_jval *vpcs,
			  void *ctx)
{
	const struct ys_jval *logs, *list = ys_json_get(vpcs, "Vpcs"), *fl;
	char rel[128], arn[256];
	size_t i, j;

	(void)ctx;
	snprintf(rel, sizeof(rel), "%s/ec2/describe-flow-logs", region);
	if (!(logs = ys_need(a, rel, region)))
		return;
	fl = ys_json_get(logs, "FlowLogs");
	for (i = 0; i < ys_count(list); i++) {
		const char *vpc = ys_str(ys_item(list, i), "VpcId");
		const char *how = NULL;

		if (!*vpc)
			continue;
		for (j = 0; j < ys_count(fl) && !how; j++)
			if (!strcmp(ys_str(ys_item(fl, j), "ResourceId"), vpc) &&
			    strcmp(ys_str(ys_item(fl, j), "FlowLogStatus"), "INACTIVE"))
				how = ys_str(ys_item(fl, j), "TrafficType");
		snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:vpc/%s", region, a->account, vpc);
		ys_about(a, vpc);
		if (how)
			ys_pass(a, arn, region, "VPC %s logs its traffic (%s)", vpc, *how ? how : "ALL");
		else
			ys_fail(a, arn, region, "VPC %s has no flow log", vpc);
		ys_about(a, NULL);
	}
}

void ys_check_vpc_flow_logs(struct ys_audit *a)
{
	ys_each_region(a, "ec2/describe-vpcs", flow_logs_one, NULL);
}
