/* chroot - run a command with another root directory (chroot(8); chroot(2)). */
#include <unistd.h>

#include "mini.h"

static const char usage[] = "chroot DIR [COMMAND [ARG...]]";

int
main(int argc, char **argv)
{
	static char *shell[] = { "/bin/sh", "-i", NULL };
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	if (argc - optind < 1)
		die_usage(usage);
	// chdir first: a chroot that keeps its working directory outside
	// the new root would leave a way back out.
	if (chdir(argv[0]) < 0)
		die_sys("%s", argv[0]);
	if (chroot(".") < 0)
		die_sys("%s", argv[0]);
	exec_command(argv[1] ? argv + 1 : shell);
}
