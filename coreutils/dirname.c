/* dirname - all but the last component of a path name (POSIX.1-2017 dirname). */
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "dirname STRING...";

/* Print what is left of PATH when its last component goes. */
static void
print_dirname(char *path)
{
	char *end = path + strlen(path);

	while (end > path && end[-1] == '/')
		end--;
	while (end > path && end[-1] != '/')
		end--;
	// No slash left: the name was relative to the current directory.
	if (end == path) {
		out_str(&out_stdout, *path == '/' ? "/\n" : ".\n");
		return;
	}
	while (end > path + 1 && end[-1] == '/')
		end--;
	out_write(&out_stdout, path, (size_t)(end - path));
	out_char(&out_stdout, '\n');
}

int
main(int argc, char **argv)
{
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	if (!*argv)
		die_usage(usage);
	for (; *argv; argv++)
		print_dirname(*argv);
	return finish(0);
}
