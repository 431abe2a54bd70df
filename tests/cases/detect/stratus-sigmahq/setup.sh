mkdir logs && cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/*.json logs/
