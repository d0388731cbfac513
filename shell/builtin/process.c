/*
 * builtin/process.c - wait, kill, times and ulimit (POSIX XCU wait, kill,
 * 2.14 times, ulimit). Jobs are named by process id or by a job spec,
 * %1 %+ %- %name (jobs.c).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <unistd.h>

#include "../sh.h"

/* wait [pid|%job...]: wait for background commands; the last one's status. */
int
bi_wait(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		return wait_background(0);
	for (int i = 1; i < argc; i++) {
		long pid;

		if (argv[i][0] == '%') {
			status = job_wait_spec(argv[i]);
			continue;
		}
		if (parse_long(argv[i], 10, 1, INT_MAX, &pid) < 0) {
			warn_msg("wait: %s: bad process id", argv[i]);
			status = 2;
			continue;
		}
		status = wait_background((pid_t)pid);
	}
	return status;
}

/* kill [-s signal | -signal] pid... | kill -l [status] */
int
bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc < 2)
		return builtin_usage("kill [-s signal | -signal] pid|%job... | "
		                     "kill -l [status]");
	if (strcmp(argv[1], "-l") == 0) {
		if (argc == 2) {
			for (int n = 1; n < 32; n++)
				if (signal_name(n))
					out_printf(&out_stdout, "%s\n",
					           signal_name(n));
			return 0;
		}
		for (i = 2; i < argc; i++) {
			long n;
			const char *name = NULL;

			if (parse_long(argv[i], 10, 0, 255, &n) == 0)
				name = signal_name(n > 128 ? (int)n - 128
				                           : (int)n);
			if (!name) {
				warn_msg("kill: %s: bad signal", argv[i]);
				status = 1;
				continue;
			}
			out_printf(&out_stdout, "%s\n", name);
		}
		return status;
	}
	if (strcmp(argv[1], "-s") == 0 && argc > 2) {
		sig = signal_number(argv[2]);
		i = 3;
	} else if (argv[1][0] == '-' && strcmp(argv[1], "--") != 0) {
		sig = signal_number(argv[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		warn_msg("kill: %s: bad signal", argv[i - 1]);
		return 2;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc)
		return builtin_usage("kill [-s signal | -signal] pid|%job...");
	for (; i < argc; i++) {
		long pid;

		if (argv[i][0] == '%') {
			struct job *job = job_find("kill", argv[i]);

			if (!job || job_kill(job, sig) < 0) {
				if (job)
					warn_sys("kill: %s", argv[i]);
				status = 1;
			}
			continue;
		}
		if (parse_long(argv[i], 10, LONG_MIN, LONG_MAX, &pid) < 0 ||
		    pid < INT_MIN || pid > INT_MAX) {
			warn_msg("kill: %s: bad process id", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			warn_sys("kill: %s", argv[i]);
			status = 1;
		}
	}
	return status;
}

static void
print_time(clock_t ticks, long hz, char end)
{
	long long us = (long long)ticks * 1000000 / hz;

	out_printf(&out_stdout, "%lldm%lld.%06llds%c", us / 60000000,
	           us / 1000000 % 60, us % 1000000, end);
}

/* times: user and system time of the shell, then of its children. */
int
bi_times(int argc, char **argv)
{
	struct tms t;
	long hz = sysconf(_SC_CLK_TCK);

	(void)argc;
	(void)argv;
	times(&t);
	print_time(t.tms_utime, hz, ' ');
	print_time(t.tms_stime, hz, '\n');
	print_time(t.tms_cutime, hz, ' ');
	print_time(t.tms_cstime, hz, '\n');
	return 0;
}

static const struct {
	char option;
	int resource;
	int unit; /* bytes per unit shown */
	const char *what;
} limits[] = {
        {'c', RLIMIT_CORE, 512, "core file size (blocks)"},
        {'d', RLIMIT_DATA, 1024, "data seg size (kb)"},
        {'f', RLIMIT_FSIZE, 512, "file size (blocks)"},
        {'n', RLIMIT_NOFILE, 1, "open files"},
        {'s', RLIMIT_STACK, 1024, "stack size (kb)"},
        {'t', RLIMIT_CPU, 1, "cpu time (seconds)"},
        {'u', RLIMIT_NPROC, 1, "processes"},
        {'v', RLIMIT_AS, 1024, "virtual memory (kb)"},
};

#define N_LIMITS (sizeof(limits) / sizeof(limits[0]))

static void
print_limit(rlim_t value, int unit)
{
	if (value == RLIM_INFINITY)
		out_str(&out_stdout, "unlimited\n");
	else
		out_printf(&out_stdout, "%llu\n",
		           (unsigned long long)(value / (rlim_t)unit));
}

/* ulimit [-HS] [-a | -cdfnstuv] [limit]: resource limits (-f is default). */

int
bi_ulimit(int argc, char **argv)
{
	int hard = 0, soft = 0, all = 0, which = 2, c;
	struct rlimit rl;

	while ((c = getopt(argc, argv, "+HSacdfnstuv")) != -1) {
		if (c == 'H') {
			hard = 1;
		} else if (c == 'S') {
			soft = 1;
		} else if (c == 'a') {
			all = 1;
		} else if (c == '?') {
			return builtin_usage("ulimit [-HS] [-a|-cdfnstuv] "
			                     "[limit]");
		} else {
			for (size_t i = 0; i < N_LIMITS; i++)
				if (limits[i].option == c)
					which = (int)i;
		}
	}
	if (all) {
		for (size_t i = 0; i < N_LIMITS; i++) {
			getrlimit(limits[i].resource, &rl);
			out_printf(&out_stdout, "-%c: %-26s", limits[i].option,
			           limits[i].what);
			print_limit(hard ? rl.rlim_max : rl.rlim_cur,
			            limits[i].unit);
		}
		return 0;
	}
	if (getrlimit(limits[which].resource, &rl) < 0) {
		warn_sys("ulimit");
		return 1;
	}
	if (optind == argc) {
		print_limit(hard ? rl.rlim_max : rl.rlim_cur, limits[which].unit);
		return 0;
	}
	rlim_t value = RLIM_INFINITY;
	if (strcmp(argv[optind], "unlimited") != 0) {
		long n;

		if (parse_long(argv[optind], 10, 0, LONG_MAX, &n) < 0) {
			warn_msg("ulimit: %s: bad number", argv[optind]);
			return 1;
		}
		value = (rlim_t)n * (rlim_t)limits[which].unit;
	}
	if (hard || !soft)
		rl.rlim_max = value;
	if (soft || !hard)
		rl.rlim_cur = value;
	if (setrlimit(limits[which].resource, &rl) < 0) {
		warn_sys("ulimit");
		return 1;
	}
	return 0;
}
