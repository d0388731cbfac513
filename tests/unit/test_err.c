/* Unit tests for err.c: message format on stderr and exit statuses. */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

/*
 * Run FN in a child with stderr on a pipe; return what it wrote and set
 * *STATUS to its exit status.
 */
static char *
capture_stderr(void (*fn)(void), int *status)
{
	static char text[2048];
	int fds[2];
	ssize_t got;
	pid_t pid;
	int wstatus;

	if (pipe(fds) < 0)
		return NULL;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		fn();
		_exit(0);
	}
	close(fds[1]);
	got = read_full(fds[0], text, sizeof(text) - 1);
	close(fds[0]);
	text[got < 0 ? 0 : got] = '\0';
	waitpid(pid, &wstatus, 0);
	*status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
	return text;
}

static void
call_warn_msg(void)
{
	warn_msg("%s: %d things", "file", 3);
}

static void
call_warn_sys(void)
{
	errno = ENOENT;
	warn_sys("missing");
	// warn_sys must leave errno as it found it.
	if (errno != ENOENT)
		_exit(9);
}

static void
call_die_msg(void)
{
	die_msg("bad");
}

static void
call_die_sys(void)
{
	errno = EACCES;
	die_sys("%s", "secret");
}

// As grep does: 1 is an answer, so failing is 2.
static void
call_die_msg_status_2(void)
{
	fail_status = 2;
	die_msg("bad");
}

static void
call_die_usage(void)
{
	die_usage("thing [-a] FILE...");
}

static void
call_long_message(void)
{
	char big[4000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	warn_msg("%s", big);
}

int
main(void)
{
	int status;
	char *text;

	prog_init("/usr/bin/unit-err");
	CHECK(strcmp(prog_name, "unit-err") == 0);

	text = capture_stderr(call_warn_msg, &status);
	CHECK(strcmp(text, "unit-err: file: 3 things\n") == 0);
	CHECK(status == 0);

	text = capture_stderr(call_warn_sys, &status);
	CHECK(strcmp(text, "unit-err: missing: No such file or directory\n") == 0);
	CHECK(status == 0);

	text = capture_stderr(call_die_msg, &status);
	CHECK(strcmp(text, "unit-err: bad\n") == 0);
	CHECK(status == 1);

	text = capture_stderr(call_die_sys, &status);
	CHECK(strcmp(text, "unit-err: secret: Permission denied\n") == 0);
	CHECK(status == 1);

	text = capture_stderr(call_die_msg_status_2, &status);
	CHECK(strcmp(text, "unit-err: bad\n") == 0);
	CHECK(status == 2);

	text = capture_stderr(call_die_usage, &status);
	CHECK(strcmp(text, "usage: thing [-a] FILE...\n") == 0);
	CHECK(status == 2);

	// A message longer than the buffer is cut, but still one line.
	text = capture_stderr(call_long_message, &status);
	CHECK(strncmp(text, "unit-err: xxx", 13) == 0);
	CHECK(text[strlen(text) - 1] == '\n');
	CHECK(strchr(text, '\n') == text + strlen(text) - 1);

	prog_init("");
	CHECK(strcmp(prog_name, "unit-err") == 0);
	prog_init("plain");
	CHECK(strcmp(prog_name, "plain") == 0);
	return check_done();
}
