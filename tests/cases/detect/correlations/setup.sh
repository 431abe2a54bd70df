# synthetic incidents woven into benign traffic, with the alerts they must give:
# - 40 TerminateInstances by one principal in 3 minutes: one critical alert listing all 40;
#   5 by another principal: nothing; the first principal again an hour later (12): a second one
# - 12 failed console logins from one address in 6 minutes: one alert; 3 from another: none
# - one key asking for instances 11 times in 4 regions: a burst and a many-regions alert
# - a record without eventTime matched by a correlated rule: reported, the rest goes on
python3 - <<'PY'
import json
out = open("trail.jsonl", "w")
n = 0
def ev(t, name, source, who="arn:aws:iam::111122223333:user/ops", ip="198.51.100.7", **extra):
    global n
    n += 1
    r = {"eventVersion": "1.08", "eventTime": "2026-11-01T%02d:%02d:%02dZ" % (t // 3600, t // 60 % 60, t % 60),
         "eventSource": source, "eventName": name, "awsRegion": "eu-west-1", "sourceIPAddress": ip,
         "userIdentity": {"type": "IAMUser", "arn": who, "accountId": "111122223333",
                          "accessKeyId": "AKIA2OGYBAH6QK5V3ZXR"},
         "eventID": "ev-%04d" % n, "recipientAccountId": "111122223333"}
    r.update(extra)
    out.write(json.dumps(r) + "\n")
t = 3600
for i in range(300):  # benign reads all along
    ev(t + i * 20, "DescribeInstances", "ec2.amazonaws.com")
for i in range(40):
    ev(t + 100 + i * 4, "TerminateInstances", "ec2.amazonaws.com", who="arn:aws:iam::111122223333:user/mallory")
for i in range(5):
    ev(t + 200 + i * 10, "DeleteSnapshot", "ec2.amazonaws.com", who="arn:aws:iam::111122223333:user/ops")
for i in range(12):
    ev(t + 3600 + 100 + i * 5, "DeleteBucket", "s3.amazonaws.com", who="arn:aws:iam::111122223333:user/mallory")
for i in range(12):
    ev(t + 500 + i * 30, "ConsoleLogin", "signin.amazonaws.com", ip="203.0.113.66",
       responseElements={"ConsoleLogin": "Failure"}, userIdentity={"type": "IAMUser", "principalId": "x"})
for i in range(3):
    ev(t + 500 + i * 30, "ConsoleLogin", "signin.amazonaws.com", ip="192.0.2.1",
       responseElements={"ConsoleLogin": "Failure"}, userIdentity={"type": "IAMUser", "principalId": "y"})
regions = ["us-east-1", "us-west-2", "ap-southeast-1", "eu-central-1"]
for i in range(11):
    ev(t + 900 + i * 15, "RunInstances", "ec2.amazonaws.com", awsRegion=regions[i % 4],
       requestParameters={"instanceType": "c5.large"}, errorCode="Client.UnauthorizedOperation")
out.write(json.dumps({"eventSource": "ec2.amazonaws.com", "eventName": "TerminateInstances"}) + "\n")
PY
