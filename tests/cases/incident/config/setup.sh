# deploy-bot's key pair pasted into a Lambda function's environment, found in the snapshot alone
# (no repository scan): the incident names the function and variable and joins the key to its
# user as a repository leak is joined; a second function holds only another account's key id
python3 "$(dirname "$0")/../../../gen/incident-data.py" .
python3 - <<'PY'
import json, re
text = open("app/settings.py").read()
kid = re.search(r'AKIA[0-9A-Z]{16}', text).group(0)
sec = re.search(r'SECRET_ACCESS_KEY = "([^"]+)"', text).group(1)
path = "snap/eu-west-1/lambda/list-functions.json"
d = json.load(open(path))
d["Functions"].append({"FunctionName": "deploy-hook", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:deploy-hook",
                       "Runtime": "python3.13", "Environment": {"Variables": {"AWS_ACCESS_KEY_ID": kid, "AWS_SECRET_ACCESS_KEY": sec}}})
json.dump(d, open(path, "w"), indent=1)
PY
