# two snapshot folders given one by one, no organization folder: each account audited, the CSV gains an account column, the SCPs are unknown (a skip), GuardDuty is judged over the two
python3 "$(dirname "$0")/../../../gen/org-data.py" org 
