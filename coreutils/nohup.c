/* nohup - run a command immune to hangups (POSIX.1-2017 nohup). */
/*
 * When a terminal goes away, its processes get SIGHUP, whose default
 * action ends them. nohup ignores that signal and runs the command, which
 * keeps it ignored across exec. Output meant for the terminal would be
 * lost with it, so if standard output is a terminal it is appended to
 * nohup.out instead (in the current directory, else in $HOME), and
 * standard error follows it there if that is a terminal too.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "nohup COMMAND [ARG]...";

/* POSIX: 127 for nohup's own errors, as for a command that is not there. */
#define NOHUP_FAILED 127

static _Noreturn void
bad_usage(void)
{
	dprintf(2, "usage: %s\n", usage);
	exit(NOHUP_FAILED);
}

/* Open PATH for appending, creating it with mode 0600 whatever the umask. */
static int
open_append(const char *path)
{
	// POSIX wants exactly rw-------, and a umask may take even the
	// owner's bits away. The command gets its umask back.
	mode_t old_umask = umask(077);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);

	umask(old_umask);
	return fd;
}

/*
 * Open nohup.out: the current directory's, else the one in $HOME. Sets
 * *NAME to the name opened. Exits if neither can be opened.
 */
static int
open_nohup_out(const char **name)
{
	const char *home = getenv("HOME");
	int fd;

	*name = "nohup.out";
	fd = open_append(*name);
	if (fd >= 0)
		return fd;
	if (home && *home) {
		char *home_name = xmalloc(strlen(home) + sizeof("/nohup.out"));

		strcpy(home_name, home);
		strcat(home_name, "/nohup.out");
		*name = home_name;
		fd = open_append(*name);
		if (fd >= 0)
			return fd;
	}
	warn_sys("%s", *name);
	exit(NOHUP_FAILED);
}

int
main(int argc, char **argv)
{
	int c;

	prog_init(argv[0]);
	// "+": the command's own options must stay the command's.
	while ((c = getopt(argc, argv, "+")) != -1)
		bad_usage();
	argv += optind;
	if (!*argv)
		bad_usage();

	// As GNU's nohup does: a command left running in the background
	// must not read the terminal (it would be stopped, or take the
	// user's typing), so it reads an empty file instead.
	if (isatty(0)) {
		int null = open("/dev/null", O_RDONLY);

		if (null < 0 || dup2(null, 0) < 0) {
			warn_sys("/dev/null");
			exit(NOHUP_FAILED);
		}
		close(null);
	}
	if (isatty(1)) {
		const char *name;
		int fd = open_nohup_out(&name);

		// Said while standard error is still where the user looks.
		warn_msg("appending output to %s", name);
		if (dup2(fd, 1) < 0) {
			warn_sys("dup2");
			exit(NOHUP_FAILED);
		}
		close(fd);
	}
	if (isatty(2) && dup2(1, 2) < 0) {
		warn_sys("dup2");
		exit(NOHUP_FAILED);
	}
	if (signal(SIGHUP, SIG_IGN) == SIG_ERR) {
		warn_sys("SIGHUP");
		exit(NOHUP_FAILED);
	}
	exec_command(argv);
}
