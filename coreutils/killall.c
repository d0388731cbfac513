/* killall - signal processes by name (psmisc killall(1)). */
/*
 * A process is called NAME if its name in /proc/PID/stat is NAME, or the
 * last part of its first argument is. killall never signals itself. It
 * fails if some NAME matched no process.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "killall [-SIGNAL | -s SIGNAL] NAME...";

int
main(int argc, char **argv)
{
	int signal_number = SIGTERM;
	int status = 0;
	size_t count;
	int i = 1;

	prog_init(argv[0]);
	(void)argc;
	// -9 or -HUP cannot go through getopt: read the signal by hand.
	if (argv[i] && strcmp(argv[i], "-s") == 0 && argv[i + 1]) {
		signal_number = sig_number(argv[i + 1]);
		if (signal_number < 0)
			die_msg("%s: unknown signal", argv[i + 1]);
		i += 2;
	} else if (argv[i] && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
		signal_number = sig_number(argv[i] + 1);
		if (signal_number < 0)
			die_msg("%s: unknown signal", argv[i] + 1);
		i++;
	}
	if (argv[i] && strcmp(argv[i], "--") == 0)
		i++;
	if (!argv[i])
		die_usage(usage);

	pid_t *pids = proc_list_pids(&count);
	for (; argv[i]; i++) {
		int found = 0;

		for (size_t j = 0; j < count; j++) {
			struct proc_stat st;

			if (pids[j] == getpid() || proc_read_stat(pids[j], &st) < 0 ||
			    !proc_is_called(pids[j], &st, argv[i]))
				continue;
			found = 1;
			if (kill(pids[j], signal_number) < 0) {
				warn_sys("%s(%d)", argv[i], (int)pids[j]);
				status = 1;
			}
		}
		if (!found) {
			warn_msg("%s: no process found", argv[i]);
			status = 1;
		}
	}
	free(pids);
	return finish(status);
}
