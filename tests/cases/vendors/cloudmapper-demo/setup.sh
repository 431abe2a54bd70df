# others' data: duo-labs/cloudmapper's demo account (BSD-3-Clause): a role anyone can assume, a public queue, topic, bucket and repository; the private topic's default policy is no outsider
python3 "$(dirname "$0")/../../../gen/from-cloudmapper.py" "$YS_SHARED_DATA/posture/samples/cloudmapper-demo" snap
