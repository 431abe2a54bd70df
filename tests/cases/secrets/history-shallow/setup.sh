# a shallow clone: the oldest commit it holds is taken as where its files came in
. "$(dirname "$0")/../../../lib-git.sh"
git init -q src && cd src
printf 'k = "AKIA2OGYBAH6QK5V3ZXR"\n' > app.cfg && git add . && commit "key"
for i in 1 2 3 4; do printf 'x%s\n' $i >> other.txt; git add . && commit "more $i"; done
cd .. && git clone -q --depth 2 "file://$PWD/src" repo
