# EBS snapshots and AMIs: a snapshot shared with a partner's account (and with the account
# itself, which does not count), one whose permissions AWS refused, one whose file is missing;
# block-new-sharing for snapshots and a missing image setting in us-east-1; user data holding an
# AWS key pair (plain base64), a placeholder, broken base64, a refused and a missing attribute;
# a launch template whose versions hold a gzip'd token, broken user data or none, and one whose
# versions file is missing
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
u=snap/us-east-1/ec2
cat > $u/describe-snapshots.json <<'J'
{"Snapshots": [
 {"SnapshotId": "snap-0b1b2c3d4e5f60001", "VolumeId": "vol-0b1b2c3d4e5f60003", "VolumeSize": 8, "Encrypted": false, "State": "completed", "OwnerId": "111122223333", "StartTime": "2026-10-01T12:00:00+00:00"},
 {"SnapshotId": "snap-0b1b2c3d4e5f60002", "VolumeId": "vol-0b1b2c3d4e5f60003", "VolumeSize": 8, "Encrypted": true, "State": "completed", "OwnerId": "111122223333", "StartTime": "2026-10-02T12:00:00+00:00"},
 {"SnapshotId": "snap-0b1b2c3d4e5f60003", "VolumeId": "vol-0b1b2c3d4e5f60003", "VolumeSize": 8, "Encrypted": true, "State": "completed", "OwnerId": "111122223333", "StartTime": "2026-10-03T12:00:00+00:00"},
 {"SnapshotId": "snap-0b1b2c3d4e5f60004", "VolumeId": "vol-0b1b2c3d4e5f60003", "VolumeSize": 8, "Encrypted": true, "State": "completed", "OwnerId": "111122223333", "StartTime": "2026-10-04T12:00:00+00:00"}
]}
J
mkdir -p $u/describe-snapshot-attribute
cat > $u/describe-snapshot-attribute/snap-0b1b2c3d4e5f60001.json <<'J'
{"CreateVolumePermissions": [{"UserId": "444455556666"}, {"UserId": "111122223333"}, {"UserId": "777788889999"}], "SnapshotId": "snap-0b1b2c3d4e5f60001"}
J
cat > $u/describe-snapshot-attribute/snap-0b1b2c3d4e5f60002.json <<'J'
{"CreateVolumePermissions": [{"UserId": "111122223333"}], "SnapshotId": "snap-0b1b2c3d4e5f60002"}
J
cat > $u/describe-snapshot-attribute/snap-0b1b2c3d4e5f60003.error.json <<'J'
{"Code": "UnauthorizedOperation", "Message": "You are not authorized to perform this operation."}
J
cat > $u/describe-images.json <<'J'
{"Images": [{"ImageId": "ami-0b1b2c3d4e5f60201", "OwnerId": "111122223333", "State": "available", "Public": false}]}
J
echo '{"State": "block-new-sharing"}' > $u/get-snapshot-block-public-access-state.json
rm $u/get-image-block-public-access-state.json
cat > $u/describe-instances.json <<'J'
{"Reservations": [{"Groups": [], "OwnerId": "111122223333", "ReservationId": "r-0b1b2c3d4e5f60010", "Instances": [
 {"InstanceId": "i-0b1b2c3d4e5f60011", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "keys"}]},
 {"InstanceId": "i-0b1b2c3d4e5f60012", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "placeholder"}]},
 {"InstanceId": "i-0b1b2c3d4e5f60013", "InstanceType": "t3.micro", "State": {"Code": 80, "Name": "stopped"}},
 {"InstanceId": "i-0b1b2c3d4e5f60014", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"}},
 {"InstanceId": "i-0b1b2c3d4e5f60015", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"}},
 {"InstanceId": "i-0b1b2c3d4e5f60016", "InstanceType": "t3.micro", "State": {"Code": 48, "Name": "terminated"}}
]}]}
J
mkdir -p $u/describe-instance-attribute $u/describe-launch-template-versions
python3 - "$u" <<'PY'
import base64, gzip, json, sys
u = sys.argv[1]
def b64(text, gz=False):
    data = text.encode()
    return base64.b64encode(gzip.compress(data, mtime=0) if gz else data).decode()
def put(rel, obj):
    with open(f"{u}/{rel}.json", "w") as f:
        json.dump(obj, f, indent=4)
keys = "#!/bin/bash\n# deploy\nexport AWS_ACCESS_KEY_ID=AKIA2KX7QM4TNZVRB3LW\nexport AWS_SECRET_ACCESS_KEY=Zr8Kd3Wq6Mv1Tx9Bn4Hy7Lc2Pf5Gs0Ja8Ue3Io6V\naws s3 sync s3://acme-assets /srv/assets\n"
placeholder = "#!/bin/bash\nexport DB_PASSWORD=changeme\nexport API_TOKEN='<your token here>'\nexport GITHUB_TOKEN=${GITHUB_TOKEN:-}\n"
put("describe-instance-attribute/i-0b1b2c3d4e5f60011", {"InstanceId": "i-0b1b2c3d4e5f60011", "UserData": {"Value": b64(keys)}})
put("describe-instance-attribute/i-0b1b2c3d4e5f60012", {"InstanceId": "i-0b1b2c3d4e5f60012", "UserData": {"Value": b64(placeholder, gz=True)}})
put("describe-instance-attribute/i-0b1b2c3d4e5f60013", {"InstanceId": "i-0b1b2c3d4e5f60013", "UserData": {"Value": "not base64 at all!"}})
put("describe-instance-attribute/i-0b1b2c3d4e5f60014.error", {"Code": "UnauthorizedOperation", "Message": "You are not authorized to perform this operation."})
token = "#cloud-config\nruncmd:\n  - echo ok\n  - git clone https://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@github.com/acme/jobs.git /srv/jobs\n"
put("describe-launch-templates", {"LaunchTemplates": [
    {"LaunchTemplateId": "lt-0b1b2c3d4e5f60021", "LaunchTemplateName": "acme-jobs", "DefaultVersionNumber": 3, "LatestVersionNumber": 3},
    {"LaunchTemplateId": "lt-0b1b2c3d4e5f60022", "LaunchTemplateName": "acme-broken", "DefaultVersionNumber": 1, "LatestVersionNumber": 1},
    {"LaunchTemplateId": "lt-0b1b2c3d4e5f60023", "LaunchTemplateName": "acme-bare", "DefaultVersionNumber": 1, "LatestVersionNumber": 1},
    {"LaunchTemplateId": "lt-0b1b2c3d4e5f60024", "LaunchTemplateName": "acme-gone", "DefaultVersionNumber": 1, "LatestVersionNumber": 1}]})
def v(n, data):
    return {"LaunchTemplateId": "lt", "VersionNumber": n, "DefaultVersion": False, "LaunchTemplateData": data}
put("describe-launch-template-versions/lt-0b1b2c3d4e5f60021", {"LaunchTemplateVersions": [
    v(3, {"UserData": b64("#!/bin/bash\necho clean\n")}), v(2, {}), v(1, {"UserData": b64(token, gz=True)})]})
put("describe-launch-template-versions/lt-0b1b2c3d4e5f60022", {"LaunchTemplateVersions": [v(1, {"UserData": "%%%"})]})
put("describe-launch-template-versions/lt-0b1b2c3d4e5f60023", {"LaunchTemplateVersions": [v(1, {"InstanceType": "t3.micro"})]})
PY
