/* sig.c - signal names and numbers, as kill(1) and signal(7) list them. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mini.h"

static const struct {
	const char *name;
	int number;
} signals[] = {
	{ "HUP", SIGHUP },	{ "INT", SIGINT },	{ "QUIT", SIGQUIT },
	{ "ILL", SIGILL },	{ "TRAP", SIGTRAP },	{ "ABRT", SIGABRT },
	{ "BUS", SIGBUS },	{ "FPE", SIGFPE },	{ "KILL", SIGKILL },
	{ "USR1", SIGUSR1 },	{ "SEGV", SIGSEGV },	{ "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE },	{ "ALRM", SIGALRM },	{ "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },	{ "CONT", SIGCONT },
	{ "STOP", SIGSTOP },	{ "TSTP", SIGTSTP },	{ "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU },	{ "URG", SIGURG },	{ "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ },	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH },	{ "POLL", SIGPOLL },	{ "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	// Other names for the same signals, found by name but never printed.
	{ "IO", SIGIO },	{ "IOT", SIGIOT },	{ "CLD", SIGCHLD },
};
#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

int
sig_number(const char *name)
{
	long number;

	if (parse_long(name, 10, 0, NSIG - 1, &number) == 0)
		return (int)number;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < NSIGNALS; i++) {
		if (strcasecmp(name, signals[i].name) == 0)
			return signals[i].number;
	}
	return -1;
}

const char *
sig_name(int number)
{
	for (size_t i = 0; i < NSIGNALS; i++) {
		if (signals[i].number == number)
			return signals[i].name;
	}
	return NULL;
}
