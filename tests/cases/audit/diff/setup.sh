# the example company, then the same a day later: a new admin (mallory), developers without
# PowerUserAccess, SSH closed on the web group, a bucket policy's HTTPS condition flipped, a
# us-east-1 volume list missing, a trail's delivery time moved (volatile: not a change), carol's MFA turned on
ex="$(dirname "$YS")/../examples/snapshot-insecure"
cp -R "$ex" old
cp -R "$ex" new
cp -R "$(dirname "${BASH_SOURCE[0]}")/input/changes/." new/
sed -i 's/^carol,\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),false,/carol,\1,true,/' new/global/iam/credential-report.csv
rm new/us-east-1/ec2/describe-volumes.json
cat > new/snapshot.json <<'JSON'
{"time": "2026-11-21T09:00:00Z"}
JSON
