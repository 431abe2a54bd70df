# an --aws-ranges file with a prefix that is not a network
echo '{"prefixes":[{"ip_prefix":"10.0.0.0/8"},{"ip_prefix":"nope"}]}' > ranges.json
cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json t.json
