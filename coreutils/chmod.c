/* chmod - change file modes (POSIX.1-2017 chmod, -R). */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "chmod [-R] MODE FILE...";

static const char *mode_spec;
static mode_t umask_bits;
static int status;

/* Give one file its new mode; links met on the way are left alone. */
static int
change(struct walk_entry *e, void *arg)
{
	mode_t mode;

	(void)arg;
	if (e->visit == WALK_POST || S_ISLNK(e->st.st_mode))
		return WALK_ENTER;
	if (mode_apply(mode_spec, e->st.st_mode, umask_bits, &mode) < 0)
		die_msg("invalid mode '%s'", mode_spec);
	if ((mode & 07777) != (e->st.st_mode & 07777) &&
	    fchmodat(e->dirfd, e->name, mode & 07777, 0) < 0) {
		warn_sys("%s", e->path);
		status = 1;
	}
	return WALK_ENTER;
}

int
main(int argc, char **argv)
{
	int recursive = 0;
	int i;
	mode_t unused;

	prog_init(argv[0]);
	// Not getopt: "chmod -w file" is a mode, not an option.
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-R") == 0)
			recursive = 1;
		else if (mode_apply(argv[i], 0, 0, &unused) == 0)
			break;
		else
			die_usage(usage);
	}
	if (i >= argc)
		die_usage(usage);
	mode_spec = argv[i++];
	if (mode_apply(mode_spec, 0, 0, &unused) < 0)
		die_msg("invalid mode '%s'", mode_spec);
	if (i >= argc)
		die_usage(usage);

	umask_bits = umask(0);
	umask(umask_bits);
	for (; i < argc; i++) {
		if (recursive) {
			if (walk(argv[i], WALK_FOLLOW_ROOT, change, NULL) < 0)
				status = 1;
			continue;
		}
		struct stat st;
		struct walk_entry e = { .path = argv[i], .name = argv[i], .dirfd = AT_FDCWD };

		if (stat(argv[i], &st) < 0) {
			warn_sys("%s", argv[i]);
			status = 1;
			continue;
		}
		e.st = st;
		change(&e, NULL);
	}
	return finish(status);
}
