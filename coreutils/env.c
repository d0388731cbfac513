/* env - set the environment for a command, or print it (POSIX.1-2017 env). */
/*
 * -i starts from an empty environment, -u NAME removes NAME (GNU), and
 * each NAME=VALUE operand sets a variable. What follows is the command,
 * run with the result; without one, the environment is printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

extern char **environ;

static const char usage[] =
	"env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]";

/*
 * env's own errors exit 125: 126 and 127 say the command could not run,
 * and lower statuses may be the command's own.
 */
#define ENV_FAILED 125

static _Noreturn void
bad_usage(void)
{
	dprintf(2, "usage: %s\n", usage);
	exit(ENV_FAILED);
}

/* Set the variable NAME=VALUE that ASSIGNMENT spells. */
static void
assign(const char *assignment)
{
	const char *equals = strchr(assignment, '=');
	char *name = xstrndup(assignment, (size_t)(equals - assignment));

	if (setenv(name, equals + 1, 1) < 0) {
		warn_sys("cannot set '%s'", assignment);
		exit(ENV_FAILED);
	}
	free(name);
}

int
main(int argc, char **argv)
{
	int clear = 0;
	int c;

	prog_init(argv[0]);
	// "+": the command's own options must stay the command's.
	while ((c = getopt(argc, argv, "+iu:")) != -1) {
		switch (c) {
		case 'i':
			clear = 1;
			break;
		case 'u':
			if (unsetenv(optarg) < 0) {
				warn_sys("cannot unset '%s'", optarg);
				exit(ENV_FAILED);
			}
			break;
		default:
			bad_usage();
		}
	}
	argv += optind;
	// A lone "-" is the old spelling of -i, still in POSIX.
	if (*argv && strcmp(*argv, "-") == 0) {
		clear = 1;
		argv++;
	}
	if (clear)
		clearenv();
	for (; *argv && strchr(*argv, '='); argv++)
		assign(*argv);

	if (*argv)
		exec_command(argv);
	for (char **var = environ; var && *var; var++) {
		out_str(&out_stdout, *var);
		out_char(&out_stdout, '\n');
	}
	return finish(0) == 0 ? 0 : ENV_FAILED;
}
