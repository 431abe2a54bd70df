# the same, every file listed, keys as the API sends them (base64 once)
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --keys-api
