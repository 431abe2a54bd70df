# an organization of five (tests/gen/org-data.py): the organization's findings first, each account worst first, the controls failing in most accounts, then the verdict over every account and every finding with its account
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp partial
