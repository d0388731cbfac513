# Grouping commands (POSIX 2.9.4.1): ( list ) and { list; }.
v=1
(v=2; echo in subshell $v)
echo after subshell $v
{ v=3; echo in group $v; }
echo after group $v
# A subshell's cd and exit stay inside it.
(cd /; pwd)
pwd | grep -q '^/$' || echo cwd unchanged
(exit 5)
echo $?
{ false; }
echo $?
# Groups nest and span lines.
(
	echo line1
	{
		echo line2; echo line3
	}
)
# The status of a group is its last command's.
{ true; false; } || echo group failed
( false; true ) && echo subshell succeeded
# { and } are words: they need spaces, and } must follow a ; or newline.
echo {a} } {
