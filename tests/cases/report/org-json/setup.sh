# the same organization as JSON: its organization object (findings, accounts worst first, failing_in_most)
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp partial
