# a damaged repository: one blob and one tree object are deleted; what remains is still scanned
. "$(dirname "$0")/../../../lib-git.sh"
git init -q repo && cd repo
printf 'k = "AKIA2OGYBAH6QK5V3ZXR"\n' > good.cfg && git add . && commit "good"
printf 'token = "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"\n' > lost.cfg && git add . && commit "lost"
mkdir sub && printf 'stripe = "sk_live_51Hq8ZpLmN3kR7tV2xB9cW4yD"\n' > sub/x.cfg && git add . && commit "sub"
blob=$(git rev-parse HEAD:lost.cfg)
tree=$(git rev-parse HEAD:sub)
rm -f .git/objects/${blob:0:2}/${blob:2} .git/objects/${tree:0:2}/${tree:2}
