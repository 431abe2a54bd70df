# a digest without its signature metadata, one stored unzipped, one signed by another key
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --mutate no-signature:0 --mutate not-gzip:3 --mutate other-key:1
