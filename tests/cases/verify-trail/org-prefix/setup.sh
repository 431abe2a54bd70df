# an organization trail under a key prefix (team/trails/AWSLogs/o-a1b2c3d4e5/<account>/...),
# with one log file changed: the layout is read through the prefix and the organization folder
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --prefix team/trails --org o-a1b2c3d4e5 --hours 2 --logs 1 --mutate log-modified:1:0
