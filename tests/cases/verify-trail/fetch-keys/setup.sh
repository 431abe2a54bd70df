# CloudTrail's keys asked of ListPublicKeys on a loopback AWS (tests/servers/fake-aws.py), one
# key a page: the digests' key is on the second page
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 2 --logs 1
mkdir -p snap/eu-west-1/cloudtrail
python3 - <<'PY'
import json
k = json.load(open("b/keys.json"))
other = dict(k["PublicKeyList"][0], Fingerprint="0123456789abcdef0123456789abcdef")
k["PublicKeyList"].insert(0, other)
json.dump(k, open("snap/eu-west-1/cloudtrail/list-public-keys.json", "w"))
PY
echo '{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/ci", "UserId": "AIDAEXAMPLE"}' > snap/account.json
python3 "$(dirname "$0")/../../../servers/fake-aws.py" --snapshot snap --port-file port --page 1 \
	--seconds 60 >server.log 2>&1 &
echo $! > server.pid
for i in $(seq 100); do [ -s port ] && break; sleep 0.1; done
cat > case.env <<ENV
PORT=$(cat port)
AWS_ACCESS_KEY_ID=AKIDEXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
AWS_CONFIG_FILE=/dev/null
AWS_SHARED_CREDENTIALS_FILE=/dev/null
ENV
