# the example company's snapshot (examples/snapshot-insecure)
cp -R "$(dirname "$0")/../../../../examples/snapshot-insecure" snap
