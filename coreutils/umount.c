/* umount - unmount filesystems (Linux umount(8); umount2(2)). */
/*
 * -l detaches the mount now and cleans up when it is no longer busy;
 * -f forces it (for unreachable network filesystems). -a unmounts every
 * mount in /proc/mounts, last mounted first, except those of the types
 * util-linux also keeps, which the system itself stands on (proc, sysfs,
 * devtmpfs, devpts) and the root.
 */
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "umount [-fl] DIR...\n       umount -a [-fl]";

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

/* umount -a: the mount points of /proc/self/mounts, newest first. */
static int
unmount_all(int flags)
{
	struct mounts mounts;
	int status = 0;

	if (mounts_read(&mounts) < 0)
		die_sys("/proc/self/mounts");
	for (size_t i = mounts.count; i-- > 0;) {
		const struct mount_entry *m = &mounts.entry[i];

		if (kept_by_a(m->dir, m->type))
			continue;
		if (umount2(m->dir, flags) < 0) {
			warn_sys("%s", m->dir);
			status = 1;
		}
	}
	mounts_free(&mounts);
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
