# low and medium alerts are grouped, one per rule, principal and account an hour with the count
# and every event; high ones go out alone: alice opens 5 shells in half an hour (one alert of 5),
# one more two hours later (a second), bob one (his own), and alice stops CloudTrail (high, alone)
python3 - <<'PY'
import json
def rec(i, t, who, name, source="ssm.amazonaws.com"):
    return {"eventVersion": "1.09", "eventTime": t, "eventSource": source, "eventName": name,
            "awsRegion": "eu-west-1", "sourceIPAddress": "203.0.113.10", "userAgent": "aws-cli/2.15.0",
            "eventID": "00000000-0000-0000-0000-%012d" % i, "recipientAccountId": "111122223333",
            "eventType": "AwsApiCall", "requestParameters": {"target": "i-0a1b2c3d4e5f60001"},
            "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/" + who,
                             "accountId": "111122223333", "accessKeyId": "AKIAEXAMPLE" + who.upper().ljust(9, "0"),
                             "userName": who}}
r = [rec(i, "2026-11-02T10:%02d:00Z" % (i * 6), "alice", "StartSession") for i in range(1, 6)]
r.append(rec(6, "2026-11-02T12:40:00Z", "alice", "StartSession"))
r.append(rec(7, "2026-11-02T10:15:00Z", "bob", "SendCommand"))
r.append(rec(8, "2026-11-02T10:20:00Z", "alice", "StopLogging", "cloudtrail.amazonaws.com"))
json.dump({"Records": r}, open("trail.json", "w"))
PY
