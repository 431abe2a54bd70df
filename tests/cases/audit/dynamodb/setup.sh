# DynamoDB tables: acme's two, one whose name starts with a dot (escaped in file names), one
# whose describe-table is missing and whose continuous backups were refused, one deleted since
# it was listed, one whose describe-table holds no table; us-east-1's list missing
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'P'
import json
R = "eu-west-1"
d = f"snap/{R}/dynamodb/"
json.dump({"TableNames": [".staging-orders", "acme-cache", "acme-gone", "acme-orders", "acme-odd", "acme-sessions"]},
          open(d + "list-tables.json", "w"), indent=4)
t = json.load(open(d + "describe-table/acme-orders.json"))
t["Table"].update(TableName=".staging-orders", DeletionProtectionEnabled=False,
                  TableArn=f"arn:aws:dynamodb:{R}:111122223333:table/.staging-orders")
json.dump(t, open(d + "describe-table/%2Estaging-orders.json", "w"), indent=4)
json.dump({"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
           "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED", "RecoveryPeriodInDays": 7}}},
          open(d + "describe-continuous-backups/%2Estaging-orders.json", "w"), indent=4)
json.dump({"Code": "AccessDeniedException", "Message": "not authorized to perform: dynamodb:DescribeContinuousBackups"},
          open(d + "describe-continuous-backups/acme-cache.error.json", "w"))
json.dump({"Code": "ResourceNotFoundException", "Message": "Requested resource not found: Table: acme-gone not found"},
          open(d + "describe-table/acme-gone.error.json", "w"))
json.dump({"Code": "TableNotFoundException", "Message": "Table not found: acme-gone"},
          open(d + "describe-continuous-backups/acme-gone.error.json", "w"))
json.dump({"TableDescription": {"TableName": "acme-odd"}}, open(d + "describe-table/acme-odd.json", "w"))
json.dump({"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED"}},
          open(d + "describe-continuous-backups/acme-odd.json", "w"))
P
rm snap/us-east-1/dynamodb/list-tables.json
