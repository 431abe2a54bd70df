# the same OU SCP without list-parents: where the OU sits is unknown, so no member passes or fails: each is a skip that says which file is missing
python3 "$(dirname "$0")/../../../gen/org-data.py" org --scp ou-noparents
