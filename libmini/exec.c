/* exec.c - run the command a utility was given, as env, nice and nohup do. */
#include <errno.h>
#include <unistd.h>

#include "mini.h"

void
exec_command(char **argv)
{
	execvp(argv[0], argv);
	// POSIX asks env, nice, nohup and the shell for the same two
	// statuses, so that a caller can tell "not there" from "cannot run".
	int status = errno == ENOENT ? 127 : 126;
	warn_sys("%s", argv[0]);
	// _exit: in a child after fork, the parent's exit handlers and
	// buffers are not ours to run.
	_exit(status);
}
