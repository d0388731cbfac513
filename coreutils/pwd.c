/* pwd - print the working directory (POSIX.1-2017 pwd). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "pwd [-L|-P]";

/*
 * -L may print $PWD, the path the shell took to get here, if it still
 * names this directory and has no "." or ".." that would make it lie.
 */
static int
pwd_is_usable(const char *pwd)
{
	struct stat here, there;

	if (!pwd || *pwd != '/')
		return 0;
	for (const char *p = pwd; *p; p++) {
		if (p[0] == '/' && p[1] == '.' &&
		    (p[2] == '/' || p[2] == '\0' ||
		     (p[2] == '.' && (p[3] == '/' || p[3] == '\0'))))
			return 0;
	}
	return stat(pwd, &there) == 0 && stat(".", &here) == 0 &&
	       here.st_dev == there.st_dev && here.st_ino == there.st_ino;
}

int
main(int argc, char **argv)
{
	int logical = 1;
	char *cwd, *allocated = NULL;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+LP")) != -1) {
		switch (c) {
		case 'L':
			logical = 1;
			break;
		case 'P':
			logical = 0;
			break;
		default:
			die_usage(usage);
		}
	}
	if (argv[optind])
		die_usage(usage);

	cwd = getenv("PWD");
	if (!logical || !pwd_is_usable(cwd)) {
		cwd = allocated = getcwd(NULL, 0);
		if (!cwd)
			die_sys("cannot get the working directory");
	}
	out_str(&out_stdout, cwd);
	out_char(&out_stdout, '\n');
	free(allocated);
	return finish(0);
}
