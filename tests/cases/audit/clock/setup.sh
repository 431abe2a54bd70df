# the example without snapshot.json (its credential report is the CSV, which names no time): the audit cannot know when the
# snapshot was taken, judges ages from today's clock, and says so (the only case that reads the
# clock, and it checks the words, not the date)
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
rm snap/snapshot.json
