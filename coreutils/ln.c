/* ln - make links between files (POSIX.1-2017 ln, -s -f). */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "ln [-fs] SOURCE [TARGET] | ln [-fs] SOURCE... DIR";

static int force, symbolic;

/* Link TARGET to SOURCE; -f first removes what is in the way. */
static int
make_link(const char *source, const char *target)
{
	struct stat src, dst;

	if (force && lstat(target, &dst) == 0) {
		// Removing the source itself would lose it.
		if (!symbolic && stat(source, &src) == 0 &&
		    src.st_dev == dst.st_dev && src.st_ino == dst.st_ino) {
			warn_msg("%s and %s are the same file", source, target);
			return -1;
		}
		if (S_ISDIR(dst.st_mode)) {
			errno = EISDIR;
			warn_sys("%s", target);
			return -1;
		}
		if (unlink(target) < 0) {
			warn_sys("%s: cannot remove", target);
			return -1;
		}
	}
	if ((symbolic ? symlink(source, target) : link(source, target)) < 0) {
		warn_sys("%s", target);
		return -1;
	}
	return 0;
}

/* Link DIR/NAME, NAME being the last component of SOURCE. */
static int
link_into(const char *source, const char *dir)
{
	char *target = path_in_dir(dir, source);
	int result = make_link(source, target);

	free(target);
	return result;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
main(int argc, char **argv)
{
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+fs")) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 's':
			symbolic = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 1)
		die_usage(usage);
	if (argc == 1)
		return finish(link_into(argv[0], ".") < 0);
	// Two operands name the link, unless the second is a directory.
	if (argc == 2 && !is_dir(argv[1]))
		return finish(make_link(argv[0], argv[1]) < 0);
	if (!is_dir(argv[argc - 1])) {
		errno = ENOTDIR;
		die_sys("%s", argv[argc - 1]);
	}
	for (int i = 0; i < argc - 1; i++)
		if (link_into(argv[i], argv[argc - 1]) < 0)
			status = 1;
	return finish(status);
}
