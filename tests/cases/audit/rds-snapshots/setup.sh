# RDS snapshots: shared with anyone and two accounts, with this account alone (not outside it),
# made by AWS Backup, another account's (listed as "shared"), one deleted since it was listed,
# one whose attributes are missing, refused or malformed; a cluster snapshot restorable by anyone
# and unencrypted, one shared with another account, an automated one; Neptune's left out; and
# us-east-1's cluster snapshots missing
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'P'
import json, os
R, A = "eu-west-1", "111122223333"
def snap(ident, typ, enc=True, inst="acme-reports", engine="mysql"):
    return {"DBSnapshotIdentifier": ident, "DBInstanceIdentifier": inst, "Engine": engine,
            "SnapshotCreateTime": "2026-11-01T07:00:00.000000+00:00", "Status": "available",
            "SnapshotType": typ, "Encrypted": enc,
            "DBSnapshotArn": f"arn:aws:rds:{R}:{A}:snapshot:{ident}"}
def attrs(ident, vals, cluster=False):
    k = "DBClusterSnapshot" if cluster else "DBSnapshot"
    p = f"snap/{R}/rds/describe-{'db-cluster' if cluster else 'db'}-snapshot-attributes/{ident}.json"
    json.dump({f"{k}AttributesResult": {f"{k}Identifier": ident, f"{k}Attributes":
               [{"AttributeName": "restore", "AttributeValues": vals}]}}, open(p, "w"), indent=4)
p = f"snap/{R}/rds/describe-db-snapshots.json"
d = json.load(open(p))
d["DBSnapshots"] += [
    snap("acme-reports-open", "manual", enc=False),
    snap("acme-reports-self", "manual"),
    snap("awsbackup:job-7f3a2c1e-55aa-4e0b-9d6e-2b8c4f1a9e03", "awsbackup"),
    snap("partner-export", "shared"),
    snap("acme-reports-gone", "manual"),
    snap("acme-reports-nofile", "manual"),
    snap("acme-reports-refused", "manual"),
    snap("acme-reports-garbled", "manual"),
]
del d["DBSnapshots"][-1]["DBSnapshotArn"]
json.dump(d, open(p, "w"), indent=4)
attrs("acme-reports-open", ["444455556666", "all", "777788889999"])
attrs("acme-reports-self", [A])
err = f"snap/{R}/rds/describe-db-snapshot-attributes/"
json.dump({"Code": "DBSnapshotNotFound", "Message": "DBSnapshot acme-reports-gone not found."},
          open(err + "acme-reports-gone.error.json", "w"))
json.dump({"Code": "AccessDenied", "Message": "not authorized to perform: rds:DescribeDBSnapshotAttributes"},
          open(err + "acme-reports-refused.error.json", "w"))
json.dump({"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": "acme-reports-garbled",
           "DBSnapshotAttributes": {"AttributeName": "restore"}}}, open(err + "acme-reports-garbled.json", "w"))

p = f"snap/{R}/rds/describe-db-cluster-snapshots.json"
d = json.load(open(p))
def csnap(ident, typ, enc, engine="aurora-postgresql", cl="acme-analytics"):
    return {"DBClusterSnapshotIdentifier": ident, "DBClusterIdentifier": cl, "Engine": engine,
            "SnapshotCreateTime": "2026-10-01T07:00:00.000000+00:00", "Status": "available",
            "SnapshotType": typ, "StorageEncrypted": enc,
            "DBClusterSnapshotArn": f"arn:aws:rds:{R}:{A}:cluster-snapshot:{ident}"}
d["DBClusterSnapshots"] += [
    csnap("acme-analytics-demo", "manual", False),
    csnap("acme-analytics-partner", "manual", True),
    csnap("rds:acme-analytics-2026-11-20-02-00", "automated", True),
    csnap("acme-graph-weekly", "manual", False, engine="neptune", cl="acme-graph"),
]
json.dump(d, open(p, "w"), indent=4)
attrs("acme-analytics-demo", ["all"], cluster=True)
attrs("acme-analytics-partner", ["444455556666"], cluster=True)
P
rm snap/us-east-1/rds/describe-db-cluster-snapshots.json
