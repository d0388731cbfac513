# Background jobs in a shell without job control, as a script is: POSIX
# XCU 2.9.3.1 (Asynchronous Lists), 2.11 (Signals and Error Handling),
# wait and kill with pids and with %job specs.

# SIGINT and SIGQUIT are ignored by an asynchronous command. (The pause
# lets the child get started, for shells that set that up only after
# the fork; mini holds both signals back across it.)
sleep 1 &
sleep 0.1
kill -INT $!
wait $!
echo "after SIGINT: $?"
sleep 1 &
sleep 0.1
kill -QUIT $!
wait $!
echo "after SIGQUIT: $?"

# Nothing else is ignored: SIGTERM still ends it (dash says so on stderr).
sleep 5 &
kill -TERM $!
wait $! 2>/dev/null
echo "after SIGTERM: $?"

# What is ignored, as the kernel shows it (bits 1 and 2 are INT and
# QUIT): nothing in the foreground, those two in the background. Only the
# standard signals 1 to 31: glibc's posix_spawn leaves its own internal
# ones (32, 33) ignored.
ignored() {
	mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/self/status)
	echo "$1 ignores $(( 0x$mask & 0x7fffffff ))"
}
ignored foreground
ignored background &
wait

# Its standard input is /dev/null, unless it is redirected.
echo data > file
{ cat & wait; } < file
echo "cat read nothing"
{ cat < file & wait; }

# The status of a finished job stays until it is waited for.
(exit 7) &
job=$!
sleep 0.2
wait $job
echo "exit 7: $?"
true | (exit 3) &
wait $!
echo "pipeline: $?"

# wait with no operand waits for them all, and is 0.
(exit 1) & (exit 2) &
wait
echo "wait: $?"

# A pid that is not our child: 127.
wait 1
echo "wait 1: $?"

# $! of a background pipeline is its last command's pid: a signal sent
# there reaches that command, whose trap runs when its cat ends.
mkfifo last.fifo
echo first | {
	trap 'echo last got USR1; exit 0' USR1
	cat
	cat last.fifo
} &
exec 3>last.fifo
kill -s USR1 $!
echo second >&3
exec 3>&-
wait $!
echo "wait: $?"
