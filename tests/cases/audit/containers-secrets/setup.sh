# Secrets Manager: acme's two secrets (eu-west-1), and in us-east-1 a rotation that stopped, one
# on a rate and one on a cron schedule, a secret never read since it was made; policies letting
# anyone or a partner account read, one narrowed to the organisation, a broken one, a refused
# and a missing policy file
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
r=snap/us-east-1/secretsmanager
A=arn:aws:secretsmanager:us-east-1:111122223333:secret
mkdir -p $r/get-resource-policy
esc() { printf '%s' "$1" | sed 's|/|%2F|g'; }
cat > $r/list-secrets.json <<J
{"SecretList": [
 {"ARN": "$A:ci/stalled-Ab12Cd", "Name": "ci/stalled", "RotationEnabled": true, "RotationRules": {"AutomaticallyAfterDays": 7}, "LastRotatedDate": "2026-10-11T04:00:00+00:00", "LastAccessedDate": "2026-11-20T00:00:00+00:00", "CreatedDate": "2025-01-10T09:00:00+00:00"},
 {"ARN": "$A:ci/hourly-Ef34Gh", "Name": "ci/hourly", "RotationEnabled": true, "RotationRules": {"ScheduleExpression": "rate(12 hours)"}, "LastRotatedDate": "2026-11-20T03:00:00+00:00", "LastAccessedDate": "2026-11-20T00:00:00+00:00", "CreatedDate": "2026-11-19T09:00:00+00:00"},
 {"ARN": "$A:ci/weekly-Ij56Kl", "Name": "ci/weekly", "RotationEnabled": true, "RotationRules": {"ScheduleExpression": "cron(0 4 ? * SUN *)"}, "LastRotatedDate": "2026-11-15T04:00:00+00:00", "LastAccessedDate": "2026-11-18T00:00:00+00:00", "CreatedDate": "2024-01-10T09:00:00+00:00"},
 {"ARN": "$A:partner/api-Mn78Op", "Name": "partner/api", "LastChangedDate": "2026-09-01T12:00:00+00:00", "CreatedDate": "2026-07-23T12:00:00+00:00"},
 {"ARN": "$A:public/oops-Qr90St", "Name": "public/oops", "LastAccessedDate": "2026-11-01T00:00:00+00:00", "CreatedDate": "2026-10-01T12:00:00+00:00"},
 {"ARN": "$A:org/shared-Uv12Wx", "Name": "org/shared", "LastAccessedDate": "2026-11-01T00:00:00+00:00", "CreatedDate": "2026-10-01T12:00:00+00:00"},
 {"ARN": "$A:broken-Yz34Ab", "Name": "broken", "LastAccessedDate": "2026-11-01T00:00:00+00:00", "CreatedDate": "2026-10-01T12:00:00+00:00"},
 {"ARN": "$A:refused-Cd56Ef", "Name": "refused", "CreatedDate": "not a time"}
]}
J
pol() { # name-suffix policy-json-escaped-or-empty
	if [ -n "$2" ]; then
		printf '{"ARN": "%s", "Name": "%s", "ResourcePolicy": "%s"}\n' "$A:$1" "${1%-*}" "$2"
	else
		printf '{"ARN": "%s", "Name": "%s"}\n' "$A:$1" "${1%-*}"
	fi > "$r/get-resource-policy/$(esc "$A:$1").json"
}
pol ci/stalled-Ab12Cd ''
pol ci/hourly-Ef34Gh ''
pol partner/api-Mn78Op '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:role/integration\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}'
pol public/oops-Qr90St '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"secretsmanager:GetSecretValue\",\"secretsmanager:DescribeSecret\"],\"Resource\":\"*\"}]}'
pol org/shared-Uv12Wx '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}]}'
pol broken-Yz34Ab '{\"Version\":\"2012-10-17\",\"Statement\":'
echo '{"Code": "AccessDeniedException", "Message": "not authorized to perform: secretsmanager:GetResourcePolicy"}' > "$r/get-resource-policy/$(esc "$A:refused-Cd56Ef").error.json"
# ci/weekly has no policy file: a skip
