# log file validation off for two hours: the chain restarts; the log files of those hours are in no digest
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 6 --gap 2:2
