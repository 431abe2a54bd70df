cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
