/* hostname - show or set the system's name (hostname(1); sethostname(2)). */
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "hostname [NAME]";

int
main(int argc, char **argv)
{
	struct utsname names;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	if (argv[0] && argv[1])
		die_usage(usage);
	if (argv[0]) {
		// The name lasts until reboot; /etc/hostname sets it at boot.
		if (sethostname(argv[0], strlen(argv[0])) < 0)
			die_sys("%s", argv[0]);
		return finish(0);
	}
	if (uname(&names) < 0)
		die_sys("uname");
	out_printf(&out_stdout, "%s\n", names.nodename);
	return finish(0);
}
