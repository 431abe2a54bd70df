# a root SCP denies three actions with Bool (access keys, which carry no MFA key, escape it), kms:ScheduleKeyDeletion with BoolIfExists and leaving the organization outright: every member fails, naming the actions left open and those open to access keys only
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp partial
