/*
 * main.c - sh: options, signals, and the read-parse-run loop (POSIX sh).
 *
 *   sh -c 'command' [name [arg...]]   run COMMAND; $0 is NAME
 *   sh file [arg...]                  run the script FILE
 *   sh [-s] [arg...]                  read commands from standard input
 *
 * -i forces interactive mode (prompts, SIGINT back to the prompt); -l, or
 * an argv[0] starting with '-', makes a login shell that first reads
 * /etc/profile and $HOME/.profile. --ast prints each command's syntax
 * tree instead of running it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sh.h"

static const char usage[] =
        "sh [-il] [-abCefhmnuvx] [-o option] [--ast] "
        "[-c command [name [arg...]] | -s [arg...] | file [arg...]]";

struct shell shell;
volatile sig_atomic_t sigint_seen;

/* set -o names, in the order of enum option; letter 0: none. */
static const struct {
	const char *name;
	char letter;
} options[N_OPTIONS] = {
        [OPT_ALLEXPORT] = {"allexport", 'a'},
        [OPT_NOCLOBBER] = {"noclobber", 'C'},
        [OPT_ERREXIT] = {"errexit", 'e'},
        [OPT_NOGLOB] = {"noglob", 'f'},
        [OPT_HASHALL] = {"hashall", 'h'},
        [OPT_MONITOR] = {"monitor", 'm'},
        [OPT_NOEXEC] = {"noexec", 'n'},
        [OPT_NOUNSET] = {"nounset", 'u'},
        [OPT_VERBOSE] = {"verbose", 'v'},
        [OPT_XTRACE] = {"xtrace", 'x'},
        [OPT_IGNOREEOF] = {"ignoreeof", 0},
        [OPT_NOLOG] = {"nolog", 0},
        [OPT_PIPEFAIL] = {"pipefail", 0},
        [OPT_VI] = {"vi", 0},
};

int
option_by_name(const char *name)
{
	for (int i = 0; i < N_OPTIONS; i++)
		if (strcmp(options[i].name, name) == 0)
			return i;
	return -1;
}

int
option_by_letter(char c)
{
	for (int i = 0; i < N_OPTIONS; i++)
		if (options[i].letter == c)
			return i;
	return -1;
}

void
options_print(int reinput)
{
	for (int i = 0; i < N_OPTIONS; i++) {
		if (reinput)
			out_printf(&out_stdout, "set %co %s\n",
			           shell.options[i] ? '-' : '+',
			           options[i].name);
		else
			out_printf(&out_stdout, "%-15s %s\n", options[i].name,
			           shell.options[i] ? "on" : "off");
	}
}

void
options_letters(char *buf, size_t size)
{
	size_t len = 0;

	for (int i = 0; i < N_OPTIONS && len + 2 < size; i++)
		if (shell.options[i] && options[i].letter)
			buf[len++] = options[i].letter;
	if (shell.interactive && len + 2 < size)
		buf[len++] = 'i';
	if (shell.reads_stdin && len + 2 < size)
		buf[len++] = 's';
	buf[len] = '\0';
}

/*
 * How deep eval and . may nest, each a run_input inside the one before
 * (f='eval "$f"'; eval "$f"): as for functions, an error comes before the
 * C stack runs out.
 */
#define MAX_INPUT_DEPTH 1000

int
run_input(struct input *in)
{
	struct parser parser;
	int status = 0;

	if (shell.eval_depth >= MAX_INPUT_DEPTH) {
		warn_msg("eval or . nested too deeply");
		return shell.last_status = 2;
	}
	shell.eval_depth++;
	parser_init(&parser, in);
	while (!shell.unwind) {
		struct node *tree;
		enum parse_result result;

		reap_background();
		if (in->prompts)
			jobs_notify();
		in->continued = 0;
		in->interrupted = 0;
		sigint_seen = 0;
		result = parse_complete_command(&parser, &tree);
		input_end_command(in);
		if (result == PARSE_EOF && in->prompts && jobs_refuse_exit()) {
			// Read on: a parser that saw the end keeps seeing it.
			in->at_eof = 0;
			parser_free(&parser);
			parser_init(&parser, in);
			continue;
		}
		if (result == PARSE_EOF)
			break;
		if (result == PARSE_EMPTY)
			continue;
		if (result == PARSE_INTERRUPTED) {
			write_full(2, "\n", 1);
			status = shell.last_status = 128 + SIGINT;
			continue;
		}
		if (result == PARSE_ERROR) {
			status = shell.last_status = 2;
			fatal_error(2);
			continue;
		}
		if (shell.ast_only) {
			ast_print(&out_stdout, tree, 0);
			out_flush(&out_stdout);
		} else if (!shell.options[OPT_NOEXEC] || shell.interactive) {
			status = run_node(tree, 0);
		}
		node_free(tree);
		// Ctrl-C ends what was running and comes back here, to the
		// loop that reads from the terminal and prompts.
		if (shell.unwind == UNWIND_INTR && in->prompts)
			shell.unwind = UNWIND_NONE;
		if (shell.unwind == UNWIND_EXIT && in->prompts &&
		    jobs_refuse_exit()) {
			shell.unwind = UNWIND_NONE;
			status = shell.last_status = 1;
		}
	}
	parser_free(&parser);
	shell.eval_depth--;
	return status;
}

/* Open a script on a descriptor of its own, above the user's 0 to 9. */
static int
open_script(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int high;

	if (fd < 0)
		return -1;
	high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (high < 0)
		return fd;
	close(fd);
	return high;
}

static int
run_script_fd(int fd, const char *path)
{
	struct input in;
	int status;

	input_from_file(&in, fd, path);
	status = run_input(&in);
	input_free(&in);
	close(fd);
	return status;
}

int
run_file(const char *path, int must_exist)
{
	int fd = open_script(path);
	int status;

	if (fd < 0) {
		if (must_exist || errno != ENOENT)
			warn_sys("%s: cannot open", path);
		return -1;
	}
	shell.dot_depth++;
	status = run_script_fd(fd, path);
	shell.dot_depth--;
	// return leaves a . script as it leaves a function.
	if (shell.unwind == UNWIND_RETURN) {
		shell.unwind = UNWIND_NONE;
		status = shell.exit_status;
	}
	return status;
}

static void
set_params(const char *arg0, char **args)
{
	free(shell.arg0);
	shell.arg0 = xstrdup(arg0);
	strvec_free(&shell.params);
	for (; *args; args++)
		strvec_push(&shell.params, xstrdup(*args));
}

_Noreturn void
run_script_here(const char *path, char **argv)
{
	int fd = open_script(path);

	if (fd < 0) {
		warn_sys("%s", path);
		_exit(126);
	}
	// A file the kernel cannot run is a script for us (2.9.1.1 e):
	// this child becomes a new shell running it.
	set_params(path, argv + 1);
	shell.unwind = UNWIND_NONE;
	child_exit(run_script_fd(fd, path));
}

static void
on_sigint(int sig)
{
	(void)sig;
	sigint_seen = 1;
}

/*
 * An interactive shell survives Ctrl-C, Ctrl-\ and kill (2.11, "Signals").
 * SIGINT is caught rather than ignored so that it can break off a read at
 * the prompt: no SA_RESTART. Children get the defaults back in fork_child.
 */
static void
interactive_signals(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_sigint;
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	shell.signals_changed = 1;
}

/* Keep an inherited PWD only if it really names the current directory. */
static void
init_pwd(void)
{
	const char *pwd = var_get("PWD");
	struct stat named, dot;
	char *cwd;

	if (pwd && pwd[0] == '/' && stat(pwd, &named) == 0 &&
	    stat(".", &dot) == 0 && named.st_dev == dot.st_dev &&
	    named.st_ino == dot.st_ino)
		return;
	cwd = getcwd(NULL, 0);
	if (cwd)
		var_set("PWD", 3, cwd, VAR_EXPORT);
	free(cwd);
}

static void
init_vars(void)
{
	extern char **environ;
	char number[32];

	vars_import(environ);
	// IFS is never taken from the environment (2.5.3).
	var_set("IFS", 3, " \t\n", 0);
	// Nor OPTIND: getopts starts at the first argument (2.5.3).
	var_set("OPTIND", 6, "1", 0);
	if (!var_get("PS1"))
		var_set("PS1", 3, "$ ", 0);
	if (!var_get("PS2"))
		var_set("PS2", 3, "> ", 0);
	if (!var_get("PS4"))
		var_set("PS4", 3, "+ ", 0);
	snprintf(number, sizeof(number), "%ld", (long)getppid());
	var_set("PPID", 4, number, 0);
	init_pwd();
}

/*
 * An interactive shell's prompt shows who, where and in which directory:
 * root@mini:/# . HOSTNAME and USER are set for it when unset, but not
 * exported, and only here: scripts see no new variables.
 */
static void
interactive_vars(void)
{
	struct utsname uts;
	struct passwd *pw;

	if (!var_get("HOSTNAME") && uname(&uts) == 0)
		var_set("HOSTNAME", 8, uts.nodename, 0);
	if (!var_get("USER") && (pw = getpwuid(geteuid())))
		var_set("USER", 4, pw->pw_name, 0);
	// The environment is untouched by var_set: did PS1 come from it?
	if (!getenv("PS1"))
		var_set("PS1", 3,
		        geteuid() == 0 ? "$USER@$HOSTNAME:$PWD# "
		                       : "$USER@$HOSTNAME:$PWD$ ",
		        0);
}

static void
login_profiles(void)
{
	const char *home = var_get("HOME");

	run_file("/etc/profile", 0);
	if (home && *home && !shell.unwind) {
		struct strbuf path = {0};

		strbuf_adds(&path, home);
		strbuf_adds(&path, "/.profile");
		run_file(path.s, 0);
		strbuf_free(&path);
	}
}

int
main(int argc, char **argv)
{
	int command_mode = 0, stdin_mode = 0, force_interactive = 0;
	int login = argv[0] && argv[0][0] == '-';
	const char *script = NULL, *arg0 = argv[0] ? argv[0] : "sh";
	struct input in;
	int fd = 0;

	(void)argc;

	// A login shell is "-sh"; its messages still say "sh".
	prog_init(login ? argv[0] + 1 : argv[0]);
	// Not getopt: set's options may also be turned off, with a '+'.
	shell.options[OPT_MONITOR] = MONITOR_UNSET; // jobs_init decides
	for (optind = 1; argv[optind]; optind++) {
		const char *arg = argv[optind];
		int on = arg[0] == '-';

		if ((arg[0] != '-' && arg[0] != '+') || !arg[1])
			break;
		if (strcmp(arg, "--") == 0) {
			optind++;
			break;
		}
		if (strcmp(arg, "--ast") == 0) {
			shell.ast_only = 1;
			continue;
		}
		for (const char *p = arg + 1; *p; p++) {
			int opt;

			if (*p == 'c' && on) {
				command_mode = 1;
			} else if (*p == 'i' && on) {
				force_interactive = 1;
			} else if (*p == 'l' && on) {
				login = 1;
			} else if (*p == 's' && on) {
				stdin_mode = 1;
			} else if (*p == 'o' && argv[optind + 1]) {
				opt = option_by_name(argv[++optind]);
				if (opt < 0)
					die_usage(usage);
				shell.options[opt] = (char)on;
			} else if ((opt = option_by_letter(*p)) >= 0) {
				shell.options[opt] = (char)on;
			} else {
				die_usage(usage);
			}
		}
	}
	argv += optind;
	shell.pid = getpid();
	init_vars();

	if (command_mode) {
		if (!argv[0])
			die_usage(usage);
		input_from_string(&in, argv[0], strlen(argv[0]));
		in.name = "-c";
		set_params(argv[1] ? argv[1] : arg0, argv + (argv[1] ? 2 : 1));
	} else if (argv[0] && !stdin_mode) {
		script = argv[0];
		fd = open_script(script);
		if (fd < 0) {
			warn_sys("%s: cannot open", script);
			return errno == ENOENT ? 127 : 126;
		}
		input_from_file(&in, fd, script);
		set_params(script, argv + 1);
	} else {
		shell.interactive =
		        force_interactive || (isatty(0) && isatty(2));
		input_from_stdin(&in);
		shell.reads_stdin = 1;
		in.prompts = shell.interactive;
		set_params(arg0, argv);
	}
	if (force_interactive)
		shell.interactive = 1;
	if (shell.interactive)
		interactive_signals();
	if (shell.interactive)
		interactive_vars();
	jobs_init();

	if (login)
		login_profiles();
	// An interactive shell reads the file $ENV names, expanded (sh, ENV).
	if (shell.interactive && !shell.unwind && var_get("ENV")) {
		struct scratch_mark mark = scratch_mark();
		char *env = expand_word(var_get("ENV"), 0);

		if (env && *env)
			run_file(env, 0);
		scratch_release(mark);
	}
	if (!shell.unwind)
		run_input(&in);
	if (shell.unwind == UNWIND_EXIT)
		shell.last_status = shell.exit_status;
	trap_run_exit();
	input_free(&in);
	if (script)
		close(fd);
	free(shell.arg0);
	strvec_free(&shell.params);
	return finish(shell.unwind == UNWIND_EXIT ? shell.exit_status
	                                          : shell.last_status);
}
