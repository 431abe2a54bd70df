mkdir logs && cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json logs/
# a first run whose output fails: its alerts must wait in the state, not be lost
"$YS" detect --state s.db --format jsonl --output /dev/full logs && exit 1
exit 0
