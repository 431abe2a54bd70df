# only the digests from 02:00 to 03:00 (and the hour after), on an eight-hour chain
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 8 --logs 1
