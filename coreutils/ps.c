/* ps - report process status (POSIX.1-2017 ps; STAT, VSZ, RSS as in procps). */
/*
 * Every process is a directory /proc/PID; ps reads each one's stat file
 * (state, parent, times, memory), its owner (the directory's uid) and its
 * command line. With no options it shows the processes on ps's own
 * terminal, as POSIX asks; -e shows all, -p chosen ones. The columns are
 * a list of fields from one table, so -f, -l and -o are just lists.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "ps [-efl] [-o FIELD[=HEADER],...] [-p PID,...]";

/* What is known about one process while its line is printed. */
struct process {
	struct proc_stat st;
	uid_t uid;
	char *cmdline;		/* NULL for kernel threads */
};

static long ticks_per_second;
static double uptime_seconds;
static unsigned long long mem_total_kib;
static long page_kib;

enum kind { PID, PPID, PGID, SID, USER, UID, STATE, STAT, TIME, VSZ, RSS,
	    TTY, COMM, ARGS, NICE, PRI, NLWP, PCPU, PMEM, ETIME, STIME, C };

/* The fields -o knows, by every name it accepts. */
static const struct field {
	const char *name;
	const char *header;
	enum kind kind;
	int width;		/* negative: left-aligned */
} fields[] = {
	{ "%cpu", "%CPU", PCPU, 4 },	{ "%mem", "%MEM", PMEM, 4 },
	{ "args", "COMMAND", ARGS, 0 },	{ "c", "C", C, 2 },
	{ "cmd", "CMD", ARGS, 0 },	{ "comm", "COMMAND", COMM, 0 },
	{ "command", "COMMAND", ARGS, 0 }, { "etime", "ELAPSED", ETIME, 11 },
	{ "ni", "NI", NICE, 3 },	{ "nice", "NI", NICE, 3 },
	{ "nlwp", "NLWP", NLWP, 4 },	{ "pcpu", "%CPU", PCPU, 4 },
	{ "pgid", "PGID", PGID, 5 },	{ "pid", "PID", PID, 5 },
	{ "pmem", "%MEM", PMEM, 4 },	{ "ppid", "PPID", PPID, 5 },
	{ "pri", "PRI", PRI, 3 },	{ "rss", "RSS", RSS, 6 },
	{ "s", "S", STATE, -1 },	{ "sid", "SID", SID, 5 },
	{ "stat", "STAT", STAT, -4 },	{ "stime", "STIME", STIME, -5 },
	{ "time", "TIME", TIME, 8 },	{ "tty", "TT", TTY, -8 },
	{ "uid", "UID", UID, 5 },	{ "user", "USER", USER, -8 },
	{ "vsz", "VSZ", VSZ, 7 },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* A column of the output: a field and the header it was given. */
struct column {
	const struct field *field;
	char *header;
};

static struct column *columns;
static size_t ncolumns;

static const struct field *
find_field(const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	}
	return NULL;
}

/*
 * Add the columns of LIST: names separated by commas or blanks. LIST is
 * copied first: cutting it up in place would change our own command line
 * as /proc shows it.
 */
static void
add_columns(const char *fields_text)
{
	char *list = xstrdup(fields_text);
	char *saved;

	for (char *name = strtok_r(list, ", ", &saved); name;
	     name = strtok_r(NULL, ", ", &saved)) {
		char *header = strchr(name, '=');
		const struct field *field;

		if (header)
			*header++ = '\0';
		field = find_field(name);
		if (!field)
			die_msg("%s: unknown field (try pid, user, stat, args...)", name);
		columns = xreallocarray(columns, ncolumns + 1, sizeof(*columns));
		columns[ncolumns].field = field;
		columns[ncolumns].header = xstrdup(header ? header : field->header);
		ncolumns++;
	}
	free(list);
}

/* Name the terminal with device number TTY_NR as /dev does. */
static void
tty_name(int tty_nr, char *name, size_t size)
{
	unsigned major = ((unsigned)tty_nr >> 8) & 0xfff;
	unsigned minor = ((unsigned)tty_nr & 0xff) | (((unsigned)tty_nr >> 12) & 0xfff00);

	if (tty_nr == 0)
		snprintf(name, size, "?");
	else if (major == 4 && minor < 64)
		snprintf(name, size, "tty%u", minor);
	else if (major == 4)
		snprintf(name, size, "ttyS%u", minor - 64);
	else if (major >= 136 && major <= 143)
		snprintf(name, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 5 && minor == 1)
		snprintf(name, size, "console");
	else
		snprintf(name, size, "%u,%u", major, minor);
}

/* Write SECONDS as [DD-]HH:MM:SS. */
static void
format_duration(unsigned long long seconds, char *text, size_t size)
{
	unsigned long long days = seconds / 86400;

	seconds %= 86400;
	if (days)
		snprintf(text, size, "%llu-%02llu:%02llu:%02llu", days,
		         seconds / 3600, seconds / 60 % 60, seconds % 60);
	else
		snprintf(text, size, "%02llu:%02llu:%02llu", seconds / 3600,
		         seconds / 60 % 60, seconds % 60);
}

static const char *
user_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		return pw->pw_name;
	snprintf(buf, size, "%u", (unsigned)uid);
	return buf;
}

/* Seconds the process has been running, at least a little. */
static double
elapsed(const struct process *p)
{
	double run = uptime_seconds - (double)p->st.start_time / (double)ticks_per_second;

	return run > 0.01 ? run : 0.01;
}

/* Write the value of FIELD for process P into TEXT. */
static const char *
field_text(enum kind kind, const struct process *p, char *text, size_t size)
{
	const struct proc_stat *st = &p->st;
	unsigned long long cpu_seconds = (st->utime + st->stime) / (unsigned long long)ticks_per_second;
	double cpu_share = (double)(st->utime + st->stime) / (double)ticks_per_second / elapsed(p);

	switch (kind) {
	case PID: snprintf(text, size, "%d", (int)st->pid); break;
	case PPID: snprintf(text, size, "%d", st->ppid); break;
	case PGID: snprintf(text, size, "%d", st->pgrp); break;
	case SID: snprintf(text, size, "%d", st->session); break;
	case UID: snprintf(text, size, "%u", (unsigned)p->uid); break;
	case USER: return user_name(p->uid, text, size);
	case STATE: snprintf(text, size, "%c", st->state); break;
	case STAT:
		snprintf(text, size, "%c%s%s%s%s", st->state,
		         st->nice < 0 ? "<" : st->nice > 0 ? "N" : "",
		         st->session == st->pid ? "s" : "",
		         st->num_threads > 1 ? "l" : "",
		         st->tty_nr && st->pgrp == st->tpgid ? "+" : "");
		break;
	case TIME: format_duration(cpu_seconds, text, size); break;
	case ETIME: format_duration((unsigned long long)elapsed(p), text, size); break;
	case STIME: {
		time_t started = time(NULL) - (time_t)elapsed(p);
		struct tm tm;

		localtime_r(&started, &tm);
		// Today's start as a time, an older one as a date.
		strftime(text, size, time(NULL) - started < 86400 ? "%H:%M" : "%b%d", &tm);
		break;
	}
	case VSZ: snprintf(text, size, "%lu", st->vsize / 1024); break;
	case RSS: snprintf(text, size, "%ld", st->rss * page_kib); break;
	case TTY: tty_name(st->tty_nr, text, size); break;
	case NICE: snprintf(text, size, "%ld", st->nice); break;
	case PRI: snprintf(text, size, "%ld", st->priority); break;
	case NLWP: snprintf(text, size, "%ld", st->num_threads); break;
	case PCPU: snprintf(text, size, "%.1f", cpu_share * 100); break;
	// As procps: C is a whole percentage, at most 99 to fit its column.
	case C: snprintf(text, size, "%d", cpu_share >= 0.99 ? 99 : (int)(cpu_share * 100)); break;
	case PMEM:
		snprintf(text, size, "%.1f", mem_total_kib ?
		         (double)(st->rss * page_kib) * 100 / (double)mem_total_kib : 0.0);
		break;
	case COMM: return st->comm;
	case ARGS:
		if (p->cmdline)
			return p->cmdline;
		// A kernel thread has no arguments: show its name in brackets.
		snprintf(text, size, "[%s]", st->comm);
		break;
	}
	return text;
}

/* Print one line: the headers when P is NULL, else P's fields. */
static void
print_line(const struct process *p, int width)
{
	int used = 0;

	for (size_t i = 0; i < ncolumns; i++) {
		const struct field *field = columns[i].field;
		char buf[256];
		const char *text = p ? field_text(field->kind, p, buf, sizeof(buf))
		                     : columns[i].header;
		int w = field->width < 0 ? -field->width : field->width;
		int len = (int)strlen(text);
		int last = i + 1 == ncolumns;

		if (i > 0) {
			out_char(&out_stdout, ' ');
			used++;
		}
		if (field->width > 0 && len < w) {
			out_printf(&out_stdout, "%*s", w - len, "");
			used += w - len;
		}
		// On a terminal the last column is cut to the window's width.
		if (last && width > 0 && used + len > width)
			len = width - used > 0 ? width - used : 0;
		out_write(&out_stdout, text, (size_t)len);
		used += len;
		if (field->width < 0 && !last && len < w) {
			out_printf(&out_stdout, "%*s", w - len, "");
			used += w - len;
		}
	}
	out_char(&out_stdout, '\n');
}

static int
wanted_pid(pid_t pid, const long *pids, size_t npids)
{
	for (size_t i = 0; i < npids; i++) {
		if (pids[i] == pid)
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int all = 0, full = 0, lng = 0;
	long *pids = NULL;
	size_t npids = 0, count;
	struct proc_stat self;
	struct meminfo mem;
	struct winsize ws;
	int width = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+Aaeflo:p:")) != -1) {
		switch (c) {
		case 'A':
		case 'a':
		case 'e':
			all = 1;
			break;
		case 'f':
			full = 1;
			break;
		case 'l':
			lng = 1;
			break;
		case 'o':
			add_columns(optarg);
			break;
		case 'p': {
			char *list = xstrdup(optarg);
			char *saved;

			for (char *word = strtok_r(list, ", ", &saved); word;
			     word = strtok_r(NULL, ", ", &saved)) {
				pids = xreallocarray(pids, npids + 1, sizeof(*pids));
				pids[npids++] = xparse_long(word, 1, 0x7fffffff, "-p");
			}
			free(list);
			break;
		}
		default:
			die_usage(usage);
		}
	}
	if (argv[optind])
		die_usage(usage);
	if (ncolumns == 0) {
		if (lng)
			add_columns(full ? "s,user,pid,ppid,c,pri,ni,vsz,rss,stime,tty=TTY,time,args=CMD"
			                 : "s,uid,pid,ppid,c,pri,ni,vsz,rss,tty=TTY,time,comm=CMD");
		else if (full)
			add_columns("user=UID,pid,ppid,c,stime,tty=TTY,time,args=CMD");
		else
			add_columns("pid,tty=TTY,time,comm=CMD");
	}

	ticks_per_second = sysconf(_SC_CLK_TCK);
	page_kib = sysconf(_SC_PAGESIZE) / 1024;
	if (proc_uptime(&uptime_seconds) < 0)
		die_sys("/proc/uptime");
	if (proc_meminfo(&mem) == 0)
		mem_total_kib = mem.total;
	if (proc_read_stat(getpid(), &self) < 0)
		die_sys("/proc/self/stat");
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0)
		width = ws.ws_col;

	int any_header = 0;
	for (size_t i = 0; i < ncolumns; i++)
		any_header |= columns[i].header[0] != '\0';
	if (any_header)
		print_line(NULL, width);

	pid_t *all_pids = proc_list_pids(&count);
	int found = 0;
	for (size_t i = 0; i < count; i++) {
		struct process p = { .cmdline = NULL };
		char path[64];
		struct stat info;

		if (npids && !wanted_pid(all_pids[i], pids, npids))
			continue;
		// A process may end while we look: then it is left out.
		if (proc_read_stat(all_pids[i], &p.st) < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d", (int)all_pids[i]);
		if (stat(path, &info) < 0)
			continue;
		p.uid = info.st_uid;
		// POSIX's default: this user's processes on this terminal.
		if (!all && !npids &&
		    (p.st.tty_nr != self.tty_nr || p.uid != geteuid()))
			continue;
		p.cmdline = proc_cmdline(all_pids[i]);
		print_line(&p, width);
		free(p.cmdline);
		found = 1;
	}
	free(all_pids);
	free(pids);
	for (size_t i = 0; i < ncolumns; i++)
		free(columns[i].header);
	free(columns);
	// As procps: asking for processes that are not there is a failure.
	return finish(npids && !found ? 1 : 0);
}
