/* rev - reverse the bytes of each line (util-linux rev; not in POSIX). */
#include <stdlib.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "rev [FILE...]";

int
main(int argc, char **argv)
{
	struct inputs in;
	size_t cap = 256;
	char *reversed = xmalloc(cap);
	int c;
	char *line;
	ssize_t len;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	inputs_init(&in, argv + optind);
	while ((len = inputs_next_line(&in, &line)) > 0) {
		int newline = line[len - 1] == '\n';
		size_t n = (size_t)len - newline;
		if (n > cap) {
			cap = n * 2;
			free(reversed);
			reversed = xmalloc(cap);
		}
		for (size_t i = 0; i < n; i++)
			reversed[i] = line[n - 1 - i];
		out_write(&out_stdout, reversed, n);
		if (newline)
			out_char(&out_stdout, '\n');
	}
	free(reversed);
	return finish(in.status);
}
