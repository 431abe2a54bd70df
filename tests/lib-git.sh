# lib-git.sh: helpers for case setup scripts that build real git repositories with fixed dates
export GIT_AUTHOR_NAME="Dana Dev" GIT_AUTHOR_EMAIL="dana@example.com"
export GIT_COMMITTER_NAME="Dana Dev" GIT_COMMITTER_EMAIL="dana@example.com"
export GIT_CONFIG_NOSYSTEM=1 HOME="$PWD/.home"
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global user.name "Dana Dev"
git config --global user.email dana@example.com
tick=1700000000
# commit MESSAGE: commits everything staged, one minute after the last commit
commit() {
	tick=$((tick + 60))
	GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" git commit -q -m "$1"
}
