/* poweroff.c - poweroff, reboot, halt: signal init, or with -f reboot(2). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "poweroff|reboot|halt [-f] [-d SECONDS]";

/* The program's name picks the action; the signals are the ones init reads. */
static const struct action {
	const char *name;
	int sig;
	int how;
	const char *verb;
} actions[] = {
	{ "poweroff", SIGUSR2, RB_POWER_OFF, "power off" },
	{ "reboot", SIGTERM, RB_AUTOBOOT, "reboot" },
	{ "halt", SIGUSR1, RB_HALT_SYSTEM, "halt" },
};

/*
 * Parse STR as seconds, "2" or "0.5", into *DELAY. Plain decimals only:
 * strtod would also take "inf", "1e9" and hex.
 */
static int
parse_seconds(const char *str, struct timespec *delay)
{
	const char *at = str;
	long nsec = 0;
	long digit_ns = 100000000;	/* what the next decimal is worth */
	time_t sec = 0;

	if (!*at || (at[0] == '.' && !at[1]))
		return -1;
	for (; *at >= '0' && *at <= '9'; at++) {
		if (sec > 100000000)	/* years: surely a typo */
			return -1;
		sec = sec * 10 + (*at - '0');
	}
	if (*at == '.')
		for (at++; *at >= '0' && *at <= '9'; at++, digit_ns /= 10)
			nsec += (*at - '0') * digit_ns;
	if (*at)
		return -1;
	delay->tv_sec = sec;
	delay->tv_nsec = nsec;
	return 0;
}

int
main(int argc, char **argv)
{
	const struct action *action = &actions[0];
	struct timespec delay = { 0, 0 };
	int force = 0;
	int c;

	prog_init(argv[0]);
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(prog_name, actions[i].name) == 0)
			action = &actions[i];

	while ((c = getopt(argc, argv, "+fd:")) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 'd':
			if (parse_seconds(optarg, &delay) < 0)
				die_msg("-d: invalid number '%s'", optarg);
			break;
		default:
			die_usage(usage);
		}
	}
	if (optind != argc)
		die_usage(usage);

	while (nanosleep(&delay, &delay) < 0)
		if (errno != EINTR)
			die_sys("nanosleep");

	if (!force) {
		if (kill(1, action->sig) < 0)
			die_sys("init: cannot signal");
		return 0;
	}
	// Without init nobody else flushes the file systems.
	sync();
	reboot(action->how);
	die_sys("cannot %s", action->verb);
}
