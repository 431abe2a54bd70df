# organization.json cut short and acme-dev's folder gone: said on stderr, the accounts come from organizations/list-accounts.json, and the two accounts without folders are named as not audited
python3 "$(dirname "$0")/../../../gen/org-data.py" org --bad-meta --missing-folder
