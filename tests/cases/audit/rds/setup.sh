# RDS instances and clusters: beside acme's, a read replica without backups (its source's
# count), SQL Server (no IAM authentication; logs of its own kinds), an instance the CLI printed
# without an ARN, Aurora MySQL clusters with and without backtracking and an audit log, and
# Neptune and DocumentDB (listed by the same calls, judged by other controls); us-east-1's
# cluster call refused
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'P'
import json
p = "snap/eu-west-1/rds/describe-db-instances.json"
d = json.load(open(p))
d["DBInstances"] += [
    {"DBInstanceIdentifier": "acme-reports-replica", "Engine": "mysql", "MasterUsername": "admin",
     "Endpoint": {"Address": "acme-reports-replica.c1xyz2abcd3e.eu-west-1.rds.amazonaws.com", "Port": 3307},
     "BackupRetentionPeriod": 0, "AvailabilityZone": "eu-west-1c", "MultiAZ": False,
     "ReadReplicaSourceDBInstanceIdentifier": "acme-reports", "AutoMinorVersionUpgrade": True,
     "PubliclyAccessible": False, "StorageEncrypted": True, "CopyTagsToSnapshot": True,
     "MonitoringInterval": 0, "DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:acme-reports-replica",
     "IAMDatabaseAuthenticationEnabled": True, "EnabledCloudwatchLogsExports": ["error"],
     "DeletionProtection": False},
    {"DBInstanceIdentifier": "acme-erp", "Engine": "sqlserver-se", "MasterUsername": "erpadmin",
     "Endpoint": {"Address": "acme-erp.c1xyz2abcd3e.eu-west-1.rds.amazonaws.com", "Port": 1433},
     "BackupRetentionPeriod": 0, "AvailabilityZone": "eu-west-1b", "MultiAZ": True,
     "AutoMinorVersionUpgrade": True, "PubliclyAccessible": False, "StorageEncrypted": True,
     "CopyTagsToSnapshot": False, "MonitoringInterval": 15,
     "IAMDatabaseAuthenticationEnabled": False, "EnabledCloudwatchLogsExports": ["error"],
     "DeletionProtection": True},
    {"DBInstanceIdentifier": "acme-graph-1", "Engine": "neptune", "DBClusterIdentifier": "acme-graph",
     "Endpoint": {"Address": "acme-graph-1.c1xyz2abcd3e.eu-west-1.neptune.amazonaws.com", "Port": 8182},
     "MultiAZ": False, "MonitoringInterval": 0, "DeletionProtection": False,
     "DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:acme-graph-1"},
    {"DBInstanceIdentifier": "acme-docs-1", "Engine": "docdb", "MasterUsername": "admin",
     "Endpoint": {"Address": "acme-docs-1.c1xyz2abcd3e.eu-west-1.docdb.amazonaws.com", "Port": 27017},
     "BackupRetentionPeriod": 1, "MultiAZ": False, "MonitoringInterval": 0, "DeletionProtection": False,
     "DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:acme-docs-1"},
]
json.dump(d, open(p, "w"), indent=4)

p = "snap/eu-west-1/rds/describe-db-clusters.json"
d = json.load(open(p))
base = {"Status": "available", "AvailabilityZones": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        "EngineMode": "provisioned", "BackupRetentionPeriod": 7}
d["DBClusters"] += [
    dict(base, DBClusterIdentifier="acme-events", Engine="aurora-mysql", EngineVersion="8.0.mysql_aurora.3.05.2",
         Port=3310, MasterUsername="events_owner", MultiAZ=True, StorageEncrypted=True,
         DBClusterArn="arn:aws:rds:eu-west-1:111122223333:cluster:acme-events",
         IAMDatabaseAuthenticationEnabled=True, BacktrackWindow=86400, BacktrackConsumedChangeRecords=1203,
         EnabledCloudwatchLogsExports=["audit", "error", "slowquery"], DeletionProtection=True,
         CopyTagsToSnapshot=False, AutoMinorVersionUpgrade=False),
    dict(base, DBClusterIdentifier="acme-legacy", Engine="aurora-mysql", EngineVersion="5.7.mysql_aurora.2.11.2",
         Port=3306, MasterUsername="admin", MultiAZ=False, StorageEncrypted=False,
         IAMDatabaseAuthenticationEnabled=False, EnabledCloudwatchLogsExports=["error", "slowquery"],
         DeletionProtection=False, CopyTagsToSnapshot=False),
    dict(base, DBClusterIdentifier="acme-graph", Engine="neptune", Port=8182, MultiAZ=False,
         StorageEncrypted=False, DeletionProtection=False,
         DBClusterArn="arn:aws:rds:eu-west-1:111122223333:cluster:acme-graph"),
]
json.dump(d, open(p, "w"), indent=4)
P
rm snap/us-east-1/rds/describe-db-clusters.json
cat > snap/us-east-1/rds/describe-db-clusters.error.json <<'J'
{"Code": "AccessDenied", "Message": "User: arn:aws:sts::111122223333:assumed-role/yourside-audit/s is not authorized to perform: rds:DescribeDBClusters"}
J
