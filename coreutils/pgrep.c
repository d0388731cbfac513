/* pgrep, pkill - find or signal processes by name (procps pgrep(1)). */
/*
 * PATTERN is an extended regular expression matched against each
 * process's name (/proc/PID/stat's, at most 15 bytes), or with -f
 * against its whole command line. pgrep and pkill never match
 * themselves. Exit status: 0 if something matched, 1 if nothing did.
 */
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char pgrep_usage[] = "pgrep [-flx] [-u USER] PATTERN";
static const char pkill_usage[] = "pkill [-SIGNAL] [-fx] [-u USER] PATTERN";

/* A user given by name or number. */
static uid_t
parse_user(const char *text)
{
	struct passwd *pw = getpwnam(text);
	long uid;

	if (pw)
		return pw->pw_uid;
	if (parse_long(text, 10, 0, 0x7fffffff, &uid) < 0)
		die_msg("%s: no such user", text);
	return (uid_t)uid;
}

int
main(int argc, char **argv)
{
	prog_init(argv[0]);
	int is_pkill = strcmp(prog_name, "pkill") == 0;
	const char *usage = is_pkill ? pkill_usage : pgrep_usage;
	int full = 0, list = 0, exact = 0, have_user = 0;
	int signal_number = SIGTERM;
	uid_t user = 0;
	struct rx *regex;
	char why[128];
	int c;

	// pkill -HUP, -9: the signal comes before the options getopt reads.
	if (is_pkill && argc > 1 && argv[1][0] == '-' &&
	    sig_number(argv[1] + 1) >= 0) {
		signal_number = sig_number(argv[1] + 1);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, is_pkill ? "+fxu:" : "+flxu:")) != -1) {
		switch (c) {
		case 'f':
			full = 1;
			break;
		case 'l':
			list = 1;
			break;
		case 'x':
			exact = 1;
			break;
		case 'u':
			user = parse_user(optarg);
			have_user = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!argv[0] || argv[1])
		die_usage(usage);

	// -x: the pattern must match all of the name, so anchor it.
	char *pattern = xmalloc(strlen(argv[0]) + 5);
	strcpy(pattern, exact ? "^(" : "");
	strcat(pattern, argv[0]);
	strcat(pattern, exact ? ")$" : "");
	regex = rx_compile(pattern, RX_EXTENDED, why, sizeof(why));
	if (!regex)
		die_msg("%s: %s", argv[0], why);

	size_t count;
	pid_t *pids = proc_list_pids(&count);
	int found = 0, status = 0;
	for (size_t i = 0; i < count; i++) {
		struct proc_stat st;
		char *cmdline = NULL;
		const char *subject;

		if (pids[i] == getpid() || proc_read_stat(pids[i], &st) < 0)
			continue;
		if (have_user) {
			char path[64];
			struct stat info;

			snprintf(path, sizeof(path), "/proc/%d", (int)pids[i]);
			if (stat(path, &info) < 0 || info.st_uid != user)
				continue;
		}
		subject = st.comm;
		if (full && (cmdline = proc_cmdline(pids[i])) != NULL)
			subject = cmdline;
		if (rx_matches(regex, subject, strlen(subject))) {
			found = 1;
			if (!is_pkill)
				out_printf(&out_stdout, list ? "%d %s\n" : "%d\n",
				           (int)pids[i], subject);
			else if (kill(pids[i], signal_number) < 0) {
				warn_sys("killing %d", (int)pids[i]);
				status = 1;
			}
		}
		free(cmdline);
	}
	free(pids);
	free(pattern);
	rx_free(regex);
	return finish(found ? status : 1);
}
