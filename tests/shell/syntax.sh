# Syntax errors (POSIX 2.8.1): the commands read before the error run;
# then a non-interactive shell exits with status 2.
sh -c 'echo before
echo a; )
echo not reached' 2>/dev/null
echo status $?
sh -c 'echo "unterminated' 2>/dev/null
echo status $?
sh -c 'echo a &&' 2>/dev/null
echo status $?
sh -c '| echo' 2>/dev/null
echo status $?
sh -c 'echo a > ' 2>/dev/null
echo status $?
sh -c '( )' 2>/dev/null
echo status $?
sh -c '{ echo a' 2>/dev/null
echo status $?
sh -c 'echo ;;' 2>/dev/null
echo status $?
sh -c '! ! true' 2>/dev/null
echo status $?
# A script file too.
printf 'echo first\nfi )\necho never\n' > bad.sh
sh bad.sh 2>/dev/null
echo status $?
# Reserved words are only special where a command starts.
echo { } !
# An expansion error is fatal as well.
sh -c 'echo ${unset_var?}; echo not reached' 2>/dev/null
echo status $?
