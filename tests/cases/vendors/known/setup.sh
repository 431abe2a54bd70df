# a team's own list names the contractor's account and renames Datadog's; no organization folder: prod is an unknown account
python3 "$(dirname "$0")/../../../gen/vendors-snapshot.py" snap
cat > ours.yaml <<'YAML'
- name: 'Acme Contractors'
  source: ['https://wiki.acme.example/vendors']
  accounts: ['777788889999']
YAML
