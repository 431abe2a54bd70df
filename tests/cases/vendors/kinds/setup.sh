# one of each kind of outsider, each guard present and absent, in an organization whose folder holds the snapshot
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" org/111122223333 --in-org
