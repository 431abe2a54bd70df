# a fixed test key (tests/data), two files of findings and alerts appended at fixed times
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
printf '{"check":"root-mfa","status":"fail","severity":"critical"}\n{"check":"cloudtrail-on","status":"fail","severity":"high"}\n' > findings.jsonl
printf '{"rule":"stop-logging","severity":"high"}\n' > alerts.jsonl
"$YS" log append --state s.db --key log-test-key.pem --kind finding --now 2024-03-01T10:00:00Z findings.jsonl
"$YS" log append --state s.db --key log-test-key.pem --now 2024-03-01T11:00:00Z - < alerts.jsonl
echo "YS=$YS" > case.env
