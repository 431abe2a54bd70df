# ECS: acme's cluster and task definitions (eu-west-1), and in us-east-1 a cluster with Container
# Insights on holding a blue/green service (external deployments, one task set with public IPs),
# Fargate services on a capacity provider and on Windows, an EC2 service; task definitions on the
# host's network as root and as a user, with an AWS key pair and placeholders in their
# environment; a refused and a missing task definition, a refused list of services
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
r=snap/us-east-1/ecs
A=arn:aws:ecs:us-east-1:111122223333
mkdir -p $r/describe-clusters $r/list-services $r/describe-services $r/describe-task-definition
esc() { printf '%s' "$1" | sed 's|/|%2F|g'; }
cat > $r/list-clusters.json <<J
{"clusterArns": ["$A:cluster/batch", "$A:cluster/legacy"]}
J
cat > "$r/describe-clusters/$(esc $A:cluster/batch).json" <<J
{"clusters": [{"clusterArn": "$A:cluster/batch", "clusterName": "batch", "status": "ACTIVE", "settings": [{"name": "containerInsights", "value": "enhanced"}]}], "failures": []}
J
cat > "$r/describe-clusters/$(esc $A:cluster/legacy).json" <<J
{"clusters": [{"clusterArn": "$A:cluster/legacy", "clusterName": "legacy", "status": "ACTIVE", "settings": []}], "failures": []}
J
echo '{"Code": "AccessDeniedException", "Message": "not authorized to perform: ecs:ListServices"}' > "$r/list-services/$(esc $A:cluster/legacy).error.json"
cat > "$r/list-services/$(esc $A:cluster/batch).json" <<J
{"serviceArns": ["$A:service/batch/blue-green", "$A:service/batch/spot-jobs", "$A:service/batch/win-report", "$A:service/batch/ec2-cron"]}
J
svc() { # name, then the rest of the service's members
	cat > "$r/describe-services/$(esc $A:service/batch/$1).json" <<J
{"services": [{"serviceArn": "$A:service/batch/$1", "serviceName": "$1", "clusterArn": "$A:cluster/batch", "status": "ACTIVE", $2}], "failures": []}
J
}
net() { printf '"networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0aa11bb22cc33dd44"], "securityGroups": ["sg-0123abcd4567ef890"], "assignPublicIp": "%s"}}' "$1"; }
svc blue-green "\"deploymentController\": {\"type\": \"EXTERNAL\"}, \"taskSets\": [
 {\"id\": \"ecs-svc/1111111111111111111\", \"taskSetArn\": \"$A:task-set/batch/blue-green/ecs-svc/1111111111111111111\", \"status\": \"PRIMARY\", \"launchType\": \"FARGATE\", \"platformVersion\": \"1.4.0\", $(net ENABLED)},
 {\"id\": \"ecs-svc/2222222222222222222\", \"taskSetArn\": \"$A:task-set/batch/blue-green/ecs-svc/2222222222222222222\", \"status\": \"ACTIVE\", \"launchType\": \"FARGATE\", \"platformVersion\": \"1.4.0\", $(net DISABLED)}]"
svc spot-jobs "\"capacityProviderStrategy\": [{\"capacityProvider\": \"FARGATE_SPOT\", \"weight\": 1, \"base\": 0}], \"platformVersion\": \"1.4.0\", \"platformFamily\": \"Linux\", $(net DISABLED)"
svc win-report "\"launchType\": \"FARGATE\", \"platformVersion\": \"1.0.0\", \"platformFamily\": \"WINDOWS_SERVER_2019_CORE\", $(net DISABLED)"
svc ec2-cron "\"launchType\": \"EC2\", \"networkConfiguration\": {}"
cat > $r/list-task-definitions.json <<J
{"taskDefinitionArns": ["$A:task-definition/proxy:1", "$A:task-definition/cron:4", "$A:task-definition/keys:2", "$A:task-definition/refused:1", "$A:task-definition/missing:1"]}
J
td() { # family:revision, then the rest of the task definition's members
	cat > "$r/describe-task-definition/$(esc $A:task-definition/$1).json" <<J
{"taskDefinition": {"taskDefinitionArn": "$A:task-definition/$1", "family": "${1%%:*}", "revision": ${1##*:}, "status": "ACTIVE", $2}, "tags": []}
J
}
logs='"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/x", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}'
td proxy:1 "\"networkMode\": \"host\", \"containerDefinitions\": [
 {\"name\": \"nginx\", \"image\": \"nginx:1.27\", \"user\": \"root\", \"readonlyRootFilesystem\": true, $logs},
 {\"name\": \"sidecar\", \"image\": \"envoy:1.31\", \"user\": \"0:0\", \"privileged\": false, \"readonlyRootFilesystem\": true, $logs},
 {\"name\": \"exporter\", \"image\": \"exporter:2\", \"user\": \"65534\", \"readonlyRootFilesystem\": true, \"logConfiguration\": {\"options\": {}}}]"
td cron:4 "\"networkMode\": \"host\", \"pidMode\": \"task\", \"containerDefinitions\": [
 {\"name\": \"cron\", \"image\": \"cron:4\", \"user\": \"1000:1000\", \"readonlyRootFilesystem\": true, $logs, \"environment\": []}]"
td keys:2 "\"networkMode\": \"awsvpc\", \"containerDefinitions\": [
 {\"name\": \"app\", \"image\": \"app:2\", \"readonlyRootFilesystem\": true, $logs, \"environment\": [
  {\"name\": \"AWS_ACCESS_KEY_ID\", \"value\": \"AKIA4QWERTYU7ZX2PL5M\"},
  {\"name\": \"AWS_SECRET_ACCESS_KEY\", \"value\": \"h7Kp2Lq9Xv4Rt8Wz1Ny6Bm3Cd5Fg0Js7Ua2Ie9Ok\"},
  {\"name\": \"DB_PASSWORD\", \"value\": \"changeme\"},
  {\"name\": \"API_TOKEN\", \"value\": \"<your token here>\"}]},
 {\"name\": \"mailer\", \"image\": \"mailer:1\", \"readonlyRootFilesystem\": true, $logs, \"environment\": [
  {\"name\": \"SMTP_PASSWORD\", \"value\": \"Tq7#vW2p!Lx9rZ4k\"}, {\"name\": \"SMTP_HOST\", \"value\": \"smtp.example.com\"}]}]"
echo '{"Code": "AccessDeniedException", "Message": "not authorized to perform: ecs:DescribeTaskDefinition"}' > "$r/describe-task-definition/$(esc $A:task-definition/refused:1).error.json"
