/*
 * exec.c - running the syntax tree (POSIX XCU 2.9 Shell Commands,
 * 2.7 Redirection, 2.9.1.1 Command Search and Execution).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

/* PATH when it is unset: where mini keeps its programs. */
#define DEFAULT_PATH "/bin:/usr/bin"

static void xtrace(const struct strvec *before, const struct strvec *words);

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
	if (shell.unwind == UNWIND_EXIT)
		status = shell.exit_status;
	shell.last_status = status;
	trap_run_exit();
	if (shell.unwind == UNWIND_EXIT)
		status = shell.exit_status;
	out_flush(&out_stdout);
	_exit(status);
}

/* The signals an interactive shell changes for itself go back. */
static void
default_signals(void)
{
	if (shell.signals_changed) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		shell.signals_changed = 0;
	}
}

/*
 * Fork, and in the child undo what only the interactive shell wants.
 * A process of a JOB (may be NULL: a command substitution, say) joins
 * the job's process group when there is job control. Without it, an
 * asynchronous job ignores SIGINT and SIGQUIT and reads /dev/null, so
 * that Ctrl-C and the terminal stay with the foreground (2.9.3.1).
 */
static pid_t
fork_child(struct job *job)
{
	int ignore_keys = job && job_is_async(job) && !job_control_on();
	sigset_t keys, old_mask;
	pid_t pid;

	// Hold SIGINT and SIGQUIT back until the child ignores them: a
	// "kill -INT $!" right after the fork must find them ignored.
	if (ignore_keys) {
		sigemptyset(&keys);
		sigaddset(&keys, SIGINT);
		sigaddset(&keys, SIGQUIT);
		sigprocmask(SIG_BLOCK, &keys, &old_mask);
	}
	pid = fork();
	if (pid < 0)
		warn_sys("fork");
	if (pid > 0 && job)
		job_add_process(job, pid);
	if (pid != 0) {
		if (ignore_keys)
			sigprocmask(SIG_SETMASK, &old_mask, NULL);
		return pid;
	}
	shell.subshell = 1;
	shell.interactive = 0;
	// A subshell's own commands come before its bare exit, even in a trap.
	shell.in_trap = 0;
	traps_reset_for_child();
	default_signals();
	// Only now, with SIGINT and SIGQUIT back to their defaults, may
	// the job take the terminal: a Ctrl-C from then on must kill it.
	job_child(job);
	if (ignore_keys) {
		int null = open("/dev/null", O_RDONLY);

		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		if (null > 0) {
			dup2(null, 0);
			close(null);
		}
	}
	return 0;
}

/* Wait for child PID, started without job control; its status ($?). */
static int
wait_for(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			warn_sys("waitpid");
			return 127;
		}
	}
	report_signal(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * After a foreground command: when Ctrl-C killed it, an interactive
 * shell drops the rest of the command line, as if it had got the SIGINT
 * (unless a trap on SIGINT is there to decide what happens).
 */
int
foreground_done(int status)
{
	if (shell.interactive && status == 128 + SIGINT) {
		write_full(2, "\n", 1);
		if (!trap_is_set(SIGINT))
			shell.unwind = UNWIND_INTR;
	}
	return status;
}

/*
 * Start the foreground job for NODE (or TEXT, taken, when NODE is NULL)
 * when job control is on; NULL, and a plain child, when it is off.
 */
static struct job *
foreground_job(const struct node *node, char *text)
{
	if (!job_control_on()) {
		free(text);
		return NULL;
	}
	return job_new(node ? node_text(node) : text, 0);
}

int
run_external(char **argv, int default_path)
{
	struct strbuf text = {0};
	struct job *job;
	pid_t pid;

	for (char **arg = argv; *arg; arg++) {
		if (arg != argv)
			strbuf_addc(&text, ' ');
		strbuf_adds(&text, *arg);
	}
	strbuf_addc(&text, '\0');
	job = foreground_job(NULL, strbuf_take(&text));
	pid = fork_child(job);
	if (pid < 0) {
		if (job)
			job_wait(job);
		return 2;
	}
	if (pid == 0) {
		if (default_path)
			var_set("PATH", 4, DEFAULT_PATH, 0);
		exec_program(argv);
	}
	return foreground_done(job ? job_wait(job) : wait_for(pid));
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
	const char *body = redir->here_quoted ? raw : expand_heredoc(raw);
	int fds[2];
	size_t len;

	if (!body)
		return -1;
	if (pipe(fds) < 0) {
		warn_sys("here-document");
		return -1;
	}
	len = strlen(body);
	// A pipe holds at least PIPE_BUF bytes, so a short body is written
	// at once; a longer one needs a child to feed it while we go on.
	if (len <= PIPE_BUF) {
		write_full(fds[1], body, len);
	} else {
		pid_t pid = fork_child(NULL);

		if (pid == 0) {
			close(fds[0]);
			_exit(write_full(fds[1], body, len) < 0);
		}
	}
	close(fds[1]);
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
 * set -C: > may not overwrite an existing regular file. Other files
 * (/dev/null, a terminal) it may still open, without truncating them.
 */
static int
noclobber_flags(const char *target)
{
	struct stat st;

	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode))
		return O_WRONLY;
	return O_WRONLY | O_CREAT | O_EXCL;
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
			if (redir->op == R_OUT && shell.options[OPT_NOCLOBBER])
				flags = noclobber_flags(target);
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
				continue;
			}
			int from = dup_source(target);
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
				return -1;
			}
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

/* ---- the command hash: where PATH found each program ---- */

struct hashed {
	char *name;
	char *path;
};

static struct hashed *hash_table;
static size_t hash_len;

static const char *
hash_lookup(const char *name)
{
	for (size_t i = 0; i < hash_len; i++)
		if (strcmp(hash_table[i].name, name) == 0)
			return hash_table[i].path;
	return NULL;
}

void
hash_clear(void)
{
	for (size_t i = 0; i < hash_len; i++) {
		free(hash_table[i].name);
		free(hash_table[i].path);
	}
	free(hash_table);
	hash_table = NULL;
	hash_len = 0;
}

void
hash_print(void)
{
	for (size_t i = 0; i < hash_len; i++)
		out_printf(&out_stdout, "%s\n", hash_table[i].path);
}

int
path_next(const char **at, const char *name, struct strbuf *file)
{
	const char *dir = *at, *colon;
	size_t dir_len;

	if (!dir)
		return 0;
	colon = strchr(dir, ':');
	dir_len = colon ? (size_t)(colon - dir) : strlen(dir);
	file->len = 0;
	if (dir_len > 0) {
		strbuf_add(file, dir, dir_len);
		strbuf_addc(file, '/');
	}
	strbuf_adds(file, name);
	*at = colon ? colon + 1 : NULL;
	return 1;
}

char *
path_search(const char *name)
{
	const char *path = var_get("PATH");
	struct strbuf file = {0};
	struct stat st;

	if (!path)
		path = DEFAULT_PATH;
	while (path_next(&path, name, &file))
		if (stat(file.s, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(file.s, X_OK) == 0)
			return strbuf_take(&file);
	strbuf_free(&file);
	return NULL;
}

const char *
hash_find(const char *name)
{
	const char *known = hash_lookup(name);
	char *found;

	if (known)
		return known;
	found = path_search(name);
	if (!found)
		return NULL;
	hash_table = xreallocarray(hash_table, hash_len + 1,
	                           sizeof(*hash_table));
	hash_table[hash_len].name = xstrdup(name);
	hash_table[hash_len].path = found;
	return hash_table[hash_len++].path;
}

/* ---- functions ---- */

struct function {
	char *name;
	struct node *body;
};

static struct function *functions;
static size_t n_functions;

static struct function *
function_entry(const char *name)
{
	for (size_t i = 0; i < n_functions; i++)
		if (strcmp(functions[i].name, name) == 0)
			return &functions[i];
	return NULL;
}

struct node *
function_find(const char *name)
{
	struct function *f = n_functions ? function_entry(name) : NULL;

	return f ? f->body : NULL;
}

void
function_set(const char *name, struct node *body)
{
	struct function *f = function_entry(name);

	if (body)
		body->shared++;
	if (f) {
		node_free(f->body);
		if (body) {
			f->body = body;
			return;
		}
		free(f->name);
		*f = functions[--n_functions];
		return;
	}
	if (!body)
		return;
	functions = xreallocarray(functions, n_functions + 1,
	                          sizeof(*functions));
	functions[n_functions].name = xstrdup(name);
	functions[n_functions++].body = body;
}

void
functions_print(void)
{
	for (size_t i = 0; i < n_functions; i++)
		out_printf(&out_stdout, "%s() { ...; }\n", functions[i].name);
}

const char *
function_name_at(size_t index)
{
	return index < n_functions ? functions[index].name : NULL;
}

/*
 * How deep functions may call each other: at a call deeper than this the
 * shell says "f: recursion too deep", every call returns at once up to
 * the outermost one, which ends with status 2, and the shell goes on. A
 * call takes a few KiB of C stack (several times that under ASan), and
 * 1000 of them fit in the usual 8 MiB with room to spare.
 */
#define MAX_CALL_DEPTH 1000
static int too_deep; /* unwinding from MAX_CALL_DEPTH */

int
function_call(struct node *body, struct strvec *argv, int flags)
{
	struct strvec saved_params = shell.params;
	int saved_loops = shell.loop_depth;
	int status;

	if (shell.func_depth >= MAX_CALL_DEPTH) {
		warn_msg("%s: recursion too deep", argv->v[0]);
		shell.unwind = UNWIND_RETURN;
		shell.exit_status = 2;
		too_deep = 1;
		return 2;
	}
	memset(&shell.params, 0, sizeof(shell.params));
	for (size_t i = 1; i < argv->len; i++)
		strvec_push(&shell.params, xstrdup(argv->v[i]));
	body->shared++;
	shell.func_depth++;
	shell.loop_depth = 0;
	vars_push_frame();
	status = run_node(body, flags & RUN_TESTED);
	if (shell.unwind == UNWIND_RETURN &&
	    !(too_deep && shell.func_depth > 1)) {
		shell.unwind = UNWIND_NONE;
		status = shell.exit_status;
	}
	vars_pop_frame();
	shell.loop_depth = saved_loops;
	if (--shell.func_depth == 0)
		too_deep = 0;
	node_free(body);
	strvec_free(&shell.params);
	shell.params = saved_params;
	return status;
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
	char **env = var_environ();
	const char *name = argv[0];
	int error = ENOENT;

	// exec in the shell itself: the new program starts with the
	// dispositions the shell was given, not the ones it chose.
	default_signals();
	jobs_default_signals();
	if (strchr(name, '/')) {
		execve(name, argv, env);
		error = errno;
		if (error == ENOEXEC)
			run_script_here(name, argv);
	} else {
		const char *path = var_get("PATH");
		const char *hashed = hash_lookup(name);
		struct strbuf file = {0};

		if (hashed) {
			execve(hashed, argv, env);
			if (errno == ENOEXEC)
				run_script_here(hashed, argv);
		}
		if (!path)
			path = DEFAULT_PATH;
		while (path_next(&path, name, &file)) {
			execve(file.s, argv, env);
			if (errno == ENOEXEC)
				run_script_here(file.s, argv);
			// Keep looking after a file we may not run, but
			// remember it: "Permission denied" beats "not found".
			if (errno != ENOENT && errno != ENOTDIR)
				error = errno;
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
	struct strvec traced = {0};
	struct saved_fds saved = {0};

	// With no command, a redirection still opens (or creates) its file;
	// it comes before the assignments (2.9.1), which see its effect.
	if (redirect(node->redirs, &saved) < 0) {
		restore_fds(&saved);
		return 2;
	}
	for (size_t i = 0; i < node->assigns.len; i++) {
		const char *assign = node->assigns.v[i];
		const char *eq = strchr(assign, '=');
		char *value = expand_word(eq + 1, 1);

		if (!value) {
			strvec_free(&traced);
			restore_fds(&saved);
			return expansion_failed();
		}
		if (shell.options[OPT_XTRACE]) {
			struct strbuf word = {0};

			strbuf_add(&word, assign, (size_t)(eq - assign) + 1);
			strbuf_adds(&word, value);
			strvec_push(&traced, strbuf_take(&word));
		}
		int bad = var_set(assign, (size_t)(eq - assign), value, 0);
		if (bad < 0) {
			strvec_free(&traced);
			restore_fds(&saved);
			return expansion_failed();
		}
	}
	if (traced.len)
		xtrace(NULL, &traced);
	strvec_free(&traced);
	restore_fds(&saved);
	return shell.subst_status;
}

/*
 * A builtin. VIA_COMMAND: its name came after "command", which makes a
 * special builtin a regular one (its errors do not end the shell, its
 * assignments do not stay), though exec still keeps its redirections.
 */
static int
run_builtin(const struct builtin *builtin, struct node *node,
            struct strvec *argv, int via_command)
{
	int special = !via_command && (builtin->flags & BUILTIN_SPECIAL);
	int was_via_command = shell.via_command;
	int for_good = builtin->flags & BUILTIN_KEEPS_REDIRS;
	struct saved_fds saved = {0};
	struct var_saved *vars_saved = NULL;
	size_t n_assigns = node->assigns.len;
	int status;

	// The redirections come before the assignments (2.9.1).
	if (redirect(node->redirs, for_good ? NULL : &saved) < 0) {
		status = 2;
		n_assigns = 0;
		if (special)
			fatal_error(2);
		goto done;
	}
	// Assignments before a special builtin stay; before another one
	// they last as long as the builtin runs (2.14).
	if (!special && n_assigns)
		vars_saved = xcalloc(n_assigns, sizeof(*vars_saved));
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
		int bad = var_set(assign, name_len, value,
		                  for_good && argv->len > 1 ? VAR_EXPORT : 0);
		if (bad < 0) {
			status = expansion_failed();
			n_assigns = i + 1;
			goto done;
		}
	}
	optind = 0;
	shell.via_command = via_command;
	status = builtin->run((int)argv->len, argv->v);
	shell.via_command = was_via_command;
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

/*
 * A function: its assignments last while it runs, as for a regular
 * builtin, and so do its redirections.
 */
static int
run_function(struct node *body, struct node *node, struct strvec *argv,
             int flags)
{
	struct saved_fds saved = {0};
	struct var_saved *vars_saved =
	        node->assigns.len
	                ? xcalloc(node->assigns.len, sizeof(*vars_saved))
	                : NULL;
	size_t n_assigns = 0;
	int status = 2;

	// The redirections come before the assignments (2.9.1).
	if (redirect(node->redirs, &saved) < 0)
		goto done;
	for (; n_assigns < node->assigns.len; n_assigns++) {
		const char *assign = node->assigns.v[n_assigns];
		size_t name_len = (size_t)(strchr(assign, '=') - assign);
		char *value = expand_word(assign + name_len + 1, 1);

		if (!value) {
			status = expansion_failed();
			goto done;
		}
		var_save(&vars_saved[n_assigns], assign, name_len);
		var_set(assign, name_len, value, VAR_EXPORT);
	}
	status = function_call(body, argv, flags);
done:
	restore_fds(&saved);
	for (size_t i = n_assigns; i-- > 0;)
		var_restore(&vars_saved[i]);
	free(vars_saved);
	return status;
}

/*
 * The common case, a program with no redirections or assignments of its
 * own, starts with posix_spawn: with no copy of the shell's memory it
 * costs much less than fork and exec. Returns -1 when it cannot be used
 * (not found, a script without #!, ...): then fork reports or handles it.
 */
static int
spawn_program(struct strvec *argv)
{
	const char *path = strchr(argv->v[0], '/') ? argv->v[0]
	                                           : hash_find(argv->v[0]);
	posix_spawnattr_t attr;
	sigset_t defaults, none;
	pid_t pid;
	int error;

	if (!path)
		return -1;
	// The child gets the default action for every signal the shell
	// catches (traps, an interactive shell's own), and no mask.
	sigemptyset(&defaults);
	traps_caught(&defaults);
	if (shell.signals_changed) {
		sigaddset(&defaults, SIGINT);
		sigaddset(&defaults, SIGQUIT);
		sigaddset(&defaults, SIGTERM);
	}
	sigemptyset(&none);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF |
	                                        POSIX_SPAWN_SETSIGMASK);
	error = posix_spawn(&pid, path, NULL, &attr, argv->v, var_environ());
	posix_spawnattr_destroy(&attr);
	if (error)
		return -1;
	return foreground_done(wait_for(pid));
}

/*
 * Go on running NODE in a child of the shell with NODE's redirections in
 * place: fork and wait for it, unless RUN_NOFORK says this process may be
 * used up. Returns 1 in the parent, *STATUS being the child's status (2 if
 * fork failed); returns 0 in the process that is to run NODE.
 */
static int
run_in_child(struct node *node, int flags, int *status)
{
	if (!(flags & RUN_NOFORK)) {
		struct job *job = foreground_job(node, NULL);
		pid_t pid = fork_child(job);

		if (pid < 0) {
			if (job)
				job_wait(job);
			*status = 2;
			return 1;
		}
		if (pid > 0) {
			*status = foreground_done(job ? job_wait(job)
			                              : wait_for(pid));
			return 1;
		}
	}
	// A redirection that fails is status 2, as in dash.
	if (redirect(node->redirs, NULL) < 0)
		child_exit(2);
	return 0;
}

/* A program: in a child, or in this process when it ends here anyway. */
static int
run_program(struct node *node, struct strvec *argv, int flags)
{
	int status;

	// With traps set, the shell must outlive the program to run them.
	if ((flags & RUN_NOFORK) && traps_active())
		flags &= ~RUN_NOFORK;
	// Not in an interactive shell: there, glibc's posix_spawn would
	// leave its internal signals ignored in the child (the check build).
	// Nor with job control: the child must take the terminal itself.
	if (!(flags & RUN_NOFORK) && !node->redirs && !node->assigns.len &&
	    !shell.interactive && !job_control_on()) {
		status = spawn_program(argv);
		if (status >= 0)
			return status;
	}
	// Search PATH here, in the shell, so the next run finds it at once.
	if (!strchr(argv->v[0], '/'))
		hash_find(argv->v[0]);
	if (run_in_child(node, flags, &status))
		return status;
	for (size_t i = 0; i < node->assigns.len; i++) {
		const char *assign = node->assigns.v[i];
		const char *eq = strchr(assign, '=');
		char *value = expand_word(eq + 1, 1);

		if (!value)
			child_exit(2);
		var_set(assign, (size_t)(eq - assign), value, VAR_EXPORT);
	}
	exec_program(argv->v);
}

/* set -x: PS4, expanded, then the words of the command as it will run. */
static void
xtrace(const struct strvec *before, const struct strvec *words)
{
	struct scratch_mark mark = scratch_mark();
	struct strbuf line = {0};
	const char *ps4 = var_get("PS4");
	char *prefix;

	// PS4 may hold a command; tracing that must not recurse.
	shell.options[OPT_XTRACE] = 0;
	prefix = expand_word(ps4 ? ps4 : "", 0);
	shell.options[OPT_XTRACE] = 1;
	strbuf_adds(&line, prefix ? prefix : "");
	scratch_release(mark);
	for (size_t i = 0; before && i < before->len; i++) {
		strbuf_adds(&line, before->v[i]);
		strbuf_addc(&line, ' ');
	}
	for (size_t i = 0; i < words->len; i++) {
		if (i)
			strbuf_addc(&line, ' ');
		strbuf_adds(&line, words->v[i]);
	}
	if (line.len && line.s[line.len - 1] == ' ')
		line.len--;
	strbuf_addc(&line, '\n');
	write_full(2, line.s, line.len);
	strbuf_free(&line);
}

/*
 * "command NAME arg..." with NAME a builtin runs it here, not from the
 * command builtin, so that "command exec 3<file" keeps its redirection
 * as exec does.
 */
static int
run_via_command(const struct builtin *builtin, struct node *node,
                struct strvec *argv)
{
	struct strvec rest = {argv->v + 1, argv->len - 1, 0};

	return run_builtin(builtin, node, &rest, 1);
}

/* 2.9.1 Simple Commands, found in the order of 2.9.1.1 */
static int
run_simple(struct node *node, int flags)
{
	struct scratch_mark mark = scratch_mark();
	struct strvec argv = {0};
	const struct builtin *builtin = NULL;
	struct node *function;
	int status;

	shell.subst_status = 0;
	shell.lineno = node->line;
	if (expand_fields(&node->words, &argv) < 0) {
		scratch_release(mark);
		return expansion_failed();
	}
	if (argv.len && shell.options[OPT_XTRACE])
		xtrace(&node->assigns, &argv);
	if (argv.len == 0)
		status = run_assignments(node);
	else if (strchr(argv.v[0], '/'))
		status = run_program(node, &argv, flags);
	else if (argv.len > 1 && strcmp(argv.v[0], "command") == 0 &&
	         !function_find("command") &&
	         (builtin = builtin_find(argv.v[1])))
		status = run_via_command(builtin, node, &argv);
	else if ((builtin = builtin_find(argv.v[0])) &&
	         (builtin->flags & BUILTIN_SPECIAL))
		status = run_builtin(builtin, node, &argv, 0);
	else if ((function = function_find(argv.v[0])))
		status = run_function(function, node, &argv, flags);
	else if (builtin)
		status = run_builtin(builtin, node, &argv, 0);
	else
		status = run_program(node, &argv, flags);
	scratch_release(mark);
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

/*
 * Start the commands of pipeline NODE, each in a child, in JOB when it is
 * not NULL, their pids in PIDS. Returns how many started: fewer than all
 * after an error.
 */
static size_t
start_pipeline(struct node *node, struct job *job, pid_t *pids)
{
	int prev_read = -1;
	size_t started = 0;

	for (size_t i = 0; i < node->n_kids; i++) {
		int fds[2] = {-1, -1};

		if (i + 1 < node->n_kids && pipe(fds) < 0) {
			warn_sys("pipe");
			break;
		}
		pids[i] = fork_child(job);
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
		if (pids[i] < 0)
			break;
		started++;
	}
	if (prev_read >= 0)
		close(prev_read);
	return started;
}

/* 2.9.2 Pipelines: every command in a child; the last one's status. */
static int
run_pipeline(struct node *node)
{
	struct job *job = foreground_job(node, NULL);
	pid_t *pids = xcalloc(node->n_kids, sizeof(*pids));
	size_t started = start_pipeline(node, job, pids);
	int status = started < node->n_kids ? 2 : 0, failed = 0;

	if (job) {
		// All of the job's statuses (and pipefail) are in the table.
		free(pids);
		status = job_wait(job);
		return foreground_done(started < node->n_kids ? 2 : status);
	}
	for (size_t i = 0; i < started; i++) {
		int child_status = wait_for(pids[i]);

		if (i + 1 == node->n_kids)
			status = child_status;
		// pipefail: the last command that failed gives the status.
		if (child_status != 0)
			failed = child_status;
	}
	free(pids);
	if (shell.options[OPT_PIPEFAIL] && failed)
		status = failed;
	return foreground_done(status);
}

/*
 * 2.9.3.1 Asynchronous Lists. A pipeline's commands are children of the
 * shell itself, as in the foreground, so that $! is the last one's pid
 * (2.5.2), not that of a subshell waiting for them.
 */
static int
run_background(struct node *node)
{
	struct node *list = node->kids[0];
	struct job *job = job_new(node_text(list), 1);
	pid_t pid;

	if (list->type == N_PIPELINE) {
		pid_t *pids = xcalloc(list->n_kids, sizeof(*pids));
		size_t started = start_pipeline(list, job, pids);

		pid = started ? pids[started - 1] : -1;
		free(pids);
		if (started < list->n_kids && started) {
			// Those that did start are left to end on their own.
			job_started_async(job);
			return 2;
		}
	} else {
		pid = fork_child(job);
		if (pid == 0)
			child_exit(run_node(list, RUN_NOFORK));
	}
	if (pid < 0) {
		job_free(job);
		return 2;
	}
	shell.last_bg = pid;
	job_started_async(job);
	return 0;
}

/* 2.9.4.1 Grouping Commands: ( list ) runs in a child. */
static int
run_subshell(struct node *node, int flags)
{
	int status;

	if (run_in_child(node, flags, &status))
		return status;
	child_exit(run_node(node->kids[0], RUN_NOFORK));
}

/* { list; } runs in this shell, with its redirections for the time. */
static int
run_group(struct node *node, int flags)
{
	struct scratch_mark mark = scratch_mark();
	struct saved_fds saved = {0};
	int status = 2;

	if (!node->redirs)
		return run_node(node->kids[0], flags);
	if (redirect(node->redirs, &saved) == 0)
		status = run_node(node->kids[0], flags & RUN_TESTED);
	restore_fds(&saved);
	scratch_release(mark);
	return status;
}

/*
 * After a loop's body has run: should the loop end? break and continue
 * count down the loops they still have to leave.
 */
static int
loop_ends(void)
{
	if (shell.unwind == UNWIND_BREAK) {
		if (--shell.unwind_count == 0)
			shell.unwind = UNWIND_NONE;
		return 1;
	}
	if (shell.unwind == UNWIND_CONTINUE) {
		if (--shell.unwind_count == 0) {
			shell.unwind = UNWIND_NONE;
			return 0;
		}
		return 1;
	}
	return shell.unwind != UNWIND_NONE;
}

/* 2.9.4.3 while and 2.9.4.4 until */
static int
run_while(struct node *node, int flags)
{
	int status = 0;

	shell.loop_depth++;
	for (;;) {
		int cond = run_node(node->kids[0], flags | RUN_TESTED);

		if (shell.unwind) {
			if (loop_ends())
				break;
			continue;
		}
		if ((cond == 0) != (node->type == N_WHILE))
			break;
		status = run_node(node->kids[1], flags);
		if (shell.unwind && loop_ends())
			break;
	}
	shell.loop_depth--;
	return status;
}

/* 2.9.4.2 The for Loop */
static int
run_for(struct node *node, int flags)
{
	struct scratch_mark mark = scratch_mark();
	struct strvec items = {0};
	const char *name = node->words.v[0];
	int status = 0;

	shell.lineno = node->line;
	if (!node->has_in) {
		for (size_t i = 0; i < shell.params.len; i++) {
			const char *param = shell.params.v[i];

			scratch_push(&items,
			             scratch_strndup(param, strlen(param)));
		}
	} else {
		struct strvec words = {0};

		words.v = node->words.v + 1;
		words.len = node->words.len - 1;
		if (expand_fields(&words, &items) < 0) {
			scratch_release(mark);
			return expansion_failed();
		}
	}
	shell.loop_depth++;
	for (size_t i = 0; i < items.len; i++) {
		if (var_set(name, strlen(name), items.v[i], 0) < 0) {
			status = expansion_failed();
			break;
		}
		status = run_node(node->kids[0], flags);
		if (shell.unwind && loop_ends())
			break;
	}
	shell.loop_depth--;
	scratch_release(mark);
	return status;
}

/* Does WORD hold a quote, an expansion or a tilde? strpbrk, without its
 * setup cost: every pattern of a case is looked at each time. */
static int
has_quote_or_expansion(const char *word)
{
	for (; *word; word++)
		if (*word == '$' || *word == '\'' || *word == '"' ||
		    *word == '\\' || *word == '`' || *word == '~')
			return 1;
	return 0;
}

/* 2.9.4.1 case: the first item with a matching pattern runs. */
static int
run_case(struct node *node, int flags)
{
	struct scratch_mark subject_mark = scratch_mark();
	char *subject;

	shell.lineno = node->line;
	subject = expand_word(node->words.v[0], 0);
	if (!subject)
		return expansion_failed();
	for (size_t i = 0; i < node->n_kids; i++) {
		struct node *item = node->kids[i];

		for (size_t k = 0; k < item->words.len; k++) {
			struct scratch_mark mark = scratch_mark();
			const char *pattern = item->words.v[k];
			int match;

			// A pattern with nothing to expand or quote is used
			// as it is written.
			if (has_quote_or_expansion(pattern)) {
				pattern = expand_case_pattern(pattern);
				if (!pattern) {
					scratch_release(subject_mark);
					return expansion_failed();
				}
			}
			match = pattern_match(pattern, subject);
			scratch_release(mark);
			if (match) {
				scratch_release(subject_mark);
				return item->n_kids
				               ? run_node(item->kids[0], flags)
				               : 0;
			}
		}
	}
	scratch_release(subject_mark);
	return 0;
}

/* if, while, until, for and case, with their redirections in force. */
static int
run_compound(struct node *node, int flags)
{
	int tested = flags & RUN_TESTED;
	struct scratch_mark mark = scratch_mark();
	struct saved_fds saved = {0};
	int status = 0;

	if (node->redirs) {
		// The redirections are undone after: nothing may exec in place.
		flags &= RUN_TESTED;
		if (redirect(node->redirs, &saved) < 0) {
			restore_fds(&saved);
			scratch_release(mark);
			return 2;
		}
	}
	switch (node->type) {
	case N_IF:
		status = run_node(node->kids[0], tested | RUN_TESTED);
		if (shell.unwind)
			break;
		if (status == 0)
			status = run_node(node->kids[1], flags);
		else if (node->n_kids > 2)
			status = run_node(node->kids[2], flags);
		else
			status = 0;
		break;
	case N_WHILE:
	case N_UNTIL:
		status = run_while(node, tested);
		break;
	case N_FOR:
		status = run_for(node, tested);
		break;
	case N_CASE:
		status = run_case(node, flags);
		break;
	default:
		break;
	}
	restore_fds(&saved);
	scratch_release(mark);
	return status;
}

int
run_node(struct node *node, int flags)
{
	int status = 0;
	int tested = flags & RUN_TESTED;

	if (trap_pending)
		traps_run_pending();
	switch (node->type) {
	case N_SIMPLE:
		status = run_simple(node, flags);
		break;
	case N_PIPELINE:
		status = run_pipeline(node);
		break;
	case N_AND:
	case N_OR:
		status = run_node(node->kids[0], tested | RUN_TESTED);
		if (!shell.unwind && (status == 0) == (node->type == N_AND))
			status = run_node(node->kids[1], flags);
		break;
	case N_NOT:
		status = run_node(node->kids[0], tested | RUN_TESTED) == 0;
		break;
	case N_LIST:
		for (size_t i = 0; i < node->n_kids && !shell.unwind; i++)
			status = run_node(node->kids[i],
			                  i + 1 == node->n_kids ? flags : tested);
		break;
	case N_BACKGROUND:
		status = run_background(node);
		break;
	case N_SUBSHELL:
		status = run_subshell(node, flags);
		break;
	case N_GROUP:
		status = run_group(node, flags);
		break;
	case N_IF:
	case N_WHILE:
	case N_UNTIL:
	case N_FOR:
	case N_CASE:
		status = run_compound(node, flags);
		break;
	case N_CASE_ITEM:
		break;
	case N_FUNCDEF:
		function_set(node->words.v[0], node->kids[0]);
		break;
	}
	shell.last_status = status;
	// A signal caught while the command ran: its trap runs now, not
	// when the next command (perhaps a prompt later) starts (2.11).
	if (trap_pending)
		traps_run_pending();
	// set -e: a command that fails where nothing tests it ends the
	// shell; compound commands leave that to the commands inside.
	if (status != 0 && !tested && shell.options[OPT_ERREXIT] &&
	    !shell.unwind &&
	    (node->type == N_SIMPLE || node->type == N_PIPELINE ||
	     node->type == N_SUBSHELL)) {
		shell.unwind = UNWIND_EXIT;
		shell.exit_status = status;
	}
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
	pid = fork_child(NULL);
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
