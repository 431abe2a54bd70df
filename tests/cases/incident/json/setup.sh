# an application that leaked deploy-bot's key (and another account's key id), the example
# snapshot with its keys listed, a trail where the key is used from outside to make a backdoor
# user through a session token, and one record of another account (tests/gen/incident-data.py)
python3 "$(dirname "$0")/../../../gen/incident-data.py" .
"$YS" secrets --no-progress --format jsonl app > findings.jsonl || true
