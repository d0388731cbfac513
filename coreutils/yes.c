/* yes - repeat a line for ever (the GNU/BSD yes; not in POSIX). */
#include <string.h>
#include <unistd.h>

#include "mini.h"

int
main(int argc, char **argv)
{
	static char block[16384];
	size_t line_len = 0, filled = 0;
	char *line;

	(void)argc;
	prog_init(argv[0]);
	// "--" is taken as an ending of options, as GNU does; no other options.
	if (argv[1] && strcmp(argv[1], "--") == 0)
		argv++;
	for (int i = 1; argv[i]; i++)
		line_len += strlen(argv[i]) + 1;
	if (line_len == 0)
		line_len = 2;
	line = xmalloc(line_len);
	if (!argv[1]) {
		memcpy(line, "y\n", 2);
	} else {
		char *at = line;
		for (int i = 1; argv[i]; i++) {
			size_t len = strlen(argv[i]);
			memcpy(at, argv[i], len);
			at += len;
			*at++ = argv[i + 1] ? ' ' : '\n';
		}
	}
	// Fill a block with whole copies of the line so each write(2) carries
	// many lines: one system call per line would be a hundred times slower.
	while (filled + line_len <= sizeof(block)) {
		memcpy(block + filled, line, line_len);
		filled += line_len;
	}
	if (filled == 0) {
		for (;;)
			if (write_full(1, line, line_len) < 0)
				die_sys("write error");
	}
	for (;;)
		if (write_full(1, block, filled) < 0)
			die_sys("write error");
}
