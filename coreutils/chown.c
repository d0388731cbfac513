/* chown, chgrp - change file owner and group (POSIX.1-2017 chown and chgrp, -R -h). */
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char chown_usage[] = "chown [-Rh] OWNER[:GROUP] FILE...";
static const char chgrp_usage[] = "chgrp [-Rh] GROUP FILE...";

static uid_t uid = (uid_t)-1;	// -1: leave as it is
static gid_t gid = (gid_t)-1;
static int no_dereference;
static int status;

static uid_t
parse_user(const char *name, gid_t *login_group)
{
	struct passwd *pw = getpwnam(name);
	long number;

	if (pw) {
		*login_group = pw->pw_gid;
		return pw->pw_uid;
	}
	if (parse_long(name, 10, 0, 0x7fffffffL, &number) < 0)
		die_msg("invalid user '%s'", name);
	pw = getpwuid((uid_t)number);
	*login_group = pw ? pw->pw_gid : (gid_t)-1;
	return (uid_t)number;
}

static gid_t
parse_group(const char *name)
{
	struct group *gr = getgrnam(name);
	long number;

	if (gr)
		return gr->gr_gid;
	if (parse_long(name, 10, 0, 0x7fffffffL, &number) < 0)
		die_msg("invalid group '%s'", name);
	return (gid_t)number;
}

/* OWNER, OWNER:GROUP, :GROUP, or OWNER: (the owner's login group). */
static void
parse_owner(char *spec)
{
	char *colon = strchr(spec, ':');
	gid_t login_group = (gid_t)-1;

	if (colon)
		*colon = '\0';
	if (*spec)
		uid = parse_user(spec, &login_group);
	if (colon && colon[1])
		gid = parse_group(colon + 1);
	else if (colon && *spec)
		gid = login_group;
}

/* Change one file. Links met inside a tree are changed themselves, never followed. */
static int
change(struct walk_entry *e, void *arg)
{
	int flags = e->depth > 0 || no_dereference ? AT_SYMLINK_NOFOLLOW : 0;

	(void)arg;
	if (e->visit == WALK_POST)
		return WALK_ENTER;
	if (fchownat(e->dirfd, e->name, uid, gid, flags) < 0) {
		warn_sys("%s", e->path);
		status = 1;
	}
	return WALK_ENTER;
}

int
main(int argc, char **argv)
{
	int is_chgrp, recursive = 0;
	const char *usage;
	int c;

	prog_init(argv[0]);
	is_chgrp = strcmp(prog_name, "chgrp") == 0;
	usage = is_chgrp ? chgrp_usage : chown_usage;
	while ((c = getopt(argc, argv, "+Rh")) != -1) {
		switch (c) {
		case 'R':
			recursive = 1;
			break;
		case 'h':
			no_dereference = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!argv[0] || !argv[1])
		die_usage(usage);
	if (is_chgrp)
		gid = parse_group(argv[0]);
	else
		parse_owner(argv[0]);

	for (argv++; *argv; argv++) {
		struct walk_entry e = { .path = *argv, .name = *argv, .dirfd = AT_FDCWD };

		if (recursive) {
			// A link named on the command line is followed, unless -h.
			if (walk(*argv, no_dereference ? 0 : WALK_FOLLOW_ROOT, change, NULL) < 0)
				status = 1;
			continue;
		}
		change(&e, NULL);
	}
	return finish(status);
}
