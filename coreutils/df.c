/* df - report free space on filesystems (POSIX.1-2017 df, -k -P, with -h from GNU). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "df [-hkP] [FILE...]";

static int human, portable;

static void
print_header(void)
{
	if (human)
		out_str(&out_stdout, "Filesystem            Size      Used     Avail Use% Mounted on\n");
	else if (portable)
		out_str(&out_stdout, "Filesystem     1024-blocks      Used Available Capacity Mounted on\n");
	else
		out_str(&out_stdout, "Filesystem      1K-blocks      Used Available Use% Mounted on\n");
}

static void
print_number(unsigned long long bytes, int width)
{
	char buf[HUMAN_BUFSIZE];

	if (human)
		out_printf(&out_stdout, " %*s", width, human_size(bytes, buf));
	else
		out_printf(&out_stdout, " %*llu", width, (bytes + 1023) / 1024);
}

/* One line for the filesystem mounted on DIR from DEVICE. */
static int
print_fs(const char *device, const char *dir)
{
	struct statvfs vfs;
	unsigned long long unit, total, used, avail;

	if (statvfs(dir, &vfs) < 0) {
		warn_sys("%s", dir);
		return -1;
	}
	unit = vfs.f_frsize ? vfs.f_frsize : vfs.f_bsize;
	total = vfs.f_blocks * unit;
	used = (vfs.f_blocks - vfs.f_bfree) * unit;
	avail = vfs.f_bavail * unit;
	out_printf(&out_stdout, "%-14s", device);
	print_number(total, human ? 9 : portable ? 12 : 10);
	print_number(used, 9);
	print_number(avail, 9);
	// Use% is of the space users may have, rounded up, as POSIX says.
	if (used + avail)
		out_printf(&out_stdout, " %*llu%%", portable ? 7 : 3,
			   (used * 100 + used + avail - 1) / (used + avail));
	else
		out_printf(&out_stdout, " %*s", portable ? 8 : 4, "-");
	out_printf(&out_stdout, " %s\n", dir);
	return 0;
}

/* The mount (device and directory) FILE is on: the last one that matches. */
static int
print_file(const char *file)
{
	const struct mount_entry *found = NULL;
	struct stat st, mst;
	struct mounts mounts;
	int status;

	if (stat(file, &st) < 0) {
		warn_sys("%s", file);
		return -1;
	}
	if (mounts_read(&mounts) < 0)
		die_sys("/proc/self/mounts");
	for (size_t i = 0; i < mounts.count; i++) {
		const struct mount_entry *m = &mounts.entry[i];

		if (stat(m->dir, &mst) == 0 && mst.st_dev == st.st_dev)
			found = m;
	}
	if (found) {
		status = print_fs(found->source, found->dir);
	} else {
		warn_msg("%s: no mount found", file);
		status = -1;
	}
	mounts_free(&mounts);
	return status;
}

int
main(int argc, char **argv)
{
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+hkP")) != -1) {
		switch (c) {
		case 'h':
			human = 1;
			break;
		case 'k':
			human = 0;
			break;
		case 'P':
			portable = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	print_header();
	if (*argv) {
		for (; *argv; argv++)
			if (print_file(*argv) < 0)
				status = 1;
		return finish(status);
	}

	struct mounts mounts;

	if (mounts_read(&mounts) < 0)
		die_sys("/proc/self/mounts");
	for (size_t i = 0; i < mounts.count; i++) {
		const struct mount_entry *m = &mounts.entry[i];
		struct statvfs vfs;

		// Filesystems without blocks (proc, sysfs, cgroup) say nothing.
		if (statvfs(m->dir, &vfs) == 0 && vfs.f_blocks > 0)
			print_fs(m->source, m->dir);
	}
	mounts_free(&mounts);
	return finish(status);
}
