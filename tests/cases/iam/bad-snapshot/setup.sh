cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
rm -f snap/global/iam/get-account-authorization-details.json
