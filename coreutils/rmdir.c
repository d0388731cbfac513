/* rmdir - remove empty directories (POSIX.1-2017 rmdir). */
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "rmdir [-p] DIR...";

/* Remove PATH, then with -p each directory above it, from the bottom up. */
static int
remove_dir(char *path, int parents)
{
	for (;;) {
		char *end;

		if (rmdir(path) < 0) {
			warn_sys("%s", path);
			return -1;
		}
		if (!parents)
			return 0;
		// Drop the last component and the slashes around it.
		end = path + strlen(path);
		while (end > path && end[-1] == '/')
			end--;
		while (end > path && end[-1] != '/')
			end--;
		while (end > path && end[-1] == '/')
			end--;
		if (end == path)
			return 0;
		*end = '\0';
	}
}

int
main(int argc, char **argv)
{
	int parents = 0;
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+p")) != -1) {
		switch (c) {
		case 'p':
			parents = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv)
		die_usage(usage);
	for (; *argv; argv++)
		if (remove_dir(*argv, parents) < 0)
			status = 1;
	return finish(status);
}
