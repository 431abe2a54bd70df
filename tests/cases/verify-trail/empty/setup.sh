# a bucket with log files but no digests: validation was never on; nothing can be proven
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 2 --logs 1
rm -rf b/AWSLogs/*/CloudTrail-Digest
