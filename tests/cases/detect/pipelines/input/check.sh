# each shape through detect (concatenated documents on stdin, as `zcat *.json.gz |` gives them):
# its record count and problems, and whether its alerts are the bare file's
alerts() { python3 -c 'import json,sys; [print(json.dumps({k: v for k, v in json.loads(l).items() if k != "file"}, sort_keys=True)) for l in sys.stdin]'; }
"$YS" detect --format jsonl shapes/bare.json 2>/dev/null | alerts > bare.alerts
for shape in concat.json firehose.jsonl.gz eventbridge.jsonl cwl.gz not-records.jsonl; do
	if [ $shape = concat.json ]; then
		"$YS" detect --format jsonl - < shapes/$shape 2> err | alerts > got
	else
		"$YS" detect --format jsonl shapes/$shape 2> err | alerts > got
	fi
	echo "$shape: $(grep '^yourside: [0-9]* rules' err | sed 's/.*correlations; //; s/, [0-9.]* MB//')"
	grep -v '^yourside: \([0-9]* rules\|first: \)' err | sed 's/^/  /'
	cmp -s got bare.alerts && echo "  the bare file's $(wc -l < got) alerts" || echo "  alerts differ from the bare file's"
done
# a folder as Firehose fills a bucket: objects named without a suffix, read by their content
mkdir -p firehose/2024/08/02/09
cp shapes/firehose.jsonl.gz firehose/2024/08/02/09/trail-stream-1-2024-08-02-09-00-00-0f1e2d3c
echo "a note, not a trail" > firehose/README
"$YS" detect --format jsonl firehose 2> err | alerts > got
echo "a Firehose folder: $(grep '^yourside: [0-9]* rules' err | sed 's/.*correlations; //; s/, [0-9.]* MB//')"
cmp -s got bare.alerts && echo "  the bare file's $(wc -l < got) alerts" || echo "  alerts differ from the bare file's"
