# one trail as AWS delivers it (gzip, {"Records":[...]}) in the S3 key layout, and as JSON Lines
src="$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json
d=AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/30
mkdir -p $d export
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps({"Records": r}))' "$src" | gzip > $d/111122223333_CloudTrail_us-east-1_20240730T2130Z_abc.json.gz
python3 -c 'import json,sys; [print(json.dumps(x)) for x in json.load(open(sys.argv[1]))]' "$src" > export/lake.jsonl
echo "not a trail" > notes.txt
