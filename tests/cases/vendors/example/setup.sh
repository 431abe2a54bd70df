# the shipped example: anyone on six resources, an unknown account trusted as administrator, a partner account no list names
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
