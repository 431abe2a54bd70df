# a clean commit, then a staged credential and an unstaged one: only the staged is reported
. "$(dirname "$0")/../../../lib-git.sh"
git init -q repo && cd repo
printf 'ok\n' > README && git add . && commit "start"
printf 'stripe = "sk_live_51Hq8ZpLmN3kR7tV2xB9cW4yD"\n' > pay.cfg && git add pay.cfg
printf 'token = "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"\n' > unstaged.cfg
