# ECR repositories: acme's (one public, one private) and, in us-east-1, a registry with enhanced
# scanning whose filter covers prod-* only; policies shared with another account (pull, push),
# narrowed to the organisation, refused, broken; a lifecycle policy file missing
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
r=snap/us-east-1/ecr
mkdir -p $r/get-repository-policy $r/get-lifecycle-policy
repo() { # name mutability scanOnPush
	printf '{"repositoryArn": "arn:aws:ecr:us-east-1:111122223333:repository/%s", "registryId": "111122223333", "repositoryName": "%s", "repositoryUri": "111122223333.dkr.ecr.us-east-1.amazonaws.com/%s", "createdAt": "2025-06-01T10:00:00+00:00", "imageTagMutability": "%s", "imageScanningConfiguration": {"scanOnPush": %s}, "encryptionConfiguration": {"encryptionType": "AES256"}}' "$1" "$1" "$1" "$2" "$3"
}
cat > $r/describe-repositories.json <<J
{"repositories": [
 $(repo prod-api IMMUTABLE_WITH_EXCLUSION false),
 $(repo dev-tools MUTABLE true),
 $(repo base-images IMMUTABLE false),
 $(repo org-shared IMMUTABLE false),
 $(repo broken MUTABLE false),
 $(repo refused MUTABLE false)
]}
J
cat > $r/get-registry-scanning-configuration.json <<'J'
{"registryId": "111122223333", "scanningConfiguration": {"scanType": "ENHANCED", "rules": [
 {"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "prod-*", "filterType": "WILDCARD"}]},
 {"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "*-images", "filterType": "WILDCARD"}]},
 {"scanFrequency": "MANUAL", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]}}
J
for n in prod-api dev-tools; do
	printf '{"Code": "RepositoryPolicyNotFoundException", "Message": "Repository policy does not exist for the repository with name %s"}\n' $n > $r/get-repository-policy/$n.error.json
done
cat > $r/get-repository-policy/base-images.json <<'J'
{"registryId": "111122223333", "repositoryName": "base-images", "policyText": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PartnerPull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]},{\"Sid\":\"CiPush\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::777788889999:role/ci\"},\"Action\":[\"ecr:PutImage\",\"ecr:InitiateLayerUpload\",\"ecr:UploadLayerPart\",\"ecr:CompleteLayerUpload\"]}]}"}
J
cat > $r/get-repository-policy/org-shared.json <<'J'
{"registryId": "111122223333", "repositoryName": "org-shared", "policyText": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}]}"}
J
cat > $r/get-repository-policy/broken.json <<'J'
{"registryId": "111122223333", "repositoryName": "broken", "policyText": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\""}
J
echo '{"Code": "AccessDeniedException", "Message": "User is not authorized to perform: ecr:GetRepositoryPolicy"}' > $r/get-repository-policy/refused.error.json
for n in prod-api base-images org-shared; do
	printf '{"registryId": "111122223333", "repositoryName": "%s", "lifecyclePolicyText": "{\\"rules\\":[{\\"rulePriority\\":1,\\"selection\\":{\\"tagStatus\\":\\"untagged\\",\\"countType\\":\\"sinceImagePushed\\",\\"countUnit\\":\\"days\\",\\"countNumber\\":14},\\"action\\":{\\"type\\":\\"expire\\"}}]}"}\n' $n > $r/get-lifecycle-policy/$n.json
done
for n in dev-tools broken; do
	printf '{"Code": "LifecyclePolicyNotFoundException", "Message": "Lifecycle policy does not exist for the repository with name %s"}\n' $n > $r/get-lifecycle-policy/$n.error.json
done
# refused has no lifecycle file at all: a skip
