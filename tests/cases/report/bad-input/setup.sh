# an alerts file with a line that is not JSON and one that is not an object, and an empty
# snapshot: the lines are named, the rest reported, and the verdict is not "met"
python3 "$(dirname "$0")/../../../../examples/make-attack-trail.py" attack > /dev/null
"$YS" detect --format jsonl attack > alerts.jsonl
printf 'oops\n[1]\n' >> alerts.jsonl
mkdir empty
