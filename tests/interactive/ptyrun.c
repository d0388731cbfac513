/*
 * ptyrun.c - run a program on a pseudo-terminal and check a scripted
 * session against it, as a person at a keyboard would (pty(7),
 * posix_openpt(3), POSIX XBD 11 "General Terminal Interface").
 *
 *   ptyrun [-v] SESSION
 *
 * A session is one step per line; blank lines and lines starting with '#'
 * are ignored. A step is a keyword and its arguments, separated by single
 * spaces; a TEXT argument is the rest of the line, spaces included, with
 * the escapes \r \n \t \e (ESC) \\ \xHH and \^ (a '^'), and ^X for the
 * control character X (^C is 0x03, ^[ is ESC, ^? is DEL, ^\ or ^\\ is
 * 0x1c). So "^U" in a TEXT is Ctrl-U: write "\^U" for the two characters.
 *
 *   env NAME=VALUE         add to the program's environment (before spawn)
 *   size COLS ROWS         terminal size; after spawn the program gets
 *                          SIGWINCH from the kernel
 *   file NAME TEXT         create a file in the temporary HOME
 *   mkdir NAME             create a directory in the temporary HOME
 *   spawn PROGRAM ARGS...  start it; $SH is replaced by the variable SH
 *   send TEXT              type TEXT
 *   expect TEXT            wait until TEXT is printed after the last match
 *   expect-re REGEX        the same with an extended regex; only \r \n \t
 *                          \e and \xHH are decoded, the rest is the regex's
 *   reject TEXT            fail if TEXT was printed after the last match
 *                          (once output has been read for 0.3 s more)
 *   timeout SECONDS        how long expect and the waits below wait (5)
 *   sleep SECONDS          pause, reading output meanwhile
 *   fg-is-shell            wait until the program's process group owns the
 *                          terminal (tcgetpgrp on the master)
 *   fg-is-not-shell        wait until another process group owns it
 *   exit STATUS            wait for the program to exit with STATUS, a
 *                          number or a signal name (SIGKILL)
 *
 * The program runs in a new session with the pty as its controlling
 * terminal, default signal dispositions and an empty signal mask, in a
 * fresh temporary directory that is also its HOME. Its environment is PATH
 * (ours), HOME, TERM=vt100, PS1='$ ', the sanitizers' *SAN_OPTIONS if set,
 * and the env lines. The first failing step is reported as
 * "SESSION:LINE: STEP: why" with the end of what the program printed, and
 * ptyrun exits 1; after the last step it kills whatever is left of the
 * program's session and exits 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "ptyrun [-v] SESSION";

/* How much of the transcript a failure shows. */
#define TAIL_BYTES 2000

/* Everything about the run of one session. */
struct run {
	const char *session; /* its file name, for messages */
	int line;            /* the line of the step running now */
	const char *step;    /* that step's text, for messages */
	int verbose;
	double timeout;      /* seconds expect and the waits wait */
	char *home;          /* the temporary HOME and working directory */
	char **env;          /* the program's environment, NULL-terminated */
	size_t env_len;
	struct winsize size;
	int master;          /* -1 before spawn */
	pid_t child;         /* 0 before spawn, and after it was reaped */
	int output_ended;    /* the slave side is closed: no more output */
	char *transcript;    /* everything the program wrote, NUL-terminated */
	size_t transcript_len;
	size_t transcript_cap;
	size_t match_end;    /* where the next expect starts looking */
};

static void cleanup(struct run *run);

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write BYTES so that control characters can be seen: \r \n \e \xHH. */
static void
write_escaped(const char *bytes, size_t len)
{
	// Static: out_init allocates the buffer only for a writer that has
	// none, so it must start zeroed.
	static struct out err;

	out_init(&err, 2);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)bytes[i];

		if (c == '\n')
			out_str(&err, "\\n\n");
		else if (c == '\r')
			out_str(&err, "\\r");
		else if (c == 033)
			out_str(&err, "\\e");
		else if (c == '\\')
			out_str(&err, "\\\\");
		else if (c < 0x20 || c >= 0x7f)
			out_printf(&err, "\\x%02x", c);
		else
			out_char(&err, (char)c);
	}
	out_char(&err, '\n');
	out_flush(&err);
}

/* Report the failing step with the end of the transcript, and exit 1. */
static _Noreturn void MINI_PRINTF(2, 3)
fail(struct run *run, const char *fmt, ...)
{
	size_t start = 0;
	va_list ap;

	fprintf(stderr, "%s:%d: %s: ", run->session, run->line,
	        run->step ? run->step : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (run->transcript_len > TAIL_BYTES)
		start = run->transcript_len - TAIL_BYTES;
	fprintf(stderr, "\n--- the last %zu bytes printed (the last match "
	        "ended at byte %zu of %zu) ---\n",
	        run->transcript_len - start, run->match_end,
	        run->transcript_len);
	fflush(stderr);
	write_escaped(run->transcript + start, run->transcript_len - start);
	cleanup(run);
	exit(1);
}

/* ---- reading the program's output ---- */

/*
 * Read what the program writes until DEADLINE, or only until something
 * arrives when UNTIL_SOME. Returns 1 if output arrived, 0 if not.
 */
static int
read_output(struct run *run, double deadline, int until_some)
{
	int got = 0;

	for (;;) {
		double left = deadline - now();
		struct pollfd pfd = {.fd = run->master, .events = POLLIN};
		char buf[4096];
		ssize_t n;
		int ready;

		if (left <= 0 || run->output_ended)
			return got;
		ready = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			die_sys("poll");
		if (ready == 0)
			continue;
		n = read(run->master, buf, sizeof(buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		// Linux answers EIO once no process has the slave open.
		if (n <= 0) {
			run->output_ended = 1;
			return got;
		}
		if (run->transcript_cap - run->transcript_len <= (size_t)n) {
			run->transcript_cap = 2 * run->transcript_cap + (size_t)n;
			run->transcript = xrealloc(run->transcript,
			                           run->transcript_cap);
		}
		memcpy(run->transcript + run->transcript_len, buf, (size_t)n);
		run->transcript_len += (size_t)n;
		run->transcript[run->transcript_len] = '\0';
		if (run->verbose)
			write_full(2, buf, (size_t)n);
		got = 1;
		if (until_some)
			return got;
	}
}

/* Read output for a moment, so that waiting loops do not spin. */
static void
pause_reading(struct run *run, double seconds)
{
	double deadline = now() + seconds;

	if (run->output_ended) {
		struct timespec ts = {0, (long)(seconds * 1e9)};

		nanosleep(&ts, NULL);
		return;
	}
	read_output(run, deadline, 0);
}

/* ---- decoding TEXT arguments ---- */

/* The value of hex digit C, or -1. */
static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode TEXT's escapes into a new string of *LEN bytes. With FOR_REGEX,
 * only the escapes for characters a regex cannot write are decoded
 * (\r \n \t \e \xHH); other backslashes and '^' are left to the regex.
 */
static char *
decode_text(struct run *run, const char *text, int for_regex, size_t *len)
{
	char *decoded = xmalloc(strlen(text) + 1);
	size_t n = 0;

	for (const char *p = text; *p; p++) {
		if (*p == '^' && p[1] && !for_regex) {
			p++;
			// ^\ may also be written ^\\, the backslash escaped.
			if (p[0] == '\\' && p[1] == '\\')
				p++;
			// ^? is DEL; ^@ to ^_ and ^a to ^z are 0 to 31.
			if (*p == '?')
				decoded[n++] = 0x7f;
			else if ((*p >= '@' && *p <= '_') ||
			         (*p >= 'a' && *p <= 'z'))
				decoded[n++] = (char)((*p & 0x1f));
			else
				fail(run, "^%c is no control character", *p);
			continue;
		}
		if (*p != '\\' || !p[1]) {
			decoded[n++] = *p;
			continue;
		}
		p++;
		switch (*p) {
		case 'r': decoded[n++] = '\r'; break;
		case 'n': decoded[n++] = '\n'; break;
		case 't': decoded[n++] = '\t'; break;
		case 'e': decoded[n++] = 033; break;
		case 'x': {
			int high = hex_value(p[1]);
			int low = high < 0 ? -1 : hex_value(p[2]);

			if (low < 0)
				fail(run, "\\x needs two hex digits");
			decoded[n++] = (char)(high * 16 + low);
			p += 2;
			break;
		}
		default:
			if (for_regex) {
				decoded[n++] = '\\';
				decoded[n++] = *p;
			} else if (*p == '\\' || *p == '^') {
				decoded[n++] = *p;
			} else {
				fail(run, "unknown escape \\%c", *p);
			}
		}
	}
	decoded[n] = '\0';
	*len = n;
	return decoded;
}

/* ---- the steps before spawn: the program's world ---- */

static void
env_set(struct run *run, const char *assignment)
{
	const char *equals = strchr(assignment, '=');
	size_t name_len = equals ? (size_t)(equals - assignment) : 0;

	if (!name_len)
		fail(run, "want NAME=VALUE");
	for (size_t i = 0; i < run->env_len; i++) {
		if (strncmp(run->env[i], assignment, name_len + 1) == 0) {
			free(run->env[i]);
			run->env[i] = xstrdup(assignment);
			return;
		}
	}
	run->env = xreallocarray(run->env, run->env_len + 2, sizeof(char *));
	run->env[run->env_len++] = xstrdup(assignment);
	run->env[run->env_len] = NULL;
}

/* NAME inside the temporary HOME, allocated. */
static char *
home_path(struct run *run, const char *name)
{
	size_t len = strlen(run->home) + strlen(name) + 2;
	char *path = xmalloc(len);

	snprintf(path, len, "%s/%s", run->home, name);
	return path;
}

static int
remove_entry(struct walk_entry *entry, void *arg)
{
	(void)arg;
	if (entry->visit == WALK_PRE)
		return WALK_ENTER;
	if (unlinkat(entry->dirfd, entry->name,
	             entry->visit == WALK_POST ? AT_REMOVEDIR : 0) < 0)
		warn_sys("%s: cannot remove", entry->path);
	return WALK_ENTER;
}

/* ---- the program on the pty ---- */

static _Noreturn void
child_start(struct run *run, const char *slave_name, char **argv)
{
	extern char **environ;
	struct sigaction dfl;
	sigset_t none;
	int slave;

	// A new session, whose controlling terminal is the first terminal
	// it opens: the slave.
	if (setsid() < 0)
		die_sys("setsid");
	slave = open(slave_name, O_RDWR);
	if (slave < 0)
		die_sys("%s", slave_name);
	ioctl(slave, TIOCSCTTY, 0);
	// The program must see default signals, whatever we inherited.
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int fd = 0; fd < 3; fd++)
		if (dup2(slave, fd) < 0)
			die_sys("dup2");
	if (slave > 2)
		close(slave);
	if (chdir(run->home) < 0)
		die_sys("%s", run->home);
	environ = run->env;
	execvp(argv[0], argv);
	die_sys("%s", argv[0]);
}

/* The words of ARGS, split on spaces, with $SH replaced. */
static char **
spawn_words(struct run *run, const char *args)
{
	const char *sh = getenv("SH");
	char **words = NULL;
	size_t n = 0;
	char *copy = xstrdup(args), *save = NULL;

	for (char *word = strtok_r(copy, " ", &save); word;
	     word = strtok_r(NULL, " ", &save)) {
		char *dollar = strstr(word, "$SH");
		char *expanded;

		if (dollar) {
			size_t len;

			if (!sh)
				fail(run, "$SH is used but SH is not set");
			len = strlen(word) - 3 + strlen(sh) + 1;
			expanded = xmalloc(len);
			snprintf(expanded, len, "%.*s%s%s",
			         (int)(dollar - word), word, sh, dollar + 3);
		} else {
			expanded = xstrdup(word);
		}
		words = xreallocarray(words, n + 2, sizeof(char *));
		words[n++] = expanded;
	}
	free(copy);
	if (!n)
		fail(run, "nothing to spawn");
	words[n] = NULL;
	return words;
}

static void
spawn(struct run *run, const char *args)
{
	char **argv = spawn_words(run, args);
	char *slave_name;

	run->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (run->master < 0 || grantpt(run->master) < 0 ||
	    unlockpt(run->master) < 0)
		fail(run, "no pseudo-terminal: %s", strerror(errno));
	slave_name = ptsname(run->master);
	if (!slave_name)
		fail(run, "ptsname: %s", strerror(errno));
	if (ioctl(run->master, TIOCSWINSZ, &run->size) < 0)
		fail(run, "TIOCSWINSZ: %s", strerror(errno));
	run->child = fork();
	if (run->child < 0)
		fail(run, "fork: %s", strerror(errno));
	if (run->child == 0)
		child_start(run, slave_name, argv);
	for (char **word = argv; *word; word++)
		free(*word);
	free(argv);
}

/*
 * Kill what is left of the program's session: its own process group,
 * and every process whose session is the program's (job control puts
 * jobs in groups of their own). Then reap the program.
 */
static void
kill_session(struct run *run)
{
	size_t count;
	pid_t *pids;
	int status;

	if (run->child <= 0)
		return;
	kill(-run->child, SIGKILL);
	kill(run->child, SIGKILL);
	pids = proc_list_pids(&count);
	for (size_t i = 0; i < count; i++) {
		struct proc_stat st;

		if (proc_read_stat(pids[i], &st) == 0 &&
		    st.session == run->child)
			kill(pids[i], SIGKILL);
	}
	free(pids);
	waitpid(run->child, &status, 0);
	run->child = 0;
}

static void
cleanup(struct run *run)
{
	kill_session(run);
	if (run->master >= 0)
		close(run->master);
	run->master = -1;
	if (run->home) {
		walk(run->home, 0, remove_entry, NULL);
		free(run->home);
		run->home = NULL;
	}
}

/* ---- the steps ---- */

static double
parse_seconds(struct run *run, const char *text)
{
	char *end;
	double seconds = strtod(text, &end);

	if (end == text || *end || seconds < 0)
		fail(run, "'%s' is no number of seconds", text);
	return seconds;
}

/* Wait for NEEDLE (LEN bytes) after the last match. */
static void
expect_text(struct run *run, const char *needle, size_t len)
{
	double deadline = now() + run->timeout;

	for (;;) {
		char *found = memmem(run->transcript + run->match_end,
		                     run->transcript_len - run->match_end,
		                     needle, len);

		if (found) {
			run->match_end =
			        (size_t)(found - run->transcript) + len;
			return;
		}
		if (run->output_ended)
			fail(run, "the program's output ended first");
		if (!read_output(run, deadline, 1))
			fail(run, "not seen within %g s", run->timeout);
	}
}

static void
expect_regex(struct run *run, const char *pattern)
{
	double deadline = now() + run->timeout;
	regex_t re;
	int err = regcomp(&re, pattern, REG_EXTENDED);

	if (err) {
		char msg[256];

		regerror(err, &re, msg, sizeof(msg));
		fail(run, "bad regex: %s", msg);
	}
	for (;;) {
		regmatch_t match;

		if (regexec(&re, run->transcript + run->match_end, 1, &match,
		            0) == 0) {
			run->match_end += (size_t)match.rm_eo;
			regfree(&re);
			return;
		}
		if (run->output_ended || !read_output(run, deadline, 1)) {
			regfree(&re);
			fail(run, run->output_ended
			                  ? "the program's output ended first"
			                  : "not seen within %g s",
			     run->timeout);
		}
	}
}

static void
reject_text(struct run *run, const char *needle, size_t len)
{
	read_output(run, now() + 0.3, 0);
	if (memmem(run->transcript + run->match_end,
	           run->transcript_len - run->match_end, needle, len))
		fail(run, "printed, and should not have been");
}

/* Wait until the terminal's foreground group is (or is not) the program's. */
static void
wait_foreground(struct run *run, int want_shell)
{
	double deadline = now() + run->timeout;
	pid_t fg;

	for (;;) {
		fg = tcgetpgrp(run->master);
		if (want_shell ? fg == run->child : fg > 0 && fg != run->child)
			return;
		if (now() >= deadline)
			break;
		pause_reading(run, 0.05);
	}
	fail(run, "the foreground process group is %ld, the program is %ld",
	     (long)fg, (long)run->child);
}

static void
wait_exit(struct run *run, const char *want)
{
	double deadline = now() + run->timeout;
	int want_signal = 0, status;
	long want_code = 0;
	pid_t done;

	if (parse_long(want, 10, 0, 255, &want_code) < 0) {
		want_signal = sig_number(want);
		if (want_signal <= 0)
			fail(run, "'%s' is no status or signal", want);
	}
	while ((done = waitpid(run->child, &status, WNOHANG)) == 0) {
		if (now() >= deadline)
			fail(run, "still running after %g s", run->timeout);
		pause_reading(run, 0.05);
	}
	if (done < 0)
		fail(run, "waitpid: %s", strerror(errno));
	run->child = 0;
	// Keep what it printed last, for later expects.
	read_output(run, now() + 0.1, 0);
	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) != want_signal)
			fail(run, "killed by signal %d", WTERMSIG(status));
	} else if (want_signal || WEXITSTATUS(status) != want_code) {
		fail(run, "exited with status %d", WEXITSTATUS(status));
	}
}

static void
set_size(struct run *run, const char *args)
{
	long cols, rows;
	char *copy = xstrdup(args), *space = strchr(copy, ' ');

	if (!space)
		fail(run, "want COLS ROWS");
	*space = '\0';
	if (parse_long(copy, 10, 0, 1000, &cols) < 0 ||
	    parse_long(space + 1, 10, 0, 1000, &rows) < 0)
		fail(run, "want COLS ROWS");
	free(copy);
	run->size.ws_col = (unsigned short)cols;
	run->size.ws_row = (unsigned short)rows;
	// The kernel sends SIGWINCH to the foreground group on a change.
	if (run->master >= 0 && ioctl(run->master, TIOCSWINSZ, &run->size) < 0)
		fail(run, "TIOCSWINSZ: %s", strerror(errno));
}

static void
make_file(struct run *run, const char *args)
{
	const char *space = strchr(args, ' ');
	char *name = space ? xstrndup(args, (size_t)(space - args))
	                   : xstrdup(args);
	char *path = home_path(run, name);
	size_t len = 0;
	char *text = decode_text(run, space ? space + 1 : "", 0, &len);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write_full(fd, text, len) < 0 || close(fd) < 0)
		fail(run, "%s: %s", path, strerror(errno));
	free(text);
	free(path);
	free(name);
}

/* Run one step: KEYWORD and ARGS (the rest of the line, maybe empty). */
static void
run_step(struct run *run, const char *keyword, const char *args)
{
	int spawned = run->master >= 0;
	size_t len;
	char *text;

	if (strcmp(keyword, "env") == 0) {
		if (spawned)
			fail(run, "env after spawn");
		env_set(run, args);
	} else if (strcmp(keyword, "size") == 0) {
		set_size(run, args);
	} else if (strcmp(keyword, "file") == 0) {
		make_file(run, args);
	} else if (strcmp(keyword, "mkdir") == 0) {
		char *path = home_path(run, args);

		if (mkdir(path, 0755) < 0)
			fail(run, "%s: %s", path, strerror(errno));
		free(path);
	} else if (strcmp(keyword, "spawn") == 0) {
		if (spawned)
			fail(run, "a second spawn");
		spawn(run, args);
	} else if (strcmp(keyword, "timeout") == 0) {
		run->timeout = parse_seconds(run, args);
	} else if (!spawned) {
		fail(run, "'%s' before spawn", keyword);
	} else if (strcmp(keyword, "send") == 0) {
		text = decode_text(run, args, 0, &len);
		if (write_full(run->master, text, len) < 0)
			fail(run, "write: %s", strerror(errno));
		free(text);
	} else if (strcmp(keyword, "expect") == 0) {
		text = decode_text(run, args, 0, &len);
		expect_text(run, text, len);
		free(text);
	} else if (strcmp(keyword, "expect-re") == 0) {
		text = decode_text(run, args, 1, &len);
		expect_regex(run, text);
		free(text);
	} else if (strcmp(keyword, "reject") == 0) {
		text = decode_text(run, args, 0, &len);
		reject_text(run, text, len);
		free(text);
	} else if (strcmp(keyword, "sleep") == 0) {
		pause_reading(run, parse_seconds(run, args));
	} else if (strcmp(keyword, "fg-is-shell") == 0) {
		wait_foreground(run, 1);
	} else if (strcmp(keyword, "fg-is-not-shell") == 0) {
		wait_foreground(run, 0);
	} else if (strcmp(keyword, "exit") == 0) {
		wait_exit(run, args);
	} else {
		fail(run, "unknown step '%s'", keyword);
	}
}

static void
start_environment(struct run *run)
{
	static const char *passed[] = {"PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS",
	                               "LSAN_OPTIONS"};
	char tmpl[] = "/tmp/ptyrun-XXXXXX";
	char *assignment;
	size_t len;

	if (!mkdtemp(tmpl))
		die_sys("mkdtemp");
	run->home = xstrdup(tmpl);
	run->env = xcalloc(1, sizeof(char *));
	for (size_t i = 0; i < sizeof(passed) / sizeof(passed[0]); i++) {
		const char *value = getenv(passed[i]);

		if (!value)
			continue;
		len = strlen(passed[i]) + strlen(value) + 2;
		assignment = xmalloc(len);
		snprintf(assignment, len, "%s=%s", passed[i], value);
		env_set(run, assignment);
		free(assignment);
	}
	len = strlen(run->home) + 6;
	assignment = xmalloc(len);
	snprintf(assignment, len, "HOME=%s", run->home);
	env_set(run, assignment);
	free(assignment);
	env_set(run, "TERM=vt100");
	env_set(run, "PS1=$ ");
}

int
main(int argc, char **argv)
{
	struct run run = {.timeout = 5, .master = -1,
	                  .size = {.ws_row = 24, .ws_col = 80}};
	struct lines lines;
	char *line;
	ssize_t len;
	int opt, fd;

	prog_init(argv[0]);
	while ((opt = getopt(argc, argv, "v")) != -1) {
		if (opt != 'v')
			die_usage(usage);
		run.verbose = 1;
	}
	if (argc - optind != 1)
		die_usage(usage);
	run.session = argv[optind];
	fd = xopen(run.session, O_RDONLY, 0);
	// The program may die while we write to it: see that as EIO, later.
	signal(SIGPIPE, SIG_IGN);
	run.transcript_cap = 4096;
	run.transcript = xmalloc(run.transcript_cap);
	run.transcript[0] = '\0';
	start_environment(&run);

	lines_init(&lines, fd);
	while ((len = lines_next(&lines, &line)) > 0) {
		char *step = xstrndup(line, (size_t)len);
		char *space;

		run.line++;
		step[strcspn(step, "\n")] = '\0';
		if (step[0] && step[0] != '#') {
			// Messages quote the whole step; the keyword is cut off.
			run.step = xstrdup(step);
			space = strchr(step, ' ');
			if (space)
				*space = '\0';
			run_step(&run, step, space ? space + 1 : "");
			free((char *)run.step);
			run.step = NULL;
		}
		free(step);
	}
	if (len < 0)
		die_sys("%s", run.session);
	lines_free(&lines);
	close(fd);
	cleanup(&run);
	free(run.transcript);
	for (size_t i = 0; i < run.env_len; i++)
		free(run.env[i]);
	free(run.env);
	return 0;
}
