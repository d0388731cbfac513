/* which - locate a command in PATH (which(1) of Debian's debianutils). */
/*
 * For each name, print the first file of that name in a PATH directory
 * that is executable, as the shell's search would find it (-a: every
 * one). A name with a slash is checked as it is, not searched. An empty
 * PATH element means the current directory, as for the shell. A name not
 * found is not mentioned: the exit status, 1, says it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "which [-a] NAME...";

/* Is PATH a regular file we may execute? Directories are never commands. */
static int
is_command(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

/*
 * Print where NAME is found in SEARCH (a PATH value): the first place,
 * or every place if ALL. Returns 1 if found, 0 if not.
 */
static int
find_command(const char *name, const char *search, int all)
{
	int found = 0;

	if (strchr(name, '/')) {
		if (!is_command(name))
			return 0;
		out_printf(&out_stdout, "%s\n", name);
		return 1;
	}
	for (const char *dir = search;; dir++) {
		int dir_len = (int)strcspn(dir, ":");
		// An empty element ("a::b", a ':' first or last) is ".".
		const char *prefix = dir_len ? dir : ".";
		int prefix_len = dir_len ? dir_len : 1;
		size_t size = (size_t)prefix_len + strlen(name) + 2;
		char *path = xmalloc(size);

		snprintf(path, size, "%.*s/%s", prefix_len, prefix, name);
		if (is_command(path)) {
			out_printf(&out_stdout, "%s\n", path);
			found = 1;
		}
		free(path);
		dir += dir_len;
		if (*dir == '\0' || (found && !all))
			break;
	}
	return found;
}

int
main(int argc, char **argv)
{
	const char *search = getenv("PATH");
	int all = 0;
	int status = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+a")) != -1) {
		if (c != 'a')
			die_usage(usage);
		all = 1;
	}
	argv += optind;
	if (!*argv)
		die_usage(usage);
	// Without PATH, the shell searches an implementation-defined list:
	// the one musl's execvp uses.
	if (!search)
		search = "/usr/local/bin:/bin:/usr/bin";
	for (; *argv; argv++) {
		if (!find_command(*argv, search, all))
			status = 1;
	}
	return finish(status);
}
