/* id - print user and group IDs (POSIX.1-2017 id; credentials(7)). */
/*
 * A process has a real user and group ID (who started it) and effective
 * ones (whose rights it has; they differ after a set-user-ID program),
 * plus a list of supplementary groups. Without options id prints them
 * all, with names from /etc/passwd and /etc/group:
 *
 *     uid=0(root) gid=0(root) groups=0(root),10(wheel)
 *
 * adding euid= and egid= where those differ from the real IDs. -u, -g
 * and -G print only the user, the group or every group, as numbers or
 * (-n) names; -r picks the real ID instead of the effective one. Given a
 * USER, id answers for that user's login instead.
 */
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "id [-u | -g | -G] [-nr] [USER]";

/* Whose IDs to show: the process's, or a user's (real = effective). */
struct ids {
	uid_t ruid, euid;
	gid_t rgid, egid;
	gid_t *groups;	/* supplementary groups */
	size_t ngroups;
};

static int status;

/* The process's own IDs. */
static void
process_ids(struct ids *ids)
{
	int count;

	ids->ruid = getuid();
	ids->euid = geteuid();
	ids->rgid = getgid();
	ids->egid = getegid();
	count = getgroups(0, NULL);
	if (count < 0)
		die_sys("getgroups");
	ids->groups = xreallocarray(NULL, (size_t)count + 1, sizeof(gid_t));
	count = getgroups(count, ids->groups);
	if (count < 0)
		die_sys("getgroups");
	ids->ngroups = (size_t)count;
}

/* The IDs USER (a name or a number) gets when logging in. */
static void
user_ids(const char *name, struct ids *ids)
{
	struct passwd *user = getpwnam(name);
	long number;
	int count = 16;

	if (!user && parse_long(name, 10, 0, 0x7fffffffL, &number) == 0)
		user = getpwuid((uid_t)number);
	if (!user)
		die_msg("%s: no such user", name);
	ids->ruid = ids->euid = user->pw_uid;
	ids->rgid = ids->egid = user->pw_gid;
	// The groups /etc/group lists the user in. getgrouplist says how
	// many there are when the array is too small: grow it and retry.
	ids->groups = NULL;
	for (;;) {
		int room = count;

		ids->groups = xreallocarray(ids->groups, (size_t)room,
		                            sizeof(gid_t));
		if (getgrouplist(user->pw_name, user->pw_gid, ids->groups,
		                 &count) >= 0)
			break;
		if (count <= room)
			count = room * 2;
	}
	ids->ngroups = (size_t)count;
}

/*
 * The groups to list: FIRST and SECOND, then the supplementary groups,
 * each once. Returns an allocated array and sets *COUNT.
 */
static gid_t *
group_list(const struct ids *ids, gid_t first, gid_t second, size_t *count)
{
	gid_t *list = xreallocarray(NULL, ids->ngroups + 2, sizeof(gid_t));
	size_t len = 0;

	list[len++] = first;
	if (second != first)
		list[len++] = second;
	for (size_t i = 0; i < ids->ngroups; i++) {
		size_t j = 0;

		while (j < len && list[j] != ids->groups[i])
			j++;
		if (j == len)
			list[len++] = ids->groups[i];
	}
	*count = len;
	return list;
}

/* Print a user ID as a number, or as a name (-n) where it has one. */
static void
print_user(uid_t uid, int names)
{
	struct passwd *user;

	if (names) {
		user = getpwuid(uid);
		if (user) {
			out_str(&out_stdout, user->pw_name);
			return;
		}
		warn_msg("cannot find name for user ID %lu",
		         (unsigned long)uid);
		status = 1;
	}
	out_printf(&out_stdout, "%lu", (unsigned long)uid);
}

static void
print_group(gid_t gid, int names)
{
	struct group *group;

	if (names) {
		group = getgrgid(gid);
		if (group) {
			out_str(&out_stdout, group->gr_name);
			return;
		}
		warn_msg("cannot find name for group ID %lu",
		         (unsigned long)gid);
		status = 1;
	}
	out_printf(&out_stdout, "%lu", (unsigned long)gid);
}

/* "LABEL=N(name)", with the name only if there is one. */
static void
print_user_entry(const char *label, uid_t uid)
{
	struct passwd *user = getpwuid(uid);

	out_printf(&out_stdout, "%s=%lu", label, (unsigned long)uid);
	if (user)
		out_printf(&out_stdout, "(%s)", user->pw_name);
}

/* "N(name)" for a group, likewise. */
static void
print_group_entry(gid_t gid)
{
	struct group *group = getgrgid(gid);

	out_printf(&out_stdout, "%lu", (unsigned long)gid);
	if (group)
		out_printf(&out_stdout, "(%s)", group->gr_name);
}

/* The default output: every ID, with names. */
static void
print_all(const struct ids *ids)
{
	gid_t *groups;
	size_t count;

	print_user_entry("uid", ids->ruid);
	out_str(&out_stdout, " gid=");
	print_group_entry(ids->rgid);
	if (ids->euid != ids->ruid) {
		out_char(&out_stdout, ' ');
		print_user_entry("euid", ids->euid);
	}
	if (ids->egid != ids->rgid) {
		out_str(&out_stdout, " egid=");
		print_group_entry(ids->egid);
	}
	// As GNU's: the effective group, then the supplementary ones.
	groups = group_list(ids, ids->egid, ids->egid, &count);
	out_str(&out_stdout, " groups=");
	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			out_char(&out_stdout, ',');
		print_group_entry(groups[i]);
	}
	out_char(&out_stdout, '\n');
	free(groups);
}

int
main(int argc, char **argv)
{
	struct ids ids;
	int only = 0;	/* 'u', 'g', 'G' or 0 for everything */
	int names = 0, real = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+ugGnr")) != -1) {
		switch (c) {
		case 'u':
		case 'g':
		case 'G':
			if (only && only != c)
				die_usage(usage);
			only = c;
			break;
		case 'n':
			names = 1;
			break;
		case 'r':
			real = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (argv[0] && argv[1])
		die_usage(usage);
	// The default output already has names and both kinds of ID.
	if (!only && (names || real))
		die_usage(usage);
	if (argv[0])
		user_ids(argv[0], &ids);
	else
		process_ids(&ids);

	if (only == 'u') {
		print_user(real ? ids.ruid : ids.euid, names);
		out_char(&out_stdout, '\n');
	} else if (only == 'g') {
		print_group(real ? ids.rgid : ids.egid, names);
		out_char(&out_stdout, '\n');
	} else if (only == 'G') {
		size_t count;
		gid_t *groups = group_list(&ids, ids.rgid, ids.egid, &count);

		for (size_t i = 0; i < count; i++) {
			if (i > 0)
				out_char(&out_stdout, ' ');
			print_group(groups[i], names);
		}
		out_char(&out_stdout, '\n');
		free(groups);
	} else {
		print_all(&ids);
	}
	free(ids.groups);
	return finish(status);
}
