# alerts alone: no verdict can be given, and the report says what it did not check
python3 "$(dirname "$0")/../../../../examples/make-attack-trail.py" attack > /dev/null
"$YS" detect --format jsonl attack > alerts.jsonl
