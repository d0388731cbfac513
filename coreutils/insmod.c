/* insmod, rmmod, lsmod - load, unload and list kernel modules (init_module(2)). */
/*
 * insmod FILE [PARAM=VALUE...] hands the whole .ko file to the kernel,
 * which links it in; the file must be uncompressed and built for the
 * running kernel, and modules it depends on must be loaded first (there
 * is no modprobe to find them). rmmod NAME unloads a module no one uses;
 * lsmod lists /proc/modules as "Module Size Used by".
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mini.h"

static const char insmod_usage[] = "insmod FILE [PARAM=VALUE...]";
static const char rmmod_usage[] = "rmmod [-f] NAME...";
static const char lsmod_usage[] = "lsmod";

static int
insmod(char **argv)
{
	struct stat info;
	size_t params_len = 1;
	int fd;

	if (!argv[0])
		die_usage(insmod_usage);
	fd = xopen(argv[0], O_RDONLY, 0);
	if (fstat(fd, &info) < 0)
		die_sys("%s", argv[0]);
	char *image = xmalloc((size_t)info.st_size + 1);
	if (read_full(fd, image, (size_t)info.st_size) != info.st_size)
		die_sys("%s", argv[0]);
	close(fd);
	// The parameters go to the kernel as one string, blank-separated.
	for (char **p = argv + 1; *p; p++)
		params_len += strlen(*p) + 1;
	char *params = xcalloc(1, params_len);
	for (char **p = argv + 1; *p; p++) {
		if (p > argv + 1)
			strcat(params, " ");
		strcat(params, *p);
	}
	if (syscall(SYS_init_module, image, (unsigned long)info.st_size, params) < 0)
		die_sys("%s", argv[0]);
	free(image);
	free(params);
	return 0;
}

static int
rmmod(char **argv, int force)
{
	int status = 0;

	if (!argv[0])
		die_usage(rmmod_usage);
	for (; *argv; argv++) {
		// A module file name names the module too: drop dir and ".ko".
		char *name = xstrdup(strrchr(*argv, '/') ? strrchr(*argv, '/') + 1 : *argv);
		size_t len = strlen(name);

		if (len > 3 && strcmp(name + len - 3, ".ko") == 0)
			name[len - 3] = '\0';
		if (syscall(SYS_delete_module, name, O_NONBLOCK | (force ? O_TRUNC : 0)) < 0) {
			warn_sys("%s", *argv);
			status = 1;
		}
		free(name);
	}
	return status;
}

/* /proc/modules lines: NAME SIZE USERS BY-WHOM STATE ADDRESS. */
static int
lsmod(void)
{
	int fd = xopen("/proc/modules", O_RDONLY, 0);
	struct lines lines;
	char *line;
	ssize_t len;

	out_str(&out_stdout, "Module                  Size  Used by\n");
	lines_init(&lines, fd);
	while ((len = lines_next(&lines, &line)) > 0) {
		char *text = xstrndup(line, (size_t)len);
		char *saved;
		char *name = strtok_r(text, " \n", &saved);
		char *size = strtok_r(NULL, " \n", &saved);
		char *users = strtok_r(NULL, " \n", &saved);
		char *by = strtok_r(NULL, " \n", &saved);

		if (name && size && users && by) {
			size_t by_len = strlen(by);

			// "-" means no module uses it; a list ends with a comma.
			if (strcmp(by, "-") == 0)
				by[0] = '\0';
			else if (by_len > 0 && by[by_len - 1] == ',')
				by[by_len - 1] = '\0';
			out_printf(&out_stdout, "%-19s %8s  %s %s\n", name, size, users, by);
		}
		free(text);
	}
	if (len < 0)
		die_sys("/proc/modules");
	lines_free(&lines);
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	int force = 0;
	int c;

	prog_init(argv[0]);
	if (strcmp(prog_name, "lsmod") == 0) {
		if (argc > 1)
			die_usage(lsmod_usage);
		return finish(lsmod());
	}
	if (strcmp(prog_name, "rmmod") == 0) {
		// "+": options end at the first operand, in glibc as in musl.
		while ((c = getopt(argc, argv, "+f")) != -1) {
			if (c != 'f')
				die_usage(rmmod_usage);
			force = 1;
		}
		return finish(rmmod(argv + optind, force));
	}
	// insmod's parameters may start with '-': no options are read.
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		argv++;
	return finish(insmod(argv + 1));
}
