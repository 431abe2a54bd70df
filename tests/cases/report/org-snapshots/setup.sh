# two accounts given with --snapshot twice: one report of both, the SCPs unknown
python3 "$(dirname "$0")/../../../gen/org-data.py" org 
