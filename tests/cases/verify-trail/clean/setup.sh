# a clean chain: four hourly digests, two log files each, all valid
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b 
