/* whoami - print the user name of the effective user ID (GNU whoami(1)). */
#include <pwd.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "whoami";

int
main(int argc, char **argv)
{
	struct passwd *user;
	uid_t uid;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	if (optind < argc)
		die_usage(usage);
	// The effective user, the one whose rights the process has: after
	// su or a set-user-ID program, not the one who logged in (logname).
	uid = geteuid();
	user = getpwuid(uid);
	if (!user)
		die_msg("cannot find name for user ID %lu", (unsigned long)uid);
	out_printf(&out_stdout, "%s\n", user->pw_name);
	return finish(0);
}
