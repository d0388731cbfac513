/* echo - write arguments to standard output (POSIX.1-2017 echo, XSI). */
/*
 * POSIX leaves `-n` and backslashes to the implementation; XSI decides
 * them, and so does this echo, the same way as the shell's builtin: the
 * escapes of libmini's unescape_text are always decoded (\c ends the
 * output, newline included), and only a first argument of exactly "-n"
 * is an option. So `echo -e x` prints "-e x", as dash's echo does.
 */
#include <string.h>

#include "mini.h"

int
main(int argc, char **argv)
{
	int first = 1;

	prog_init(argv[0]);
	if (argc > 1 && strcmp(argv[1], "-n") == 0)
		first = 2;
	for (int i = first; i < argc; i++) {
		if (i > first)
			out_char(&out_stdout, ' ');
		if (out_unescaped(&out_stdout, argv[i]))
			return finish(0);
	}
	if (first == 1)
		out_char(&out_stdout, '\n');
	return finish(0);
}
