# leaked SaaS keys name the vendors that hold them (Slack twice, once live; Datadog); a generic secret names none
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
