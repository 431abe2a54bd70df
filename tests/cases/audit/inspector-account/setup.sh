# Inspector: eu-west-1 scans EC2 and ECR, Lambda is still being enabled and Lambda code is off;
# us-east-1's status was refused; a third region answered for another account only (a failed
# account); in ap-southeast-2 everything it tells is on, but its answer predates Lambda code
# scanning (no lambdaCode: a skip, not a pass). The security contact is registered: its name and title may show, its email and
# phone number never.
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
cat > snap/eu-west-1/inspector2/batch-get-account-status.json <<'J'
{"accounts": [{"accountId": "111122223333", "state": {"status": "ENABLED"},
  "resourceState": {"ec2": {"status": "ENABLED"}, "ecr": {"status": "ENABLED"},
   "lambda": {"status": "ENABLING"}, "lambdaCode": {"status": "DISABLED"}}}], "failedAccounts": []}
J
rm snap/us-east-1/inspector2/batch-get-account-status.json
cat > snap/us-east-1/inspector2/batch-get-account-status.error.json <<'J'
{"Code": "AccessDeniedException", "Message": "User is not authorized to perform: inspector2:BatchGetAccountStatus"}
J
mkdir -p snap/eu-central-1/inspector2
sed 's/"eu-west-1", "us-east-1"/"eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"/' snap/snapshot.json > s && mv s snap/snapshot.json
cat > snap/eu-central-1/inspector2/batch-get-account-status.json <<'J'
{"accounts": [], "failedAccounts": [{"accountId": "111122223333", "status": "ENABLED",
  "errorCode": "INTERNAL_ERROR", "errorMessage": "The request failed: try again"}]}
J
mkdir -p snap/ap-southeast-2/inspector2
cat > snap/ap-southeast-2/inspector2/batch-get-account-status.json <<'J'
{"accounts": [{"accountId": "111122223333", "state": {"status": "ENABLED"},
  "resourceState": {"ec2": {"status": "ENABLED"}, "ecr": {"status": "ENABLED"},
   "lambda": {"status": "ENABLED"}}}], "failedAccounts": []}
J
rm snap/global/account/get-alternate-contact/SECURITY.error.json
cat > snap/global/account/get-alternate-contact/SECURITY.json <<'J'
{"AlternateContact": {"AlternateContactType": "SECURITY", "EmailAddress": "security@acme.example",
  "Name": "Priya Raman", "PhoneNumber": "+44 20 7946 0018", "Title": "Head of Engineering"}}
J
