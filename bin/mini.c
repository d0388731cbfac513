/*
 * mini - every program of the system in one binary.
 *
 * Each command (/bin/ls, /bin/sh, /init ...) is a symbolic link to this
 * file. The kernel runs it with argv[0] set to the name the command was
 * run by, so the last part of argv[0] says which program to be.
 * `mini NAME ARGS...` runs NAME too, and `mini` alone lists the names.
 */
#include <string.h>

#include "mini.h"
#include "programs.h"

static const char *
last_part(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static const struct program *
find_program(const char *name)
{
	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (strcmp(programs[i].name, name) == 0)
			return &programs[i];
	return NULL;
}

static int
list_programs(void)
{
	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		out_str(&out_stdout, programs[i].name);
		out_char(&out_stdout, '\n');
	}
	return finish(0);
}

int
main(int argc, char **argv)
{
	const char *name = last_part(argv[0]);
	const struct program *program;

	if (strcmp(name, "mini") == 0) {
		if (argc < 2)
			return list_programs();
		argc--;
		argv++;
		name = last_part(argv[0]);
	}
	// A login shell is run as -sh: the shell itself looks at the dash.
	if (name[0] == '-')
		name++;
	program = find_program(name);
	if (!program) {
		prog_init("mini");
		die_msg("%s: no such program", name);
	}
	return program->main(argc, argv);
}
