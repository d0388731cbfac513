/*
 * Unit tests for walk.c: order of visits, pruning, symbolic links and
 * loops, and trees deeper than both PATH_MAX and the descriptor limit.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

#define DEEP 300
#define LONG_NAME "a-rather-long-directory-name"

static char log_buf[4096];
static int files, pres, posts, max_depth;

/* Remember each visit as "F:path", "<:path" or ">:path", one a line. */
static int
record(struct walk_entry *e, void *arg)
{
	static const char tags[] = "F<>";
	size_t len = strlen(log_buf);

	(void)arg;
	snprintf(log_buf + len, sizeof(log_buf) - len, "%c%s\n", tags[e->visit], e->path);
	return strcmp(e->name, "pruned") == 0 ? WALK_PRUNE : WALK_ENTER;
}

/* Count, and check that dirfd and name reach the same file as st. */
static int
count(struct walk_entry *e, void *arg)
{
	struct stat st;

	(void)arg;
	if (fstatat(e->dirfd, e->name, &st, e->followed ? 0 : AT_SYMLINK_NOFOLLOW) < 0 ||
	    st.st_ino != e->st.st_ino)
		files = -1000000;
	if (e->visit == WALK_FILE)
		files++;
	else if (e->visit == WALK_PRE)
		pres++;
	else
		posts++;
	if (e->depth > max_depth)
		max_depth = e->depth;
	return WALK_ENTER;
}

/* WALK_TYPES: tag each visit with the type in st_mode ('l', 'f', 'd'). */
static int
record_type(struct walk_entry *e, void *arg)
{
	size_t len = strlen(log_buf);
	char type = S_ISLNK(e->st.st_mode) ? 'l' : S_ISREG(e->st.st_mode) ? 'f'
	            : S_ISDIR(e->st.st_mode) ? 'd' : '?';

	(void)arg;
	if (e->visit != WALK_POST)
		snprintf(log_buf + len, sizeof(log_buf) - len, "%c%s\n", type, e->path);
	return WALK_ENTER;
}

/* rm -r: remove files at once and directories after their entries. */
static int
remove_entry(struct walk_entry *e, void *arg)
{
	(void)arg;
	if (e->visit == WALK_FILE)
		unlinkat(e->dirfd, e->name, 0);
	else if (e->visit == WALK_POST)
		unlinkat(e->dirfd, e->name, AT_REMOVEDIR);
	return WALK_ENTER;
}

static void
reset(void)
{
	log_buf[0] = '\0';
	files = pres = posts = max_depth = 0;
}

int
main(void)
{
	char tmpl[] = "/tmp/test_walk.XXXXXX";
	struct rlimit lim = { 16, 16 };
	int fd;

	if (!mkdtemp(tmpl) || chdir(tmpl) < 0) {
		perror("test_walk");
		return 1;
	}

	// Order: a directory, its entries, the directory again.
	mkdir("t", 0755);
	mkdir("t/d", 0755);
	close(open("t/d/f", O_CREAT | O_WRONLY, 0644));
	reset();
	CHECK(walk("t", 0, record, NULL) == 0);
	CHECK(strcmp(log_buf, "<t\n<t/d\nFt/d/f\n>t/d\n>t\n") == 0);
	reset();
	CHECK(walk("t/", 0, record, NULL) == 0);
	CHECK(strcmp(log_buf, "<t/\n<t/d\nFt/d/f\n>t/d\n>t/\n") == 0);
	reset();
	CHECK(walk("t/d/f", 0, record, NULL) == 0);
	CHECK(strcmp(log_buf, "Ft/d/f\n") == 0);

	// Pruned directories are not entered and get no WALK_POST.
	mkdir("t/pruned", 0755);
	close(open("t/pruned/hidden", O_CREAT | O_WRONLY, 0644));
	reset();
	CHECK(walk("t", 0, record, NULL) == 0);
	CHECK(strstr(log_buf, "<t/pruned\n") != NULL);
	CHECK(strstr(log_buf, "hidden") == NULL);
	CHECK(strstr(log_buf, ">t/pruned") == NULL);

	// Links: not followed unless asked; a loop is reported, not walked.
	symlink("..", "t/d/up");
	symlink("t", "link");
	reset();
	CHECK(walk("link", 0, record, NULL) == 0);
	CHECK(strcmp(log_buf, "Flink\n") == 0);
	reset();
	CHECK(walk("link", WALK_FOLLOW_ROOT, count, NULL) == 0);
	CHECK(files == 3 && pres == 3 && posts == 3);	// f, up, hidden
	reset();
	CHECK(walk("t", WALK_FOLLOW, count, NULL) == -1);
	CHECK(files == 2 && pres == 3 && posts == 3);
	symlink("nowhere", "t/dangling");
	reset();
	CHECK(walk("t", WALK_FOLLOW, record, NULL) == -1);
	CHECK(strstr(log_buf, "Ft/dangling\n") != NULL);
	unlink("t/d/up");

	// WALK_TYPES: the types are those lstat gives, and a link followed
	// is still seen through.
	reset();
	CHECK(walk("t", WALK_TYPES, record_type, NULL) == 0);
	CHECK(strstr(log_buf, "ft/d/f\n") && strstr(log_buf, "dt/d\n") &&
	      strstr(log_buf, "lt/dangling\n") && strstr(log_buf, "dt/pruned\n"));
	symlink("d/f", "t/to_f");
	reset();
	CHECK(walk("t", WALK_TYPES | WALK_FOLLOW, record_type, NULL) == 0);
	CHECK(strstr(log_buf, "ft/to_f\n") && strstr(log_buf, "lt/dangling\n"));
	unlink("t/to_f");

	// Missing root.
	reset();
	CHECK(walk("missing", 0, count, NULL) == -1);
	CHECK(files == 0 && pres == 0);

	// A tree DEEP levels down, with a path longer than PATH_MAX, walked
	// with fewer descriptors than levels.
	fd = open("t", O_RDONLY | O_DIRECTORY);
	for (int i = 0; i < DEEP; i++) {
		int next;

		mkdirat(fd, LONG_NAME, 0755);
		close(openat(fd, "file", O_CREAT | O_WRONLY, 0644));
		next = openat(fd, LONG_NAME, O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = next;
	}
	close(fd);
	CHECK(DEEP * sizeof(LONG_NAME) > PATH_MAX);
	CHECK(setrlimit(RLIMIT_NOFILE, &lim) == 0);
	reset();
	CHECK(walk("t", 0, count, NULL) == 0);
	CHECK(pres == DEEP + 3 && posts == DEEP + 3 && max_depth == DEEP);
	CHECK(files == DEEP + 3);	// one at each level, f, dangling, hidden
	reset();
	CHECK(walk("t", WALK_FOLLOW, count, NULL) == 0);
	CHECK(pres == DEEP + 3 && max_depth == DEEP);

	// Removing entries as they are visited empties the tree.
	CHECK(walk("t", 0, remove_entry, NULL) == 0);
	CHECK(access("t", F_OK) == -1);
	unlink("link");
	CHECK(chdir("/") == 0 && rmdir(tmpl) == 0);
	return check_done();
}
