# a truncated gzip, a file that is not JSON, a JSON Lines file with a broken record, a record
# nested 100,000 deep; the good records in each are still read
src="$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json
python3 - "$src" <<'PY'
import gzip, json, sys
recs = json.load(open(sys.argv[1]))
stop = [r for r in recs if r["eventName"] == "StopLogging"][0]
data = gzip.compress(json.dumps({"Records": [stop] * 200}).encode(), mtime=0)
open("cut.json.gz", "wb").write(data[: len(data) // 2])
open("garbage.json", "w").write("this is not json\n")
with open("mixed.jsonl", "w") as f:
    f.write(json.dumps(stop) + "\n")
    f.write('{"eventName": "StopLogging", "eventSource": tru}\n')
    f.write('{"eventSource": "cloudtrail.amazonaws.com", "eventName": "StopLogging", "deep": '
            + "[" * 100000 + "]" * 100000 + "}\n")
    f.write(json.dumps(stop) + "\n")
PY
