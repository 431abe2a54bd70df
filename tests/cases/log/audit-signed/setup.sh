# audit with a history and a signing key: every failure of the run is in the signed log, which
# verifies; a public key cannot sign
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
cp -R "$(dirname "$0")/../../../../examples/snapshot-insecure" snap
echo "YS=$YS" > case.env
