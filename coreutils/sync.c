/* sync - write cached data to disk (POSIX.1-2024 sync; sync(2), fsync(2)). */
#include <fcntl.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "sync [FILE...]";

int
main(int argc, char **argv)
{
	int status = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	if (!argv[0]) {
		sync();
		return finish(0);
	}
	// Named files: just their data, not every filesystem's.
	for (; *argv; argv++) {
		int fd = open(*argv, O_RDONLY | O_NONBLOCK);

		if (fd < 0 || fsync(fd) < 0) {
			warn_sys("%s", *argv);
			status = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return finish(status);
}
