/*
 * walk.c - a recursive walk over a directory tree by file descriptors
 * (openat/fstatat), for rm -r, cp -R, find, du, chmod -R and chown -R.
 *
 * nftw(3) is not enough: it needs a path shorter than PATH_MAX for every
 * file and keeps a descriptor open per level. Here each directory is
 * named relative to its parent's descriptor, so paths may be any length;
 * a directory's entries are read all at once when it is entered, so its
 * descriptor can be closed while we are deeper down (trees deeper than
 * the descriptor limit) and reopened through ".." on the way back up.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mini.h"

// Descriptors the walk keeps open at most; deeper levels borrow the
// oldest ones. Small enough that ulimit -n 64 still leaves the caller room.
#define OPEN_LEVELS 8

/* One directory on the way from the root to where we are. */
struct level {
	int fd;			// -1 while closed to save descriptors
	struct stat st;
	int followed;		// st is that of a link's target
	const char *name;	// in the parent's names, or the root's path
	char *names;		// every entry, each ending in NUL
	size_t names_len;
	size_t next;		// offset of the next entry to visit
	size_t path_len;	// length of this directory's path
};

struct walker {
	int flags;
	walk_fn *fn;
	void *arg;
	struct level *levels;
	size_t depth, cap;
	char *path;
	size_t path_cap;
	int failed;
};

/*
 * After a call that failed with errno, give back a descriptor if the limit
 * was the reason: close the shallowest open level but the root and the
 * innermost two. Returns 1 if one was closed, so the call can be tried again.
 */
static int
out_of_fds(struct walker *w)
{
	if (errno != EMFILE && errno != ENFILE)
		return 0;
	for (size_t i = 1; i + 2 < w->depth; i++) {
		if (w->levels[i].fd >= 0) {
			close(w->levels[i].fd);
			w->levels[i].fd = -1;
			return 1;
		}
	}
	return 0;
}

/* What getdents64(2) fills its buffer with: one record per entry. */
struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;	// bytes to the next record
	unsigned char d_type;		// DT_REG, DT_DIR...; DT_UNKNOWN if not told
	char d_name[];
};

/*
 * Read every entry of the directory open on LV's fd except "." and "..",
 * each as its d_type byte and its name with a NUL. getdents64 reads into
 * a buffer of our own: opendir would need a descriptor of its own (a dup,
 * since the walk keeps this one) and a call per 2 KiB of entries.
 */
static int
read_names(struct level *lv)
{
	static char records[32 * 1024];
	size_t cap = 256;
	long got;

	lv->names = xmalloc(cap);
	lv->names_len = 0;
	lv->next = 0;
	while ((got = syscall(SYS_getdents64, lv->fd, records,
	                      sizeof(records))) > 0) {
		for (long at = 0; at < got;) {
			struct linux_dirent64 *d = (void *)(records + at);
			const char *name = d->d_name;
			size_t len = strlen(name) + 1;

			at += d->d_reclen;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				continue;
			while (lv->names_len + 1 + len > cap)
				lv->names = xrealloc(lv->names, cap *= 2);
			lv->names[lv->names_len] = (char)d->d_type;
			memcpy(lv->names + lv->names_len + 1, name, len);
			lv->names_len += 1 + len;
		}
	}
	return got < 0 ? -1 : 0;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * Make sure level I has a descriptor, while level I + 1 still has its own.
 * ".." of the child is tried first; it is the wrong directory when the
 * child was reached through a symbolic link, so then go down again from
 * the nearest open level by name.
 */
static int
reopen(struct walker *w, size_t i)
{
	struct level *lv = &w->levels[i];
	struct stat st;
	size_t open_at;

	if (lv->fd >= 0)
		return 0;
	lv->fd = openat(w->levels[i + 1].fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lv->fd >= 0 && fstat(lv->fd, &st) == 0 && same_file(&st, &lv->st))
		return 0;
	if (lv->fd >= 0)
		close(lv->fd);
	for (open_at = i; w->levels[open_at].fd < 0; open_at--)
		;
	for (size_t k = open_at + 1; k <= i; k++) {
		struct level *down = &w->levels[k];

		if (down->fd < 0)
			down->fd = openat(w->levels[k - 1].fd, down->name,
					  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (down->fd < 0 || fstat(down->fd, &st) < 0 ||
		    !same_file(&st, &down->st)) {
			errno = down->fd < 0 ? errno : ESTALE;
			return -1;
		}
	}
	return 0;
}

/* Set the path to that of level I's directory, plus "/NAME". */
static void
set_path(struct walker *w, size_t len, const char *name)
{
	size_t name_len = strlen(name);
	int slash = len > 0 && w->path[len - 1] != '/';

	if (len + slash + name_len + 1 > w->path_cap) {
		w->path_cap = (len + slash + name_len + 1) * 2;
		w->path = xrealloc(w->path, w->path_cap);
	}
	if (slash)
		w->path[len++] = '/';
	memcpy(w->path + len, name, name_len + 1);
}

/*
 * Stat NAME in DIRFD, following a link if *FOLLOW says so. A dangling
 * link is still a file, shown as the link: *FOLLOW is then cleared. A
 * link that leads back to itself (ELOOP) is an error, as in GNU find,
 * du and cp.
 */
static int
stat_entry(int dirfd, const char *name, struct stat *st, int *follow)
{
	if (*follow) {
		if (fstatat(dirfd, name, st, 0) == 0)
			return 0;
		if (errno != ENOENT)
			return -1;
		*follow = 0;
	}
	return fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW);
}

/*
 * With WALK_TYPES, whether the type the directory gave for an entry is
 * all the walk needs to know of it: a file that is no directory (a
 * directory is entered, and checked then), and no link to follow.
 */
static int
type_is_enough(int flags, unsigned char type, int follow)
{
	return (flags & WALK_TYPES) && type != DT_UNKNOWN && type != DT_DIR &&
	       !(type == DT_LNK && follow);
}

/* Enter the directory E names: open it, read it, push a level. */
static int
enter(struct walker *w, struct walk_entry *e)
{
	struct level *lv;
	struct stat st;
	int fd;

	while ((fd = openat(e->dirfd, e->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
			    (e->followed ? 0 : O_NOFOLLOW))) < 0 && out_of_fds(w))
		;
	// The directory may have been swapped for another since fstatat.
	if (fd >= 0 && (fstat(fd, &st) < 0 || !same_file(&st, &e->st))) {
		close(fd);
		fd = -1;
		errno = ESTALE;
	}
	if (fd < 0) {
		warn_sys("%s", e->path);
		return -1;
	}
	if (w->depth == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->levels = xreallocarray(w->levels, w->cap, sizeof(*w->levels));
	}
	lv = &w->levels[w->depth];
	lv->fd = fd;
	lv->st = e->st;
	lv->followed = e->followed;
	lv->name = e->name;
	lv->path_len = strlen(e->path);
	if (read_names(lv) < 0) {
		warn_sys("%s", e->path);
		free(lv->names);
		close(fd);
		return -1;
	}
	w->depth++;
	// Keep the root open (its name is relative to the working directory).
	if (w->depth > OPEN_LEVELS) {
		struct level *old = &w->levels[w->depth - OPEN_LEVELS];

		if (old->fd >= 0) {
			close(old->fd);
			old->fd = -1;
		}
	}
	return 0;
}

/* Visit E, a file or a directory; enter a directory unless pruned. */
static void
visit(struct walker *w, struct walk_entry *e)
{
	if (!S_ISDIR(e->st.st_mode)) {
		e->visit = WALK_FILE;
		w->fn(e, w->arg);
		return;
	}
	// Only a followed link can lead back to a directory we are in.
	for (size_t i = 0; e->followed && i < w->depth; i++) {
		if (same_file(&w->levels[i].st, &e->st)) {
			warn_msg("%s: file system loop", e->path);
			w->failed = 1;
			return;
		}
	}
	e->visit = WALK_PRE;
	if (w->fn(e, w->arg) == WALK_PRUNE)
		return;
	if (enter(w, e) < 0)
		w->failed = 1;
}

/* Leave the innermost directory: report it after its entries, pop it. */
static void
leave(struct walker *w)
{
	struct level *lv = &w->levels[w->depth - 1];
	struct walk_entry e = { 0 };

	if (w->depth > 1 && reopen(w, w->depth - 2) < 0) {
		warn_sys("%.*s", (int)lv->path_len, w->path);
		exit(1);
	}
	close(lv->fd);
	free(lv->names);
	w->depth--;
	w->path[lv->path_len] = '\0';
	e.path = w->path;
	e.name = lv->name;
	e.dirfd = w->depth ? w->levels[w->depth - 1].fd : AT_FDCWD;
	e.st = lv->st;
	e.followed = lv->followed;
	e.depth = (int)w->depth;
	e.visit = WALK_POST;
	w->fn(&e, w->arg);
}

int
walk(const char *root, int flags, walk_fn *fn, void *arg)
{
	struct walker w = { .flags = flags, .fn = fn, .arg = arg };
	struct walk_entry e = { .name = root, .dirfd = AT_FDCWD };

	w.path_cap = strlen(root) + 256;
	w.path = xmalloc(w.path_cap);
	strcpy(w.path, root);
	e.path = w.path;
	e.followed = (flags & (WALK_FOLLOW | WALK_FOLLOW_ROOT)) != 0;
	if (stat_entry(AT_FDCWD, root, &e.st, &e.followed) < 0) {
		warn_sys("%s", root);
		free(w.path);
		return -1;
	}
	dev_t root_dev = e.st.st_dev;
	visit(&w, &e);
	while (w.depth > 0) {
		struct level *lv = &w.levels[w.depth - 1];

		if (lv->next >= lv->names_len) {
			leave(&w);
			continue;
		}
		unsigned char type = (unsigned char)lv->names[lv->next];
		const char *name = lv->names + lv->next + 1;
		lv->next += 1 + strlen(name) + 1;
		struct walk_entry child = { .name = name, .depth = (int)w.depth };

		// The innermost directory is always open: entered or
		// reopened just now.
		child.dirfd = lv->fd;
		set_path(&w, lv->path_len, name);
		child.path = w.path;
		child.followed = (flags & WALK_FOLLOW) != 0;
		if (type_is_enough(flags, type, child.followed)) {
			child.st.st_mode = DTTOIF(type);
			child.followed = 0;
			visit(&w, &child);
			continue;
		}
		if (stat_entry(lv->fd, name, &child.st, &child.followed) < 0) {
			// Gone since the directory was read: not an error.
			if (errno != ENOENT) {
				warn_sys("%s", w.path);
				w.failed = 1;
			}
			continue;
		}
		if ((flags & WALK_XDEV) && child.st.st_dev != root_dev &&
		    S_ISDIR(child.st.st_mode)) {
			// Shown, but not entered.
			child.visit = WALK_PRE;
			if (fn(&child, arg) != WALK_PRUNE) {
				child.visit = WALK_POST;
				fn(&child, arg);
			}
			continue;
		}
		visit(&w, &child);
	}
	free(w.levels);
	free(w.path);
	return w.failed ? -1 : 0;
}
