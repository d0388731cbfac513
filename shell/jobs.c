/*
 * jobs.c - jobs: the table of background and stopped jobs, process groups
 * and the terminal (POSIX XCU 2.9.3.1 Asynchronous Lists, 2.11 Job
 * Control, jobs, fg, bg, wait; XBD 11 General Terminal Interface).
 *
 * A job is what one command line item starts: a pipeline, a single
 * program, a subshell, or anything run with '&'. With job control (set
 * -m, the default in an interactive shell on a terminal) every job has a
 * process group of its own, the first process's pid, and the terminal
 * belongs to one group at a time: the foreground job's, or the shell's.
 * The terminal then sends Ctrl-C, Ctrl-\ and Ctrl-Z to the foreground
 * job only. Without job control, jobs are only the shell's record of its
 * '&' children, for wait and jobs.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

/* A shell that never prints notices keeps this many finished jobs, so
 * that a later wait can still give their status. */
#define MAX_DONE_KEPT 64

enum proc_state {
	PROC_RUNNING,
	PROC_STOPPED,
	PROC_DONE,
};

struct proc {
	pid_t pid;
	enum proc_state state;
	int status; /* PROC_DONE: as waitpid gave it; PROC_STOPPED: the signal */
};

struct job {
	int id;           /* [N]; 0 until it enters the table */
	pid_t owner;      /* the shell that started it: its parent */
	pid_t pgid;       /* its process group; 0 without job control */
	struct proc *procs;
	size_t n_procs;
	char *text;       /* the command, as jobs shows it */
	int async;        /* started with '&' */
	int foreground;   /* owns the terminal while it runs */
	int notified;     /* its present state was reported */
	unsigned long used; /* when it last became the current job */
	int has_modes;    /* stopped: MODES holds its terminal settings */
	struct termios modes;
};

static struct job **job_table;
static size_t n_jobs;
static unsigned long use_clock;

/* The foreground job being waited for, which is not in the table. */
static struct job *waited_job;

/* The terminal while job control is on: a descriptor of our own. */
static int tty_fd = -1;
static pid_t shell_pgid;
static struct termios shell_modes;
static int have_shell_modes;
/* Until the prompt after next: exit was refused once for stopped jobs. */
static int exit_warned;

static enum proc_state job_state(const struct job *job);

/* ---- the terminal ---- */

int
job_control_on(void)
{
	return shell.options[OPT_MONITOR] && !shell.subshell &&
	       (tty_fd >= 0 || jobs_init() == 0);
}

/* Give the terminal to process group PGID. */
static void
give_terminal(pid_t pgid)
{
	// The shell is in the background when it takes the terminal back:
	// it ignores SIGTTOU, so tcsetpgrp is allowed (XBD 11.1.4).
	tcsetpgrp(tty_fd, pgid);
}

/*
 * Take the terminal back after a foreground job. A job that stopped
 * keeps its terminal settings for fg to restore; one that a signal
 * killed may have left the terminal in any state, so the shell's own go
 * back. A job that ended normally changed them on purpose (stty).
 */
static void
take_terminal_back(struct job *job, int stopped, int killed)
{
	give_terminal(shell_pgid);
	if (stopped) {
		job->has_modes = tcgetattr(tty_fd, &job->modes) == 0;
	}
	if (!have_shell_modes)
		return;
	if (stopped || killed)
		tcsetattr(tty_fd, TCSADRAIN, &shell_modes);
	else
		have_shell_modes = tcgetattr(tty_fd, &shell_modes) == 0;
}

static void
job_signals(void (*action)(int))
{
	signal(SIGTSTP, action);
	signal(SIGTTIN, action);
	signal(SIGTTOU, action);
}

/* The shell gives the terminal back to whoever had it, at exit. */
static pid_t original_pgid;

static void
give_back_terminal(void)
{
	if (getpid() != shell.pid || tty_fd < 0)
		return;
	// Stopped jobs would stay stopped for good: wake them to their
	// SIGHUP, as the kernel does for an orphaned process group.
	for (size_t i = 0; i < n_jobs; i++) {
		if (job_table[i]->pgid > 0 &&
		    job_state(job_table[i]) == PROC_STOPPED) {
			kill(-job_table[i]->pgid, SIGHUP);
			kill(-job_table[i]->pgid, SIGCONT);
		}
	}
	if (original_pgid != shell_pgid && setpgid(0, original_pgid) == 0)
		give_terminal(original_pgid);
}

int
jobs_init(void)
{
	static int atexit_done;
	pid_t fg;

	// An interactive shell on a terminal has job control unless -m
	// or +m said otherwise (2.14 set, -m).
	if (shell.options[OPT_MONITOR] == MONITOR_UNSET)
		shell.options[OPT_MONITOR] =
		        (char)(shell.interactive && isatty(0));
	if (!shell.options[OPT_MONITOR] || tty_fd >= 0)
		return 0;
	tty_fd = isatty(0) ? fcntl(0, F_DUPFD_CLOEXEC, 10) : -1;
	if (tty_fd < 0) {
		errno = ENOTTY;
		goto fail;
	}
	// Started in the background, the shell waits to be brought to
	// the foreground before it takes the terminal: SIGTTIN stops it
	// until then, as reading would.
	signal(SIGTTIN, SIG_DFL);
	while ((fg = tcgetpgrp(tty_fd)) != getpgrp()) {
		if (fg < 0)
			goto fail;
		kill(-getpgrp(), SIGTTIN);
	}
	job_signals(SIG_IGN);
	original_pgid = getpgrp();
	shell_pgid = getpid();
	if (original_pgid != shell_pgid && setpgid(0, shell_pgid) < 0)
		goto fail;
	give_terminal(shell_pgid);
	have_shell_modes = tcgetattr(tty_fd, &shell_modes) == 0;
	if (!atexit_done++)
		atexit(give_back_terminal);
	return 0;
fail:
	warn_sys("no job control");
	if (tty_fd >= 0)
		close(tty_fd);
	tty_fd = -1;
	shell.options[OPT_MONITOR] = 0;
	return -1;
}

void
jobs_default_signals(void)
{
	// Only for exec in the shell itself: a job's processes did this
	// already, and other children (a command substitution) keep
	// ignoring Ctrl-Z, which could only stop them for good.
	if (tty_fd >= 0 && !shell.subshell)
		job_signals(SIG_DFL);
}

/* ---- the table ---- */

static enum proc_state
job_state(const struct job *job)
{
	enum proc_state state = PROC_DONE;

	for (size_t i = 0; i < job->n_procs; i++) {
		if (job->procs[i].state == PROC_RUNNING)
			return PROC_RUNNING;
		if (job->procs[i].state == PROC_STOPPED)
			state = PROC_STOPPED;
	}
	return state;
}

static int
exit_status(int raw)
{
	if (WIFSIGNALED(raw))
		return 128 + WTERMSIG(raw);
	return WEXITSTATUS(raw);
}

/* $? after the job: the last command's status, or with pipefail the
 * last one that failed. */
static int
job_status(const struct job *job)
{
	int status = 0, failed = 0;

	for (size_t i = 0; i < job->n_procs; i++) {
		const struct proc *proc = &job->procs[i];

		status = proc->state == PROC_STOPPED ? 128 + proc->status
		                                     : exit_status(proc->status);
		if (status)
			failed = status;
	}
	return shell.options[OPT_PIPEFAIL] && failed ? failed : status;
}

struct job *
job_new(char *text, int async)
{
	struct job *job = xcalloc(1, sizeof(*job));

	job->text = text;
	job->async = async;
	job->owner = getpid();
	if (job_control_on()) {
		job->foreground = !async;
		job->pgid = -1; // the first process's pid, once it is known
	}
	return job;
}

void
job_free(struct job *job)
{
	free(job->procs);
	free(job->text);
	free(job);
}

int
job_is_async(const struct job *job)
{
	return job->async;
}

static void
make_current(struct job *job)
{
	job->used = ++use_clock;
}

/* Put JOB in the table, with the next number after the highest. */
static void
table_add(struct job *job)
{
	int id = 0;

	for (size_t i = 0; i < n_jobs; i++)
		if (job_table[i]->id > id)
			id = job_table[i]->id;
	job->id = id + 1;
	job_table = xreallocarray(job_table, n_jobs + 1, sizeof(*job_table));
	job_table[n_jobs++] = job;
	make_current(job);
}

static void
table_remove(struct job *job)
{
	for (size_t i = 0; i < n_jobs; i++) {
		if (job_table[i] == job) {
			memmove(&job_table[i], &job_table[i + 1],
			        (n_jobs - i - 1) * sizeof(*job_table));
			n_jobs--;
			break;
		}
	}
	job_free(job);
}

/*
 * The current job (%+) and the previous one (%-), as fg and bg choose
 * them: a stopped job before a running one, and the most recently
 * stopped or started first (POSIX jobs, "current job").
 */
static struct job *
ranked_job(int rank)
{
	struct job *best[2] = {NULL, NULL};

	for (size_t i = 0; i < n_jobs; i++) {
		struct job *job = job_table[i];
		int stopped = job_state(job) == PROC_STOPPED;

		for (int r = 0; r < 2; r++) {
			struct job *other = best[r];
			int other_stopped =
			        other && job_state(other) == PROC_STOPPED;

			if (!other || stopped > other_stopped ||
			    (stopped == other_stopped &&
			     job->used > other->used)) {
				if (r == 0)
					best[1] = best[0];
				best[r] = job;
				break;
			}
		}
	}
	return best[rank];
}

static char
current_mark(const struct job *job)
{
	if (job == ranked_job(0))
		return '+';
	if (job == ranked_job(1))
		return '-';
	return ' ';
}

/* Record that child PID changed state, as waitpid reported it in RAW. */
static void
record(pid_t pid, int raw)
{
	for (size_t i = 0; i <= n_jobs; i++) {
		struct job *job = i < n_jobs ? job_table[i] : waited_job;

		for (size_t k = 0; job && k < job->n_procs; k++) {
			struct proc *proc = &job->procs[k];

			if (proc->pid != pid)
				continue;
			if (WIFSTOPPED(raw)) {
				proc->state = PROC_STOPPED;
				proc->status = WSTOPSIG(raw);
			} else if (WIFCONTINUED(raw)) {
				proc->state = PROC_RUNNING;
			} else {
				proc->state = PROC_DONE;
				proc->status = raw;
			}
			job->notified = 0;
			return;
		}
	}
}

/*
 * A subshell inherits the table, so that "jobs -p" works in $(...), but
 * the jobs are its parent's children: it cannot wait for them.
 */
static int
is_ours(const struct job *job)
{
	return job->owner == getpid();
}

/* Which changes waitpid should report: stops too, with job control. */
static int
wait_flags(void)
{
	return tty_fd >= 0 && !shell.subshell ? WUNTRACED | WCONTINUED : 0;
}

/*
 * Wait for one child to change state, and record it. Returns 0, or -1
 * with errno: EINTR when a signal came, ECHILD when there are no
 * children left (then every process still thought running is done).
 */
static int
wait_one(int flags)
{
	int raw;
	pid_t pid = waitpid(-1, &raw, flags | wait_flags());

	if (pid > 0) {
		record(pid, raw);
		return 0;
	}
	if (pid < 0 && errno == ECHILD) {
		for (size_t i = 0; i <= n_jobs; i++) {
			struct job *job = i < n_jobs ? job_table[i] : waited_job;

			if (job && !is_ours(job))
				continue;
			for (size_t k = 0; job && k < job->n_procs; k++) {
				if (job->procs[k].state != PROC_DONE) {
					job->procs[k].state = PROC_DONE;
					job->procs[k].status = 127 << 8;
				}
			}
		}
		errno = ECHILD;
	}
	return -1;
}

void
reap_background(void)
{
	size_t done = 0;

	while (wait_one(WNOHANG) == 0)
		;
	if (shell.interactive)
		return;
	// Nothing reports finished jobs here: keep the newest few.
	for (size_t i = n_jobs; i-- > 0;) {
		if (job_state(job_table[i]) == PROC_DONE &&
		    ++done > MAX_DONE_KEPT)
			table_remove(job_table[i]);
	}
}

/* ---- starting jobs ---- */

void
job_child(struct job *job)
{
	pid_t pgid;

	if (!job || job->pgid == 0)
		return;
	// Here as well as in the parent: whichever runs first, the group
	// exists before the program starts and before the shell waits.
	pgid = job->pgid > 0 ? job->pgid : getpid();
	setpgid(0, pgid);
	// Still ignoring SIGTTOU, which a background process asking for
	// the terminal would get.
	if (job->foreground)
		give_terminal(pgid);
	job_signals(SIG_DFL);
}

void
job_add_process(struct job *job, pid_t pid)
{
	job->procs = xreallocarray(job->procs, job->n_procs + 1,
	                           sizeof(*job->procs));
	job->procs[job->n_procs].pid = pid;
	job->procs[job->n_procs].state = PROC_RUNNING;
	job->procs[job->n_procs++].status = 0;
	if (job->pgid == 0)
		return;
	// Only the process group, as in job_child: the terminal is given
	// by the child, once its signals are ready for what it may send.
	if (job->pgid < 0)
		job->pgid = pid;
	setpgid(pid, job->pgid);
}

void
job_started_async(struct job *job)
{
	table_add(job);
	if (shell.interactive) {
		char line[64];
		int len = snprintf(line, sizeof(line), "[%d] %ld\n", job->id,
		                   (long)job->procs[job->n_procs - 1].pid);

		write_full(2, line, (size_t)len);
	}
}

/* ---- reporting ---- */

/* The state as jobs shows it: "Running", "Done", "Exit 3", "Killed"... */
static void
state_text(const struct job *job, char *buf, size_t size)
{
	const struct proc *last = &job->procs[job->n_procs - 1];
	int status;

	switch (job_state(job)) {
	case PROC_RUNNING:
		snprintf(buf, size, "Running");
		return;
	case PROC_STOPPED:
		snprintf(buf, size, "Stopped");
		return;
	case PROC_DONE:
		break;
	}
	if (WIFSIGNALED(last->status)) {
		snprintf(buf, size, "%s%s", strsignal(WTERMSIG(last->status)),
		         WCOREDUMP(last->status) ? " (core dumped)" : "");
		return;
	}
	status = job_status(job);
	if (status)
		snprintf(buf, size, "Exit %d", status);
	else
		snprintf(buf, size, "Done");
}

/* One line of jobs: "[1]+  Running                 sleep 10 &". */
static void
print_job(struct out *out, struct job *job, int with_pid)
{
	char state[64];
	int running = job_state(job) == PROC_RUNNING;

	state_text(job, state, sizeof(state));
	out_printf(out, "[%d]%c ", job->id, current_mark(job));
	if (with_pid)
		out_printf(out, "%ld ", (long)(job->pgid > 0 ? job->pgid
		                                             : job->procs[0].pid));
	else
		out_char(out, ' ');
	out_printf(out, "%-24s%s%s\n", state, job->text,
	           running && job->async ? " &" : "");
	job->notified = 1;
}

/* Write to stderr what print_job writes. */
static void
notice(struct job *job)
{
	static struct out err;

	out_init(&err, 2);
	print_job(&err, job, 0);
	out_flush(&err);
}

void
jobs_notify(void)
{
	if (exit_warned)
		exit_warned--;
	for (size_t i = 0; i < n_jobs;) {
		struct job *job = job_table[i];
		enum proc_state state = job_state(job);

		if (!job->notified && state != PROC_RUNNING)
			notice(job);
		if (state == PROC_DONE)
			table_remove(job);
		else
			i++;
	}
}

int
jobs_refuse_exit(void)
{
	int stopped = 0;

	reap_background();
	for (size_t i = 0; i < n_jobs; i++)
		if (job_state(job_table[i]) == PROC_STOPPED)
			stopped = 1;
	if (!stopped || exit_warned)
		return 0;
	warn_msg("you have stopped jobs");
	// The next prompt's jobs_notify makes it 1: exit at that prompt
	// goes through; one more prompt and the warning comes again.
	exit_warned = 2;
	return 1;
}

/* ---- waiting ---- */

/*
 * A foreground job was killed by a signal: say so, as other shells do,
 * except for SIGINT, which the user sent, and SIGPIPE, the quiet end of
 * a pipeline's writer.
 */
void
report_signal(int raw)
{
	struct strbuf message = {0};
	int sig;

	if (!WIFSIGNALED(raw))
		return;
	sig = WTERMSIG(raw);
	if (sig == SIGINT || sig == SIGPIPE)
		return;
	strbuf_adds(&message, strsignal(sig));
	if (WCOREDUMP(raw))
		strbuf_adds(&message, " (core dumped)");
	strbuf_addc(&message, '\n');
	write_full(2, message.s, message.len);
	strbuf_free(&message);
}

int
job_wait(struct job *job)
{
	enum proc_state state;
	int status, killed = 0;

	if (job->id == 0)
		waited_job = job;
	while (job_state(job) == PROC_RUNNING) {
		if (wait_one(0) < 0 && errno == ECHILD)
			break;
	}
	waited_job = NULL;
	state = job_state(job);
	for (size_t i = 0; i < job->n_procs; i++)
		if (job->procs[i].state == PROC_DONE &&
		    WIFSIGNALED(job->procs[i].status))
			killed = 1;
	if (job->pgid > 0 && job->foreground)
		take_terminal_back(job, state == PROC_STOPPED, killed);
	job->foreground = 0;
	status = job_status(job);
	if (state == PROC_STOPPED) {
		if (job->id == 0)
			table_add(job);
		else
			make_current(job);
		write_full(2, "\n", 1);
		notice(job);
		if (shell.interactive)
			shell.unwind = UNWIND_INTR;
		return status;
	}
	// Once for the job, not for each process the signal reached.
	for (size_t i = job->n_procs; i-- > 0;) {
		if (WIFSIGNALED(job->procs[i].status)) {
			report_signal(job->procs[i].status);
			break;
		}
	}
	// A trap on SIGINT runs when Ctrl-C ended the job: with job
	// control the signal went to the job alone, not to the shell.
	if (status == 128 + SIGINT && job->pgid > 0)
		trap_signal_arrived(SIGINT);
	if (job->id)
		table_remove(job);
	else
		job_free(job);
	return status;
}

/*
 * Wait until JOB ends (or stops). Returns its status, or 128 plus the
 * signal when a trapped signal, or Ctrl-C in an interactive shell, broke
 * the wait off (wait).
 */
static int
wait_until_done(struct job *job, int remove)
{
	int status;

	if (!is_ours(job))
		return 127;
	while (job_state(job) == PROC_RUNNING) {
		if (wait_one(0) == 0 || errno == ECHILD)
			continue;
		if (trap_pending)
			return 128 + trap_first_pending();
		if (sigint_seen && shell.interactive) {
			write_full(2, "\n", 1);
			shell.unwind = UNWIND_INTR;
			return 128 + SIGINT;
		}
	}
	status = job_status(job);
	if (remove && job_state(job) == PROC_DONE)
		table_remove(job);
	return status;
}

int
wait_background(pid_t pid)
{
	if (pid == 0) {
		for (size_t i = 0; i < n_jobs; i++) {
			struct job *job = job_table[i];

			if (job_state(job) != PROC_RUNNING || !is_ours(job))
				continue;
			int status = wait_until_done(job, 0);
			if (job_state(job) == PROC_RUNNING)
				return status;
		}
		// All are known to be done now: nothing more to tell.
		for (size_t i = n_jobs; i-- > 0;)
			if (job_state(job_table[i]) == PROC_DONE)
				table_remove(job_table[i]);
		return 0;
	}
	for (size_t i = 0; i < n_jobs; i++) {
		struct job *job = job_table[i];

		for (size_t k = 0; k < job->n_procs; k++) {
			if (job->procs[k].pid != pid)
				continue;
			if (!is_ours(job))
				return 127;
			if (k + 1 == job->n_procs)
				return wait_until_done(job, 1);
			// A process inside a pipeline: its own status.
			while (job->procs[k].state == PROC_RUNNING) {
				if (wait_one(0) < 0 && errno != ECHILD &&
				    trap_pending)
					return 128 + trap_first_pending();
			}
			return exit_status(job->procs[k].status);
		}
	}
	return 127;
}

/* ---- job specs: %1 %+ %% %- %string %?string ---- */

struct job *
job_find(const char *who, const char *spec)
{
	struct job *found = NULL;
	const char *rest = spec + 1;
	long id;

	if (spec[0] != '%') {
		warn_msg("%s: %s: no such job", who, spec);
		return NULL;
	}
	if (!*rest || strcmp(rest, "%") == 0 || strcmp(rest, "+") == 0) {
		found = ranked_job(0);
	} else if (strcmp(rest, "-") == 0) {
		found = ranked_job(1);
	} else if (parse_long(rest, 10, 1, INT_MAX, &id) == 0) {
		for (size_t i = 0; i < n_jobs; i++)
			if (job_table[i]->id == id)
				found = job_table[i];
	} else {
		int anywhere = rest[0] == '?';
		const char *want = rest + anywhere;

		for (size_t i = 0; i < n_jobs; i++) {
			const char *text = job_table[i]->text;

			if (anywhere ? !strstr(text, want)
			             : strncmp(text, want, strlen(want)) != 0)
				continue;
			if (found) {
				warn_msg("%s: %s: ambiguous job", who, spec);
				return NULL;
			}
			found = job_table[i];
		}
	}
	if (!found)
		warn_msg("%s: %s: no such job", who, spec);
	return found;
}

int
job_kill(struct job *job, int sig)
{
	int stopped = job_state(job) == PROC_STOPPED;

	if (job->pgid > 0) {
		if (kill(-job->pgid, sig) < 0)
			return -1;
	} else {
		for (size_t i = 0; i < job->n_procs; i++)
			if (job->procs[i].state != PROC_DONE &&
			    kill(job->procs[i].pid, sig) < 0)
				return -1;
	}
	// A stopped process only acts on most signals once it runs again.
	if (stopped && sig != SIGKILL && sig != SIGCONT && sig != SIGSTOP &&
	    sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU && sig != 0) {
		job_kill(job, SIGCONT);
		return 0;
	}
	// Running again: a wait that follows waits for it to end.
	if (sig == SIGCONT) {
		for (size_t i = 0; i < job->n_procs; i++)
			if (job->procs[i].state == PROC_STOPPED)
				job->procs[i].state = PROC_RUNNING;
		job->notified = 0;
	}
	return 0;
}

int
job_wait_spec(const char *spec)
{
	struct job *job = job_find("wait", spec);

	return job ? wait_until_done(job, 1) : 127;
}

/* ---- the builtins ---- */

/* The job SPEC names, or the current one; NULL after a message. */
static struct job *
chosen_job(const char *who, const char *spec)
{
	struct job *job;

	if (spec)
		return job_find(who, spec);
	job = ranked_job(0);
	if (!job)
		warn_msg("%s: no current job", who);
	return job;
}

/* Was JOB started with job control, in a process group of its own? */
static int
controlled(const char *who, const struct job *job)
{
	if (job->pgid > 0)
		return 1;
	warn_msg("%s: job %d was started without job control", who, job->id);
	return 0;
}

/* Let JOB run again, in the foreground or in the background. */
static void
continue_job(struct job *job, int foreground)
{
	for (size_t i = 0; i < job->n_procs; i++)
		if (job->procs[i].state == PROC_STOPPED)
			job->procs[i].state = PROC_RUNNING;
	job->notified = 0;
	make_current(job);
	if (foreground) {
		job->foreground = 1;
		if (job->has_modes)
			tcsetattr(tty_fd, TCSADRAIN, &job->modes);
		give_terminal(job->pgid);
	}
	kill(-job->pgid, SIGCONT);
}

/* fg [job]: continue a job in the foreground and wait for it. */
int
bi_fg(int argc, char **argv)
{
	struct job *job;
	int status;

	if (argc > 2)
		return builtin_usage("fg [job]");
	if (!job_control_on()) {
		warn_msg("fg: no job control");
		return 1;
	}
	job = chosen_job("fg", argv[1]);
	if (!job || !controlled("fg", job))
		return 1;
	if (job_state(job) == PROC_DONE) {
		status = job_status(job);
		table_remove(job);
		return status;
	}
	out_printf(&out_stdout, "%s\n", job->text);
	out_flush(&out_stdout);
	continue_job(job, 1);
	return foreground_done(job_wait(job));
}

/* bg [job...]: continue stopped jobs in the background. */
int
bi_bg(int argc, char **argv)
{
	int status = 0;

	if (!job_control_on()) {
		warn_msg("bg: no job control");
		return 1;
	}
	for (int i = 1; i < argc || i == 1; i++) {
		struct job *job = chosen_job("bg", argv[i]);

		if (!job || !controlled("bg", job)) {
			status = 1;
		} else if (job_state(job) != PROC_STOPPED) {
			warn_msg("bg: job %d is not stopped", job->id);
		} else {
			job->async = 1;
			continue_job(job, 0);
			out_printf(&out_stdout, "[%d]%c %s &\n", job->id,
			           current_mark(job), job->text);
		}
		if (argc == 1)
			break;
	}
	return status;
}

/* jobs [-l | -p] [job...]: the jobs and their states. */
int
bi_jobs(int argc, char **argv)
{
	int c, with_pid = 0, pid_only = 0, status = 0;
	struct job **listed;
	size_t n_listed = 0;

	while ((c = getopt(argc, argv, "lp")) != -1) {
		if (c == 'l')
			with_pid = 1;
		else if (c == 'p')
			pid_only = 1;
		else
			return builtin_usage("jobs [-l | -p] [job...]");
	}
	reap_background();
	listed = xcalloc(n_jobs + (size_t)(argc - optind) + 1, sizeof(*listed));
	if (optind == argc) {
		memcpy(listed, job_table, n_jobs * sizeof(*listed));
		n_listed = n_jobs;
	}
	for (int i = optind; i < argc; i++) {
		listed[n_listed] = job_find("jobs", argv[i]);
		if (listed[n_listed])
			n_listed++;
		else
			status = 1;
	}
	for (size_t i = 0; i < n_listed; i++) {
		struct job *job = listed[i];

		if (pid_only)
			out_printf(&out_stdout, "%ld\n",
			           (long)(job->pgid > 0 ? job->pgid
			                                : job->procs[0].pid));
		else
			print_job(&out_stdout, job, with_pid);
	}
	free(listed);
	// Finished jobs, once listed, have been reported.
	for (size_t i = n_jobs; i-- > 0;)
		if (job_table[i]->notified &&
		    job_state(job_table[i]) == PROC_DONE)
			table_remove(job_table[i]);
	return status;
}
