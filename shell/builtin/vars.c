/*
 * builtin/vars.c - readonly, local and getopts (POSIX XCU 2.14 readonly,
 * getopts; local as dash and bash have it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sh.h"

/* readonly [-p] name[=value]...: variables that cannot change any more. */
int
bi_readonly(int argc, char **argv)
{
	int i = 1, status = 0;

	if (i < argc && strcmp(argv[i], "-p") == 0)
		i++;
	if (i == argc) {
		vars_print_flagged("readonly", VAR_READONLY);
		return 0;
	}
	for (; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name(argv[i], len)) {
			warn_msg("readonly: %s: bad variable name", argv[i]);
			status = special_error(2);
		} else if (eq) {
			if (var_set(argv[i], len, eq + 1, VAR_READONLY) < 0)
				status = special_error(2);
		} else {
			var_add_flags(argv[i], VAR_READONLY);
		}
	}
	return status;
}

/* local name[=value]...: the variable is put back when the function ends. */
int
bi_local(int argc, char **argv)
{
	int status = 0;

	if (shell.func_depth == 0) {
		warn_msg("local: not in a function");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name(argv[i], len)) {
			warn_msg("local: %s: bad variable name", argv[i]);
			status = 2;
			continue;
		}
		var_make_local(argv[i], len);
		if (eq && var_set(argv[i], len, eq + 1, 0) < 0)
			status = 2;
	}
	return status;
}

/* Where getopts is inside a group of options like -abc. */
static size_t getopts_char;
static long getopts_last_optind = 1;

static void
set_var(const char *name, const char *value)
{
	if (value)
		var_set(name, strlen(name), value, 0);
	else
		var_unset(name);
}

/* getopts optstring name [arg...]: the next option, into NAME. */
int
bi_getopts(int argc, char **argv)
{
	const char *optstring, *name, *optind_text = var_get("OPTIND");
	char **args;
	int n_args;
	long index = 1;
	char number[32], found[2] = {0};
	const char *spec, *arg;
	int quiet;

	if (argc < 3)
		return builtin_usage("getopts optstring name [arg...]");
	optstring = argv[1];
	name = argv[2];
	quiet = optstring[0] == ':';
	if (argc > 3) {
		args = argv + 3;
		n_args = argc - 3;
	} else {
		args = shell.params.v;
		n_args = (int)shell.params.len;
	}
	if (optind_text && parse_long(optind_text, 10, 1, 1L << 30, &index) < 0)
		index = 1;
	// OPTIND set by the user (OPTIND=1 to start again) resets the place
	// inside a group.
	if (index != getopts_last_optind || getopts_char == 0) {
		getopts_char = 0;
	}
	if (getopts_char == 0) {
		if (index > n_args || !args[index - 1] ||
		    args[index - 1][0] != '-' || !args[index - 1][1])
			goto done;
		if (strcmp(args[index - 1], "--") == 0) {
			index++;
			goto done;
		}
		getopts_char = 1;
	}
	arg = args[index - 1];
	found[0] = arg[getopts_char++];
	if (!arg[getopts_char]) {
		index++;
		getopts_char = 0;
	}
	spec = found[0] != ':' ? strchr(optstring + quiet, found[0]) : NULL;
	set_var("OPTARG", NULL);
	if (!spec) {
		if (quiet) {
			set_var("OPTARG", found);
		} else {
			warn_msg("getopts: illegal option -- %c", found[0]);
		}
		found[0] = '?';
	} else if (spec[1] == ':') {
		if (getopts_char) {
			set_var("OPTARG", arg + getopts_char);
			index++;
			getopts_char = 0;
		} else if (index <= n_args) {
			set_var("OPTARG", args[index - 1]);
			index++;
		} else if (quiet) {
			set_var("OPTARG", found);
			found[0] = ':';
		} else {
			warn_msg("getopts: option requires an argument -- %c",
			         found[0]);
			found[0] = '?';
		}
	}
	set_var(name, found);
	snprintf(number, sizeof(number), "%ld", index);
	set_var("OPTIND", number);
	getopts_last_optind = index;
	return 0;
done:
	set_var(name, "?");
	snprintf(number, sizeof(number), "%ld", index);
	set_var("OPTIND", number);
	getopts_last_optind = index;
	getopts_char = 0;
	return 1;
}
