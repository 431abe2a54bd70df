# only the IAM half of the example, and a file that is not JSON: the account and IAM are drawn,
# the services the snapshot cannot tell about are named, the bad file is named; snapshot.json
# comes too, so ages are measured from the snapshot's time, not from the day the test runs
mkdir -p snap/global snap/eu-west-1/ec2
cp -R "$(dirname "$0")/../../../../examples/snapshot-insecure/global/iam" snap/global/
cp "$(dirname "$0")/../../../../examples/snapshot-insecure/account.json" snap/
cp "$(dirname "$0")/../../../../examples/snapshot-insecure/snapshot.json" snap/
echo '{"Reservations": [' > snap/eu-west-1/ec2/describe-instances.json
