# The builtins: cd, pwd, export, unset, set, shift, :, exec, exit, ., umask.
top=$(pwd -P)
mkdir -p a/b
# cd sets PWD and OLDPWD; cd - goes back and prints where.
cd a/b
pwd | sed "s|^$top|TOP|"
echo "$PWD" | sed "s|^$top|TOP|"
echo "$OLDPWD" | sed "s|^$top|TOP|"
cd - | sed "s|^$top|TOP|"
# cd with no operand goes HOME.
HOME=$top/a
cd
pwd | sed "s|^$top|TOP|"
# .. is taken by name from PWD, so it leaves a symlink as it came in.
cd "$top"
ln -s a/b link
cd link
pwd | sed "s|^$top|TOP|"
cd ..
pwd | sed "s|^$top|TOP|"
cd -P link
pwd | sed "s|^$top|TOP|"
cd "$top"
cd nonexistent 2>/dev/null || echo cd failed
# export passes a variable to children; unset removes it.
plain=1
export exported=2
sh -c 'echo "[$plain] [$exported]"'
export plain
sh -c 'echo "[$plain]"'
unset exported plain
sh -c 'echo "[$plain] [$exported]"'
echo "[$plain]"
# export NAME=value in one step, and export -p lists them.
export late=value
export -p | grep ' late='
# : does nothing, but its arguments are expanded.
: ${made=by-colon}
echo $made
# set -- replaces the parameters; shift drops them.
set -- x y z
shift
echo "$@"
# . runs a file in this shell.
echo 'sourced=yes; echo in the file' > file.sh
. ./file.sh
echo $sourced
# umask, in octal.
umask 027
umask
# exec replaces the shell: nothing after it runs.
sh -c 'exec echo replaced; echo not printed'
# exit in a subshell leaves only the subshell.
(exit 7)
echo $?
sh -c 'exit 300'
echo $?
# exit with no operand keeps the last status.
sh -c 'false; exit'
echo $?
exit 4
echo not printed
