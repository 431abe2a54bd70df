# the example snapshot with its keys listed, a leaked key used in a trail (tests/gen/incident-data.py)
# and the alerts of the Code Spaces trail: one report, worst first
python3 "$(dirname "$0")/../../../gen/incident-data.py" .
"$YS" secrets --no-progress --format jsonl app > findings.jsonl || true
python3 "$(dirname "$0")/../../../../examples/make-attack-trail.py" attack > /dev/null
"$YS" detect --format jsonl attack > alerts.jsonl
