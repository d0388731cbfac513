/* Unit tests for proc.c: parsing /proc/PID/stat, meminfo and loadavg; names. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

static void
test_stat(void)
{
	struct proc_stat st;
	// A name with spaces and parentheses: the name ends at the last ')'.
	const char *odd = "4242 (a) b (c)) S 1 4242 4242 34816 4242 4194560 "
	                  "100 0 0 0 17 5 0 0 20 0 1 0 123456 8192000 300 "
	                  "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0\n";

	CHECK(proc_parse_stat(odd, &st) == 0);
	CHECK(st.pid == 4242);
	CHECK(strcmp(st.comm, "a) b (c)") == 0);
	CHECK(st.state == 'S');
	CHECK(st.ppid == 1);
	CHECK(st.pgrp == 4242 && st.session == 4242);
	CHECK(st.tty_nr == 34816);
	CHECK(st.utime == 17 && st.stime == 5);
	CHECK(st.priority == 20 && st.nice == 0 && st.num_threads == 1);
	CHECK(st.start_time == 123456);
	CHECK(st.vsize == 8192000);
	CHECK(st.rss == 300);

	CHECK(proc_parse_stat("", &st) == -1);
	CHECK(proc_parse_stat("12 (x", &st) == -1);
	CHECK(proc_parse_stat("12 (x) S 1 2", &st) == -1);

	// Our own process, read from the kernel.
	CHECK(proc_read_stat(getpid(), &st) == 0);
	CHECK(st.pid == getpid());
	CHECK(st.ppid == getppid());
	CHECK(st.state == 'R');
	CHECK(strncmp(st.comm, "unit-proc", 9) == 0);
	CHECK(proc_read_stat(0x7ffffff0, &st) == -1);
}

static void
test_pids(void)
{
	size_t count, i;
	pid_t *pids = proc_list_pids(&count);
	int found_self = 0, sorted = 1;

	CHECK(count > 1);
	for (i = 0; i < count; i++) {
		if (pids[i] == getpid())
			found_self = 1;
		if (i > 0 && pids[i - 1] >= pids[i])
			sorted = 0;
	}
	CHECK(found_self);
	CHECK(sorted);
	free(pids);

	char *cmdline = proc_cmdline(getpid());
	CHECK(cmdline != NULL);
	CHECK(cmdline && strstr(cmdline, "unit-proc") != NULL);
	free(cmdline);
	CHECK(proc_cmdline(0x7ffffff0) == NULL);
}

/* The name test of killall and pidof, on this process, named unit-proc. */
static void
test_is_called(void)
{
	struct proc_stat st;

	CHECK(proc_read_stat(getpid(), &st) == 0);
	CHECK(proc_is_called(getpid(), &st, "unit-proc"));
	CHECK(!proc_is_called(getpid(), &st, "unit"));
	CHECK(!proc_is_called(getpid(), &st, "proc"));
	// A stat name that differs, as a cut or a script's would: the last
	// part of the first argument still matches, the rest of it does not.
	strcpy(st.comm, "other");
	CHECK(proc_is_called(getpid(), &st, "other"));
	CHECK(proc_is_called(getpid(), &st, "unit-proc"));
	CHECK(!proc_is_called(getpid(), &st, "tests/unit-proc"));
	CHECK(!proc_is_called(getpid(), &st, "nope"));
	// No command line, as for a kernel thread: the stat name alone.
	CHECK(proc_is_called(0x7ffffff0, &st, "other"));
	CHECK(!proc_is_called(0x7ffffff0, &st, "unit-proc"));
}

static void
test_meminfo(void)
{
	struct meminfo mem;
	const char *text = "MemTotal:        2000 kB\n"
	                   "MemFree:          500 kB\n"
	                   "MemAvailable:    1500 kB\n"
	                   "Buffers:           10 kB\n"
	                   "Cached:           700 kB\n"
	                   "SwapCached:         3 kB\n"
	                   "Shmem:             40 kB\n"
	                   "SReclaimable:      60 kB\n"
	                   "SwapTotal:        100 kB\n"
	                   "SwapFree:          90 kB";

	CHECK(proc_parse_meminfo(text, &mem) == 0);
	CHECK(mem.total == 2000 && mem.free == 500 && mem.available == 1500);
	CHECK(mem.buffers == 10 && mem.cached == 700 && mem.shared == 40);
	CHECK(mem.reclaimable == 60);
	CHECK(mem.swap_total == 100 && mem.swap_free == 90);
	CHECK(proc_parse_meminfo("MemFree: 5 kB\n", &mem) == -1);
	CHECK(proc_meminfo(&mem) == 0 && mem.total > 0 && mem.free <= mem.total);
}

static void
test_uptime_load(void)
{
	struct loadavg load;
	double up = -1;

	CHECK(proc_parse_loadavg("0.50 1.25 2.00 3/120 999\n", &load) == 0);
	CHECK(load.avg[0] == 0.5 && load.avg[1] == 1.25 && load.avg[2] == 2.0);
	CHECK(load.running == 3 && load.total == 120);
	CHECK(proc_parse_loadavg("0.50 1.25\n", &load) == -1);
	CHECK(proc_loadavg(&load) == 0 && load.total >= 1);
	CHECK(proc_uptime(&up) == 0 && up > 0);

	char buf[4];
	CHECK(proc_read_file("/proc/uptime", buf, sizeof(buf)) == 3);
	CHECK(strlen(buf) == 3);
	CHECK(proc_read_file("/nonexistent", buf, sizeof(buf)) == -1);
}

int
main(void)
{
	test_stat();
	test_pids();
	test_is_called();
	test_meminfo();
	test_uptime_load();
	return check_done();
}
