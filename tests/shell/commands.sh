# Command search and execution (POSIX 2.9.1.1), exit statuses (2.8.2).
mkdir bin
printf '#!/bin/sh\necho script ran "$@"\n' > bin/tool
chmod +x bin/tool
# A name with a slash is run as it is; without, it is searched in PATH.
bin/tool one
./bin/tool two
PATH=$PWD/bin:$PATH
tool three
# PATH is searched in order: the first match wins.
mkdir bin2
printf '#!/bin/sh\necho second\n' > bin2/tool
chmod +x bin2/tool
PATH=$PWD/bin2:$PATH tool
# Not found: 127.
nosuchcommand 2>/dev/null
echo $?
./nosuchfile 2>/dev/null
echo $?
# Found but not executable: 126.
printf 'echo hi\n' > bin/noexec
./bin/noexec 2>/dev/null
echo $?
# A directory is not a command either.
./bin 2>/dev/null
echo $?
# An executable without #! is run as a shell script.
printf 'echo plain script "$1"\n' > bin/plain
chmod +x bin/plain
plain arg
# Killed by signal N: 128+N (and the shell says which signal).
{ sh -c 'kill -TERM $$'; } 2>/dev/null
echo $?
{ sh -c 'kill -KILL $$'; } 2>/dev/null
echo $?
# ... but SIGPIPE, the normal end of a writer whose reader left, is quiet.
yes | head -n 1
# Arguments arrive as they are.
sh -c 'printf "<%s>" "$@"; echo' name 'a b' '' c
