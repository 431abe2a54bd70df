# the cover-up: a log file deleted and removed from its digest's list; the signature no longer matches
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --mutate digest-modified:2
