/* tty - print the name of the terminal on standard input (POSIX.1-2017 tty). */
#include <unistd.h>

#include "mini.h"

static const char usage[] = "tty [-s]";

int
main(int argc, char **argv)
{
	const char *name;
	int silent = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+s")) != -1) {
		if (c != 's')
			die_usage(usage);
		silent = 1;
	}
	if (optind < argc)
		die_usage(usage);

	// ttyname finds the terminal's name under /dev (/dev/pts/0,
	// /dev/ttyS0); it fails if standard input is no terminal.
	name = ttyname(0);
	if (!silent)
		out_printf(&out_stdout, "%s\n", name ? name : "not a tty");
	// Status 1 is taken by "not a tty": a write error is 3, as in GNU.
	if (finish(0) != 0)
		return 3;
	return name ? 0 : 1;
}
