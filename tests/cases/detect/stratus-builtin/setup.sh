# real CloudTrail records of attacks (Stratus Red Team), each technique in its own file
mkdir logs && cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/*.json logs/
