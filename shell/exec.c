/*
 * exec.c - running the syntax tree (POSIX XCU 2.9 Shell Commands,
 * 2.7 Redirection, 2.9.1.1 Command Search and Execution).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

/* PATH when it is unset: where mini keeps its programs. */
#define DEFAULT_PATH "/bin:/usr/bin"

/* File descriptors a builtin's redirections replaced, to put back after. */
struct saved_fd {
	int fd;
	int copy; /* -1: fd was closed before */
};

struct saved_fds {
	struct saved_fd *list;
	size_t len;
};

_Noreturn void
child_exit(int status)
{
	_exit(shell.unwind == UNWIND_EXIT ? shell.exit_status : status);
}

/*
 * Fork, and in the child undo what only the interactive shell wants.
 * An ASYNC child, without job control, ignores SIGINT and SIGQUIT and
 * reads /dev/null, so that it does not steal the terminal (2.9.3.1).
 */
static pid_t
fork_child(int async)
{
	pid_t pid = fork();

	if (pid < 0) {
		warn_sys("fork");
		return -1;
	}
	if (pid > 0)
		return pid;
	shell.subshell = 1;
	shell.interactive = 0;
	if (shell.signals_changed) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		shell.signals_changed = 0;
	}
	if (async) {
		int null = open("/dev/null", O_RDONLY);

		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		if (null > 0) {
			dup2(null, 0);
			close(null);
		}
	}
	return 0;
}

/*
 * Wait for child PID; return its status as $? shows it. A child killed
 * by a signal is reported ("Segmentation fault"), except for SIGINT,
 * which the user sent, and SIGPIPE, the quiet end of a pipeline's writer.
 */
static int
wait_for(pid_t pid)
{
	int status, sig;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			warn_sys("waitpid");
			return 127;
		}
	}
	if (!WIFSIGNALED(status))
		return WEXITSTATUS(status);
	sig = WTERMSIG(status);
	if (sig != SIGINT && sig != SIGPIPE) {
		struct strbuf message = {0};

		strbuf_adds(&message, strsignal(sig));
		if (WCOREDUMP(status))
			strbuf_adds(&message, " (core dumped)");
		strbuf_addc(&message, '\n');
		write_full(2, message.s, message.len);
		strbuf_free(&message);
	}
	return 128 + sig;
}

/*
 * After a foreground command: when Ctrl-C killed it, an interactive
 * shell drops the rest of the command line, as if it had got the SIGINT.
 */
static int
foreground_done(int status)
{
	if (shell.interactive && status == 128 + SIGINT) {
		write_full(2, "\n", 1);
		shell.unwind = UNWIND_INTR;
	}
	return status;
}

void
reap_background(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

void
fatal_error(int status)
{
	if (!shell.interactive) {
		shell.unwind = UNWIND_EXIT;
		shell.exit_status = status;
	}
}

/* ---- redirection ---- */

static int
save_fd(struct saved_fds *saved, int fd)
{
	int copy;

	if (!saved)
		return 0;
	for (size_t i = 0; i < saved->len; i++)
		if (saved->list[i].fd == fd)
			return 0;
	// Above 10 and close-on-exec: out of the way of the user's fds,
	// and invisible to the commands the builtin may start.
	copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (copy < 0 && errno != EBADF) {
		warn_sys("%d: cannot save", fd);
		return -1;
	}
	saved->list = xreallocarray(saved->list, saved->len + 1,
	                            sizeof(*saved->list));
	saved->list[saved->len].fd = fd;
	saved->list[saved->len].copy = copy;
	saved->len++;
	return 0;
}

static void
restore_fds(struct saved_fds *saved)
{
	while (saved->len > 0) {
		struct saved_fd *entry = &saved->list[--saved->len];

		if (entry->copy >= 0) {
			dup2(entry->copy, entry->fd);
			close(entry->copy);
		} else {
			close(entry->fd);
		}
	}
	free(saved->list);
	saved->list = NULL;
}

/* A pipe the here-document's body can be read from. */
static int
heredoc_fd(struct redir *redir)
{
	const char *raw = redir->here_body ? redir->here_body : "";
	char *body = redir->here_quoted ? xstrdup(raw) : expand_heredoc(raw);
	int fds[2];
	size_t len;

	if (!body)
		return -1;
	if (pipe(fds) < 0) {
		warn_sys("here-document");
		free(body);
		return -1;
	}
	len = strlen(body);
	// A pipe holds at least PIPE_BUF bytes, so a short body is written
	// at once; a longer one needs a child to feed it while we go on.
	if (len <= PIPE_BUF) {
		write_full(fds[1], body, len);
	} else {
		pid_t pid = fork_child(0);

		if (pid == 0) {
			close(fds[0]);
			_exit(write_full(fds[1], body, len) < 0);
		}
	}
	close(fds[1]);
	free(body);
	return fds[0];
}

/* The fd that TARGET of <& or >& names; -1 after a message. */
static int
dup_source(const char *target)
{
	long fd;

	if (parse_long(target, 10, 0, INT_MAX, &fd) < 0 || target[0] == ' ' ||
	    target[0] == '+' || target[0] == '-') {
		warn_msg("%s: bad file descriptor", target);
		return -1;
	}
	if (fcntl((int)fd, F_GETFD) < 0) {
		warn_sys("%ld", fd);
		return -1;
	}
	return (int)fd;
}

/*
 * Perform the redirections in order. With SAVED, remember every fd they
 * replace, to restore it afterwards; without, the change is for good.
 */
static int
redirect(struct redir *redir, struct saved_fds *saved)
{
	for (; redir; redir = redir->next) {
		int fd = -1, flags = 0;
		char *target = NULL;

		if (save_fd(saved, redir->fd) < 0)
			return -1;
		if (redir->op == R_HEREDOC) {
			fd = heredoc_fd(redir);
			if (fd < 0)
				return -1;
		} else {
			target = expand_word(redir->word, 0);
			if (!target)
				return -1;
		}
		switch (redir->op) {
		case R_IN:
			flags = O_RDONLY;
			break;
		case R_OUT:
		case R_CLOBBER:
			flags = O_WRONLY | O_CREAT | O_TRUNC;
			break;
		case R_APPEND:
			flags = O_WRONLY | O_CREAT | O_APPEND;
			break;
		case R_RDWR:
			flags = O_RDWR | O_CREAT;
			break;
		case R_DUPIN:
		case R_DUPOUT:
			if (strcmp(target, "-") == 0) {
				close(redir->fd);
				free(target);
				continue;
			}
			int from = dup_source(target);
			free(target);
			if (from < 0)
				return -1;
			if (from != redir->fd && dup2(from, redir->fd) < 0) {
				warn_sys("%d", redir->fd);
				return -1;
			}
			continue;
		case R_HEREDOC:
			break;
		}
		if (target) {
			fd = open(target, flags, 0666);
			if (fd < 0) {
				warn_sys("%s: cannot open", target);
				free(target);
				return -1;
			}
			free(target);
		}
		if (fd != redir->fd) {
			if (dup2(fd, redir->fd) < 0) {
				warn_sys("%d", redir->fd);
				close(fd);
				return -1;
			}
			close(fd);
		}
	}
	return 0;
}

/* ---- commands ---- */

/*
 * Replace this process with the program ARGV[0], searched for in PATH
 * unless the name has a slash (2.9.1.1). Only returns by exiting: 127
 * if nothing was found, 126 if it was found but could not run.
 */
_Noreturn void
exec_program(char **argv)
{
	static char *no_env[] = {NULL};
	struct strvec env = {0};
	const char *name = argv[0];
	int error = ENOENT;

	var_environ(&env);
	if (!env.v)
		env.v = no_env;
	if (strchr(name, '/')) {
		execve(name, argv, env.v);
		error = errno;
		if (error == ENOEXEC)
			run_script_here(name, argv);
	} else {
		const char *path = var_get("PATH");
		struct strbuf file = {0};

		if (!path)
			path = DEFAULT_PATH;
		for (;;) {
			const char *colon = strchr(path, ':');
			size_t dir_len =
			        colon ? (size_t)(colon - path) : strlen(path);

			// An empty entry in PATH is the current directory.
			file.len = 0;
			if (dir_len > 0) {
				strbuf_add(&file, path, dir_len);
				strbuf_addc(&file, '/');
			}
			strbuf_adds(&file, name);
			execve(file.s, argv, env.v);
			if (errno == ENOEXEC)
				run_script_here(file.s, argv);
			// Keep looking after a file we may not run, but
			// remember it: "Permission denied" beats "not found".
			if (errno != ENOENT && errno != ENOTDIR)
				error = errno;
			if (!colon)
				break;
			path = colon + 1;
		}
	}
	if (error == ENOENT || error == ENOTDIR) {
		warn_msg("%s: not found", name);
		_exit(127);
	}
	errno = error;
	warn_sys("%s", name);
	_exit(126);
}

/* An expansion failed: the command does not run (2.8.1). */
static int
expansion_failed(void)
{
	fatal_error(2);
	return 2;
}

/* A command of only assignments and redirections. */
static int
run_assignments(struct node *node)
{
	struct saved_fds saved = {0};
	int status;

	for (size_t i = 0; i < node->assigns.len; i++) {
		const char *assign = node->assigns.v[i];
		const char *eq = strchr(assign, '=');
		char *value = expand_word(eq + 1, 1);

		if (!value)
			return expansion_failed();
		var_set(assign, (size_t)(eq - assign), value, 0);
		free(value);
	}
	// With no command, a redirection still opens (or creates) its file.
	status = redirect(node->redirs, &saved) < 0 ? 1 : shell.subst_status;
	restore_fds(&saved);
	return status;
}

static int
run_builtin(const struct builtin *builtin, struct node *node,
            struct strvec *argv)
{
	int special = builtin->flags & BUILTIN_SPECIAL;
	int for_good = builtin->flags & BUILTIN_KEEPS_REDIRS;
	struct saved_fds saved = {0};
	struct var_saved *vars_saved = NULL;
	size_t n_assigns = node->assigns.len;
	int status;

	// Assignments before a special builtin stay; before another one
	// they last as long as the builtin runs (2.14).
	if (!special)
		vars_saved =
		        xcalloc(n_assigns ? n_assigns : 1, sizeof(*vars_saved));
	for (size_t i = 0; i < n_assigns; i++) {
		const char *assign = node->assigns.v[i];
		size_t name_len = (size_t)(strchr(assign, '=') - assign);
		char *value = expand_word(assign + name_len + 1, 1);

		if (!value) {
			status = expansion_failed();
			n_assigns = i;
			goto done;
		}
		if (vars_saved)
			var_save(&vars_saved[i], assign, name_len);
		// exec passes them on to the program that replaces us.
		var_set(assign, name_len, value,
		        for_good && argv->len > 1 ? VAR_EXPORT : 0);
		free(value);
	}
	if (redirect(node->redirs, for_good ? NULL : &saved) < 0) {
		status = 1;
		if (special)
			fatal_error(2);
		goto done;
	}
	optind = 0;
	status = builtin->run((int)argv->len, argv->v);
	if (out_flush(&out_stdout) < 0) {
		warn_sys("%s: write error", argv->v[0]);
		out_stdout.error = 0;
		status = 1;
	}
done:
	restore_fds(&saved);
	if (vars_saved) {
		for (size_t i = n_assigns; i-- > 0;)
			var_restore(&vars_saved[i]);
		free(vars_saved);
	}
	return status;
}

/* A program: in a child, or in this process when it ends here anyway. */
static int
run_program(struct node *node, struct strvec *argv, int flags)
{
	if (!(flags & RUN_NOFORK)) {
		pid_t pid = fork_child(0);

		if (pid < 0)
			return 2;
		if (pid > 0)
			return foreground_done(wait_for(pid));
	}
	if (redirect(node->redirs, NULL) < 0)
		child_exit(1);
	for (size_t i = 0; i < node->assigns.len; i++) {
		const char *assign = node->assigns.v[i];
		const char *eq = strchr(assign, '=');
		char *value = expand_word(eq + 1, 1);

		if (!value)
			child_exit(2);
		var_set(assign, (size_t)(eq - assign), value, VAR_EXPORT);
		free(value);
	}
	exec_program(argv->v);
}

/* 2.9.1 Simple Commands */
static int
run_simple(struct node *node, int flags)
{
	struct strvec argv = {0};
	const struct builtin *builtin = NULL;
	int status;

	shell.subst_status = 0;
	if (expand_fields(&node->words, &argv) < 0) {
		strvec_free(&argv);
		return expansion_failed();
	}
	if (argv.len == 0)
		status = run_assignments(node);
	else if (!strchr(argv.v[0], '/') && (builtin = builtin_find(argv.v[0])))
		status = run_builtin(builtin, node, &argv);
	else
		status = run_program(node, &argv, flags);
	strvec_free(&argv);
	return status;
}

/* Make FROM be fd TO in this process. */
static void
move_fd(int from, int to)
{
	if (from != to) {
		dup2(from, to);
		close(from);
	}
}

/* 2.9.2 Pipelines: every command in a child; the last one's status. */
static int
run_pipeline(struct node *node)
{
	pid_t *pids = xcalloc(node->n_kids, sizeof(*pids));
	int prev_read = -1, status = 0;
	size_t started = 0;

	for (size_t i = 0; i < node->n_kids; i++) {
		int fds[2] = {-1, -1};

		if (i + 1 < node->n_kids && pipe(fds) < 0) {
			warn_sys("pipe");
			status = 2;
			break;
		}
		pids[i] = fork_child(0);
		if (pids[i] == 0) {
			if (prev_read >= 0)
				move_fd(prev_read, 0);
			if (fds[1] >= 0) {
				close(fds[0]);
				move_fd(fds[1], 1);
			}
			child_exit(run_node(node->kids[i], RUN_NOFORK));
		}
		if (prev_read >= 0)
			close(prev_read);
		if (fds[1] >= 0)
			close(fds[1]);
		prev_read = fds[0];
		if (pids[i] < 0) {
			status = 2;
			break;
		}
		started++;
	}
	if (prev_read >= 0)
		close(prev_read);
	for (size_t i = 0; i < started; i++) {
		int child_status = wait_for(pids[i]);

		if (i + 1 == node->n_kids)
			status = child_status;
	}
	free(pids);
	return foreground_done(status);
}

/* 2.9.3.1 Asynchronous Lists */
static int
run_background(struct node *node)
{
	pid_t pid = fork_child(1);

	if (pid < 0)
		return 2;
	if (pid == 0)
		child_exit(run_node(node->kids[0], RUN_NOFORK));
	shell.last_bg = pid;
	return 0;
}

/* 2.9.4.1 Grouping Commands: ( list ) runs in a child. */
static int
run_subshell(struct node *node, int flags)
{
	if (!(flags & RUN_NOFORK)) {
		pid_t pid = fork_child(0);

		if (pid < 0)
			return 2;
		if (pid > 0)
			return foreground_done(wait_for(pid));
	}
	if (redirect(node->redirs, NULL) < 0)
		child_exit(1);
	child_exit(run_node(node->kids[0], RUN_NOFORK));
}

/* { list; } runs in this shell, with its redirections for the time. */
static int
run_group(struct node *node)
{
	struct saved_fds saved = {0};
	int status = 1;

	if (redirect(node->redirs, &saved) == 0)
		status = run_node(node->kids[0], 0);
	restore_fds(&saved);
	return status;
}

int
run_node(struct node *node, int flags)
{
	int status = 0;

	switch (node->type) {
	case N_SIMPLE:
		status = run_simple(node, flags);
		break;
	case N_PIPELINE:
		status = run_pipeline(node);
		break;
	case N_AND:
	case N_OR:
		status = run_node(node->kids[0], 0);
		if (!shell.unwind && (status == 0) == (node->type == N_AND))
			status = run_node(node->kids[1], flags);
		break;
	case N_NOT:
		status = run_node(node->kids[0], 0) == 0;
		break;
	case N_LIST:
		for (size_t i = 0; i < node->n_kids && !shell.unwind; i++)
			status = run_node(node->kids[i],
			                  i + 1 == node->n_kids ? flags : 0);
		break;
	case N_BACKGROUND:
		status = run_background(node);
		break;
	case N_SUBSHELL:
		status = run_subshell(node, flags);
		break;
	case N_GROUP:
		status = run_group(node);
		break;
	}
	shell.last_status = status;
	return status;
}

char *
command_output(const char *text, size_t len)
{
	struct strbuf output = {0};
	char chunk[4096];
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0) {
		warn_sys("pipe");
		shell.subst_status = 2;
		return xstrdup("");
	}
	pid = fork_child(0);
	if (pid == 0) {
		struct input in;

		close(fds[0]);
		move_fd(fds[1], 1);
		input_from_string(&in, text, len);
		child_exit(run_input(&in));
	}
	close(fds[1]);
	for (;;) {
		ssize_t n = read(fds[0], chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		// A NUL byte cannot be in a shell string; drop it, as dash
		// does.
		for (ssize_t i = 0; i < n; i++)
			if (chunk[i] != '\0')
				strbuf_addc(&output, chunk[i]);
	}
	close(fds[0]);
	shell.subst_status = pid < 0 ? 2 : wait_for(pid);
	while (output.len > 0 && output.s[output.len - 1] == '\n')
		output.s[--output.len] = '\0';
	return strbuf_take(&output);
}
