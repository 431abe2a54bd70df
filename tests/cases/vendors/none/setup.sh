# only the account's own principals (with MFA) and an AWS service: nobody outside, exit 0
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" snap --none
