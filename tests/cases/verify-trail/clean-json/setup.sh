# a clean chain as JSON
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 2 --logs 1
