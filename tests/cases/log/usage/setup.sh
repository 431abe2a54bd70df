# what cannot be done: no state, a public key to append with, a key that is not one, a key
# made over an existing one, a bad receipt, a subcommand that is not one
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
echo '{"n":1}' > one.jsonl
echo "YS=$YS" > case.env
