/*
 * builtin/lookup.c - command, type, hash, alias and unalias (POSIX XCU
 * command, type, hash, alias, unalias): what a name means to the shell.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../sh.h"

static const char *const reserved_words[] = {
        "!",  "{",    "}",    "case",  "do",    "done", "elif", "else",
        "esac", "fi", "for",  "if",    "in",    "then", "until", "while",
};

static int
is_reserved_word(const char *name)
{
	for (size_t i = 0; i < sizeof(reserved_words) / sizeof(*reserved_words);
	     i++)
		if (strcmp(reserved_words[i], name) == 0)
			return 1;
	return 0;
}

/* ---- aliases ---- */

struct alias {
	char *name;
	char *value;
};

static struct alias *aliases;
static size_t n_aliases;

static struct alias *
alias_find(const char *name)
{
	for (size_t i = 0; i < n_aliases; i++)
		if (strcmp(aliases[i].name, name) == 0)
			return &aliases[i];
	return NULL;
}

const char *
alias_get(const char *name)
{
	struct alias *a = n_aliases ? alias_find(name) : NULL;

	return a ? a->value : NULL;
}

const char *
alias_name_at(size_t index)
{
	return index < n_aliases ? aliases[index].name : NULL;
}

static void
print_alias(const struct alias *a)
{
	out_printf(&out_stdout, "%s='", a->name);
	for (const char *p = a->value; *p; p++) {
		if (*p == '\'')
			out_str(&out_stdout, "'\\''");
		else
			out_char(&out_stdout, *p);
	}
	out_str(&out_stdout, "'\n");
}

/* alias [name[=value]...]: define or show aliases. */
int
bi_alias(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		for (size_t i = 0; i < n_aliases; i++)
			print_alias(&aliases[i]);
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		struct alias *a;

		if (!eq) {
			a = alias_find(argv[i]);
			if (a) {
				print_alias(a);
			} else {
				warn_msg("alias: %s: not found", argv[i]);
				status = 1;
			}
			continue;
		}
		*eq = '\0';
		a = alias_find(argv[i]);
		if (!a) {
			aliases = xreallocarray(aliases, n_aliases + 1,
			                        sizeof(*aliases));
			a = &aliases[n_aliases++];
			a->name = xstrdup(argv[i]);
		} else {
			free(a->value);
		}
		a->value = xstrdup(eq + 1);
		*eq = '=';
	}
	return status;
}

/* unalias -a | name...: forget aliases. */
int
bi_unalias(int argc, char **argv)
{
	int status = 0;

	if (argc == 2 && strcmp(argv[1], "-a") == 0) {
		for (size_t i = 0; i < n_aliases; i++) {
			free(aliases[i].name);
			free(aliases[i].value);
		}
		n_aliases = 0;
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct alias *a = alias_find(argv[i]);

		if (!a) {
			warn_msg("unalias: %s: not found", argv[i]);
			status = 1;
			continue;
		}
		free(a->name);
		free(a->value);
		*a = aliases[--n_aliases];
	}
	return status;
}

/* ---- what a name is ---- */

/*
 * Describe NAME: as command -v does (VERBOSE 0: the path or the name), or
 * as type and command -V do (a sentence). 0 if it was found.
 */
static int
describe(const char *name, int verbose, int default_path)
{
	const struct builtin *builtin;
	const char *alias;
	char *path;

	if ((alias = alias_get(name))) {
		if (verbose)
			out_printf(&out_stdout, "%s is an alias for %s\n",
			           name, alias);
		else {
			// As a command that defines it again (command -v).
			out_str(&out_stdout, "alias ");
			print_alias(alias_find(name));
		}
		return 0;
	}
	if (is_reserved_word(name)) {
		out_printf(&out_stdout, verbose ? "%s is a shell keyword\n"
		                                : "%s\n",
		           name);
		return 0;
	}
	builtin = strchr(name, '/') ? NULL : builtin_find(name);
	if (builtin && (builtin->flags & BUILTIN_SPECIAL)) {
		out_printf(&out_stdout,
		           verbose ? "%s is a special shell builtin\n" : "%s\n",
		           name);
		return 0;
	}
	if (!strchr(name, '/') && function_find(name)) {
		out_printf(&out_stdout,
		           verbose ? "%s is a shell function\n" : "%s\n", name);
		return 0;
	}
	if (builtin) {
		out_printf(&out_stdout,
		           verbose ? "%s is a shell builtin\n" : "%s\n", name);
		return 0;
	}
	if (strchr(name, '/')) {
		if (access(name, X_OK) == 0) {
			out_printf(&out_stdout, verbose ? "%s is %s\n" : "%s\n",
			           name, name);
			return 0;
		}
		path = NULL;
	} else if (default_path) {
		const char *saved = var_get("PATH");
		char *copy = saved ? xstrdup(saved) : NULL;

		var_set("PATH", 4, "/bin:/usr/bin", 0);
		path = path_search(name);
		if (copy)
			var_set("PATH", 4, copy, 0);
		else
			var_unset("PATH");
		free(copy);
	} else {
		const char *hashed = hash_find(name);
		path = hashed ? xstrdup(hashed) : NULL;
	}
	if (path) {
		if (verbose)
			out_printf(&out_stdout, "%s is %s\n", name, path);
		else
			out_printf(&out_stdout, "%s\n", path);
		free(path);
		return 0;
	}
	if (verbose)
		warn_msg("%s: not found", name);
	return 127;
}

/* type name...: say what each name is. */
int
bi_type(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++)
		if (describe(argv[i], 1, 0))
			status = 127;
	return status;
}

/* command [-p] [-v|-V] name [arg...]: run NAME, never as a function. */
int
bi_command(int argc, char **argv)
{
	int default_path = 0, verbose = -1, c;
	const struct builtin *builtin;

	while ((c = getopt(argc, argv, "+pvV")) != -1) {
		if (c == 'p')
			default_path = 1;
		else if (c == 'v')
			verbose = 0;
		else if (c == 'V')
			verbose = 1;
		else
			return builtin_usage("command [-p] [-v|-V] name [arg...]");
	}
	if (optind == argc)
		return 0;
	if (verbose >= 0) {
		int status = 0;

		for (int i = optind; i < argc; i++)
			if (describe(argv[i], verbose, default_path))
				status = 127;
		return status;
	}
	argv += optind;
	argc -= optind;
	builtin = strchr(argv[0], '/') ? NULL : builtin_find(argv[0]);
	if (builtin) {
		optind = 0;
		return builtin->run(argc, argv);
	}
	out_flush(&out_stdout);
	return run_external(argv, default_path);
}

/* hash [-r] [name...]: remember where programs are, or forget it. */
int
bi_hash(int argc, char **argv)
{
	int status = 0;

	if (argc == 2 && strcmp(argv[1], "-r") == 0) {
		hash_clear();
		return 0;
	}
	if (argc == 1) {
		hash_print();
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (builtin_find(argv[i]) || function_find(argv[i]))
			continue;
		if (!hash_find(argv[i])) {
			warn_msg("hash: %s: not found", argv[i]);
			status = 1;
		}
	}
	return status;
}
