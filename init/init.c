/* init.c - PID 1: boot, keep a console shell, reap, shut down (init(8)). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

#define SHELL "/bin/sh"
#define RC "/etc/rc"
#define RC_SHUTDOWN "/etc/rc.shutdown"

#define RESPAWN_MS 1000		/* at most one console shell a second */
#define RC_SHUTDOWN_MS 10000	/* how long /etc/rc.shutdown may take */
#define GRACE_MS 3000		/* from SIGTERM to SIGKILL */
#define KILL_WAIT_MS 2000	/* for SIGKILLed processes to go */

/*
 * init must never die, so it never calls anything that exits on failure
 * (xmalloc, die_*): every failure is a message and init goes on.
 */

static const struct mount_point {
	const char *dir;
	const char *type;
	unsigned long flags;
	const char *options;
} mount_points[] = {
	{ "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL },
	{ "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL },
	{ "/dev", "devtmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755" },
	{ "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
	  "ptmxmode=0666,mode=0620" },
	{ "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777" },
	{ "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777" },
	{ "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755" },
};

#define NMOUNTS (sizeof(mount_points) / sizeof(mount_points[0]))

static sigset_t handled;	/* the signals of the action table */
static sigset_t shutdown_signals;
static sigset_t sigchld_only;

static char term_var[64] = "TERM=linux";
static char *child_env[] = {
	"PATH=/bin:/sbin", "HOME=/root", "SHELL=" SHELL, term_var,
	"USER=root", "LOGNAME=root", NULL,
};

static pid_t script_pid;	/* /etc/rc or /etc/rc.shutdown, while it runs */
static const char *script_path;
static pid_t shell_pid;		/* the console shell, while it runs */
static long long shell_started;	/* when it was started, in ms */
static long long respawn_at;	/* no new console shell before this, in ms */
static int quick_exits;		/* console shells in a row that lived < 1 s */
static bool shutting_down;

static long long
now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/*
 * Wait for one of SET's signals until DEADLINE (ms, or -1 for ever).
 * Returns the signal, or 0 when the deadline has passed.
 */
static int
next_signal(const sigset_t *set, long long deadline)
{
	struct timespec timeout;
	long long left;
	int sig;

	for (;;) {
		if (deadline < 0) {
			sig = sigwaitinfo(set, NULL);
		} else {
			left = deadline - now_ms();
			if (left <= 0)
				return 0;
			timeout.tv_sec = left / 1000;
			timeout.tv_nsec = left % 1000 * 1000000;
			sig = sigtimedwait(set, NULL, &timeout);
		}
		if (sig > 0)
			return sig;
		if (errno == EAGAIN)
			return 0;
		if (errno != EINTR) {
			warn_sys("sigtimedwait");
			return 0;
		}
	}
}

/* ---- starting children ---- */

/*
 * In a new child, just before exec: give back what init keeps for itself.
 * init never installs a handler, so dispositions are still the defaults;
 * only the signal mask needs undoing.
 */
static void
exec_shell(char *const argv[])
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(SHELL, argv, child_env);
	warn_sys("%s", SHELL);
	_exit(127);
}

/*
 * Start "sh PATH" in its own session, reading and writing init's console.
 * Returns its pid, or 0 if it could not be started. A missing optional
 * script is skipped quietly.
 */
static pid_t
run_script(const char *path, bool optional)
{
	char *argv[] = { "sh", (char *)path, NULL };
	pid_t pid;

	if (access(path, F_OK) != 0) {
		if (!optional || errno != ENOENT)
			warn_sys("%s", path);
		return 0;
	}
	pid = fork();
	if (pid < 0) {
		warn_sys("%s: cannot start", path);
		return 0;
	}
	if (pid == 0) {
		setsid();
		exec_shell(argv);
	}
	script_path = path;
	return pid;
}

/*
 * Open the terminal behind the console. /dev/console itself cannot become
 * a controlling terminal, so find the real device: the last name listed in
 * /sys/class/tty/console/active (say "ttyS0").
 */
static int
open_console_tty(void)
{
	char names[256], path[64];
	char *name;
	ssize_t len;
	int fd;

	fd = open("/sys/class/tty/console/active", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		len = read_full(fd, names, sizeof(names) - 1);
		close(fd);
		if (len > 0) {
			while (len > 0 && (names[len - 1] == '\n' ||
			                   names[len - 1] == ' '))
				len--;
			names[len] = '\0';
			name = strrchr(names, ' ');
			name = name ? name + 1 : names;
			if (*name && !strchr(name, '/') &&
			    snprintf(path, sizeof(path), "/dev/%s", name) <
			            (int)sizeof(path)) {
				fd = open(path, O_RDWR | O_NOCTTY);
				if (fd >= 0)
					return fd;
				warn_sys("%s", path);
			}
		}
	}
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		warn_sys("/dev/console");
	return fd;
}

/*
 * Mark the new console session as a login of root, as login(1) does: the
 * kernel keeps the login uid for every process of the session, and
 * logname answers from it.
 */
static void
set_login_uid(void)
{
	int fd = open("/proc/self/loginuid", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;	// a kernel without audit has no login uids
	if (write_full(fd, "0", 1) < 0)
		warn_sys("/proc/self/loginuid");
	close(fd);
}

/* Greet a new console session with /etc/motd, as login(1) does. */
static void
show_motd(void)
{
	int fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		copy_fd(fd, 1);
		close(fd);
	}
}

/*
 * Start a login shell in a new session whose controlling terminal is the
 * console, so that ^C and ^Z reach the shell's jobs and never init.
 */
static void
start_shell(void)
{
	char *argv[] = { "-sh", NULL };
	pid_t pid;
	int fd;

	pid = fork();
	if (pid < 0) {
		warn_sys("console shell: cannot start");
		respawn_at = now_ms() + RESPAWN_MS;
		return;
	}
	if (pid > 0) {
		shell_pid = pid;
		shell_started = now_ms();
		return;
	}
	setsid();
	fd = open_console_tty();
	if (fd >= 0) {
		if (ioctl(fd, TIOCSCTTY, 0) < 0)
			warn_sys("console: cannot make controlling terminal");
		for (int i = 0; i < 3; i++)
			if (fd != i)
				dup2(fd, i);
		if (fd > 2)
			close(fd);
		if (tcsetpgrp(0, getpid()) < 0)
			warn_sys("console: tcsetpgrp");
	}
	// A login starts in $HOME; without /root, in /, where init is.
	if (chdir("/root") < 0 && errno != ENOENT)
		warn_sys("/root");
	set_login_uid();
	show_motd();
	exec_shell(argv);
}

/* ---- reaping ---- */

static void
report_status(const char *what, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		warn_msg("%s: exit status %d", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		warn_msg("%s: killed by signal %d", what, WTERMSIG(status));
}

static void
child_exited(pid_t pid, int status)
{
	long long now;

	if (pid == script_pid) {
		script_pid = 0;
		report_status(script_path, status);
	} else if (pid == shell_pid) {
		shell_pid = 0;
		if (shutting_down)
			return;
		now = now_ms();
		if (now - shell_started >= RESPAWN_MS) {
			quick_exits = 0;
			respawn_at = now;
			return;
		}
		// A shell that cannot start would otherwise spin the machine.
		respawn_at = shell_started + RESPAWN_MS;
		if (++quick_exits == 3)
			warn_msg("console shell keeps exiting; "
			         "retrying every second");
	}
	// Anything else is an orphan that init inherited: nothing to do.
}

/* Reap every child that has exited. Returns whether none is left at all. */
static bool
reap_children(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		child_exited(pid, status);
	return pid < 0 && errno == ECHILD;
}

/*
 * Reap for at most MS milliseconds, until the running script has ended
 * (SCRIPT) or until no child is left. Returns false on timeout.
 */
static bool
wait_children(long long ms, bool script)
{
	long long deadline = now_ms() + ms;

	for (;;) {
		if (reap_children() || (script && script_pid == 0))
			return true;
		// SIGCHLD stays pending until taken here, so none is lost.
		if (next_signal(&sigchld_only, deadline) == 0)
			return reap_children() || (script && script_pid == 0);
	}
}

/* ---- shutting down ---- */

/*
 * Unmount everything but the root, last mounted first, so that /dev/pts
 * goes before /dev. The table is read whole first: /proc goes too.
 */
static void
unmount_all(void)
{
	struct mounts mounts;
	size_t i;

	if (mounts_read(&mounts) < 0) {
		warn_sys("/proc/self/mounts");
		return;
	}
	for (i = mounts.count; i-- > 0;) {
		const char *dir = mounts.entry[i].dir;

		if (strcmp(dir, "/") == 0 || umount(dir) == 0)
			continue;
		// Busy: at least make sure nothing more is written to it.
		if (mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0)
			warn_sys("%s: cannot unmount or remount read-only", dir);
	}
	mounts_free(&mounts);
}

/*
 * The one way down: let /etc/rc.shutdown clean up, ask every process to
 * end, force those that will not, flush and unmount, then HOW (reboot(2)).
 * Each wait is bounded and ends as soon as there is nothing to wait for.
 */
static void
shut_down(int how)
{
	static const struct timespec no_wait;

	shutting_down = true;

	script_pid = run_script(RC_SHUTDOWN, true);
	if (script_pid && !wait_children(RC_SHUTDOWN_MS, true))
		warn_msg("%s: still running after %d s; going on", RC_SHUTDOWN,
		         RC_SHUTDOWN_MS / 1000);

	// An interactive shell ignores SIGTERM, but not a hangup.
	if (shell_pid) {
		kill(-shell_pid, SIGHUP);
		kill(-shell_pid, SIGCONT);
	}
	// kill(-1, ...) reaches every process but init itself. A stopped
	// process acts on SIGTERM only once continued.
	kill(-1, SIGTERM);
	kill(-1, SIGCONT);
	if (!wait_children(GRACE_MS, false)) {
		warn_msg("processes still running after %d s: killing them",
		         GRACE_MS / 1000);
		kill(-1, SIGKILL);
		wait_children(KILL_WAIT_MS, false);
	}

	sync();
	unmount_all();
	reboot(how);

	warn_sys("reboot: cannot shut down");
	// Still here: forget the signals that came meanwhile and carry on;
	// the main loop starts a new console shell.
	while (sigtimedwait(&shutdown_signals, NULL, &no_wait) > 0)
		;
	shutting_down = false;
}

/* ---- setup ---- */

static void
mount_filesystems(void)
{
	const struct mount_point *mp;

	for (mp = mount_points; mp < mount_points + NMOUNTS; mp++) {
		if (mkdir(mp->dir, 0755) < 0 && errno != EEXIST) {
			warn_sys("%s: cannot create", mp->dir);
			continue;
		}
		if (mount(mp->type, mp->dir, mp->type, mp->flags, mp->options) <
		    0)
			warn_sys("%s: cannot mount %s", mp->dir, mp->type);
	}
}

/* Without /dev/console in the initramfs the kernel gave init no stdio. */
static void
ensure_stdio(void)
{
	int fd;

	if (fcntl(2, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void
set_hostname(void)
{
	char name[256];
	ssize_t len;
	int fd;

	fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		// No /etc/hostname is a valid choice: the kernel's stays.
		if (errno != ENOENT)
			warn_sys("/etc/hostname");
		return;
	}
	len = read_full(fd, name, sizeof(name) - 1);
	close(fd);
	if (len < 0) {
		warn_sys("/etc/hostname");
		return;
	}
	name[len] = '\0';
	len = (ssize_t)strcspn(name, "\n");
	if (len > 0 && sethostname(name, (size_t)len) < 0)
		warn_sys("/etc/hostname: cannot set hostname");
}

static void
on_sigchld(int unused)
{
	(void)unused;
	reap_children();
}

static const struct action {
	int sig;
	void (*run)(int arg);
	int arg;
} actions[] = {
	{ SIGCHLD, on_sigchld, 0 },
	{ SIGUSR2, shut_down, RB_POWER_OFF },	/* poweroff */
	{ SIGUSR1, shut_down, RB_HALT_SYSTEM },	/* halt */
	{ SIGTERM, shut_down, RB_AUTOBOOT },	/* reboot */
	{ SIGINT, shut_down, RB_AUTOBOOT },	/* Ctrl-Alt-Del */
};

#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

int
main(int argc, char **argv)
{
	sigset_t all_signals;
	const char *term;
	size_t i;
	int sig;

	(void)argc;
	prog_init(argv[0]);
	if (getpid() != 1)
		die_msg("must be run as PID 1");

	// Signals wait, blocked, until the loop below takes them: init has
	// no handlers to interrupt it, and no signal can kill it.
	sigfillset(&all_signals);
	sigprocmask(SIG_BLOCK, &all_signals, NULL);
	sigemptyset(&handled);
	sigemptyset(&shutdown_signals);
	sigemptyset(&sigchld_only);
	sigaddset(&sigchld_only, SIGCHLD);
	for (i = 0; i < NACTIONS; i++) {
		sigaddset(&handled, actions[i].sig);
		if (actions[i].run == shut_down)
			sigaddset(&shutdown_signals, actions[i].sig);
	}

	// init belongs to no terminal: only the console shell's session does.
	setsid();
	if (chdir("/") < 0)
		warn_sys("/");
	mount_filesystems();
	ensure_stdio();
	set_hostname();
	// Ctrl-Alt-Del now sends init SIGINT instead of rebooting at once.
	if (reboot(RB_DISABLE_CAD) < 0)
		warn_sys("cannot disable Ctrl-Alt-Del");

	term = getenv("TERM");
	if (term && *term && strlen(term) < sizeof(term_var) - 5)
		snprintf(term_var, sizeof(term_var), "TERM=%s", term);

	script_pid = run_script(RC, false);

	for (;;) {
		long long deadline = -1;

		// The console shell waits for /etc/rc to finish.
		if (!script_pid && !shell_pid) {
			if (now_ms() >= respawn_at)
				start_shell();
			else
				deadline = respawn_at;
		}
		sig = next_signal(&handled, deadline);
		for (i = 0; i < NACTIONS; i++)
			if (actions[i].sig == sig)
				actions[i].run(actions[i].arg);
	}
}
