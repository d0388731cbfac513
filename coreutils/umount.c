/* umount - unmount filesystems (Linux umount(8); umount2(2)). */
/*
 * -l detaches the mount now and cleans up when it is no longer busy;
 * -f forces it (for unreachable network filesystems). -a unmounts every
 * mount in /proc/mounts, last mounted first, except those of the types
 * util-linux also keeps, which the system itself stands on (proc, sysfs,
 * devtmpfs, devpts) and the root.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "umount [-fl] DIR...\n       umount -a [-fl]";

/* The kernel writes blanks in /proc/mounts as \040 and so on: undo that. */
static void
unescape(char *text)
{
	char *to = text;

	for (char *from = text; *from; from++) {
		if (from[0] == '\\' && from[1] >= '0' && from[1] <= '3' &&
		    from[2] >= '0' && from[2] <= '7' && from[3] >= '0' && from[3] <= '7') {
			*to++ = (char)((from[1] - '0') * 64 + (from[2] - '0') * 8 + (from[3] - '0'));
			from += 3;
		} else {
			*to++ = *from;
		}
	}
	*to = '\0';
}

static int
kept_by_a(const char *dir, const char *type)
{
	static const char *const kept[] = { "proc", "sysfs", "devtmpfs", "devpts", "rootfs" };

	if (strcmp(dir, "/") == 0)
		return 1;
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		if (strcmp(type, kept[i]) == 0)
			return 1;
	}
	return 0;
}

/* umount -a: the mount points of /proc/mounts, newest first. */
static int
unmount_all(int flags)
{
	int fd = xopen("/proc/mounts", O_RDONLY, 0);
	struct lines lines;
	char **dirs = NULL;
	size_t count = 0;
	ssize_t len;
	char *line;
	int status = 0;

	lines_init(&lines, fd);
	while ((len = lines_next(&lines, &line)) > 0) {
		char *text = xstrndup(line, (size_t)len);
		char *saved;

		strtok_r(text, " \n", &saved);
		char *dir = strtok_r(NULL, " \n", &saved);
		char *type = strtok_r(NULL, " \n", &saved);
		if (dir && type && !kept_by_a(dir, type)) {
			unescape(dir);
			dirs = xreallocarray(dirs, count + 1, sizeof(*dirs));
			dirs[count++] = xstrdup(dir);
		}
		free(text);
	}
	lines_free(&lines);
	close(fd);
	while (count-- > 0) {
		if (umount2(dirs[count], flags) < 0) {
			warn_sys("%s", dirs[count]);
			status = 1;
		}
		free(dirs[count]);
	}
	free(dirs);
	return status;
}

int
main(int argc, char **argv)
{
	int all = 0, flags = 0, status = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+afl")) != -1) {
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'f':
			flags |= MNT_FORCE;
			break;
		case 'l':
			flags |= MNT_DETACH;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (all == (argv[0] != NULL))
		die_usage(usage);
	if (all)
		return finish(unmount_all(flags));
	for (; *argv; argv++) {
		if (umount2(*argv, flags) < 0) {
			warn_sys("%s", *argv);
			status = 1;
		}
	}
	return finish(status);
}
