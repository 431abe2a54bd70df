#!/usr/bin/env bash
# make-leaky-repo.sh: builds a small git repository whose history holds credentials that were
# committed and later removed, the way real leaks happen (all keys are fake)
set -euo pipefail
dest=${1:?usage: make-leaky-repo.sh DIR}
src=$(cd "$(dirname "$0")/leaky-app" && pwd)
rm -rf "$dest"
mkdir -p "$dest"
cd "$dest"
export GIT_AUTHOR_NAME="Demo Dev" GIT_AUTHOR_EMAIL="dev@example.com"
export GIT_COMMITTER_NAME="Demo Dev" GIT_COMMITTER_EMAIL="dev@example.com"
git init -q -b main .
printf '# payments service\n' > README.md
git add . && GIT_AUTHOR_DATE="2024-03-01T09:00:00Z" GIT_COMMITTER_DATE="2024-03-01T09:00:00Z" git commit -q -m "start"
cp "$src/config.py" "$src/k8s-secret.yaml" .
git add . && GIT_AUTHOR_DATE="2024-03-02T10:30:00Z" GIT_COMMITTER_DATE="2024-03-02T10:30:00Z" git commit -q -m "deploy config"
git rm -q config.py
printf 'import os\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\n' > settings.py
git add . && GIT_AUTHOR_DATE="2024-03-03T16:00:00Z" GIT_COMMITTER_DATE="2024-03-03T16:00:00Z" git commit -q -m "read keys from the environment"
