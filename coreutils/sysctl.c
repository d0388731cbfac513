/* sysctl - read and set kernel parameters (procps sysctl(8); /proc/sys). */
/*
 * A parameter is a file under /proc/sys: kernel.hostname is
 * /proc/sys/kernel/hostname. Reading prints "NAME = VALUE" (-n: just
 * VALUE); -w NAME=VALUE writes VALUE to the file; -a prints them all.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "sysctl [-n] NAME...\n       sysctl [-n] -a\n       sysctl -w NAME=VALUE...";

static int value_only;

/* The file of parameter NAME: dots become slashes (and slashes stay). */
static char *
param_path(const char *name)
{
	char *path = xmalloc(strlen("/proc/sys/") + strlen(name) + 1);

	strcpy(path, "/proc/sys/");
	strcat(path, name);
	for (char *at = path + strlen("/proc/sys/"); *at; at++) {
		if (*at == '.')
			*at = '/';
	}
	return path;
}

/* Print the parameter in PATH as NAME; QUIET: say nothing if unreadable. */
static int
show(const char *path, const char *name, int quiet)
{
	char value[4096];
	ssize_t len = proc_read_file(path, value, sizeof(value));

	if (len < 0) {
		if (!quiet)
			warn_sys("%s", name);
		return quiet ? 0 : 1;
	}
	// Tabs separate the numbers of some parameters; one line each.
	while (len > 0 && value[len - 1] == '\n')
		value[--len] = '\0';
	if (value_only)
		out_printf(&out_stdout, "%s\n", value);
	else
		out_printf(&out_stdout, "%s = %s\n", name, value);
	return 0;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sysctl -a: every readable file under DIR, NAME being its dotted name. */
static void
show_all(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	char **names = NULL;
	size_t count = 0;

	if (!d)
		return;
	while ((entry = readdir(d)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		names = xreallocarray(names, count + 1, sizeof(*names));
		names[count++] = xstrdup(entry->d_name);
	}
	closedir(d);
	if (count > 1)
		qsort(names, count, sizeof(*names), compare_names);
	for (size_t i = 0; i < count; i++) {
		char *path = xmalloc(strlen(dir) + strlen(names[i]) + 2);
		char *dotted = xmalloc(strlen(name) + strlen(names[i]) + 2);
		struct stat info;

		sprintf(path, "%s/%s", dir, names[i]);
		sprintf(dotted, "%s%s%s", name, *name ? "." : "", names[i]);
		if (lstat(path, &info) == 0 && S_ISDIR(info.st_mode))
			show_all(path, dotted);
		else if (lstat(path, &info) == 0 && (info.st_mode & S_IRUSR))
			show(path, dotted, 1);
		free(path);
		free(dotted);
		free(names[i]);
	}
	free(names);
}

/* sysctl -w NAME=VALUE */
static int
write_param(const char *assignment)
{
	const char *equals = strchr(assignment, '=');

	if (!equals || equals == assignment) {
		warn_msg("%s: not NAME=VALUE", assignment);
		return 1;
	}
	char *name = xstrndup(assignment, (size_t)(equals - assignment));
	char *path = param_path(name);
	const char *value = equals + 1;
	int fd = open(path, O_WRONLY | O_TRUNC);
	int status = 0;

	if (fd < 0 || write_full(fd, value, strlen(value)) < 0 ||
	    close(fd) < 0) {
		warn_sys("%s", name);
		status = 1;
	} else {
		status = show(path, name, 0);
	}
	free(name);
	free(path);
	return status;
}

int
main(int argc, char **argv)
{
	int all = 0, writing = 0, status = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+anw")) != -1) {
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'n':
			value_only = 1;
			break;
		case 'w':
			writing = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (all) {
		if (argv[0] || writing)
			die_usage(usage);
		show_all("/proc/sys", "");
		return finish(0);
	}
	if (!argv[0])
		die_usage(usage);
	for (; *argv; argv++) {
		if (writing) {
			status |= write_param(*argv);
		} else if (strchr(*argv, '=')) {
			warn_msg("%s: use -w to set a parameter", *argv);
			status = 1;
		} else {
			char *path = param_path(*argv);

			status |= show(path, *argv, 0);
			free(path);
		}
	}
	return finish(status);
}
