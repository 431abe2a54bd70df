# CodeBuild: acme's projects (eu-west-1), and in us-east-1 source URLs holding a user name and
# password, a GitHub token, a user name alone; an AWS key pair in plain-text variables beside
# secret-looking values in PARAMETER_STORE and SECRETS_MANAGER ones (references, not secrets);
# a project keeping no logs, one with encrypted S3 logs; a refused and a missing project
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
r=snap/us-east-1/codebuild
mkdir -p $r/batch-get-projects
cat > $r/list-projects.json <<'J'
{"projects": ["site", "app", "lib", "quiet", "refused", "missing"]}
J
proj() { # name source env logs
	cat > $r/batch-get-projects/$1.json <<J
{"projects": [{"name": "$1", "arn": "arn:aws:codebuild:us-east-1:111122223333:project/$1", "source": $2, "secondarySources": [], "artifacts": {"type": "NO_ARTIFACTS"},
 "environment": {"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL", "environmentVariables": $3, "privilegedMode": false},
 "serviceRole": "arn:aws:iam::111122223333:role/codebuild-$1", "logsConfig": $4}], "projectsNotFound": []}
J
}
proj site '{"type": "BITBUCKET", "location": "https://acme-ci:S3cr3tPassw0rd@bitbucket.org/acme/site.git"}' '[]' \
	'{"cloudWatchLogs": {"status": "ENABLED"}, "s3Logs": {"status": "ENABLED", "location": "acme-logs/site", "encryptionDisabled": false}}'
proj app '{"type": "GITHUB", "location": "https://ghp_R8bXk2Lq9Vt4Wz7Np3Hc6Jd1Fs5Gm0Yq2Ea7U@github.com/acme/app.git"}' \
	'[{"name": "AWS_ACCESS_KEY_ID", "value": "AKIA4QWERTYU7ZX2PL5M", "type": "PLAINTEXT"},
	  {"name": "AWS_SECRET_ACCESS_KEY", "value": "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", "type": "PLAINTEXT"},
	  {"name": "DB_PASSWORD", "value": "changeme", "type": "PLAINTEXT"}]' \
	'{"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "ENABLED", "location": "acme-logs/app", "encryptionDisabled": true}}'
proj lib '{"type": "BITBUCKET", "location": "https://acme-bot@bitbucket.org/acme/lib.git"}' \
	'[{"name": "STRIPE_KEY", "value": "sk_live_51NzQk2LxRv8TmWc4YpJd7Hs", "type": "PARAMETER_STORE"},
	  {"name": "SLACK", "value": "https://hooks.slack.com/services/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", "type": "SECRETS_MANAGER"}]' \
	'{"cloudWatchLogs": {"status": "ENABLED", "groupName": "/codebuild/lib"}, "s3Logs": {"status": "DISABLED"}}'
proj quiet '{"type": "CODECOMMIT", "location": "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/quiet"}' '[]' \
	'{"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "DISABLED", "encryptionDisabled": false}}'
# a secondary source with credentials, on a project otherwise clean
sed -i 's|"secondarySources": \[\]|"secondarySources": [{"type": "GITHUB_ENTERPRISE", "location": "https://builder:hunter2-but-longer@git.acme.example/acme/shared.git", "sourceIdentifier": "shared"}]|' $r/batch-get-projects/quiet.json
echo '{"Code": "AccessDeniedException", "Message": "not authorized to perform: codebuild:BatchGetProjects"}' > $r/batch-get-projects/refused.error.json
