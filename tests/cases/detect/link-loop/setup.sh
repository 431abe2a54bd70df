mkdir -p trail/a && cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json trail/a/
# a link back up the tree: walked once, not round and round
ln -s .. trail/a/up
