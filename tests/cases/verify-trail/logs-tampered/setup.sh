# log files changed, deleted and added after delivery
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --mutate log-modified:1:0 --mutate log-deleted:2:1 --mutate log-added:3
