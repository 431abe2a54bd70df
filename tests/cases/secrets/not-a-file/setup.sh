# a named pipe given on the command line is refused by name; the file beside it is scanned
mkfifo pipe
printf 'k = "AKIA2OGYBAH6QK5V3ZXR"\n' > good.txt
