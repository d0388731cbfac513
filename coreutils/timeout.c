/* timeout - run a command with a time limit (GNU timeout(1)). */
/*
 * timeout starts the command and waits. If the command has not ended
 * after DURATION (a number of seconds with a fraction and a unit, as
 * sleep takes it; 0 is no limit), it sends it a signal, TERM unless -s
 * says otherwise, and with -k it sends KILL if the command is still
 * there that much later. The exit status is 124 if the time ran out, else
 * the command's; 125 is for timeout's own errors, 126 and 127 for a
 * command that cannot run or is not there. A command killed by a signal
 * makes timeout end by the same signal, so callers see what happened.
 *
 * Normally the command runs in a new process group, so that the signal
 * reaches whatever it started too. But when timeout is in the foreground
 * of a terminal, a new group would be in the background: the command
 * would be stopped as soon as it read the terminal, and Ctrl-Z would stop
 * timeout but not the command. There the command stays in timeout's
 * group, in the foreground, and only the command itself is signalled.
 *
 * No signal handlers: timeout blocks the signals it waits for (the
 * child's end, and those asking timeout itself to stop, which it passes
 * on) and takes them one at a time with sigtimedwait, whose time limit
 * is the next deadline.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"timeout [-s SIGNAL] [-k DURATION] DURATION COMMAND [ARG]...";

/* Statuses of timeout's own, as GNU's has them. */
#define TIMED_OUT 124
#define TIMEOUT_FAILED 125

static pid_t child;		/* the command's process */
static int child_has_group;	/* in a process group of its own */

static _Noreturn void
bad_usage(void)
{
	dprintf(2, "usage: %s\n", usage);
	exit(TIMEOUT_FAILED);
}

static _Noreturn void
fail(const char *what)
{
	warn_sys("%s", what);
	exit(TIMEOUT_FAILED);
}

static double
parse_seconds(const char *str)
{
	double seconds;

	if (parse_duration(str, &seconds) < 0) {
		warn_msg("invalid time interval '%s'", str);
		exit(TIMEOUT_FAILED);
	}
	return seconds;
}

/* Seconds on a clock that setting the date does not move. */
static double
now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		fail("clock_gettime");
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is this process in the foreground of its controlling terminal? */
static int
in_foreground(void)
{
	// /dev/tty is the controlling terminal, whatever the
	// standard descriptors were redirected to; there may be none.
	int tty = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
	int foreground;

	if (tty < 0)
		return 0;
	foreground = tcgetpgrp(tty) == getpgrp();
	close(tty);
	return foreground;
}

/* Send SIG to the command (and to its group, if it has one). */
static void
signal_command(int sig)
{
	pid_t target = child_has_group ? -child : child;

	kill(target, sig);
	// A stopped process acts on no signal but KILL until continued.
	if (sig != SIGKILL && sig != SIGCONT)
		kill(target, SIGCONT);
}

/*
 * End the way the command ended, killed by SIG, so that whoever waits
 * for timeout sees that too (a shell's $? is then 128 + SIG).
 */
static int
end_by_signal(int sig)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t set;

	// The command may have dumped core; a second core, timeout's
	// own, would only overwrite it.
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	// Still here: SIG's default is to be ignored (CHLD, WINCH...).
	return 128 + sig;
}

/* timeout's exit status, from the command's wait status. */
static int
exit_status(int wstatus, int timed_out)
{
	if (WIFSIGNALED(wstatus)) {
		// Killed by KILL, the status says so even when timeout
		// sent it: GNU's documents that, and scripts expect it.
		if (timed_out && WTERMSIG(wstatus) != SIGKILL)
			return TIMED_OUT;
		return end_by_signal(WTERMSIG(wstatus));
	}
	return timed_out ? TIMED_OUT : WEXITSTATUS(wstatus);
}

/*
 * Wait for the command, signalling it at the deadlines. Returns
 * timeout's exit status.
 */
static int
supervise(sigset_t *waited, double limit, int first_signal, double kill_after)
{
	enum { SEND_FIRST, SEND_KILL, SEND_NOTHING } next;
	double deadline = now() + limit;
	int timed_out = 0;

	next = limit > 0 ? SEND_FIRST : SEND_NOTHING;
	for (;;) {
		struct timespec left = { 0, 0 };
		siginfo_t info;
		int sig, wstatus;

		if (next != SEND_NOTHING) {
			double seconds = deadline - now();

			if (seconds > 0)
				left = duration_timespec(seconds);
		}
		sig = sigtimedwait(waited, &info,
		                   next == SEND_NOTHING ? NULL : &left);
		if (sig < 0 && errno == EINTR)
			continue;
		if (sig < 0 && errno != EAGAIN)
			fail("sigtimedwait");
		if (sig < 0 && next == SEND_FIRST) {
			// The time is up.
			timed_out = 1;
			signal_command(first_signal);
			next = kill_after > 0 ? SEND_KILL : SEND_NOTHING;
			deadline = now() + kill_after;
		} else if (sig < 0) {
			signal_command(SIGKILL);
			next = SEND_NOTHING;
		} else if (sig == SIGCHLD) {
			pid_t pid = waitpid(child, &wstatus, WNOHANG);

			if (pid < 0)
				fail("waitpid");
			// 0: the command stopped or went on, but did not end.
			if (pid == child)
				return exit_status(wstatus, timed_out);
		} else {
			// Someone asks timeout to stop (TERM, INT, HUP, QUIT):
			// the command gets the same request, and KILL
			// follows it as after the time limit. A signal from
			// the terminal (Ctrl-C, Ctrl-\, hangup) went to the
			// whole foreground group: if the command is in ours,
			// it has it already.
			if (child_has_group || info.si_code != SI_KERNEL)
				signal_command(sig);
			if (kill_after > 0 && next != SEND_KILL) {
				next = SEND_KILL;
				deadline = now() + kill_after;
			}
		}
	}
}

int
main(int argc, char **argv)
{
	static const int waited_signals[] = {
		SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT,
	};
	const size_t n_waited =
		sizeof(waited_signals) / sizeof(waited_signals[0]);
	sigset_t waited, old_mask;
	int first_signal = SIGTERM;
	double limit, kill_after = 0;
	int c;

	prog_init(argv[0]);
	// "+": the command's own options must stay the command's.
	while ((c = getopt(argc, argv, "+s:k:")) != -1) {
		switch (c) {
		case 's':
			first_signal = sig_number(optarg);
			if (first_signal <= 0) {
				warn_msg("%s: unknown signal", optarg);
				exit(TIMEOUT_FAILED);
			}
			break;
		case 'k':
			kill_after = parse_seconds(optarg);
			break;
		default:
			bad_usage();
		}
	}
	argv += optind;
	if (!argv[0] || !argv[1])
		bad_usage();
	limit = parse_seconds(argv[0]);
	argv++;

	// Blocked before the fork, so that no signal is missed in between;
	// the command gets the mask timeout was started with.
	sigemptyset(&waited);
	for (size_t i = 0; i < n_waited; i++)
		sigaddset(&waited, waited_signals[i]);
	if (sigprocmask(SIG_BLOCK, &waited, &old_mask) < 0)
		fail("sigprocmask");
	// An inherited SIG_IGN for SIGCHLD would make the kernel reap the
	// command itself, and waitpid would never see its status.
	signal(SIGCHLD, SIG_DFL);

	child_has_group = !in_foreground();
	child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		if (child_has_group)
			setpgid(0, 0);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		exec_command(argv);
	}
	// Both parent and child set the group: either may run first, and the
	// parent may signal the group before the child has run at all.
	if (child_has_group)
		setpgid(child, child);
	return supervise(&waited, limit, first_signal, kill_after);
}
