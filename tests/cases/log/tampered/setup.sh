# the same log, then edited in the SQLite file as an intruder would: a finding's status
# softened, an alert removed
cp "$(dirname "$0")/../../../data/log-test-key.pem" "$(dirname "$0")/../../../data/log-test-key.pub.pem" .
printf '{"check":"root-mfa","status":"fail"}\n{"check":"cloudtrail-on","status":"fail"}\n{"rule":"stop-logging"}\n{"rule":"delete-trail"}\n' > all.jsonl
"$YS" log append --state s.db --key log-test-key.pem --now 2024-03-01T10:00:00Z all.jsonl
python3 - <<'PY'
import sqlite3
db = sqlite3.connect("s.db")
db.execute("""UPDATE ledger SET body = '{"check":"root-mfa","status":"pass"}' WHERE seq = 1""")
db.execute("DELETE FROM ledger WHERE seq = 3")
db.commit()
PY
