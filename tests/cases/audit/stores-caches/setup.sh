# ElastiCache: Redis OSS 7 without AUTH or a user group, Valkey signing in through RBAC, TLS in
# "preferred" mode, failover still being enabled, a lone Redis cluster with one day of backups, a
# Memcached cluster (no backups or groups to judge), and a region whose groups were refused and
# whose clusters were not collected
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'PY'
import json, os
A, R = "111122223333", "eu-west-1"
def arn(kind, n): return "arn:aws:elasticache:%s:%s:%s:%s" % (R, A, kind, n)
def w(p, o):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    json.dump(o, open(p, "w"), indent=4)
def cluster(name, engine, ver, group=None, subnet="acme-private", amvu=True, keep=0):
    c = {"CacheClusterId": name, "CacheNodeType": "cache.t4g.micro", "Engine": engine, "EngineVersion": ver,
         "CacheClusterStatus": "available", "NumCacheNodes": 1, "CacheSubnetGroupName": subnet,
         "AutoMinorVersionUpgrade": amvu, "SnapshotRetentionLimit": keep, "ARN": arn("cluster", name)}
    if group: c["ReplicationGroupId"] = group
    return c
def group(name, engine, **kw):
    g = {"ReplicationGroupId": name, "Description": name, "Status": "available",
         "MemberClusters": [name + "-001"], "AutomaticFailover": "disabled", "MultiAZ": "disabled",
         "SnapshotRetentionLimit": 1, "ClusterEnabled": False, "AuthTokenEnabled": False,
         "TransitEncryptionEnabled": True, "AtRestEncryptionEnabled": True, "ARN": arn("replicationgroup", name),
         "UserGroupIds": [], "AutoMinorVersionUpgrade": True, "Engine": engine}
    g.update(kw)
    return g
p = "snap/%s/elasticache/" % R
cc = json.load(open(p + "describe-cache-clusters.json"))
cc["CacheClusters"] += [
    cluster("rate-limits-001", "redis", "7.1.0", "rate-limits"),
    cluster("feature-flags-001", "valkey", "8.0.1", "feature-flags"),
    cluster("queue-001", "redis", "6.2.6", "queue", subnet="default"),
    cluster("counters", "redis", "7.1.0", keep=1),
    cluster("page-cache", "memcached", "1.6.22", amvu=False, subnet="default"),
]
w(p + "describe-cache-clusters.json", cc)
rg = json.load(open(p + "describe-replication-groups.json"))
rg["ReplicationGroups"] += [
    group("rate-limits", "redis", AutomaticFailover="enabling", SnapshotRetentionLimit=0),
    group("feature-flags", "valkey", UserGroupIds=["acme-apps"], AtRestEncryptionEnabled=False, TransitEncryptionMode="required"),
    group("queue", "redis", TransitEncryptionMode="preferred", AuthTokenEnabled=True, AutomaticFailover="enabled"),
]
w(p + "describe-replication-groups.json", rg)
u = "snap/us-east-1/elasticache/"
os.remove(u + "describe-replication-groups.json")
os.remove(u + "describe-cache-clusters.json")
w(u + "describe-replication-groups.error.json", {"Code": "AccessDenied", "Message": "User: arn:aws:iam::111122223333:user/audit is not authorized to perform: elasticache:DescribeReplicationGroups"})
PY
