# Positional and special parameters (POSIX 2.5.1, 2.5.2).
set -- one 'two words' three
echo $# "$1" "$2" "$3"
# $10 is $1 followed by 0; the tenth parameter needs braces.
set -- a b c d e f g h i j k
echo $10 ${10} ${11}
# $12 is $1 then 2; a parameter past the last is empty.
echo "[$12]" "[${12}]"
# shift drops parameters from the front.
set -- a b c d
shift
echo "$@"
shift 2
echo $# "$1"
# $? is the status of the last command.
false
echo $?
true
echo $?
# $$ is a number, and the same in a subshell.
case_pid=$$
(test "$$" = "$case_pid" && echo same pid)
echo $$ | grep -q '^[0-9][0-9]*$' && echo pid is a number
# $! is the process ID of the last background command.
true &
echo $! | grep -q '^[0-9][0-9]*$' && echo bg pid is a number
# set -- with nothing clears them.
set --
echo $# "[$*]"
# ${x=word} on a read-only x is an expansion error: the shell exits.
(readonly ro; echo "${ro=new}"; echo not reached) 2>/dev/null
echo "read-only: $?"
# With set -u, ${#x} of an unset x is an error as ${x} is.
(set -u; unset nothing; echo "${#nothing}"; echo not reached) 2>/dev/null
echo "set -u length: $?"
# shift 0 with no parameters at all is no change, and succeeds.
sh -c 'shift 0 && echo "shift 0 of none: $#"'
