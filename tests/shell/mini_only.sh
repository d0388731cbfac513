# dash differs: where POSIX leaves room, and where dash departs from it (see below)
#
# A file found in PATH that may not be run is reported as such ("Permission
# denied", 126), as bash does; dash skips it and says "not found", 127.
mkdir bin
printf 'echo hi\n' > bin/noexec
PATH=$PWD/bin:$PATH
noexec 2>/dev/null
echo $?
# cd that fails returns 1 (dash: 2).
cd nonexistent 2>/dev/null
echo $?
# With PATH unset, commands are searched in /bin:/usr/bin (dash: nowhere).
(unset PATH; echo found) | cat
# Reading commands from standard input, the shell reads no further than
# the command it runs, so that the command can read the lines after it
# (POSIX sh, INPUT FILES); dash reads ahead a buffer at a time.
printf 'head -n 1\nread by head\necho after\n' > input
sh < input

# The aliases in $(...) are replaced when it runs, not when the command
# around it is read: its text is parsed again then, as yash does (its
# tests ask for it); dash and bash replace them as they read the function.
alias say=echo
f() { echo "[$(say alias)]"; }
unalias say
say() { printf '%s\n' function; }
f

# A bare exit in a subshell inside a trap's action exits with the
# subshell's own $?: the rule for exit in a trap (2.14) is about the
# action, and the subshell is a new environment. dash uses the $? from
# before the action there too.
sh -c 'trap "(false; exit); echo \"subshell: \$?\"" EXIT; (exit 4)'; echo "then exit: $?"
