# an organization of five: a row per account, each layer condensed over the services it uses, the refused account named as not audited
python3 "$(dirname "$0")/../../../gen/org-data.py" org 
