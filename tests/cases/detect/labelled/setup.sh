# records labelled by another team (panther-analysis's rule tests): look-alikes that must not raise
# an alert of medium or worse, and records that must alert
echo "YS=$YS" > case.env
echo "PANTHER=$(cd "$(dirname "$0")/../../../data/panther-cloudtrail" && pwd)/tests.jsonl" >> case.env
