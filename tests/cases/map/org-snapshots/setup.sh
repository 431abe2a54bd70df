# two snapshot folders given one by one: a row each
python3 "$(dirname "$0")/../../../gen/org-data.py" org 
