/* top - a live view of processes (procps top(1), its classic screen). */
/*
 * Each frame reads /proc afresh: the uptime and load, the CPU counters of
 * /proc/stat, memory from /proc/meminfo, and every process's stat. A
 * process's %CPU is the CPU time it used since the last frame over the
 * time that passed (in the first frame: since it started), so a busy
 * process shows near 100 and an idle one 0.
 *
 * On a terminal, top switches off line editing and echo so that one key
 * acts at once (q quits, M and P sort by memory or CPU, k kills), hides
 * the cursor and redraws every -d SECONDS. It puts the terminal back on
 * every way out: q, Ctrl-C (SIGINT), SIGTERM, and errors. A serial
 * console does not know its size: then $LINES and $COLUMNS, or 24x80.
 * -b (batch) writes plain frames for scripts, -n N stops after N.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "top [-b] [-d SECONDS] [-n FRAMES]";

struct task {
	struct proc_stat st;
	uid_t uid;
	double cpu;		/* percent of one CPU since the last frame */
};

/* What the last frame saw, to turn counters into rates. */
static struct {
	pid_t *pids;
	unsigned long long *cpu_ticks;
	size_t count;
	long long cpu[8];	/* the "cpu" line of /proc/stat */
	double uptime;
} last;

static long ticks_per_second, page_kib;
static int batch, sort_by_memory;
static int rows = 24, cols = 80;
static struct termios saved_tio;
static int tio_saved;
static volatile sig_atomic_t stop_signal, resized;

static void
on_signal(int sig)
{
	if (sig == SIGWINCH)
		resized = 1;
	else
		stop_signal = sig;
}

/* Put the terminal back as it was: settings, cursor, a fresh line. */
static void
restore_terminal(void)
{
	if (!tio_saved)
		return;
	out_str(&out_stdout, "\033[?25h\n");
	out_flush(&out_stdout);
	tcsetattr(0, TCSADRAIN, &saved_tio);
	tio_saved = 0;
}

static void
window_size(void)
{
	struct winsize ws;
	const char *env;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		rows = ws.ws_row;
		cols = ws.ws_col;
		return;
	}
	if ((env = getenv("LINES")) && atoi(env) > 0)
		rows = atoi(env);
	if ((env = getenv("COLUMNS")) && atoi(env) > 0)
		cols = atoi(env);
}

/* The CPU time pid used up to the last frame, or 0 if it is new. */
static unsigned long long
last_ticks(pid_t pid)
{
	size_t low = 0, high = last.count;

	while (low < high) {
		size_t mid = (low + high) / 2;

		if (last.pids[mid] == pid)
			return last.cpu_ticks[mid];
		if (last.pids[mid] < pid)
			low = mid + 1;
		else
			high = mid;
	}
	return 0;
}

static int
compare_tasks(const void *a, const void *b)
{
	const struct task *x = a, *y = b;

	if (sort_by_memory && x->st.rss != y->st.rss)
		return x->st.rss < y->st.rss ? 1 : -1;
	if (!sort_by_memory && x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	return (x->st.pid > y->st.pid) - (x->st.pid < y->st.pid);
}

/* Read every process; remember their CPU times for the next frame. */
static struct task *
read_tasks(size_t *count, double uptime)
{
	pid_t *pids = proc_list_pids(count);
	struct task *tasks = xcalloc(*count ? *count : 1, sizeof(*tasks));
	unsigned long long *ticks = xcalloc(*count ? *count : 1, sizeof(*ticks));
	double interval = uptime - last.uptime;
	size_t kept = 0;

	for (size_t i = 0; i < *count; i++) {
		struct task *t = &tasks[kept];
		char path[64];
		struct stat info;

		if (proc_read_stat(pids[i], &t->st) < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d", (int)pids[i]);
		t->uid = stat(path, &info) == 0 ? info.st_uid : 0;
		unsigned long long used = t->st.utime + t->st.stime;
		unsigned long long before = last_ticks(pids[i]);
		double since = interval;
		// New since the last frame (or first frame): since it started.
		if (last.count == 0 || before == 0 || before > used) {
			before = 0;
			since = uptime - (double)t->st.start_time / (double)ticks_per_second;
		}
		if (since < 0.01)
			since = 0.01;
		t->cpu = (double)(used - before) / (double)ticks_per_second / since * 100;
		pids[kept] = pids[i];
		ticks[kept] = used;
		kept++;
	}
	free(last.pids);
	free(last.cpu_ticks);
	last.pids = pids;
	last.cpu_ticks = ticks;
	last.count = kept;
	last.uptime = uptime;
	*count = kept;
	return tasks;
}

/* Print one line, cut to the window's width on a terminal. */
static void
put_line(const char *fmt, ...)
{
	char line[512];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	if (len < 0)
		len = 0;
	if (len >= (int)sizeof(line))
		len = (int)sizeof(line) - 1;
	if (!batch && len > cols)
		len = cols;
	out_write(&out_stdout, line, (size_t)len);
	// On a terminal, also clear what the last frame left on the line.
	out_str(&out_stdout, batch ? "\n" : "\033[K\n");
}

/* Print the %Cpu(s) line from the change in /proc/stat's "cpu" counters. */
static void
cpu_line(void)
{
	char text[4096];
	unsigned long long delta[8], total = 0;
	long long now[8] = { 0 };

	// The first line: "cpu" and eight counters.
	if (proc_read_file("/proc/stat", text, sizeof(text)) >= 0 &&
	    strncmp(text, "cpu ", 4) == 0)
		scan_numbers(text + 4, now, 8);
	for (int i = 0; i < 8; i++) {
		delta[i] = now[i] >= last.cpu[i] ?
		        (unsigned long long)(now[i] - last.cpu[i]) : 0;
		total += delta[i];
		last.cpu[i] = now[i];
	}
	if (total == 0)
		total = 1;
	// The order of /proc/stat: user nice system idle iowait irq softirq steal.
	double share[8];
	for (int i = 0; i < 8; i++)
		share[i] = (double)delta[i] * 100 / (double)total;
	put_line("%%Cpu(s): %5.1f us, %5.1f sy, %5.1f ni, %5.1f id, %5.1f wa, %5.1f hi, %5.1f si",
	         share[0], share[2], share[1], share[3], share[4], share[5], share[6]);
}

static void
frame(void)
{
	struct meminfo mem = { 0 };
	struct loadavg load = { 0 };
	double uptime = 0;
	time_t now = time(NULL);
	struct tm tm;
	size_t count;
	int running = 0, sleeping = 0, stopped = 0, zombie = 0;

	proc_uptime(&uptime);
	proc_loadavg(&load);
	proc_meminfo(&mem);
	struct task *tasks = read_tasks(&count, uptime);
	for (size_t i = 0; i < count; i++) {
		switch (tasks[i].st.state) {
		case 'R': running++; break;
		case 'T': case 't': stopped++; break;
		case 'Z': zombie++; break;
		default: sleeping++; break;
		}
	}
	qsort(tasks, count, sizeof(*tasks), compare_tasks);

	if (!batch)
		out_str(&out_stdout, "\033[H");
	localtime_r(&now, &tm);
	long up = (long)uptime;
	char up_text[64];
	int at = 0;
	if (up >= 86400)
		at = snprintf(up_text, sizeof(up_text), "%ld day%s, ", up / 86400,
		              up < 2 * 86400 ? "" : "s");
	if (up % 86400 >= 3600)
		snprintf(up_text + at, sizeof(up_text) - (size_t)at, "%2ld:%02ld",
		         up / 3600 % 24, up / 60 % 60);
	else
		snprintf(up_text + at, sizeof(up_text) - (size_t)at, "%ld min", up / 60 % 60);
	put_line("top - %02d:%02d:%02d up %s,  load average: %.2f, %.2f, %.2f",
	         tm.tm_hour, tm.tm_min, tm.tm_sec, up_text,
	         load.avg[0], load.avg[1], load.avg[2]);
	put_line("Tasks: %3zu total, %3d running, %3d sleeping, %3d stopped, %3d zombie",
	         count, running, sleeping, stopped, zombie);
	cpu_line();
	unsigned long long cache = mem.buffers + mem.cached + mem.reclaimable;
	unsigned long long used = mem.total > mem.available ? mem.total - mem.available : 0;
	put_line("MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache",
	         mem.total / 1024.0, mem.free / 1024.0, used / 1024.0, cache / 1024.0);
	put_line("MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem",
	         mem.swap_total / 1024.0, mem.swap_free / 1024.0,
	         (mem.swap_total - mem.swap_free) / 1024.0, mem.available / 1024.0);
	put_line("%s", "");
	put_line("%7s %-8s S %5s %5s %9s COMMAND", "PID", "USER", "%CPU", "%MEM", "TIME+");

	// The header takes 7 lines; one more is kept free for the k prompt.
	size_t shown = batch ? count : (rows > 8 ? (size_t)(rows - 8) : 0);
	for (size_t i = 0; i < count && i < shown; i++) {
		const struct task *t = &tasks[i];
		struct passwd *pw = getpwuid(t->uid);
		char user[16];
		unsigned long long hundredths = (t->st.utime + t->st.stime) * 100 /
		                                 (unsigned long long)ticks_per_second;

		if (pw)
			snprintf(user, sizeof(user), "%.8s", pw->pw_name);
		else
			snprintf(user, sizeof(user), "%u", (unsigned)t->uid);
		put_line("%7d %-8s %c %5.1f %5.1f %3llu:%02llu.%02llu %s",
		         (int)t->st.pid, user, t->st.state, t->cpu,
		         mem.total ? (double)(t->st.rss * page_kib) * 100 / (double)mem.total : 0.0,
		         hundredths / 6000, hundredths / 100 % 60, hundredths % 100,
		         t->st.comm);
	}
	// Wipe what a longer table left below.
	if (!batch)
		out_str(&out_stdout, "\033[J");
	free(tasks);
	out_flush(&out_stdout);
}

/* The k key: ask for a pid on the line below the header, then TERM it. */
static void
kill_prompt(void)
{
	char pid_text[16];
	size_t len = 0;

	out_str(&out_stdout, "\033[6;1H\033[KPID to kill: \033[?25h");
	out_flush(&out_stdout);
	for (;;) {
		char c;

		if (read(0, &c, 1) != 1 || stop_signal)
			break;
		if (c == '\r' || c == '\n')
			break;
		if (c == 27) {	// Escape: never mind
			len = 0;
			break;
		}
		if ((c == 127 || c == 8) && len > 0) {
			len--;
			out_str(&out_stdout, "\b \b");
		} else if (c >= '0' && c <= '9' && len + 1 < sizeof(pid_text)) {
			pid_text[len++] = c;
			out_char(&out_stdout, c);
		}
		out_flush(&out_stdout);
	}
	pid_text[len] = '\0';
	out_str(&out_stdout, "\033[?25l");
	long pid;
	if (len > 0 && parse_long(pid_text, 10, 1, 0x7fffffff, &pid) == 0 &&
	    kill((pid_t)pid, SIGTERM) < 0) {
		out_printf(&out_stdout, "\033[6;1H\033[Kkill %ld: %s", pid, strerror(errno));
		out_flush(&out_stdout);
		sleep(1);
	}
}

int
main(int argc, char **argv)
{
	long frames = -1;
	double delay = 3;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+bd:n:")) != -1) {
		switch (c) {
		case 'b':
			batch = 1;
			break;
		case 'd': {
			char *end;

			delay = strtod(optarg, &end);
			if (*end || end == optarg || delay < 0 || delay > 86400)
				die_msg("-d: invalid delay '%s'", optarg);
			break;
		}
		case 'n':
			frames = xparse_long(optarg, 1, 0x7fffffff, "-n");
			break;
		default:
			die_usage(usage);
		}
	}
	if (argv[optind])
		die_usage(usage);
	ticks_per_second = sysconf(_SC_CLK_TCK);
	page_kib = sysconf(_SC_PAGESIZE) / 1024;
	if (!batch && (!isatty(0) || !isatty(1)))
		die_msg("not a terminal: use -b for batch mode");

	// No SA_RESTART: a signal must end the wait for a key at once.
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);

	if (!batch) {
		struct termios tio;

		if (tcgetattr(0, &saved_tio) < 0)
			die_sys("standard input");
		tio = saved_tio;
		// Keys arrive one by one, unechoed; Ctrl-C still sends SIGINT.
		tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tio.c_cc[VMIN] = 1;
		tio.c_cc[VTIME] = 0;
		if (tcsetattr(0, TCSADRAIN, &tio) < 0)
			die_sys("standard input");
		tio_saved = 1;
		window_size();
		out_str(&out_stdout, "\033[?25l\033[H\033[2J");
	}

	for (long n = 0; !stop_signal && (frames < 0 || n < frames); n++) {
		if (batch && n > 0)
			out_char(&out_stdout, '\n');
		frame();
		if (out_stdout.error)
			break;
		if (frames >= 0 && n + 1 >= frames)
			break;
		if (batch) {
			struct timespec wait = { (time_t)delay,
			                         (long)((delay - (double)(time_t)delay) * 1e9) };
			nanosleep(&wait, NULL);
			continue;
		}
		// Wait for a key or the next refresh, whichever comes first.
		struct pollfd key = { .fd = 0, .events = POLLIN };
		int ready = poll(&key, 1, (int)(delay * 1000));
		if (resized) {
			resized = 0;
			window_size();
			out_str(&out_stdout, "\033[2J");
		}
		if (ready <= 0)
			continue;
		char k;
		if (read(0, &k, 1) != 1)
			break;
		if (k == 'q')
			break;
		if (k == 'M')
			sort_by_memory = 1;
		else if (k == 'P')
			sort_by_memory = 0;
		else if (k == 'k')
			kill_prompt();
	}
	restore_terminal();
	free(last.pids);
	free(last.cpu_ticks);
	return finish(0);
}
