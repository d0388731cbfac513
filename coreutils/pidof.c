/* pidof - find the pids of programs by name (sysvinit pidof(8)). */
/*
 * A process is called NAME if its name in /proc/PID/stat is NAME, or the
 * last part of its first argument is (the stat name is cut to 15 bytes,
 * and a script's is its interpreter's). Newest first, as sysvinit prints.
 */
#include <stdlib.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "pidof [-s] NAME...";

int
main(int argc, char **argv)
{
	int single = 0, found = 0;
	size_t count;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+s")) != -1) {
		if (c != 's')
			die_usage(usage);
		single = 1;
	}
	argv += optind;
	if (!argv[0])
		die_usage(usage);

	pid_t *pids = proc_list_pids(&count);
	for (size_t i = count; i-- > 0 && !(single && found);) {
		struct proc_stat st;

		if (pids[i] == getpid() || proc_read_stat(pids[i], &st) < 0)
			continue;
		for (char **name = argv; *name; name++) {
			if (proc_is_called(pids[i], &st, *name)) {
				out_printf(&out_stdout, "%s%d", found ? " " : "", (int)pids[i]);
				found = 1;
				break;
			}
		}
	}
	if (found)
		out_char(&out_stdout, '\n');
	free(pids);
	return finish(found ? 0 : 1);
}
