# config.py: an application's settings, with credentials pasted in (fake, for the demo)
AWS_REGION = "eu-west-1"
AWS_ACCESS_KEY_ID = "AKIA2OGYBAH6QK5V3ZXR"
AWS_SECRET_ACCESS_KEY = "Xk3/9fJqL0pZrT7uWmN2bVcY8dHsEaG4iK1oQ6+R"
DOCS_EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"  # AWS's documentation example: not a finding
