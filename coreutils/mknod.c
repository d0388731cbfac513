/* mknod - make a special file (POSIX.1-2017 mknod rationale; mknod(2)). */
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "mknod [-m MODE] NAME b|c|u MAJOR MINOR\n       mknod [-m MODE] NAME p";

int
main(int argc, char **argv)
{
	mode_t mode = 0666;
	int mode_given = 0;
	mode_t type;
	dev_t dev = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+m:")) != -1) {
		long value;

		// Only octal modes: symbolic ones need libmini's mode parser.
		if (c != 'm' || parse_long(optarg, 8, 0, 07777, &value) < 0)
			die_usage(usage);
		mode = (mode_t)value;
		mode_given = 1;
	}
	argv += optind;
	argc -= optind;
	if (argc < 2 || argv[1][1] != '\0')
		die_usage(usage);
	switch (argv[1][0]) {
	case 'b':
		type = S_IFBLK;
		break;
	case 'c':
	case 'u':
		type = S_IFCHR;
		break;
	case 'p':
		type = S_IFIFO;
		break;
	default:
		die_usage(usage);
	}
	if (type == S_IFIFO ? argc != 2 : argc != 4)
		die_usage(usage);
	if (type != S_IFIFO)
		dev = makedev(xparse_long(argv[2], 0, 0xfff, "major"),
		              xparse_long(argv[3], 0, 0xfffff, "minor"));
	// -m is the mode exactly; without it, 0666 less the umask.
	if (mode_given)
		umask(0);
	if (mknod(argv[0], type | mode, dev) < 0)
		die_sys("%s", argv[0]);
	return finish(0);
}
