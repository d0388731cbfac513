/* clear - clear the terminal screen (clear(1), without terminfo). */
/*
 * Every terminal mini meets (the Linux console, a serial line to xterm
 * or another emulator) understands the ANSI/ECMA-48 sequences, so they
 * are written as they are instead of looked up in a terminal database:
 * cursor home (ESC [ H), erase the screen (ESC [ 2 J), and erase the
 * scrollback (ESC [ 3 J, from xterm, also known to Linux's console).
 */
#include <unistd.h>

#include "mini.h"

static const char usage[] = "clear";

int
main(int argc, char **argv)
{
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	if (optind < argc)
		die_usage(usage);
	out_str(&out_stdout, "\033[H\033[2J\033[3J");
	return finish(0);
}
