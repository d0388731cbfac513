/* tee - copy standard input to standard output and to files (POSIX.1-2017 tee).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "tee [-ai] [FILE...]";

static char buf[65536];

int
main(int argc, char **argv)
{
	int flags = O_WRONLY | O_CREAT | O_TRUNC;
	int status = 0, nfiles, c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+ai")) != -1) {
		switch (c) {
		case 'a':
			flags = O_WRONLY | O_CREAT | O_APPEND;
			break;
		case 'i':
			signal(SIGINT, SIG_IGN);
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	argc -= optind;
	// fds[0] is standard output; a file that fails is set to -1 and
	// skipped from then on, while the others go on being written.
	int *fds = xcalloc((size_t)argc + 1, sizeof(*fds));
	char **names = argv - 1;
	fds[0] = 1;
	nfiles = 1;
	for (int i = 0; i < argc; i++) {
		fds[nfiles] = open(argv[i], flags, 0666);
		if (fds[nfiles] < 0) {
			warn_sys("%s", argv[i]);
			status = 1;
		}
		nfiles++;
	}
	for (;;) {
		ssize_t nread = read(0, buf, sizeof(buf));
		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("standard input");
			status = 1;
			break;
		}
		if (nread == 0)
			break;
		for (int i = 0; i < nfiles; i++) {
			if (fds[i] < 0 ||
			    write_full(fds[i], buf, (size_t)nread) == 0)
				continue;
			warn_sys("%s", i == 0 ? "standard output" : names[i]);
			status = 1;
			fds[i] = -1;
		}
	}
	for (int i = 1; i < nfiles; i++) {
		if (fds[i] >= 0 && close(fds[i]) < 0) {
			warn_sys("%s", names[i]);
			status = 1;
		}
	}
	free(fds);
	return status;
}
