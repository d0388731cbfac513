/* mkdir - make directories (POSIX.1-2017 mkdir). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "mkdir [-p] [-m MODE] DIR...";

static mode_t umask_bits;

/*
 * MODE as octal (755, 1777) or symbolic (u=rwx,go=rx, g-w): symbolic
 * modes start from a=rwx, as GNU's do. -1 if it is not a mode.
 */
static long
parse_mode(const char *str)
{
	mode_t mode;

	if (mode_apply(str, S_IFDIR | 0777, umask_bits, &mode) < 0)
		return -1;
	return mode & 07777;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Make one directory above the last, as make_parents says; 0 or -1. */
static int
make_parent(const char *path, mode_t mode)
{
	if (mkdir(path, 0777) == 0) {
		if (umask_bits & (S_IWUSR | S_IXUSR))
			return chmod(path, mode);
		return 0;
	}
	if (errno != EEXIST)
		return -1;
	if (!is_dir(path)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/*
 * Make the missing directories above the last component of PATH, which is
 * changed while we work and restored. POSIX gives them the default mode
 * plus u+wx, so that the next level can be made inside them whatever the
 * umask. Returns 0, or -1 after a message.
 */
static int
make_parents(char *path)
{
	mode_t mode = (0777 & ~umask_bits) | S_IWUSR | S_IXUSR;

	for (char *slash = path + strspn(path, "/");
	     (slash = strchr(slash, '/')) != NULL;) {
		char *next = slash + strspn(slash, "/");
		int result;

		// Only slashes after this one: it ends the last component.
		if (*next == '\0')
			break;
		*slash = '\0';
		result = make_parent(path, mode);
		if (result < 0)
			warn_sys("%s", path);
		*slash = '/';
		if (result < 0)
			return -1;
		slash = next;
	}
	return 0;
}

/* Make directory PATH (and its parents, with -p). MODE -1: the default. */
static int
make_dir(char *path, long mode, int parents)
{
	if (parents && make_parents(path) < 0)
		return -1;
	if (mkdir(path, mode < 0 ? 0777 : (mode_t)mode & 0777) < 0) {
		// -p makes sure a directory exists; one that already does is
		// not an error, and keeps its mode.
		if (parents && errno == EEXIST && is_dir(path))
			return 0;
		warn_sys("%s", path);
		return -1;
	}
	// -m gives exactly MODE, without the umask, and with the bits
	// (setgid, sticky) that mkdir(2) may leave out.
	if (mode >= 0 && chmod(path, (mode_t)mode) < 0) {
		warn_sys("%s", path);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mode_spec = NULL;
	long mode = -1;
	int parents = 0;
	int status = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+m:p")) != -1) {
		switch (c) {
		case 'm':
			mode_spec = optarg;
			break;
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

	umask_bits = umask(0);
	umask(umask_bits);
	if (mode_spec && (mode = parse_mode(mode_spec)) < 0)
		die_msg("invalid mode '%s'", mode_spec);
	for (; *argv; argv++) {
		if (make_dir(*argv, mode, parents) < 0)
			status = 1;
	}
	return status;
}
