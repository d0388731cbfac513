/* nproc - print the number of processors (GNU nproc(1); sched_getaffinity(2)). */
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "nproc [--all]";

int
main(int argc, char **argv)
{
	cpu_set_t cpus;
	long count;

	prog_init(argv[0]);
	// Long options only, as in GNU: --all counts the CPUs this process
	// may not run on too.
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--all") != 0))
		die_usage(usage);
	if (argc == 2)
		count = sysconf(_SC_NPROCESSORS_CONF);
	else if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0)
		count = CPU_COUNT(&cpus);
	else
		count = sysconf(_SC_NPROCESSORS_ONLN);
	out_printf(&out_stdout, "%ld\n", count > 0 ? count : 1);
	return finish(0);
}
