# a state file that is not SQLite: said so, nothing read, exit 2
echo "not a database, whatever its name says; not a database at all, not one bit" > state.db
cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json t.json
