# cd -L/-P, CDPATH, OLDPWD, cd -, pwd -L/-P.
mkdir -p real/sub a/b
ln -s real link
top=$(pwd -P)
cd link; pwd | sed "s|^$top|TOP|"; pwd -P | sed "s|^$top|TOP|"
cd sub; pwd | sed "s|^$top|TOP|"
cd ..; pwd | sed "s|^$top|TOP|"
cd -P ../link; pwd | sed "s|^$top|TOP|"
cd "$top"
cd link/sub; cd -P ..; pwd | sed "s|^$top|TOP|"
cd "$top"; cd a; cd - | sed "s|^$top|TOP|"; pwd | sed "s|^$top|TOP|"
echo "OLDPWD=$OLDPWD" | sed "s|$top|TOP|"
CDPATH=$top/a; cd b | sed "s|^$top|TOP|"; cd b > /dev/null; pwd | sed "s|^$top|TOP|"
cd "$top"; CDPATH=:$top/a; cd a; pwd | sed "s|^$top|TOP|"
cd "$top"; unset CDPATH
cd ./a; pwd | sed "s|^$top|TOP|"
cd; [ "$(pwd)" = "$HOME" ] && echo home
