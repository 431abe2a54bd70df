# a digest moved to another key, and two digests swapped
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 5 --mutate digest-moved:0 --mutate reorder:2:3
