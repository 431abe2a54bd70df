# Buckets over the example's four: acme-exports lets a partner's role delete and re-ACL objects
# under one prefix and another account rewrite its policy; acme-shared lets an account read
# only, and anyone in acme's organization (a condition an outsider cannot meet) change its
# policy; acme-backups' policy is not a policy. Logging missing and refused, ownership
# controls BucketOwnerPreferred and missing, a lifecycle rule disabled and one enabled.
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
S=snap/global/s3
python3 - <<'P'
import json
S = 'snap/global/s3/'
p = S + 'list-buckets.json'
d = json.load(open(p))
d['Buckets'] += [{"Name": "acme-exports", "CreationDate": "2024-02-01T09:00:00+00:00"},
                 {"Name": "acme-shared", "CreationDate": "2024-02-01T09:00:00+00:00"}]
json.dump(d, open(p, 'w'), indent=1)
def pol(name, st):
    json.dump({"Policy": json.dumps({"Version": "2012-10-17", "Statement": st})},
              open(S + 'get-bucket-policy/%s.json' % name, 'w'))
pol('acme-exports', [
    {"Sid": "PartnerEtl", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/etl"},
     "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl"],
     "Resource": "arn:aws:s3:::acme-exports/partner/*"},
    {"Sid": "Auditor", "Effect": "Allow", "Principal": {"AWS": "777788889999"},
     "Action": ["s3:GetBucketPolicy", "s3:PutBucketPolicy"], "Resource": "arn:aws:s3:::acme-exports"}])
pol('acme-shared', [
    {"Sid": "ReadOnly", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
     "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::acme-shared", "arn:aws:s3:::acme-shared/*"]},
    {"Sid": "OrgAdmins", "Effect": "Allow", "Principal": "*", "Action": "s3:PutBucketPolicy",
     "Resource": "arn:aws:s3:::acme-shared", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-acme12345"}}}])
P
rm $S/get-bucket-policy/acme-backups.error.json
echo '{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": \"everyone\"}"}' > $S/get-bucket-policy/acme-backups.json
echo '{"Code": "AccessDenied", "Message": "Access Denied"}' > $S/get-bucket-logging/acme-shared.error.json
echo '{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}}' > $S/get-bucket-ownership-controls/acme-exports.json
cat > $S/get-bucket-lifecycle-configuration/acme-exports.json <<'J'
{"Rules": [{"ID": "expire-exports", "Filter": {"Prefix": "partner/"}, "Status": "Disabled", "Expiration": {"Days": 30}}]}
J
cat > $S/get-bucket-lifecycle-configuration/acme-shared.json <<'J'
{"Rules": [{"ID": "expire", "Filter": {}, "Status": "Enabled", "Expiration": {"Days": 365}},
 {"ID": "old-versions", "Filter": {}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]}
J
