# a root SCP denies every destructive action without MFA (BoolIfExists): every member account passes, the management account (which no SCP binds) is left out, and so is nothing else
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp all
