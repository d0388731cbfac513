/* kill - terminate or signal processes (POSIX.1-2017 kill; kill(2)). */
/*
 * The signal comes first, as -s NAME, -NAME or -NUMBER; then the pids.
 * A negative pid names a process group, so "kill -- -42" signals group
 * 42. getopt cannot tell "-9" (a signal) from an option, so the few
 * options are read by hand.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"kill [-s SIGNAL | -SIGNAL] PID...\n       kill -l [STATUS]";

/* kill -l: every signal's name, or the name of the one behind STATUS. */
static int
list_signals(const char *status)
{
	if (status) {
		long number = xparse_long(status, 0, 255, "-l");
		// An exit status above 128 means "killed by signal status-128".
		const char *name = sig_name(number > 128 ? (int)number - 128 : (int)number);

		if (!name)
			die_msg("%s: unknown signal", status);
		out_printf(&out_stdout, "%s\n", name);
		return finish(0);
	}
	for (int number = 1; number < 32; number++) {
		const char *name = sig_name(number);

		if (name)
			out_printf(&out_stdout, "%2d) %s\n", number, name);
	}
	return finish(0);
}

int
main(int argc, char **argv)
{
	int signal_number = SIGTERM;
	int status = 0;
	int i = 1;

	prog_init(argv[0]);
	(void)argc;
	if (argv[i] && strcmp(argv[i], "-l") == 0) {
		if (argv[i + 1] && argv[i + 2])
			die_usage(usage);
		return list_signals(argv[i + 1]);
	}
	if (argv[i] && (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0)) {
		if (!argv[i + 1])
			die_usage(usage);
		signal_number = sig_number(argv[i + 1]);
		if (signal_number < 0)
			die_msg("%s: unknown signal", argv[i + 1]);
		i += 2;
	} else if (argv[i] && argv[i][0] == '-' && argv[i][1] != '\0' &&
	           strcmp(argv[i], "--") != 0) {
		signal_number = sig_number(argv[i] + 1);
		if (signal_number < 0)
			die_msg("%s: unknown signal", argv[i] + 1);
		i++;
	}
	if (argv[i] && strcmp(argv[i], "--") == 0)
		i++;
	if (!argv[i])
		die_usage(usage);

	for (; argv[i]; i++) {
		long pid;

		if (parse_long(argv[i], 10, -0x7fffffffL, 0x7fffffffL, &pid) < 0) {
			warn_msg("%s: not a process id", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, signal_number) < 0) {
			warn_sys("%ld", pid);
			status = 1;
		}
	}
	return finish(status);
}
