# a digest deleted from the middle of the chain: the next one names it; its log files are in no digest
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --mutate digest-deleted:1
