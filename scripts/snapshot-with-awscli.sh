#!/usr/bin/env bash
# snapshot-with-awscli.sh: an account snapshot in yourside's layout (DESIGN.md), with the AWS CLI
# alone: each file what `aws <service> <operation> --output json` prints, a .error.json where AWS
# refused. `yourside audit DIR` reads it; `yourside collect` writes the same, faster.
set -u

usage() {
	cat <<'EOF'
usage: scripts/snapshot-with-awscli.sh [--profile <p>] [--regions <r1,r2>] [--jobs <n>] <dir>

Writes an account snapshot into <dir> with the AWS CLI (Debian: apt-get install awscli), using
its own credential chain (environment, profiles, SSO, instance roles). Read-only calls only: the
SecurityAudit managed policy allows them all. Regions default to every region enabled in the
account. Refused calls leave <call>.error.json ({"Code", "Message"}) and are listed on stderr.

  --profile <p>       the CLI profile to use
  --regions <list>    these regions only, comma-separated
  --jobs <n>          regions collected at once (default 4)
  --endpoint-url <u>  send every call there (a test server on loopback)
EOF
}

out='' profile='' regions='' jobs=4 endpoint=''
while [ $# -gt 0 ]; do
	case $1 in
	--profile) profile=${2:?--profile needs a name}; shift 2 ;;
	--regions) regions=${2:?--regions needs a list}; shift 2 ;;
	--jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
	--endpoint-url) endpoint=${2:?--endpoint-url needs a URL}; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	-*) echo "snapshot-with-awscli: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	*) [ -z "$out" ] || { echo "snapshot-with-awscli: one folder only" >&2; exit 2; }
	   out=$1; shift ;;
	esac
done
[ -n "$out" ] || { usage >&2; exit 2; }
command -v aws >/dev/null || { echo "snapshot-with-awscli: the AWS CLI is not installed" >&2; exit 2; }
mkdir -p "$out" || exit 2

common=(--output json)
[ -n "$profile" ] && common+=(--profile "$profile")
[ -n "$endpoint" ] && common+=(--endpoint-url "$endpoint")
refused=0

# A JSON string literal of $1 (quotes and backslashes escaped, control characters dropped).
json_str() {
	printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# A resource's name as a file name, as yourside reads it: %, / and a leading . as %XX.
esc() {
	local s=$1 r="" c i n
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		n=$(printf '%d' "'$c")
		if [ "$c" = % ] || [ "$c" = / ] || { [ "$c" = . ] && [ "$i" -eq 0 ]; } ||
			[ "$n" -lt 32 ] || [ "$n" -gt 126 ]; then
			r+=$(printf '%%%02X' "$n")
		else
			r+=$c
		fi
	done
	printf '%s' "$r"
}

# call REL ARGS...: runs `aws ARGS` into $out/REL.json, or REL.error.json when AWS refuses.
call() {
	local rel=$1 f err code msg
	shift
	f="$out/$rel"
	mkdir -p "$(dirname "$f")"
	if err=$(aws "${common[@]}" "$@" 2>&1 >"$f.json.part"); then
		# a few calls print nothing when nothing is set (get-bucket-logging)
		[ -s "$f.json.part" ] || echo '{}' >"$f.json.part"
		mv "$f.json.part" "$f.json"
		rm -f "$f.error.json"
		return 0
	fi
	rm -f "$f.json.part" "$f.json"
	code=$(printf '%s\n' "$err" | sed -n 's/.*An error occurred (\([^)]*\)).*/\1/p' | head -n 1)
	msg=$(printf '%s\n' "$err" | sed -n 's/.*An error occurred ([^)]*)[^:]*: //p' | head -n 1)
	if [ -z "$code" ]; then
		code=CliError
		msg=$(printf '%s' "$err" | tr '\n' ' ' | sed 's/^ *//' | cut -c1-500)
	fi
	printf '{"Code": %s, "Message": %s}\n' "$(json_str "$code")" "$(json_str "$msg")" \
		>"$f.error.json"
	echo "snapshot-with-awscli: $rel: $code" >&2
	return 1
}

# names ARGS...: the words `aws ARGS --output text` prints (a --query's list), one a line.
names() {
	aws "${common[@]}" "$@" --output text 2>/dev/null | tr '\t' '\n' | grep -v '^None$' | grep -v '^$'
}

global() {
	local u b loc i state
	call account sts get-caller-identity
	call global/iam/get-account-authorization-details iam get-account-authorization-details
	call global/iam/get-account-password-policy iam get-account-password-policy
	call global/iam/get-account-summary iam get-account-summary
	call global/iam/list-virtual-mfa-devices iam list-virtual-mfa-devices
	call global/iam/list-server-certificates iam list-server-certificates
	call global/iam/list-open-id-connect-providers iam list-open-id-connect-providers
	each global/iam/get-open-id-connect-provider iam list-open-id-connect-providers \
		--query 'OpenIDConnectProviderList[].Arn' -- \
		iam get-open-id-connect-provider --open-id-connect-provider-arn
	call global/iam/list-saml-providers iam list-saml-providers
	# a member account may ask too; outside any: AWSOrganizationsNotInUseException
	call global/organizations/describe-organization organizations describe-organization
	for u in $(names iam list-users --query 'Users[].UserName'); do
		call "global/iam/list-access-keys/$(esc "$u")" iam list-access-keys --user-name "$u"
	done
	# the credential report: asked for, waited for, decoded
	for i in 1 2 3 4 5 6 7 8 9 10; do
		state=$(names iam generate-credential-report --query State)
		[ "$state" = COMPLETE ] && break
		sleep 2
	done
	if call global/iam/get-credential-report iam get-credential-report; then
		aws "${common[@]}" iam get-credential-report --query Content --output text |
			base64 -d >"$out/global/iam/credential-report.csv" &&
			rm -f "$out/global/iam/get-credential-report.json"
	fi
	call global/s3/list-buckets s3api list-buckets
	call global/s3control/get-public-access-block s3control get-public-access-block \
		--account-id "$account"
	call global/s3control/list-multi-region-access-points s3control list-multi-region-access-points \
		--region us-west-2 --account-id "$account"
	call global/cloudfront/list-distributions cloudfront list-distributions
	for x in $(names cloudfront list-distributions --query 'DistributionList.Items[].Id'); do
		call "global/cloudfront/get-distribution-config/$(esc "$x")" cloudfront get-distribution-config --id "$x"
	done
	call global/account/get-alternate-contact/SECURITY account get-alternate-contact \
		--alternate-contact-type SECURITY
	for b in $(names s3api list-buckets --query 'Buckets[].Name'); do
		loc=$(names s3api get-bucket-location --bucket "$b" --query LocationConstraint)
		case $loc in '' | None) loc=us-east-1 ;; EU) loc=eu-west-1 ;; esac
		for op in get-bucket-policy get-bucket-acl get-public-access-block get-bucket-versioning \
			get-bucket-encryption get-bucket-logging get-object-lock-configuration \
			get-bucket-replication get-bucket-ownership-controls \
			get-bucket-lifecycle-configuration; do
			call "global/s3/$op/$(esc "$b")" s3api "$op" --bucket "$b" --region "$loc"
		done
	done
}

region() {
	local r=$1 x
	call "$r/ec2/describe-instances" ec2 describe-instances --region "$r"
	call "$r/ec2/describe-volumes" ec2 describe-volumes --region "$r"
	call "$r/ec2/get-ebs-encryption-by-default" ec2 get-ebs-encryption-by-default --region "$r"
	call "$r/ec2/describe-security-groups" ec2 describe-security-groups --region "$r"
	call "$r/ec2/describe-network-acls" ec2 describe-network-acls --region "$r"
	call "$r/ec2/describe-vpcs" ec2 describe-vpcs --region "$r"
	call "$r/ec2/describe-flow-logs" ec2 describe-flow-logs --region "$r"
	call "$r/elb/describe-load-balancers" elb describe-load-balancers --region "$r"
	call "$r/elbv2/describe-load-balancers" elbv2 describe-load-balancers --region "$r"
	call "$r/elbv2/describe-target-groups" elbv2 describe-target-groups --region "$r"
	for x in $(names elbv2 describe-target-groups --region "$r" --query 'TargetGroups[].TargetGroupArn'); do
		call "$r/elbv2/describe-target-health/$(esc "$x")" elbv2 describe-target-health \
			--region "$r" --target-group-arn "$x"
	done
	call "$r/rds/describe-db-instances" rds describe-db-instances --region "$r"
	call "$r/efs/describe-file-systems" efs describe-file-systems --region "$r"
	each "$r/efs/describe-file-system-policy" efs describe-file-systems --region "$r" \
		--query 'FileSystems[].FileSystemId' -- \
		efs describe-file-system-policy --region "$r" --file-system-id
	call "$r/cloudtrail/describe-trails" cloudtrail describe-trails --region "$r"
	for x in $(names cloudtrail describe-trails --region "$r" --query "trailList[?HomeRegion=='$r'].Name"); do
		call "$r/cloudtrail/get-trail-status/$(esc "$x")" cloudtrail get-trail-status --region "$r" --name "$x"
		call "$r/cloudtrail/get-event-selectors/$(esc "$x")" cloudtrail get-event-selectors --region "$r" --trail-name "$x"
	done
	call "$r/logs/describe-metric-filters" logs describe-metric-filters --region "$r"
	call "$r/cloudwatch/describe-alarms" cloudwatch describe-alarms --region "$r"
	call "$r/configservice/describe-configuration-recorders" configservice describe-configuration-recorders --region "$r"
	call "$r/configservice/describe-configuration-recorder-status" configservice describe-configuration-recorder-status --region "$r"
	call "$r/guardduty/list-detectors" guardduty list-detectors --region "$r"
	for x in $(names guardduty list-detectors --region "$r" --query 'DetectorIds'); do
		call "$r/guardduty/get-detector/$(esc "$x")" guardduty get-detector --region "$r" --detector-id "$x"
	done
	call "$r/securityhub/describe-hub" securityhub describe-hub --region "$r"
	call "$r/accessanalyzer/list-analyzers" accessanalyzer list-analyzers --region "$r"
	call "$r/kms/list-keys" kms list-keys --region "$r"
	for x in $(names kms list-keys --region "$r" --query 'Keys[].KeyId'); do
		call "$r/kms/describe-key/$(esc "$x")" kms describe-key --region "$r" --key-id "$x"
		call "$r/kms/get-key-rotation-status/$(esc "$x")" kms get-key-rotation-status --region "$r" --key-id "$x"
	done
	region_fsbp "$r"
	call "$r/backup/list-backup-vaults" backup list-backup-vaults --region "$r"
	each "$r/backup/get-backup-vault-access-policy" backup list-backup-vaults --region "$r" \
		--query 'BackupVaultList[].BackupVaultName' -- \
		backup get-backup-vault-access-policy --region "$r" --backup-vault-name
	# Glacier's vaults, of the caller's own account ("-")
	call "$r/glacier/list-vaults" glacier list-vaults --region "$r" --account-id -
	each "$r/glacier/get-vault-access-policy" glacier list-vaults --region "$r" --account-id - \
		--query 'VaultList[].VaultName' -- \
		glacier get-vault-access-policy --region "$r" --account-id - --vault-name
	call "$r/backup/list-backup-plans" backup list-backup-plans --region "$r"
	for x in $(names backup list-backup-plans --region "$r" --query 'BackupPlansList[].BackupPlanId'); do
		call "$r/backup/get-backup-plan/$(esc "$x")" backup get-backup-plan --region "$r" --backup-plan-id "$x"
	done
	return 0
}

# each(REL-PREFIX QUERY-ARGS -- CALL-ARGS...): for each name the listing prints, the per-resource
# call REL-PREFIX/<name> with CALL-ARGS and the name as the last argument.
each() {
	local rel=$1 x list=()
	shift
	while [ "$1" != -- ]; do list+=("$1"); shift; done
	shift
	for x in $(names "${list[@]}"); do
		call "$rel/$(esc "$x")" "$@" "$x"
	done
}

# The services of AWS's Foundational Security Best Practices beyond CIS's.
region_fsbp() {
	local r=$1 x c
	call "$r/lambda/list-functions" lambda list-functions --region "$r"
	each "$r/lambda/get-policy" lambda list-functions --region "$r" --query 'Functions[].FunctionName' -- \
		lambda get-policy --region "$r" --function-name
	each "$r/lambda/list-function-url-configs" lambda list-functions --region "$r" --query 'Functions[].FunctionName' -- \
		lambda list-function-url-configs --region "$r" --function-name
	call "$r/ec2/describe-subnets" ec2 describe-subnets --region "$r"
	call "$r/ec2/describe-route-tables" ec2 describe-route-tables --region "$r"
	call "$r/ec2/describe-transit-gateways" ec2 describe-transit-gateways --region "$r"
	call "$r/ec2/describe-snapshots" ec2 describe-snapshots --region "$r" --owner-ids self
	each "$r/ec2/describe-snapshot-attribute" ec2 describe-snapshots --region "$r" --owner-ids self \
		--query 'Snapshots[].SnapshotId' -- \
		ec2 describe-snapshot-attribute --region "$r" --attribute createVolumePermission --snapshot-id
	call "$r/ec2/describe-images" ec2 describe-images --region "$r" --owners self
	call "$r/ec2/get-snapshot-block-public-access-state" ec2 get-snapshot-block-public-access-state --region "$r"
	call "$r/ec2/get-image-block-public-access-state" ec2 get-image-block-public-access-state --region "$r"
	each "$r/ec2/describe-instance-attribute" ec2 describe-instances --region "$r" \
		--query 'Reservations[].Instances[].InstanceId' -- \
		ec2 describe-instance-attribute --region "$r" --attribute userData --instance-id
	call "$r/ec2/describe-launch-templates" ec2 describe-launch-templates --region "$r"
	each "$r/ec2/describe-launch-template-versions" ec2 describe-launch-templates --region "$r" \
		--query 'LaunchTemplates[].LaunchTemplateId' -- \
		ec2 describe-launch-template-versions --region "$r" --launch-template-id
	call "$r/rds/describe-db-clusters" rds describe-db-clusters --region "$r"
	call "$r/rds/describe-db-snapshots" rds describe-db-snapshots --region "$r"
	each "$r/rds/describe-db-snapshot-attributes" rds describe-db-snapshots --region "$r" \
		--query 'DBSnapshots[].DBSnapshotIdentifier' -- \
		rds describe-db-snapshot-attributes --region "$r" --db-snapshot-identifier
	call "$r/rds/describe-db-cluster-snapshots" rds describe-db-cluster-snapshots --region "$r"
	each "$r/rds/describe-db-cluster-snapshot-attributes" rds describe-db-cluster-snapshots --region "$r" \
		--query 'DBClusterSnapshots[].DBClusterSnapshotIdentifier' -- \
		rds describe-db-cluster-snapshot-attributes --region "$r" --db-cluster-snapshot-identifier
	each "$r/kms/get-key-policy" kms list-keys --region "$r" --query 'Keys[].KeyId' -- \
		kms get-key-policy --region "$r" --policy-name default --key-id
	call "$r/sqs/list-queues" sqs list-queues --region "$r"
	each "$r/sqs/get-queue-attributes" sqs list-queues --region "$r" --query 'QueueUrls' -- \
		sqs get-queue-attributes --region "$r" --attribute-names All --queue-url
	call "$r/sns/list-topics" sns list-topics --region "$r"
	each "$r/sns/get-topic-attributes" sns list-topics --region "$r" --query 'Topics[].TopicArn' -- \
		sns get-topic-attributes --region "$r" --topic-arn
	call "$r/ecr/describe-repositories" ecr describe-repositories --region "$r"
	each "$r/ecr/get-repository-policy" ecr describe-repositories --region "$r" --query 'repositories[].repositoryName' -- \
		ecr get-repository-policy --region "$r" --repository-name
	each "$r/ecr/get-lifecycle-policy" ecr describe-repositories --region "$r" --query 'repositories[].repositoryName' -- \
		ecr get-lifecycle-policy --region "$r" --repository-name
	call "$r/ecr/get-registry-scanning-configuration" ecr get-registry-scanning-configuration --region "$r"
	call "$r/secretsmanager/list-secrets" secretsmanager list-secrets --region "$r"
	each "$r/secretsmanager/get-resource-policy" secretsmanager list-secrets --region "$r" --query 'SecretList[].ARN' -- \
		secretsmanager get-resource-policy --region "$r" --secret-id
	call "$r/dynamodb/list-tables" dynamodb list-tables --region "$r"
	each "$r/dynamodb/describe-table" dynamodb list-tables --region "$r" --query 'TableNames' -- \
		dynamodb describe-table --region "$r" --table-name
	each "$r/dynamodb/describe-continuous-backups" dynamodb list-tables --region "$r" --query 'TableNames' -- \
		dynamodb describe-continuous-backups --region "$r" --table-name
	call "$r/ecs/list-clusters" ecs list-clusters --region "$r"
	for c in $(names ecs list-clusters --region "$r" --query 'clusterArns'); do
		call "$r/ecs/describe-clusters/$(esc "$c")" ecs describe-clusters --region "$r" --include SETTINGS --clusters "$c"
		call "$r/ecs/list-services/$(esc "$c")" ecs list-services --region "$r" --cluster "$c"
		each "$r/ecs/describe-services" ecs list-services --region "$r" --cluster "$c" --query 'serviceArns' -- \
			ecs describe-services --region "$r" --cluster "$c" --services
	done
	call "$r/ecs/list-task-definitions" ecs list-task-definitions --region "$r"
	each "$r/ecs/describe-task-definition" ecs list-task-definitions --region "$r" --query 'taskDefinitionArns' -- \
		ecs describe-task-definition --region "$r" --task-definition
	call "$r/eks/list-clusters" eks list-clusters --region "$r"
	each "$r/eks/describe-cluster" eks list-clusters --region "$r" --query 'clusters' -- \
		eks describe-cluster --region "$r" --name
	call "$r/elasticache/describe-cache-clusters" elasticache describe-cache-clusters --region "$r"
	call "$r/elasticache/describe-replication-groups" elasticache describe-replication-groups --region "$r"
	call "$r/opensearch/list-domain-names" opensearch list-domain-names --region "$r"
	each "$r/opensearch/describe-domain" opensearch list-domain-names --region "$r" --query 'DomainNames[].DomainName' -- \
		opensearch describe-domain --region "$r" --domain-name
	call "$r/apigateway/get-rest-apis" apigateway get-rest-apis --region "$r"
	each "$r/apigateway/get-stages" apigateway get-rest-apis --region "$r" --query 'items[].id' -- \
		apigateway get-stages --region "$r" --rest-api-id
	call "$r/apigatewayv2/get-apis" apigatewayv2 get-apis --region "$r"
	each "$r/apigatewayv2/get-routes" apigatewayv2 get-apis --region "$r" --query 'Items[].ApiId' -- \
		apigatewayv2 get-routes --region "$r" --api-id
	each "$r/apigatewayv2/get-stages" apigatewayv2 get-apis --region "$r" --query 'Items[].ApiId' -- \
		apigatewayv2 get-stages --region "$r" --api-id
	each "$r/elbv2/describe-listeners" elbv2 describe-load-balancers --region "$r" \
		--query 'LoadBalancers[].LoadBalancerArn' -- elbv2 describe-listeners --region "$r" --load-balancer-arn
	each "$r/elbv2/describe-load-balancer-attributes" elbv2 describe-load-balancers --region "$r" \
		--query 'LoadBalancers[].LoadBalancerArn' -- \
		elbv2 describe-load-balancer-attributes --region "$r" --load-balancer-arn
	each "$r/elb/describe-load-balancer-attributes" elb describe-load-balancers --region "$r" \
		--query 'LoadBalancerDescriptions[].LoadBalancerName' -- \
		elb describe-load-balancer-attributes --region "$r" --load-balancer-name
	call "$r/codebuild/list-projects" codebuild list-projects --region "$r"
	each "$r/codebuild/batch-get-projects" codebuild list-projects --region "$r" --query 'projects' -- \
		codebuild batch-get-projects --region "$r" --names
	call "$r/inspector2/batch-get-account-status" inspector2 batch-get-account-status --region "$r"
	call "$r/s3control/list-access-points" s3control list-access-points --region "$r" --account-id "$account"
	each "$r/s3control/get-access-point" s3control list-access-points --region "$r" --account-id "$account" \
		--query 'AccessPointList[].Name' -- \
		s3control get-access-point --region "$r" --account-id "$account" --name
	return 0
}

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
account=$(names sts get-caller-identity --query Account)
if [ -z "$regions" ]; then
	regions=$(names ec2 describe-regions --region us-east-1 --query 'Regions[].RegionName' | sort | tr '\n' ',')
	[ -n "$regions" ] || { echo "snapshot-with-awscli: cannot list the account's regions" >&2; exit 2; }
fi
IFS=, read -r -a list <<<"$regions"
global 2>>"$out/.refused" &
for r in "${list[@]}"; do
	[ -n "$r" ] || continue
	while [ "$(jobs -rp | wc -l)" -ge "$((jobs + 1))" ]; do wait -n; done
	region "$r" 2>>"$out/.refused" &
done
wait
rlist=$(printf '"%s",' "${list[@]}")
printf '{"time": "%s", "by": "scripts/snapshot-with-awscli.sh", "regions": [%s]}\n' \
	"$started" "${rlist%,}" >"$out/snapshot.json"
if [ -s "$out/.refused" ]; then
	refused=$(wc -l <"$out/.refused")
	sort "$out/.refused" >&2
	echo "snapshot-with-awscli: $refused calls refused; the audit reports each as an error" >&2
fi
rm -f "$out/.refused"
echo "snapshot-with-awscli: wrote $out" >&2
