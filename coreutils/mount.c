/* mount - mount a filesystem or list mounts (Linux mount(8), mount(2)). */
/*
 * With no arguments, list /proc/self/mounts as "SRC on DIR type TYPE
 * (OPTIONS)", with the kernel's escapes undone (\040 is a space again).
 *
 * With SOURCE and DIR, call mount(2). The options in -o that are mount
 * flags (ro, nosuid, remount, bind...) become flags; the rest go on to
 * the filesystem as its data string (size=64m, mode=755...). -t may be
 * left out only for bind and remount, which take the type they find, and
 * a remount may name just the DIR.
 *
 * mount -a mounts every line of /etc/fstab (fstab(5): SOURCE DIR TYPE
 * OPTIONS...) that is not noauto, not swap and not mounted already.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"mount [-t TYPE] [-o OPTION[,OPTION]...] [SOURCE] DIR\n"
	"       mount -a";

/* The -o options that are mount flags: each sets or clears its flag. */
static const struct {
	const char *name;
	unsigned long flag;
	int clears;
} flag_options[] = {
	{ "async", MS_SYNCHRONOUS, 1 },
	{ "bind", MS_BIND, 0 },
	{ "defaults", 0, 0 },	// rw,suid,dev,exec,async: no flag set
	{ "dev", MS_NODEV, 1 },
	{ "exec", MS_NOEXEC, 1 },
	{ "noatime", MS_NOATIME, 0 },
	{ "nodev", MS_NODEV, 0 },
	{ "nodiratime", MS_NODIRATIME, 0 },
	{ "noexec", MS_NOEXEC, 0 },
	{ "nosuid", MS_NOSUID, 0 },
	{ "rbind", MS_BIND | MS_REC, 0 },
	{ "relatime", MS_RELATIME, 0 },
	{ "remount", MS_REMOUNT, 0 },
	{ "ro", MS_RDONLY, 0 },
	{ "rw", MS_RDONLY, 1 },
	{ "strictatime", MS_STRICTATIME, 0 },
	{ "suid", MS_NOSUID, 1 },
	{ "sync", MS_SYNCHRONOUS, 0 },
};

/*
 * Sort the comma-separated OPTIONS into *FLAGS and DATA, which has room
 * for all of OPTIONS and collects the options that are not flags.
 */
static void
parse_options(char *options, unsigned long *flags, char *data)
{
	char *saved;

	for (char *option = strtok_r(options, ",", &saved); option;
	     option = strtok_r(NULL, ",", &saved)) {
		size_t count = sizeof(flag_options) / sizeof(flag_options[0]);
		size_t i;

		for (i = 0; i < count; i++) {
			if (strcmp(option, flag_options[i].name) == 0)
				break;
		}
		if (i == count) {
			if (*data)
				strcat(data, ",");
			strcat(data, option);
		} else if (flag_options[i].clears) {
			*flags &= ~flag_options[i].flag;
		} else {
			*flags |= flag_options[i].flag;
		}
	}
}

/* Is something mounted on DIR? */
static int
mounted(const char *dir)
{
	struct mounts mounts;
	int found = 0;

	if (mounts_read(&mounts) < 0)
		die_sys("/proc/self/mounts");
	for (size_t i = 0; i < mounts.count && !found; i++)
		found = strcmp(mounts.entry[i].dir, dir) == 0;
	mounts_free(&mounts);
	return found;
}

/* mount -a: mount what /etc/fstab lists and is not mounted yet. */
static int
mount_fstab(void)
{
	int fd = xopen("/etc/fstab", O_RDONLY, 0);
	struct lines lines;
	char *line;
	ssize_t len;
	int status = 0;

	lines_init(&lines, fd);
	while ((len = lines_next(&lines, &line)) > 0) {
		char *text = xstrndup(line, (size_t)len);
		char *saved;
		char *source = strtok_r(text, " \t\n", &saved);
		char *dir = strtok_r(NULL, " \t\n", &saved);
		char *type = strtok_r(NULL, " \t\n", &saved);
		char *options = strtok_r(NULL, " \t\n", &saved);
		unsigned long flags = 0;

		// fstab writes a space in a name as \040, as the kernel does.
		if (source && dir) {
			mount_unescape(source);
			mount_unescape(dir);
		}
		if (!source || source[0] == '#' || !dir || !type ||
		    strcmp(type, "swap") == 0 ||
		    (options && strstr(options, "noauto")) || mounted(dir)) {
			free(text);
			continue;
		}
		char *data = xcalloc(1, options ? strlen(options) + 1 : 1);
		if (options)
			parse_options(options, &flags, data);
		if (mount(source, dir, type, flags, *data ? data : NULL) < 0) {
			warn_sys("%s on %s", source, dir);
			status = 1;
		}
		free(data);
		free(text);
	}
	if (len < 0)
		die_sys("/etc/fstab");
	lines_free(&lines);
	close(fd);
	return status;
}

static void
list_mounts(void)
{
	struct mounts mounts;

	if (mounts_read(&mounts) < 0)
		die_sys("/proc/self/mounts");
	for (size_t i = 0; i < mounts.count; i++) {
		const struct mount_entry *m = &mounts.entry[i];

		out_printf(&out_stdout, "%s on %s type %s (%s)\n", m->source,
		           m->dir, m->type, m->options);
	}
	mounts_free(&mounts);
}

int
main(int argc, char **argv)
{
	const char *source, *dir, *type = NULL;
	unsigned long flags = 0;
	static char *data;	// static: still reachable if we exit early
	int c;

	prog_init(argv[0]);
	// The data string holds parts of the -o arguments, so it cannot be
	// longer than all the arguments together.
	size_t room = 1;
	for (int i = 1; i < argc; i++)
		room += strlen(argv[i]) + 1;
	data = xcalloc(1, room);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+ao:t:")) != -1) {
		switch (c) {
		case 'a':
			if (argc != 2)
				die_usage(usage);
			return finish(mount_fstab());
		case 'o':
			parse_options(optarg, &flags, data);
			break;
		case 't':
			type = optarg;
			break;
		default:
			die_usage(usage);
		}
	}
	if (argc == 1) {
		list_mounts();
		return finish(0);
	}
	argv += optind;
	argc -= optind;

	// A remount changes the mount on DIR; the kernel needs no source.
	if (argc == 1 && (flags & MS_REMOUNT)) {
		source = "none";
		dir = argv[0];
	} else if (argc == 2) {
		source = argv[0];
		dir = argv[1];
	} else {
		die_usage(usage);
	}
	if (!type && !(flags & (MS_BIND | MS_REMOUNT)))
		die_msg("%s: no filesystem type: give -t TYPE", source);
	if (mount(source, dir, type, flags, *data ? data : NULL) < 0)
		die_sys("%s on %s", source, dir);
	return finish(0);
}
