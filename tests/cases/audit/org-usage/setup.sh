# --diff is for two snapshots of one account; several folders must each be a folder
python3 "$(dirname "$0")/../../../gen/org-data.py" org
echo "YS=$YS" > case.env
