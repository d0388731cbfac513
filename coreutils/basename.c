/* basename - the last component of a path name (POSIX.1-2017 basename). */
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "basename STRING [SUFFIX]";

int
main(int argc, char **argv)
{
	char *name, *end;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	argc -= optind;
	if (argc < 1 || argc > 2)
		die_usage(usage);

	name = argv[0];
	end = name + strlen(name);
	// Trailing slashes are not part of the name; a path of only
	// slashes names the root.
	while (end > name + 1 && end[-1] == '/')
		end--;
	*end = '\0';
	if (strcmp(name, "/") != 0) {
		char *slash = strrchr(name, '/');

		if (slash)
			name = slash + 1;
		// The suffix goes only if something is left.
		if (argc == 2) {
			size_t len = strlen(name), suffix_len = strlen(argv[1]);

			if (suffix_len < len && strcmp(name + len - suffix_len, argv[1]) == 0)
				name[len - suffix_len] = '\0';
		}
	}
	out_str(&out_stdout, name);
	out_char(&out_stdout, '\n');
	return finish(0);
}
