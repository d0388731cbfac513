/* echo - write arguments to standard output (POSIX.1-2017 echo). */
/*
 * POSIX leaves `-n` and backslashes to the implementation. We take GNU's
 * reading for `-n`, since the tests compare with GNU: each leading
 * argument made of a '-' and one or more 'n's (-n, -nn) is an option, and
 * the first other argument ends the options, so `echo -- -n` prints
 * "-- -n" and `echo -x` prints "-x". Backslashes are not interpreted
 * (GNU's default without -e, not XSI's), and -e and -E are printed as
 * text: escapes are left for later, as a separate option.
 */
#include <string.h>

#include "mini.h"

/* True if ARG is -n, -nn, ...: the only option echo knows. */
static int
is_n_option(const char *arg)
{
	if (arg[0] != '-' || arg[1] == '\0')
		return 0;
	return arg[1 + strspn(arg + 1, "n")] == '\0';
}

int
main(int argc, char **argv)
{
	int newline = 1;
	int i = 1;

	(void)argc;
	prog_init(argv[0]);
	// Not getopt: echo has no usage error, and "--" is an operand.
	for (; argv[i] && is_n_option(argv[i]); i++)
		newline = 0;
	for (int first = i; argv[i]; i++) {
		if (i > first)
			out_char(&out_stdout, ' ');
		out_str(&out_stdout, argv[i]);
	}
	if (newline)
		out_char(&out_stdout, '\n');
	return finish(0);
}
