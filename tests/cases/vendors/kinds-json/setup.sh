# the same outsiders as JSON, for tools
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" org/111122223333 --in-org
