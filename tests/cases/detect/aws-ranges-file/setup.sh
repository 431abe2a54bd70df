# the same trail as aws-ranges/ with a ranges file of 2026-11-22 that lacks 3.5.140.0/22: that
# instance too is outside AWS, and the file is recent enough to say nothing of its age
bash "$(dirname "$0")/../aws-ranges/setup.sh"
cp "$(dirname "$0")/../../../data/aws-ranges-test.json" ranges.json
