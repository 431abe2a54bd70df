# only the IAM half of the example, and a file that is not JSON: the account and IAM are drawn,
# the services the snapshot cannot tell about are named, the bad file is named
mkdir -p snap/global snap/eu-west-1/ec2
cp -R "$(dirname "$0")/../../../../examples/snapshot-insecure/global/iam" snap/global/
cp "$(dirname "$0")/../../../../examples/snapshot-insecure/account.json" snap/
echo '{"Reservations": [' > snap/eu-west-1/ec2/describe-instances.json
