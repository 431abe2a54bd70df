# the questions to send each vendor, unknown account and CI system, as Markdown
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" org/111122223333
cat > org/organization.json <<'JSON'
{"organization": "o-acme12345", "management_account": "111122223333", "time": "2026-12-01T00:00:00Z",
 "by": "tests/cases/vendors", "accounts": [
  {"id": "111122223333", "name": "acme-main", "status": "ACTIVE", "result": "collected"},
  {"id": "222233334444", "name": "acme-prod", "status": "ACTIVE", "result": "collected"}]}
JSON
