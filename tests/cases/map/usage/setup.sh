echo "YS=$YS" > case.env
