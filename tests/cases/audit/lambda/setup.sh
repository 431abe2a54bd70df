# Lambda functions: runtimes just before and long after AWS stopped patching them, a container
# image, and environment variables holding a live-looking Stripe key, a Slack webhook, an AWS key
# pair and a password, beside placeholders and plain settings that must not count
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
cat > snap/eu-west-1/lambda/list-functions.json <<'J'
{"Functions": [
 {"FunctionName": "old-node", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:old-node", "Runtime": "nodejs16.x",
  "Environment": {"Variables": {"LOG_LEVEL": "debug", "DB_PASSWORD": "changeme", "API_TOKEN": "<your token here>"}}},
 {"FunctionName": "py39", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:py39", "Runtime": "python3.9",
  "Environment": {"Variables": {"SLACK": "https://hooks.slack.com/services/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"}}},
 {"FunctionName": "image", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:image", "PackageType": "Image"},
 {"FunctionName": "keys", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:keys", "Runtime": "python3.13",
  "Environment": {"Variables": {"NOTE": "line one\nline two", "AWS_ACCESS_KEY_ID": "AKIA4QWERTYU7ZX2PL5M",
   "AWS_SECRET_ACCESS_KEY": "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", "SMTP_PASSWORD": "Tq7#vW2p!Lx9rZ4k"}}}
]}
J
