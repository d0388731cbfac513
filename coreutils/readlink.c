/*
 * readlink, realpath - print where a symbolic link points, or the absolute
 * path with links resolved (GNU coreutils readlink -f, realpath).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "readlink [-f] FILE...";
static const char realpath_usage[] = "realpath FILE...";

/* The target of link PATH, allocated; NULL with errno set. */
static char *
read_link(const char *path)
{
	size_t size = 256;

	for (;;) {
		char *buf = xmalloc(size);
		ssize_t len = readlink(path, buf, size);

		if (len < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)len < size) {
			buf[len] = '\0';
			return buf;
		}
		free(buf);
		size *= 2;
	}
}

/* DIR (LEN bytes of it; none if 0) and NAME joined by one slash, allocated. */
static char *
join(const char *dir, size_t len, const char *name)
{
	char *path = xmalloc(len + strlen(name) + 2);

	memcpy(path, dir, len);
	if (len > 0 && dir[len - 1] != '/')
		path[len++] = '/';
	strcpy(path + len, name);
	return path;
}

/*
 * The absolute path PATH names with every symbolic link resolved, as
 * realpath(3) gives, except that the last component need not exist:
 * then it is the resolved directory and that name. Allocated; NULL with
 * errno set.
 */
static char *
resolve(const char *path)
{
	char *name = xstrdup(path);

	for (int hops = 0; hops < 40; hops++) {
		char *full = realpath(name, NULL), *slash, *target, *dir;
		size_t len = strlen(name);
		struct stat st;

		if (full || errno != ENOENT) {
			free(name);
			return full;
		}
		while (len > 1 && name[len - 1] == '/')
			name[--len] = '\0';
		slash = strrchr(name, '/');
		// A link to something missing: go on from where it points.
		if (lstat(name, &st) == 0 && S_ISLNK(st.st_mode) &&
		    (target = read_link(name)) != NULL) {
			full = *target == '/' || !slash ? xstrdup(target) :
				join(name, (size_t)(slash - name + 1), target);
			free(target);
			free(name);
			name = full;
			continue;
		}
		// The last component is missing: resolve the rest.
		if (!slash)
			dir = realpath(".", NULL);
		else if (slash == name)
			dir = xstrdup("/");
		else {
			*slash = '\0';
			dir = realpath(name, NULL);
		}
		full = dir ? join(dir, strlen(dir), slash ? slash + 1 : name) : NULL;
		free(dir);
		free(name);
		return full;
	}
	free(name);
	errno = ELOOP;
	return NULL;
}

/* As realpath: resolve each FILE, telling why one fails and going on. */
static int
realpath_main(char **argv)
{
	int status = 0;

	for (; *argv; argv++) {
		char *result = resolve(*argv);

		if (!result) {
			warn_sys("%s", *argv);
			status = 1;
			continue;
		}
		out_str(&out_stdout, result);
		out_char(&out_stdout, '\n');
		free(result);
	}
	return finish(status);
}

int
main(int argc, char **argv)
{
	int canonical = 0, status = 0;
	int as_realpath;
	char *result;
	int c;

	prog_init(argv[0]);
	// Called as realpath it takes no options, and -f is what it always does.
	as_realpath = strcmp(prog_name, "realpath") == 0;
	while ((c = getopt(argc, argv, as_realpath ? "+" : "+f")) != -1) {
		switch (c) {
		case 'f':
			canonical = 1;
			break;
		default:
			die_usage(as_realpath ? realpath_usage : usage);
		}
	}
	argv += optind;
	if (as_realpath) {
		if (!argv[0])
			die_usage(realpath_usage);
		return realpath_main(argv);
	}
	if (!argv[0])
		die_usage(usage);
	// As in GNU's, failure is told by the status alone: scripts ask
	// "is this a link?" by calling readlink. Several FILEs are read in
	// turn, as GNU's does.
	for (; *argv; argv++) {
		result = canonical ? resolve(*argv) : read_link(*argv);
		if (!result) {
			status = 1;
			continue;
		}
		out_str(&out_stdout, result);
		out_char(&out_stdout, '\n');
		free(result);
	}
	return finish(status);
}
