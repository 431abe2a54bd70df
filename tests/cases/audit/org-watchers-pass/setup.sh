# an organization trail (multi-region, logging) in the management account, GuardDuty on in every account and region, backups copied to the backup account, nobody refused: all pass
python3 "$(dirname "$0")/../../../gen/org-data.py" org --trail org --guardduty all --backups cross --no-refused
