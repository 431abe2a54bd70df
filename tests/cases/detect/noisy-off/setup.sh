mkdir logs && cp "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.discovery.ec2-download-user-data.json logs/
