/* uptime - how long the system has run (procps uptime(1)), from /proc. */
/*
 * mini keeps no record of logins (utmp), so unlike procps there is no
 * count of users: the line is the time, the uptime and the load average.
 */
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "uptime";

int
main(int argc, char **argv)
{
	struct loadavg load;
	double seconds;
	time_t now = time(NULL);
	struct tm tm;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	if (argv[optind])
		die_usage(usage);
	if (proc_uptime(&seconds) < 0)
		die_sys("/proc/uptime");
	if (proc_loadavg(&load) < 0)
		die_sys("/proc/loadavg");

	long up = (long)seconds;
	long days = up / 86400, hours = up / 3600 % 24, minutes = up / 60 % 60;

	localtime_r(&now, &tm);
	out_printf(&out_stdout, " %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (days)
		out_printf(&out_stdout, "%ld day%s, ", days, days == 1 ? "" : "s");
	if (hours)
		out_printf(&out_stdout, "%2ld:%02ld", hours, minutes);
	else
		out_printf(&out_stdout, "%ld min", minutes);
	out_printf(&out_stdout, ",  load average: %.2f, %.2f, %.2f\n",
	           load.avg[0], load.avg[1], load.avg[2]);
	return finish(0);
}
