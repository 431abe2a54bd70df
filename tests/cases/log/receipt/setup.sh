# a receipt kept after three entries; then the last two are cut: only the receipt shows it
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
printf '{"n":1}\n{"n":2}\n{"n":3}\n' | "$YS" log append --state s.db --key log-test-key.pem --now 2024-03-01T10:00:00Z -
"$YS" log head --state s.db > receipt.txt
python3 -c 'import sqlite3; db = sqlite3.connect("s.db"); db.execute("DELETE FROM ledger WHERE seq >= 2"); db.commit()'
echo "RECEIPT=$(cat receipt.txt)" > case.env
echo "YS=$YS" >> case.env
