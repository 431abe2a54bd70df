# unreadable files, a broken link, a link out of the tree, binary and invalid UTF-8 beside a real finding
printf 'key = "AKIA2OGYBAH6QK5V3ZXR"\n' > good.txt
printf '\xff\xfe bad utf-8 \xc3\x28 AKIAVZH4SBSY7LDE3MNQ \xe2\x82\n' > latin.txt
printf 'ELF\0\0\0 AKIAQYLPMN5HHHFPZAM2' > program.bin
ln -s does-not-exist broken-link
ln -s /etc/hostname outside-link
