/* uname - return system name (POSIX.1-2017 uname), via uname(2). */
#include <sys/utsname.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "uname [-amnrsv]";

int
main(int argc, char **argv)
{
	struct utsname names;
	// The fields in the order POSIX prints them, whatever the option order.
	enum { SYSNAME, NODENAME, RELEASE, VERSION, MACHINE, NFIELDS };
	const char *fields[NFIELDS];
	int wanted[NFIELDS] = { 0 };
	int any = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+amnrsv")) != -1) {
		switch (c) {
		case 'a':
			for (int i = 0; i < NFIELDS; i++)
				wanted[i] = 1;
			break;
		case 'm':
			wanted[MACHINE] = 1;
			break;
		case 'n':
			wanted[NODENAME] = 1;
			break;
		case 'r':
			wanted[RELEASE] = 1;
			break;
		case 's':
			wanted[SYSNAME] = 1;
			break;
		case 'v':
			wanted[VERSION] = 1;
			break;
		default:
			die_usage(usage);
		}
		any = 1;
	}
	if (argv[optind])
		die_usage(usage);
	if (!any)
		wanted[SYSNAME] = 1;

	if (uname(&names) < 0)
		die_sys("uname");
	fields[SYSNAME] = names.sysname;
	fields[NODENAME] = names.nodename;
	fields[RELEASE] = names.release;
	fields[VERSION] = names.version;
	fields[MACHINE] = names.machine;

	const char *separator = "";
	for (int i = 0; i < NFIELDS; i++) {
		if (!wanted[i])
			continue;
		out_str(&out_stdout, separator);
		out_str(&out_stdout, fields[i]);
		separator = " ";
	}
	out_char(&out_stdout, '\n');
	return finish(0);
}
