/* free - show memory use (procps free(1)), from /proc/meminfo. */
/*
 * As procps 4 counts them: "buff/cache" is Buffers + Cached + SReclaimable,
 * memory the kernel gives back when programs need it, and "used" is what
 * is not available: MemTotal - MemAvailable.
 */
#include <stdio.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "free [-k|-m|-h]";

enum unit { KIB, MIB, HUMAN };

/* Write KIB kibibytes in UNIT into a 12-column cell. */
static void
cell(unsigned long long kib, enum unit unit)
{
	static const char suffixes[] = "KMGTP";
	double value = (double)kib;
	int i = 0;

	if (unit == KIB) {
		out_printf(&out_stdout, "%12llu", kib);
		return;
	}
	if (unit == MIB) {
		out_printf(&out_stdout, "%12llu", kib / 1024);
		return;
	}
	if (kib == 0) {
		out_printf(&out_stdout, "%12s", "0B");
		return;
	}
	while (value >= 1024 && suffixes[i + 1]) {
		value /= 1024;
		i++;
	}
	char text[32];
	// One decimal while it fits in three digits, as 8.7Mi or 354Mi.
	snprintf(text, sizeof(text), value < 10 ? "%.1f%ci" : "%.0f%ci", value, suffixes[i]);
	out_printf(&out_stdout, "%12s", text);
}

int
main(int argc, char **argv)
{
	enum unit unit = KIB;
	struct meminfo mem;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+hkm")) != -1) {
		switch (c) {
		case 'h':
			unit = HUMAN;
			break;
		case 'k':
			unit = KIB;
			break;
		case 'm':
			unit = MIB;
			break;
		default:
			die_usage(usage);
		}
	}
	if (argv[optind])
		die_usage(usage);
	if (proc_meminfo(&mem) < 0)
		die_sys("/proc/meminfo");

	unsigned long long cache = mem.buffers + mem.cached + mem.reclaimable;
	unsigned long long used = mem.total > mem.available ? mem.total - mem.available : 0;

	out_printf(&out_stdout, "%8s%12s%12s%12s%12s%12s%12s\n", "", "total",
	           "used", "free", "shared", "buff/cache", "available");
	out_printf(&out_stdout, "%-8s", "Mem:");
	cell(mem.total, unit);
	cell(used, unit);
	cell(mem.free, unit);
	cell(mem.shared, unit);
	cell(cache, unit);
	cell(mem.available, unit);
	out_printf(&out_stdout, "\n%-8s", "Swap:");
	cell(mem.swap_total, unit);
	cell(mem.swap_total - mem.swap_free, unit);
	cell(mem.swap_free, unit);
	out_char(&out_stdout, '\n');
	return finish(0);
}
