# EKS: acme's old public cluster (eu-west-1), and in us-east-1 a private, encrypted, audited
# cluster in extended support, one public to one network in standard support, one newer than the
# table, one older than it, a version that is not one, a refused and a missing description
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
r=snap/us-east-1/eks
mkdir -p $r/describe-cluster
cat > $r/list-clusters.json <<'J'
{"clusters": ["prod", "lab", "next", "ancient", "odd", "refused", "missing"]}
J
eks() { # name version public cidrs extra-members
	cat > $r/describe-cluster/$1.json <<J
{"cluster": {"name": "$1", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/$1", "createdAt": "2025-02-01T10:00:00+00:00", "version": "$2", "status": "ACTIVE", "platformVersion": "eks.9",
 "resourcesVpcConfig": {"subnetIds": ["subnet-0aa11bb22cc33dd44"], "securityGroupIds": [], "vpcId": "vpc-0fedcba9876543210", "endpointPublicAccess": $3, "endpointPrivateAccess": true, "publicAccessCidrs": $4}$5}}
J
}
eks prod 1.33 false '["0.0.0.0/0"]' ', "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}}], "logging": {"clusterLogging": [{"types": ["api", "authenticator"], "enabled": false}, {"types": ["audit"], "enabled": true}]}'
eks lab 1.34 true '["203.0.113.0/24", "198.51.100.7/32"]' ', "encryptionConfig": [], "logging": {"clusterLogging": [{"types": ["api", "audit"], "enabled": false}]}'
eks next 1.36 true '["0.0.0.0/0", "10.0.0.0/8"]' ''
eks ancient 1.22 true '[]' ''
eks odd latest false '[]' ''
echo '{"Code": "AccessDeniedException", "Message": "not authorized to perform: eks:DescribeCluster"}' > $r/describe-cluster/refused.error.json
