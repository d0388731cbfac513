/* mktemp - make a file or directory with a unique name (GNU coreutils mktemp, -d -p). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "mktemp [-d] [-p DIR] [TEMPLATE]";

/*
 * Replace the X's that end PATH with random letters and digits and make
 * the file (mode 0600) or directory (0700), trying again while the name
 * is taken. Returns 0, or -1 with errno set.
 */
static int
make_unique(char *path, size_t x_start, int dir)
{
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t x_end = strlen(path);

	for (int tries = 0; tries < 1000; tries++) {
		unsigned char random[64];
		size_t count = x_end - x_start;

		if (count > sizeof(random))
			count = sizeof(random);
		if (getrandom(random, count, 0) != (ssize_t)count)
			return -1;
		for (size_t i = 0; i < count; i++)
			path[x_end - count + i] = chars[random[i] % (sizeof(chars) - 1)];
		if (dir) {
			if (mkdir(path, 0700) == 0)
				return 0;
		} else {
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

			if (fd >= 0)
				return close(fd);
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	const char *template = "tmp.XXXXXXXXXX", *dir = NULL;
	int make_dir = 0;
	char *path, *last;
	size_t len, x_start;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+dp:")) != -1) {
		switch (c) {
		case 'd':
			make_dir = 1;
			break;
		case 'p':
			dir = optarg;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (argv[0] && argv[1])
		die_usage(usage);
	// A template of our own goes in $TMPDIR; the user's, where it says,
	// unless -p names a directory.
	if (argv[0])
		template = argv[0];
	else if (!dir)
		dir = getenv("TMPDIR");
	if (!argv[0] && (!dir || !*dir))
		dir = "/tmp";
	if (dir && *dir) {
		size_t size = strlen(dir) + strlen(template) + 2;

		path = xmalloc(size);
		snprintf(path, size, "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", template);
	} else {
		path = xstrdup(template);
	}

	len = strlen(path);
	for (x_start = len; x_start > 0 && path[x_start - 1] == 'X'; x_start--)
		;
	last = strrchr(path, '/');
	if (len - x_start < 3 || (last && path + x_start <= last))
		die_msg("%s: too few X's in template", template);
	if (make_unique(path, x_start, make_dir) < 0)
		die_sys("%s: cannot create", path);
	out_str(&out_stdout, path);
	out_char(&out_stdout, '\n');
	free(path);
	return finish(0);
}
