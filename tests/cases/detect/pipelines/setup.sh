# the same Stratus Red Team records (a console login without MFA, CloudTrail stopped, an admin
# user made) in every shape a pipeline delivers: each shape gives the bare file's alerts, its
# record count, and things that are not records are named problems, never records
s="$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs
python3 "$(dirname "$0")/../../../gen/trail-shapes.py" shapes "$s"/aws.initial-access.console-login-without-mfa.json \
	"$s"/aws.defense-evasion.cloudtrail-stop.json "$s"/aws.persistence.iam-create-admin-user.json
echo "YS=$YS" > case.env
