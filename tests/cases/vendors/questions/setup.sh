# the questions to send each vendor, unknown account and CI system, as Markdown
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" org/111122223333 --in-org
