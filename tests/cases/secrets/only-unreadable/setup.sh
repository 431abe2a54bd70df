mkdir tree
ln -s nowhere tree/broken
