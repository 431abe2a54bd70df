. "$(dirname "$0")/../../../lib-git.sh"
git init -q repo
