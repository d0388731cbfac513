/* mv - move files (POSIX.1-2017 mv, -f -i). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "mv [-fi] SOURCE TARGET | mv [-fi] SOURCE... DIR";

static int interactive;

/*
 * Run the utility NAME (cp or rm) with ARGS: the one installed beside
 * this mv, as mv and cp always go together, else the one in PATH.
 * Returns its exit status.
 */
static int
run(const char *name, char **args)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int wstatus;
	pid_t pid = fork();

	if (pid < 0)
		die_sys("fork");
	if (pid == 0) {
		char *slash;

		args[0] = (char *)name;
		if (len > 0) {
			self[len] = '\0';
			slash = strrchr(self, '/');
			if (slash && (size_t)(slash - self) + strlen(name) + 2 < sizeof(self)) {
				strcpy(slash + 1, name);
				execv(self, args);
			}
		}
		execvp(name, args);
		warn_sys("%s", name);
		_exit(127);
	}
	if (waitpid(pid, &wstatus, 0) < 0)
		die_sys("wait");
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 1;
}

/*
 * rename(2) cannot cross filesystems. Copy SOURCE beside DEST under a
 * temporary name, put the copy in place with rename, and only then
 * remove SOURCE: if anything fails first, SOURCE is still whole.
 */
static int
move_across(const char *source, const char *dest)
{
	size_t size = strlen(dest) + 32;
	char *tmp = xmalloc(size);
	int result = -1;

	snprintf(tmp, size, "%s.mv-%ld", dest, (long)getpid());
	char *cp_args[] = { NULL, "-a", "--", (char *)source, tmp, NULL };
	char *rm_tmp[] = { NULL, "-rf", "--", tmp, NULL };
	char *rm_source[] = { NULL, "-rf", "--", (char *)source, NULL };

	if (run("cp", cp_args) != 0) {
		warn_msg("%s: not moved: the copy failed", source);
		run("rm", rm_tmp);
	} else if (rename(tmp, dest) < 0) {
		warn_sys("%s", dest);
		run("rm", rm_tmp);
	} else if (run("rm", rm_source) != 0) {
		warn_msg("%s: copied to %s, but not removed", source, dest);
	} else {
		result = 0;
	}
	free(tmp);
	return result;
}

/* Ask "mv: overwrite 'PATH'? " on stderr; true if the answer starts with y. */
static int
confirm(const char *path)
{
	char answer[16];

	fprintf(stderr, "%s: overwrite '%s'? ", prog_name, path);
	return fgets(answer, sizeof(answer), stdin) &&
	       (answer[0] == 'y' || answer[0] == 'Y');
}

static int
move(const char *source, const char *dest)
{
	struct stat src, dst;

	if (lstat(source, &src) < 0) {
		warn_sys("%s", source);
		return -1;
	}
	if (lstat(dest, &dst) == 0) {
		if (src.st_dev == dst.st_dev && src.st_ino == dst.st_ino) {
			warn_msg("%s and %s are the same file", source, dest);
			return -1;
		}
		if (interactive && !confirm(dest))
			return 0;
	}
	if (rename(source, dest) == 0)
		return 0;
	if (errno == EXDEV)
		return move_across(source, dest);
	warn_sys("%s: cannot move to %s", source, dest);
	return -1;
}

int
main(int argc, char **argv)
{
	struct stat st;
	const char *target;
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+fi")) != -1) {
		switch (c) {
		case 'f':
			interactive = 0;
			break;
		case 'i':
			interactive = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 2)
		die_usage(usage);

	target = argv[argc - 1];
	if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (int i = 0; i < argc - 1; i++) {
			char *dest = path_in_dir(target, argv[i]);

			if (move(argv[i], dest) < 0)
				status = 1;
			free(dest);
		}
	} else if (argc > 2) {
		errno = ENOTDIR;
		die_sys("%s", target);
	} else if (move(argv[0], target) < 0) {
		status = 1;
	}
	return finish(status);
}
