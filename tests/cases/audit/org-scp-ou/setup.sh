# the SCP on an OU above the two insecure accounts, list-parents collected: those two pass, the backup account and the refused one (under the root) fail with every action open
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp ou
