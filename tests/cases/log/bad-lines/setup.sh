# a file with a line that is not JSON: the line is named and skipped, the others appended
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
printf '{"n":1}\nnot json\n\n{"n":2}\n' > mixed.jsonl
echo "YS=$YS" > case.env
