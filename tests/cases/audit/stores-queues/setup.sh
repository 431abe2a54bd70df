# SQS queues and SNS topics: policies asked through the evaluator (open to anyone, to any
# account, to a named account; held back by aws:SourceArn, aws:SourceOwner or aws:PrincipalOrgID;
# a Deny of outsiders over an open Allow; empty, malformed), encryption with SQS keys, a KMS key
# or none, a refused call, a missing file, and a region with no queue at all
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'PY'
import json, os
A, R = "111122223333", "eu-west-1"
Q = "https://sqs.%s.amazonaws.com/%s/" % (R, A)
def w(p, o):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    json.dump(o, open(p, "w"), indent=4)
def esc(s): return s.replace("%", "%25").replace("/", "%2F")
def qarn(n): return "arn:aws:sqs:%s:%s:%s" % (R, A, n)
def pol(*st): return json.dumps({"Version": "2012-10-17", "Statement": list(st)})
queues = {
    "orders": ({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sqs:*", "Resource": qarn("orders")}, {"KmsMasterKeyId": "alias/acme-queues"}),
    "partner-in": ({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/sender"},
                    "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes"], "Resource": qarn("partner-in")}, {"SqsManagedSseEnabled": "true"}),
    "uploads": ({"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": qarn("uploads"),
                 "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::acme-uploads"}, "StringEquals": {"aws:SourceAccount": A}}}, {"SqsManagedSseEnabled": "true"}),
    "org-jobs": ({"Effect": "Allow", "Principal": "*", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": qarn("org-jobs"),
                  "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}, {"SqsManagedSseEnabled": "true"}),
    "guarded": ([{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": qarn("guarded")},
                 {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": qarn("guarded"),
                  "Condition": {"StringNotEquals": {"aws:PrincipalAccount": A}}}], {"SqsManagedSseEnabled": "true"}),
    "empty-policy": ("", {"SqsManagedSseEnabled": "false"}),
    "broken": ("{\"Statement\": 7}", {"SqsManagedSseEnabled": "true"}),
    "refused": (None, None),
    "not-collected": (None, None),
}
urls = json.load(open("snap/%s/sqs/list-queues.json" % R))
for n, (st, extra) in queues.items():
    urls["QueueUrls"].append(Q + n)
    p = "snap/%s/sqs/get-queue-attributes/%s" % (R, esc(Q + n))
    if n == "refused":
        w(p + ".error.json", {"Code": "AccessDenied", "Message": "Access to the resource %s is denied." % (Q + n)})
        continue
    if n == "not-collected":
        continue
    at = {"QueueArn": qarn(n), "VisibilityTimeout": "30"}
    if st != "" and st is not None:
        at["Policy"] = st if isinstance(st, str) else pol(*(st if isinstance(st, list) else [st]))
    elif st == "":
        at["Policy"] = ""
    at.update(extra)
    w(p + ".json", {"Attributes": at})
w("snap/%s/sqs/list-queues.json" % R, urls)

def tarn(n): return "arn:aws:sns:%s:%s:%s" % (R, A, n)
topics = {
    "status": {"Effect": "Allow", "Principal": "*", "Action": ["sns:Publish", "sns:Subscribe"], "Resource": tarn("status")},
    "budget-alarms": {"Effect": "Allow", "Principal": {"Service": "budgets.amazonaws.com"}, "Action": "SNS:Publish", "Resource": tarn("budget-alarms"),
                      "Condition": {"StringEquals": {"aws:SourceAccount": A}}},
    "partner-feed": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "SNS:Subscribe", "Resource": tarn("partner-feed")},
    "no-policy": None,
    "refused": "refused",
}
lt = json.load(open("snap/%s/sns/list-topics.json" % R))
for n, st in topics.items():
    lt["Topics"].append({"TopicArn": tarn(n)})
    p = "snap/%s/sns/get-topic-attributes/%s" % (R, esc(tarn(n)))
    if st == "refused":
        w(p + ".error.json", {"Code": "AuthorizationError", "Message": "User: arn:aws:iam::%s:user/audit is not authorized to perform: SNS:GetTopicAttributes on resource: %s" % (A, tarn(n))})
        continue
    at = {"TopicArn": tarn(n), "Owner": A}
    if st:
        at["Policy"] = pol(st)
    w(p + ".json", {"Attributes": at})
w("snap/%s/sns/list-topics.json" % R, lt)
PY
