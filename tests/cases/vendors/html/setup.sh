# the page: self-contained, every outsider and the questions in it (tests/check-pages.sh renders it)
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" org/111122223333 --in-org
