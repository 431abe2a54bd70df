# a findings file with a line that is not JSON and one that is not a finding, and a trail folder
# with a file that is not CloudTrail: each named, the rest used
python3 "$(dirname "$0")/../../../gen/incident-data.py" .
"$YS" secrets --no-progress --format jsonl app > findings.jsonl || true
printf 'not json\n{"check":"x"}\n' >> findings.jsonl
echo '{"Records": [' > trail/broken.json
