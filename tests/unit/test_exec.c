/* Unit tests for exec.c: exec_command's statuses and message. */
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

/*
 * Run exec_command(ARGV) in a child; return its exit status (-1 if it
 * did not exit) and put what it wrote on stderr in MESSAGE.
 */
static int
run(char **argv, char *message, size_t size)
{
	int pipe_fds[2];
	int wstatus;
	ssize_t len;
	pid_t pid;

	if (pipe(pipe_fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		// The command's own output must not mix with the test's.
		dup2(null, 1);
		dup2(pipe_fds[1], 2);
		exec_command(argv);
	}
	close(pipe_fds[1]);
	len = read_full(pipe_fds[0], message, size - 1);
	message[len < 0 ? 0 : len] = '\0';
	close(pipe_fds[0]);
	waitpid(pid, &wstatus, 0);
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

int
main(void)
{
	char *runs[] = { "true", NULL };
	char *fails[] = { "sh", "-c", "exit 3", NULL };
	char *missing[] = { "/nonexistent/command", NULL };
	char *missing_in_path[] = { "no-such-command-here", NULL };
	char *not_a_program[] = { "/", NULL };
	char message[256];

	prog_init("unit");
	CHECK(run(runs, message, sizeof(message)) == 0);
	CHECK(message[0] == '\0');
	CHECK(run(fails, message, sizeof(message)) == 3);
	CHECK(run(missing, message, sizeof(message)) == 127);
	CHECK(strcmp(message, "unit: /nonexistent/command: "
	                      "No such file or directory\n") == 0);
	CHECK(run(missing_in_path, message, sizeof(message)) == 127);
	CHECK(strncmp(message, "unit: no-such-command-here: ", 28) == 0);
	CHECK(run(not_a_program, message, sizeof(message)) == 126);
	CHECK(strcmp(message, "unit: /: Permission denied\n") == 0);
	return check_done();
}
