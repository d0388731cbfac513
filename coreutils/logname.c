/* logname - print the user's login name (POSIX.1-2017 logname; proc(5)). */
/*
 * The login name is who logged in, whatever su or set-user-ID programs
 * did since. Linux records it once per login session: login (through
 * pam_loginuid) writes the user ID to /proc/self/loginuid, and children
 * inherit it. glibc's getlogin reads the same file, then the utmp record
 * of the terminal, which mini does not keep; musl's returns $LOGNAME,
 * which POSIX tells logname to ignore, since anyone can set it. So this
 * reads the kernel's record itself, and gives the same answer on both.
 */
#include <pwd.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "logname";

int
main(int argc, char **argv)
{
	struct passwd *user;
	char text[32];
	long uid;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	if (optind < argc)
		die_usage(usage);
	// Unset, the file says 4294967295, (uid_t)-1: no login happened
	// above this process, as for those that init or a service starts.
	if (proc_read_file("/proc/self/loginuid", text, sizeof(text)) < 0 ||
	    parse_long(text, 10, 0, 0xfffffffeL, &uid) < 0)
		die_msg("no login name");
	user = getpwuid((uid_t)uid);
	if (!user)
		die_msg("no login name");
	out_printf(&out_stdout, "%s\n", user->pw_name);
	return finish(0);
}
