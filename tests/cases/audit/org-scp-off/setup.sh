# SCPs not enabled at the root: one failure for the organization, naming every member account
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp off
