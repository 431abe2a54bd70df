# the installed hook runs on a real `git commit` and refuses it; nothing is committed
. "$(dirname "$0")/../../../lib-git.sh"
git init -q repo && cd repo
printf 'ok\n' > README && git add . && commit "start"
"$YS" secrets install-hook .
printf 'key = "AKIA2OGYBAH6QK5V3ZXR"\n' > leak.cfg && git add leak.cfg
if git commit -q -m leak 2>/dev/null; then echo "the hook let a credential through" >&2; exit 1; fi
test "$(git rev-list --count HEAD)" = 1
