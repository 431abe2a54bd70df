mkdir tree
