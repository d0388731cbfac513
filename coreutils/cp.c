/* cp - copy files and trees (POSIX.1-2017 cp, -R -r -p -f -i -a -P -L -H). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"cp [-afipHLPRr] SOURCE TARGET | cp [-afipHLPRr] SOURCE... DIR";

static int recursive, preserve, force, interactive;
static int follow = -1;		// 'H', 'L' or 'P'; by default L, P with -R
static mode_t umask_bits;
static int status;

/*
 * Where one source tree goes. The destination is reached through one
 * descriptor for the directory being filled, so trees may be deeper
 * than the descriptor limit and than PATH_MAX, as the walk allows.
 */
struct copy {
	const char *source;	// the operand, to tell dest paths in messages
	const char *dest;	// its copy's name, relative to the cwd
	int destfd;		// the directory entries are made in
	unsigned char *made;	// made[depth]: that directory is new
	size_t made_len;
	struct stat top;	// the copy's top directory, once made
};

/* Report "prog: DEST-PATH: reason" for the copy of E. */
static void
fail(struct copy *c, struct walk_entry *e, const char *what)
{
	const char *rest = e->path + strlen(c->source);

	if (what)
		warn_sys("%s%s: %s", c->dest, rest, what);
	else
		warn_sys("%s%s", c->dest, rest);
	status = 1;
}

/* Ask "cp: overwrite 'PATH'? " on stderr; true if the answer starts with y. */
static int
confirm(struct copy *c, struct walk_entry *e)
{
	char answer[16];

	fprintf(stderr, "%s: overwrite '%s%s'? ", prog_name, c->dest,
		e->path + strlen(c->source));
	return fgets(answer, sizeof(answer), stdin) &&
	       (answer[0] == 'y' || answer[0] == 'Y');
}

/* The name of E's copy, relative to c->destfd. */
static const char *
dest_name(struct copy *c, struct walk_entry *e)
{
	return e->depth == 0 ? c->dest : e->name;
}

/* With -p: owner, mode and times of ST onto the open FD. */
static void
preserve_attributes(struct copy *c, struct walk_entry *e, int fd)
{
	struct timespec times[2] = { e->st.st_atim, e->st.st_mtim };

	// Only root may give files away; a user's copy stays the user's,
	// and then must not keep set-id bits meant for another owner.
	if (fchown(fd, e->st.st_uid, e->st.st_gid) < 0 && errno != EPERM)
		fail(c, e, "cannot keep owner");
	if (fchmod(fd, e->st.st_mode & 07777) < 0)
		fail(c, e, "cannot keep mode");
	if (futimens(fd, times) < 0)
		fail(c, e, "cannot keep times");
}

/* Copy the data of FROM to TO: in the kernel where it can, else by reads. */
static int
copy_data(int from, int to)
{
	for (;;) {
		ssize_t n = copy_file_range(from, NULL, to, NULL, 1 << 30, 0);

		if (n == 0)
			return 0;
		if (n < 0)
			break;
	}
	// Not between these two files (other filesystems, special files,
	// old kernels): carry on with read and write from where we are.
	if (errno != EXDEV && errno != EINVAL && errno != ENOSYS &&
	    errno != EOPNOTSUPP && errno != EBADF)
		return -1;
	return copy_fd(from, to) == 0 ? 0 : -1;
}

/*
 * Make a new file beside NAME (in c->destfd) for a copy that is then
 * renamed over NAME: a copy that fails halfway (a full disk) leaves NAME
 * as it was. OLD is the file to be replaced, or NULL: the new file gets
 * its owner. Returns the descriptor and sets *TEMP, or returns -1 when
 * that cannot be done here (the caller then writes NAME in place).
 */
static int
open_temp(struct copy *c, const char *name, const struct stat *old, mode_t mode,
	  char **temp)
{
	size_t size = strlen(name) + 32;
	char *path = xmalloc(size);
	int fd = -1;

	for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
		snprintf(path, size, "%s.cp-%ld-%d", name, (long)getpid(), attempt);
		fd = openat(c->destfd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			    0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	// Only root may give a file to another owner.
	if (fd >= 0 && old && fchown(fd, old->st_uid, old->st_gid) < 0) {
		close(fd);
		unlinkat(c->destfd, path, 0);
		fd = -1;
	}
	if (fd < 0) {
		free(path);
		return -1;
	}
	fchmod(fd, mode);
	*temp = path;
	return fd;
}

/*
 * Can the file at NAME, which exists (DST), be replaced by a new one
 * rather than written in place? Not a link to it, nor one of its hard
 * links: those must go on naming the one file, which then gets the copy.
 */
static int
replaceable(struct copy *c, const char *name, const struct stat *dst)
{
	struct stat self;

	return S_ISREG(dst->st_mode) && dst->st_nlink == 1 &&
	       fstatat(c->destfd, name, &self, AT_SYMLINK_NOFOLLOW) == 0 &&
	       !S_ISLNK(self.st_mode);
}

/* Copy a file's contents (or a device's, without -R) to a new or old file. */
static void
copy_file(struct copy *c, struct walk_entry *e)
{
	const char *name = dest_name(c, e);
	struct stat dst;
	int exists = fstatat(c->destfd, name, &dst, 0) == 0;
	int from, to = -1, temp_fd = -1;
	char *temp = NULL;

	if (exists && dst.st_dev == e->st.st_dev && dst.st_ino == e->st.st_ino) {
		warn_msg("%s and %s%s are the same file", e->path,
			 c->dest, e->path + strlen(c->source));
		status = 1;
		return;
	}
	if (exists && S_ISDIR(dst.st_mode)) {
		errno = EISDIR;
		fail(c, e, NULL);
		return;
	}
	if (exists && interactive && !confirm(c, e))
		return;
	// The source is opened first: a copy that cannot be read must not
	// have emptied the file it was to replace.
	from = openat(e->dirfd, e->name, O_RDONLY | O_CLOEXEC | O_NOCTTY |
		      (e->followed ? 0 : O_NOFOLLOW));
	if (from < 0) {
		warn_sys("%s", e->path);
		status = 1;
		return;
	}
	if (exists) {
		// Opened even when it is to be replaced: cp may only replace
		// a file it may write, unless -f.
		to = openat(c->destfd, name, O_WRONLY | O_CLOEXEC);
		if (to < 0 && force) {
			// -f: a file we may not write is removed and made anew.
			if (unlinkat(c->destfd, name, 0) < 0) {
				fail(c, e, "cannot remove");
				close(from);
				return;
			}
			exists = 0;
		} else if (to < 0) {
			fail(c, e, NULL);
			close(from);
			return;
		}
	}
	// A new file gets the source's mode less the umask; an old one
	// keeps its own, and -p gives the source's after the copy. A
	// dangling link is no new name: the file is made where it points.
	if (!exists && fstatat(c->destfd, name, &dst, AT_SYMLINK_NOFOLLOW) < 0)
		temp_fd = open_temp(c, name, NULL, e->st.st_mode & 0777 & ~umask_bits,
				    &temp);
	else if (replaceable(c, name, &dst))
		temp_fd = open_temp(c, name, &dst, dst.st_mode & 07777, &temp);
	if (temp_fd >= 0) {
		if (to >= 0)
			close(to);
		to = temp_fd;
	} else if (to >= 0) {
		if (S_ISREG(dst.st_mode) && ftruncate(to, 0) < 0)
			fail(c, e, NULL);
	} else {
		to = openat(c->destfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    preserve ? 0600 : e->st.st_mode & 0777);
	}
	if (to < 0) {
		fail(c, e, NULL);
		close(from);
		return;
	}
	int failed = copy_data(from, to) < 0;
	if (failed)
		fail(c, e, NULL);
	else if (preserve)
		preserve_attributes(c, e, to);
	if (close(to) < 0 && !failed) {
		fail(c, e, NULL);
		failed = 1;
	}
	close(from);
	if (temp && !failed && renameat(c->destfd, temp, c->destfd, name) < 0) {
		fail(c, e, NULL);
		failed = 1;
	}
	if (temp && failed)
		unlinkat(c->destfd, temp, 0);
	free(temp);
}

/* Copy a link as a link, a device or fifo as a new node (with -R). */
static void
copy_special(struct copy *c, struct walk_entry *e)
{
	const char *name = dest_name(c, e);
	int result;

	if (S_ISLNK(e->st.st_mode)) {
		char target[PATH_MAX + 1];
		ssize_t len = readlinkat(e->dirfd, e->name, target, PATH_MAX);

		if (len < 0) {
			warn_sys("%s", e->path);
			status = 1;
			return;
		}
		target[len] = '\0';
		result = symlinkat(target, c->destfd, name);
		// A link cannot be written through; what is in its way goes.
		if (result < 0 && errno == EEXIST && unlinkat(c->destfd, name, 0) == 0)
			result = symlinkat(target, c->destfd, name);
	} else {
		result = mknodat(c->destfd, name, e->st.st_mode, e->st.st_rdev);
	}
	if (result < 0) {
		fail(c, e, NULL);
		return;
	}
	if (preserve) {
		struct timespec times[2] = { e->st.st_atim, e->st.st_mtim };

		fchownat(c->destfd, name, e->st.st_uid, e->st.st_gid, AT_SYMLINK_NOFOLLOW);
		if (!S_ISLNK(e->st.st_mode))
			fchmodat(c->destfd, name, e->st.st_mode & 07777, 0);
		utimensat(c->destfd, name, times, AT_SYMLINK_NOFOLLOW);
	}
}

/* Make (or reuse) E's directory in the destination and go into it. */
static int
enter_dir(struct copy *c, struct walk_entry *e)
{
	const char *name = dest_name(c, e);
	size_t depth = (size_t)e->depth;
	int made = 1, fd;

	if (!recursive) {
		warn_msg("%s: is a directory (not copied without -R)", e->path);
		status = 1;
		return WALK_PRUNE;
	}
	// A followed link may lead into the copy itself, which would grow
	// as fast as it is walked.
	if (depth > 0 && e->st.st_dev == c->top.st_dev && e->st.st_ino == c->top.st_ino) {
		warn_msg("%s: cannot copy a directory into itself", e->path);
		status = 1;
		return WALK_PRUNE;
	}
	// Made writable for us while it is filled; its mode comes at the end.
	if (mkdirat(c->destfd, name, 0700) < 0) {
		struct stat dst;

		if (errno != EEXIST || fstatat(c->destfd, name, &dst, 0) < 0 ||
		    !S_ISDIR(dst.st_mode)) {
			errno = errno == EEXIST ? ENOTDIR : errno;
			fail(c, e, NULL);
			return WALK_PRUNE;
		}
		made = 0;
	}
	fd = openat(c->destfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fail(c, e, NULL);
		return WALK_PRUNE;
	}
	if (depth == 0)
		fstat(fd, &c->top);
	if (c->destfd != AT_FDCWD)
		close(c->destfd);
	c->destfd = fd;
	if (depth >= c->made_len) {
		c->made_len = depth + 64;
		c->made = xrealloc(c->made, c->made_len);
	}
	c->made[depth] = (unsigned char)made;
	return WALK_ENTER;
}

/* Give the directory just filled its mode, and go back up to its parent. */
static void
leave_dir(struct copy *c, struct walk_entry *e)
{
	int parent = AT_FDCWD;

	if (preserve)
		preserve_attributes(c, e, c->destfd);
	else if (c->made[e->depth] &&
		 fchmod(c->destfd, e->st.st_mode & 0777 & ~umask_bits) < 0)
		fail(c, e, NULL);
	// The copy's directories are ours, made just now: ".." leads back.
	if (e->depth > 0) {
		parent = openat(c->destfd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (parent < 0)
			die_sys("%s: cannot go back up", c->dest);
	}
	close(c->destfd);
	c->destfd = parent;
}

static int
copy_entry(struct walk_entry *e, void *arg)
{
	struct copy *c = arg;

	if (e->visit == WALK_PRE)
		return enter_dir(c, e);
	if (e->visit == WALK_POST)
		leave_dir(c, e);
	else if (S_ISREG(e->st.st_mode) || (!recursive && !S_ISLNK(e->st.st_mode)))
		copy_file(c, e);
	else
		copy_special(c, e);
	return WALK_ENTER;
}

/* True (after a message) if DEST lies inside SOURCE, a directory. */
static int
into_itself(const char *source, const char *dest)
{
	char *src = realpath(source, NULL), *dst = realpath(dest, NULL);
	int inside = 0;

	// A destination not made yet: look at where it will be made.
	if (!dst) {
		char *copy = xstrdup(dest), *slash = strrchr(copy, '/');

		if (slash)
			*slash = '\0';
		dst = realpath(slash ? (*copy ? copy : "/") : ".", NULL);
		free(copy);
	}
	if (src && dst) {
		size_t len = strlen(src);

		inside = strncmp(src, dst, len) == 0 &&
			 (dst[len] == '\0' || dst[len] == '/' || len == 1);
	}
	if (inside) {
		warn_msg("%s: cannot copy a directory into itself (%s)", source, dest);
		status = 1;
	}
	free(src);
	free(dst);
	return inside;
}

static void
copy(const char *source, const char *dest)
{
	struct copy c = { .source = source, .dest = dest, .destfd = AT_FDCWD };
	int flags = follow == 'L' ? WALK_FOLLOW : follow == 'H' ? WALK_FOLLOW_ROOT : 0;
	struct stat st;

	if (recursive && stat(source, &st) == 0 && S_ISDIR(st.st_mode) &&
	    into_itself(source, dest))
		return;
	if (walk(source, flags, copy_entry, &c) < 0)
		status = 1;
	if (c.destfd != AT_FDCWD)
		close(c.destfd);
	free(c.made);
}

int
main(int argc, char **argv)
{
	struct stat st;
	const char *target;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+afipHLPRr")) != -1) {
		switch (c) {
		case 'a':
			recursive = preserve = 1;
			follow = 'P';
			break;
		case 'f':
			force = 1;
			break;
		case 'i':
			interactive = 1;
			break;
		case 'p':
			preserve = 1;
			break;
		case 'H':
		case 'L':
		case 'P':
			follow = c;
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
	argc -= optind;
	if (argc < 2)
		die_usage(usage);
	// POSIX: without -R, links are followed; with it, copied as links.
	if (follow < 0)
		follow = recursive ? 'P' : 'L';
	umask_bits = umask(0);
	umask(umask_bits);

	target = argv[argc - 1];
	if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (int i = 0; i < argc - 1; i++) {
			char *dest = path_in_dir(target, argv[i]);

			copy(argv[i], dest);
			free(dest);
		}
	} else if (argc > 2) {
		errno = ENOTDIR;
		die_sys("%s", target);
	} else {
		copy(argv[0], target);
	}
	return finish(status);
}
