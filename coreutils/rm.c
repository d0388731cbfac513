/* rm - remove directory entries (POSIX.1-2017 rm, -r -R -f -i). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "rm [-fiRr] FILE...";

static int force, interactive, recursive;
static int status;

// Entries left in place (declined or failed), in all, and when each
// directory on the way down was entered: a directory that still holds
// something is not worth an rmdir and a second message.
static unsigned long kept;
static unsigned long *kept_before;
static size_t kept_depth;

/* Ask "rm: QUESTION? " on stderr; true if the answer starts with y. */
static int
confirm(const char *what, const char *path)
{
	char answer[16];

	fprintf(stderr, "%s: %s '%s'? ", prog_name, what, path);
	fflush(stderr);
	return fgets(answer, sizeof(answer), stdin) &&
	       (answer[0] == 'y' || answer[0] == 'Y');
}

static void
fail(const char *path)
{
	warn_sys("%s", path);
	status = 1;
	kept++;
}

/*
 * Remove one entry of a walk: files at once, a directory after its
 * entries. The walk never follows a link, so a link to a directory is
 * removed as a link and what it points to is safe.
 */
static int
remove_entry(struct walk_entry *e, void *arg)
{
	(void)arg;
	switch (e->visit) {
	case WALK_PRE:
		if (interactive && !confirm("descend into directory", e->path)) {
			kept++;
			return WALK_PRUNE;
		}
		if ((size_t)e->depth >= kept_depth) {
			kept_depth = (size_t)e->depth + 16;
			kept_before = xreallocarray(kept_before, kept_depth,
						    sizeof(*kept_before));
		}
		kept_before[e->depth] = kept;
		return WALK_ENTER;
	case WALK_POST:
		if (kept != kept_before[e->depth])
			return WALK_ENTER;
		if (interactive && !confirm("remove directory", e->path)) {
			kept++;
			return WALK_ENTER;
		}
		if (unlinkat(e->dirfd, e->name, AT_REMOVEDIR) < 0)
			fail(e->path);
		return WALK_ENTER;
	default:
		if (interactive && !confirm("remove", e->path)) {
			kept++;
			return WALK_ENTER;
		}
		if (unlinkat(e->dirfd, e->name, 0) < 0 && !(force && errno == ENOENT))
			fail(e->path);
		return WALK_ENTER;
	}
}

/* True if the last component of PATH is "." or "..". */
static int
is_dot_or_dotdot(const char *path)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return (len - start == 1 && path[start] == '.') ||
	       (len - start == 2 && path[start] == '.' && path[start + 1] == '.');
}

static void
remove_operand(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (!(force && errno == ENOENT))
			fail(path);
		return;
	}
	if (is_dot_or_dotdot(path)) {
		warn_msg("%s: refusing to remove '.' or '..'", path);
		status = 1;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		struct stat root;

		if (!recursive) {
			errno = EISDIR;
			fail(path);
			return;
		}
		if (stat("/", &root) == 0 && root.st_dev == st.st_dev &&
		    root.st_ino == st.st_ino) {
			warn_msg("%s: refusing to remove the root directory", path);
			status = 1;
			return;
		}
		// Only directories need a stat: the rest go whatever they are.
		if (walk(path, WALK_TYPES, remove_entry, NULL) < 0)
			status = 1;
		return;
	}
	struct walk_entry e = { .path = path, .name = path, .dirfd = AT_FDCWD,
				.st = st, .visit = WALK_FILE };
	remove_entry(&e, NULL);
}

int
main(int argc, char **argv)
{
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+fiRr")) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			interactive = 0;
			break;
		case 'i':
			interactive = 1;
			force = 0;
			break;
		case 'R':
		case 'r':
			recursive = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv && !force)
		die_usage(usage);
	for (; *argv; argv++)
		remove_operand(*argv);
	free(kept_before);
	return finish(status);
}
