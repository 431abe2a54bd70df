# the same as JSON
python3 "$(dirname "$0")/../../../gen/org-data.py" org 
