/*
 * builtin.c - commands the shell runs itself (POSIX XCU 2.14 Special
 * Built-In Utilities, and the cd, pwd and umask utility pages).
 *
 * A builtin is a function from argc and argv to an exit status, found in
 * a table sorted by name. Each writes through out_stdout, which exec.c
 * flushes after it, and reports errors as "sh: NAME: what: why".
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

int
builtin_usage(const char *synopsis)
{
	warn_msg("usage: %s", synopsis);
	return 2;
}

#define usage builtin_usage

int
special_error(int status)
{
	// "command" takes away what is special about a special builtin.
	if (!shell.via_command)
		fatal_error(status);
	return status;
}

/* : [arg...] does nothing, successfully; its arguments are expanded. */
static int
bi_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/*
 * The directory cd -L goes to: DIR taken relative to $PWD, with "." and
 * ".." removed by name, so that "cd .." leaves a symbolic link the way
 * "cd link" entered it. NULL when $PWD is no absolute path.
 */
static char *
logical_path(const char *dir)
{
	const char *pwd = var_get("PWD");
	struct strbuf path = {0};
	struct strbuf canon = {0};

	if (dir[0] != '/') {
		if (!pwd || pwd[0] != '/')
			return NULL;
		strbuf_adds(&path, pwd);
		strbuf_addc(&path, '/');
	}
	strbuf_adds(&path, dir);
	for (const char *p = path.s; *p;) {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (canon.len > 0 && canon.s[--canon.len] != '/')
				;
			if (canon.s)
				canon.s[canon.len] = '\0';
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			strbuf_addc(&canon, '/');
			strbuf_add(&canon, p, len);
		}
		p += len;
		p += strspn(p, "/");
	}
	strbuf_free(&path);
	if (canon.len == 0)
		strbuf_addc(&canon, '/');
	return strbuf_take(&canon);
}

/*
 * A relative DIR not starting with . or .. is looked for in each entry
 * of CDPATH; a directory found through a non-empty entry is printed.
 */
static char *
cdpath_search(const char *dir, int *print)
{
	const char *cdpath = var_get("CDPATH");
	struct strbuf path = {0};

	if (!cdpath || dir[0] == '/' || strcmp(dir, ".") == 0 ||
	    strcmp(dir, "..") == 0 || strncmp(dir, "./", 2) == 0 ||
	    strncmp(dir, "../", 3) == 0)
		return xstrdup(dir);
	for (;;) {
		const char *colon = strchr(cdpath, ':');
		size_t len = colon ? (size_t)(colon - cdpath) : strlen(cdpath);
		struct stat st;

		path.len = 0;
		strbuf_add(&path, len ? cdpath : ".", len ? len : 1);
		strbuf_addc(&path, '/');
		strbuf_adds(&path, dir);
		if (stat(path.s, &st) == 0 && S_ISDIR(st.st_mode)) {
			*print = len > 0;
			return strbuf_take(&path);
		}
		if (!colon)
			break;
		cdpath = colon + 1;
	}
	strbuf_free(&path);
	return xstrdup(dir);
}

/* cd [-L|-P] [dir]: change directory; set PWD and OLDPWD. */
static int
bi_cd(int argc, char **argv)
{
	int physical = 0, print = 0, c;
	char *dir, *target, *old_pwd;

	while ((c = getopt(argc, argv, "+LP")) != -1) {
		if (c == '?')
			return usage("cd [-L|-P] [directory]");
		physical = c == 'P';
	}
	if (argc - optind > 1)
		return usage("cd [-L|-P] [directory]");
	if (optind == argc) {
		if (!var_get("HOME") || !*var_get("HOME")) {
			warn_msg("cd: HOME not set");
			return 1;
		}
		dir = xstrdup(var_get("HOME"));
	} else if (strcmp(argv[optind], "-") == 0) {
		if (!var_get("OLDPWD")) {
			warn_msg("cd: OLDPWD not set");
			return 1;
		}
		dir = xstrdup(var_get("OLDPWD"));
		print = 1;
	} else {
		dir = cdpath_search(argv[optind], &print);
	}
	target = physical ? NULL : logical_path(dir);
	if (chdir(target ? target : dir) < 0) {
		warn_sys("cd: %s", dir);
		free(target);
		free(dir);
		return 1;
	}
	if (!target)
		target = getcwd(NULL, 0);
	old_pwd = var_get("PWD") ? xstrdup(var_get("PWD")) : NULL;
	if (old_pwd)
		var_set("OLDPWD", 6, old_pwd, 0);
	if (target)
		var_set("PWD", 3, target, 0);
	if (print && target)
		out_printf(&out_stdout, "%s\n", target);
	free(old_pwd);
	free(target);
	free(dir);
	return 0;
}

/* . file: run the commands in FILE in this shell. */
static int
bi_dot(int argc, char **argv)
{
	const char *name = argv[1];
	const char *path;
	struct strbuf file = {0};
	int status;

	if (argc != 2)
		return usage(". file");
	// A name without a slash is looked for in PATH (but need not be
	// executable, only readable).
	if (!strchr(name, '/') && (path = var_get("PATH"))) {
		struct stat st;
		int found = 0;

		while (!found && path_next(&path, name, &file))
			found = stat(file.s, &st) == 0 && S_ISREG(st.st_mode);
		if (!found) {
			strbuf_free(&file);
			warn_msg(".: %s: not found", name);
			return special_error(2);
		}
		name = file.s;
	}
	status = run_file(name, 1);
	strbuf_free(&file);
	if (status < 0)
		return special_error(2);
	return status;
}

/* exec [command [arg...]]: replace the shell, or keep redirections. */
static int
bi_exec(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc > 1)
		exec_program(argv + 1);
	return 0;
}

/* exit [n]: leave the shell with status N, or that of the last command. */
static int
bi_exit(int argc, char **argv)
{
	long status = shell.in_trap ? shell.trap_status : shell.last_status;

	if (argc > 2)
		return usage("exit [n]");
	if (argc == 2 && parse_long(argv[1], 10, 0, LONG_MAX, &status) < 0) {
		warn_msg("exit: %s: invalid number", argv[1]);
		status = 2;
	}
	// A process's exit status is 8 bits: exit 256 is exit 0.
	shell.unwind = UNWIND_EXIT;
	shell.exit_status = (int)(status & 255);
	return shell.exit_status;
}

/* export [-p] [name[=value]...]: pass variables to commands' environment. */
static int
bi_export(int argc, char **argv)
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "+p")) != -1)
		if (c == '?')
			return usage("export [-p] [name[=value]...]");
	if (optind == argc) {
		vars_print(1);
		return 0;
	}
	for (int i = optind; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t name_len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name(argv[i], name_len)) {
			warn_msg("export: %s: bad variable name", argv[i]);
			status = special_error(2);
		} else if (eq) {
			if (var_assign(argv[i], VAR_EXPORT) < 0)
				status = special_error(2);
		} else {
			var_export(argv[i]);
		}
	}
	return status;
}

/* pwd [-L|-P]: the working directory, as cd left it in PWD. */
static int
bi_pwd(int argc, char **argv)
{
	const char *pwd = var_get("PWD");
	int physical = 0, c;
	char *cwd;

	while ((c = getopt(argc, argv, "+LP")) != -1) {
		if (c == '?')
			return usage("pwd [-L|-P]");
		physical = c == 'P';
	}
	if (!physical && pwd && pwd[0] == '/') {
		out_printf(&out_stdout, "%s\n", pwd);
		return 0;
	}
	cwd = getcwd(NULL, 0);
	if (!cwd) {
		warn_sys("pwd");
		return 1;
	}
	out_printf(&out_stdout, "%s\n", cwd);
	free(cwd);
	return 0;
}

/*
 * set [-abCefhmnuvx] [-o name]... [--] [arg...]: options and positional
 * parameters. Alone, list the variables; -o alone lists the options,
 * +o alone lists them as commands that set them again.
 */
static int
bi_set(int argc, char **argv)
{
	int i = 1;

	if (argc == 1) {
		vars_print(0);
		return 0;
	}
	for (; i < argc; i++) {
		const char *arg = argv[i];
		int on = arg[0] == '-';

		if ((arg[0] != '-' && arg[0] != '+') || !arg[1]) {
			// A lone "-" ends the options, as "--" does.
			if (strcmp(arg, "-") == 0)
				i++;
			break;
		}
		if (strcmp(arg, "--") == 0) {
			i++;
			goto params;
		}
		for (const char *c = arg + 1; *c; c++) {
			int opt;

			if (*c == 'o') {
				if (i + 1 >= argc) {
					options_print(!on);
					continue;
				}
				opt = option_by_name(argv[++i]);
				if (opt < 0) {
					warn_msg("set: %s: bad option",
					         argv[i]);
					return special_error(2);
				}
			} else if ((opt = option_by_letter(*c)) < 0) {
				warn_msg("set: -%c: bad option", *c);
				return special_error(2);
			}
			shell.options[opt] = (char)on;
		}
	}
	if (i == argc)
		return 0;
params:
	strvec_free(&shell.params);
	for (; i < argc; i++)
		strvec_push(&shell.params, xstrdup(argv[i]));
	return 0;
}

/* shift [n]: drop the first N positional parameters. */
static int
bi_shift(int argc, char **argv)
{
	long n = 1;

	if (argc > 2)
		return usage("shift [n]");
	if (argc == 2 && parse_long(argv[1], 10, 0, 1L << 30, &n) < 0) {
		warn_msg("shift: %s: invalid number", argv[1]);
		return special_error(2);
	}
	if ((size_t)n > shell.params.len) {
		warn_msg("shift: %ld: cannot shift that many", n);
		return special_error(2);
	}
	// Without parameters there may be no list at all to move.
	if (n == 0)
		return 0;
	for (long i = 0; i < n; i++)
		free(shell.params.v[i]);
	shell.params.len -= (size_t)n;
	memmove(shell.params.v, shell.params.v + n,
	        (shell.params.len + 1) * sizeof(*shell.params.v));
	return 0;
}

/*
 * A symbolic mode such as u=rwx,g+r,o-w applied to the permissions the
 * mask OLD allows; the new mask, or -1 if SPEC is not one.
 */
static long
symbolic_mask(const char *spec, mode_t old)
{
	unsigned allowed = ~old & 0777;

	for (;;) {
		unsigned who = 0, perms = 0;
		char op;

		for (; *spec && strchr("ugoa", *spec); spec++)
			who |= *spec == 'u' ? 0700 : *spec == 'g' ? 0070
			     : *spec == 'o' ? 0007 : 0777;
		if (!who)
			who = 0777;
		if (!*spec || !strchr("+-=", *spec))
			return -1;
		op = *spec++;
		for (; *spec && strchr("rwx", *spec); spec++)
			perms |= *spec == 'r' ? 0444 : *spec == 'w' ? 0222 : 0111;
		perms &= who;
		if (op == '+')
			allowed |= perms;
		else if (op == '-')
			allowed &= ~perms;
		else
			allowed = (allowed & ~who) | perms;
		if (!*spec)
			return (long)(~allowed & 0777);
		if (*spec++ != ',')
			return -1;
	}
}

/* umask [-S] [mask]: the file mode creation mask, octal or symbolic. */
static int
bi_umask(int argc, char **argv)
{
	static const char classes[] = "ugo";
	int symbolic = 0, c;
	long mask;
	mode_t old;

	while ((c = getopt(argc, argv, "+S")) != -1) {
		if (c == '?')
			return usage("umask [-S] [mask]");
		symbolic = 1;
	}
	if (optind < argc) {
		const char *arg = argv[optind];

		if (strchr("01234567", arg[0])) {
			if (parse_long(arg, 8, 0, 0777, &mask) < 0) {
				warn_msg("umask: %s: bad mask", arg);
				return 1;
			}
		} else {
			old = umask(0);
			umask(old);
			mask = symbolic_mask(arg, old);
			if (mask < 0) {
				warn_msg("umask: %s: bad mask", arg);
				return 1;
			}
		}
		umask((mode_t)mask);
		return 0;
	}
	// The only way to read the mask is to set it, so put it back.
	old = umask(0);
	umask(old);
	if (!symbolic) {
		out_printf(&out_stdout, "%04o\n", (unsigned)old);
		return 0;
	}
	for (int i = 0; i < 3; i++) {
		unsigned allowed = ~old >> (6 - 3 * i) & 7;

		out_printf(&out_stdout, "%s%c=%s%s%s", i ? "," : "", classes[i],
		           allowed & 4 ? "r" : "", allowed & 2 ? "w" : "",
		           allowed & 1 ? "x" : "");
	}
	out_char(&out_stdout, '\n');
	return 0;
}

/* unset [-v] name...: remove variables (-f, functions, has none yet). */
static int
bi_unset(int argc, char **argv)
{
	int c, functions = 0, status = 0;

	while ((c = getopt(argc, argv, "+fv")) != -1) {
		if (c == '?')
			return usage("unset [-f|-v] name...");
		functions = c == 'f';
	}
	for (int i = optind; i < argc; i++) {
		if (!is_name(argv[i], strlen(argv[i]))) {
			warn_msg("unset: %s: bad variable name", argv[i]);
			status = special_error(2);
		} else if (functions) {
			function_set(argv[i], NULL);
		} else if (var_unset(argv[i]) < 0) {
			status = special_error(2);
		}
	}
	return status;
}

/* Sorted by name (strcmp order), for the binary search below. */
static const struct builtin builtins[] = {
        {".", bi_dot, BUILTIN_SPECIAL},
        {":", bi_colon, BUILTIN_SPECIAL},
        {"[", bi_test, 0},
        {"alias", bi_alias, 0},
        {"bg", bi_bg, 0},
        {"break", bi_break, BUILTIN_SPECIAL},
        {"cd", bi_cd, 0},
        {"command", bi_command, 0},
        {"continue", bi_continue, BUILTIN_SPECIAL},
        {"echo", bi_echo, 0},
        {"eval", bi_eval, BUILTIN_SPECIAL},
        {"exec", bi_exec, BUILTIN_SPECIAL | BUILTIN_KEEPS_REDIRS},
        {"exit", bi_exit, BUILTIN_SPECIAL},
        {"export", bi_export, BUILTIN_SPECIAL},
        {"false", bi_false, 0},
        {"fg", bi_fg, 0},
        {"getopts", bi_getopts, 0},
        {"hash", bi_hash, 0},
        {"history", bi_history, 0},
        {"jobs", bi_jobs, 0},
        {"kill", bi_kill, 0},
        {"local", bi_local, 0},
        {"printf", bi_printf, 0},
        {"pwd", bi_pwd, 0},
        {"read", bi_read, 0},
        {"readonly", bi_readonly, BUILTIN_SPECIAL},
        {"return", bi_return, BUILTIN_SPECIAL},
        {"set", bi_set, BUILTIN_SPECIAL},
        {"shift", bi_shift, BUILTIN_SPECIAL},
        {"test", bi_test, 0},
        {"times", bi_times, BUILTIN_SPECIAL},
        {"trap", bi_trap, BUILTIN_SPECIAL},
        {"true", bi_true, 0},
        {"type", bi_type, 0},
        {"ulimit", bi_ulimit, 0},
        {"umask", bi_umask, 0},
        {"unalias", bi_unalias, 0},
        {"unset", bi_unset, BUILTIN_SPECIAL},
        {"wait", bi_wait, 0},
};

static int
compare_builtin(const void *name, const void *builtin)
{
	return strcmp(name, ((const struct builtin *)builtin)->name);
}

const struct builtin *
builtin_find(const char *name)
{
	return bsearch(name, builtins, sizeof(builtins) / sizeof(builtins[0]),
	               sizeof(builtins[0]), compare_builtin);
}

const char *
builtin_name_at(size_t index)
{
	if (index >= sizeof(builtins) / sizeof(builtins[0]))
		return NULL;
	return builtins[index].name;
}
