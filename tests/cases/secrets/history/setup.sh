# a key added, kept through many commits and edits, then deleted; a token on a side branch
. "$(dirname "$0")/../../../lib-git.sh"
git init -q repo && cd repo
printf 'region = "eu-west-1"\n' > main.tf && git add . && commit "start"
printf 'region = "eu-west-1"\naccess_key = "AKIA2OGYBAH6QK5V3ZXR"\nsecret_key = "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"\n' > main.tf
git add . && commit "add credentials"
for i in 1 2 3 4 5 6 7 8; do printf '# edit %s\n' $i >> main.tf; git add . && commit "edit $i"; done
git rm -q main.tf && commit "remove credentials"
git checkout -q -b feature
printf 'GITHUB_TOKEN=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\n' > .env && git add . && commit "feature"
git checkout -q main
printf 'clean\n' > README && git add . && commit "docs"
