# Redirection (POSIX 2.7).
echo one > f
echo two >> f
cat < f
# >| also truncates.
echo three >| f
cat f
# <> opens for reading and writing, without truncating.
cat 0<> f
# The IO number says which descriptor.
echo to-stderr 2>err 1>&2
cat err
ls nonexistent 2> err2 || echo ls failed
test -s err2 && echo error went to the file
# 2>&1 duplicates what fd 1 is at that point: the order matters.
{ echo out; echo err >&2; } > both 2>&1
sort both
{ echo out; echo err >&2; } 2>&1 > out-only | sed 's/^/piped: /'
cat out-only
# n<&m duplicates for reading.
exec 3< f
cat <&3
exec 3<&-
# n>&- closes: writing to a closed descriptor fails.
{ echo nothing >&4; } 4>&- 2>/dev/null || echo closed
# Redirections of a builtin last only for that builtin.
exec 5> five
echo to-five >&5
: > /dev/null
echo still here
exec 5>&-
cat five
# exec with only redirections changes the shell's own descriptors.
exec 6> six
echo via six >&6
exec 6>&-
cat six
# Redirections may come anywhere in a simple command.
> anywhere echo a b
cat anywhere
# Redirection with no command creates (or truncates) the file.
> created
test -f created && test ! -s created && echo created empty
# The target word is expanded, but not split.
name='with space'
echo spaced > $name
cat "with space"
# A group and a subshell can be redirected as a whole.
{ echo g1; echo g2; } > group
cat group
(echo s1; echo s2) > sub
cat sub
# The redirections of a simple command come before its assignments
# (2.9.1): the file exists by the time the assignment reads it, with no
# command, before a builtin, a function and a program.
show() { echo "$1 [$got]"; }
got=$(cat early1 2>&1) 3>early1; show none
# (An assignment before a regular builtin is undone after it: the file
# seen tells what it saw.)
got=$(ls early2 >seen 2>&1) 3>early2 true; cat seen
got=$(cat early3 2>&1) 3>early3 show function
got=$(cat early4 2>&1) 3>early4 sh -c 'echo "program [$got]"'
# They also redirect the assignments' command substitutions,
got=$(echo hidden >&2) 2>/dev/null; show stderr
# and when one fails, no assignment is made.
got=before; { got=after 2>/nonexistent/dir/file; } 2>/dev/null; show failed
got=before; { got=after 2>/nonexistent/dir/file true; } 2>/dev/null
show failed
