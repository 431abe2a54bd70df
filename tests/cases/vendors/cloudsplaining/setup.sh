# others' data: salesforce/cloudsplaining's example account (BSD-3-Clause), 78 roles: its organization's management account (072528804237, not named without the organization) trusted as administrator twice, IAM Identity Center's SAML provider, AWS services
mkdir -p snap/global/iam
cp "$YS_SHARED_DATA/posture/samples/cloudsplaining/example-authz-details-large.json" snap/global/iam/get-account-authorization-details.json
echo '{"Account": "200611803367"}' > snap/account.json
echo '{"time": "2023-04-01T00:00:00Z", "regions": []}' > snap/snapshot.json
