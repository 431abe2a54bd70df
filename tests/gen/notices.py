#!/usr/bin/python3
"""notices.py: the queue messages that tell of a trail's files, in the shapes AWS sends them: S3's
event notification (raw, and in SNS's envelope, keys URL-encoded as S3 encodes them), CloudTrail's
own notice through SNS (two files a message), and EventBridge's Object Created; one file a line of
the list given, written as numbered files into the inbox folder (each written whole).

usage: notices.py --bucket NAME --inbox DIR [--start N] < keys"""
import argparse, json, os, sys, urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("--bucket", required=True)
ap.add_argument("--inbox", required=True)
ap.add_argument("--start", type=int, default=0)
a = ap.parse_args()


def s3_event(key):
    return {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1",
                         "eventTime": "2026-10-01T00:00:00.000Z", "eventName": "ObjectCreated:Put",
                         "s3": {"s3SchemaVersion": "1.0", "configurationId": "trail",
                                "bucket": {"name": a.bucket, "arn": "arn:aws:s3:::" + a.bucket},
                                "object": {"key": urllib.parse.quote_plus(key, safe="/"), "size": 1}}}]}


def sns(message):
    return {"Type": "Notification", "MessageId": "0", "TopicArn": "arn:aws:sns:eu-west-1:111122223333:trail",
            "Message": json.dumps(message), "Timestamp": "2026-10-01T00:00:00.000Z", "SignatureVersion": "1"}


def eventbridge(key):
    return {"version": "0", "detail-type": "Object Created", "source": "aws.s3", "account": "111122223333",
            "region": "eu-west-1", "detail": {"bucket": {"name": a.bucket}, "object": {"key": key, "size": 1}}}


keys = [line.rstrip("\n") for line in sys.stdin if line.strip()]
n, i = a.start, 0
while i < len(keys):
    shape = (n - a.start) % 4
    if shape == 2 and i + 1 < len(keys):  # CloudTrail's notice names the files of one delivery
        body, i = sns({"s3Bucket": a.bucket, "s3ObjectKey": keys[i:i + 2]}), i + 2
    else:
        body = [s3_event, lambda k: sns(s3_event(k)), s3_event, eventbridge][shape](keys[i])
        i += 1
    path = os.path.join(a.inbox, "%06d" % n)
    with open(path + ".part", "w") as f:
        json.dump(body, f)
    os.replace(path + ".part", path)
    n += 1
