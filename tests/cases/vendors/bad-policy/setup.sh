# a bucket policy that is no JSON and a queue policy that is no policy: each named with its file and why, on stderr and in the output; every other outsider still found
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" snap
echo '{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "}' > snap/global/s3/get-bucket-policy/acme-trail.json
q=$(ls snap/eu-west-1/sqs/get-queue-attributes/)
echo '{"Attributes": {"Policy": "[1, 2, 3]"}}' > "snap/eu-west-1/sqs/get-queue-attributes/$q"
