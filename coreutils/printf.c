/* printf - write formatted output (POSIX.1-2017 printf). */
/*
 * The format language itself is libmini's format_print, which the shell's
 * builtin printf uses too: this is only its command line.
 */
#include <string.h>

#include "mini.h"

static const char usage[] = "printf FORMAT [ARGUMENT...]";

int
main(int argc, char **argv)
{
	int status;

	(void)argc;
	prog_init(argv[0]);
	// Not getopt: "--" may come first, and a format may start with '-'.
	if (argv[1] && strcmp(argv[1], "--") == 0)
		argv++;
	if (!argv[1])
		die_usage(usage);
	status = format_print(&out_stdout, "", argv[1], argv + 2);
	return finish(status);
}
