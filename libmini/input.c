/* input.c - each file operand in turn, or standard input (POSIX "-"). */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

// With no operands a utility reads standard input, as if given "-".
static char *stdin_only[] = {"-", NULL};

void
inputs_init(struct inputs *in, char **operands)
{
	in->names = *operands ? operands : stdin_only;
	in->name = NULL;
	in->fd = -1;
	in->status = 0;
	lines_init(&in->lines, -1);
}

int
inputs_next(struct inputs *in)
{
	// Standard input stays open: "-" may come again, and the program
	// may still need it after its operands.
	if (in->fd > 0)
		close(in->fd);
	in->fd = -1;
	while (*in->names) {
		in->name = *in->names++;
		if (strcmp(in->name, "-") == 0) {
			in->fd = 0;
			return in->fd;
		}
		in->fd = open(in->name, O_RDONLY);
		if (in->fd >= 0)
			return in->fd;
		warn_sys("%s", in->name);
		in->status = 1;
	}
	return -1;
}

ssize_t
inputs_next_line(struct inputs *in, char **line)
{
	for (;;) {
		if (in->fd >= 0) {
			ssize_t len = lines_next(&in->lines, line);

			if (len > 0)
				return len;
			if (len < 0) {
				warn_sys("%s", in->name);
				in->status = 1;
			}
		}
		lines_free(&in->lines);
		if (inputs_next(in) < 0)
			return 0;
		lines_init(&in->lines, in->fd);
	}
}
