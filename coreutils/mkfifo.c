/* mkfifo - make named pipes (POSIX.1-2017 mkfifo). */
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "mkfifo [-m MODE] FILE...";

int
main(int argc, char **argv)
{
	const char *mode_spec = NULL;
	mode_t mode = 0666;
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+m:")) != -1) {
		switch (c) {
		case 'm':
			mode_spec = optarg;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv)
		die_usage(usage);
	// Symbolic modes start from a=rw; -m is exact, so the umask goes.
	if (mode_spec) {
		if (mode_apply(mode_spec, S_IFIFO | 0666, 0, &mode) < 0)
			die_msg("invalid mode '%s'", mode_spec);
		umask(0);
	}
	for (; *argv; argv++) {
		if (mkfifo(*argv, mode & 07777) < 0) {
			warn_sys("%s", *argv);
			status = 1;
		}
	}
	return finish(status);
}
