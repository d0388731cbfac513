/* harness.c - exits caught, writes sent nowhere, for the fuzz targets
 * (harness.h). */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "mini.h"

/* The real functions, under the names the linker's --wrap gives them. */
_Noreturn void __real_exit(int status);
int __real_open(const char *path, int flags, ...);
int __real_open64(const char *path, int flags, ...);
int __real_openat(int dirfd, const char *path, int flags, ...);
int __real_openat64(int dirfd, const char *path, int flags, ...);

/* Declared here only: nothing else calls the wrappers by name. */
_Noreturn void __wrap_exit(int status);
int __wrap_open(const char *path, int flags, ...);
int __wrap_open64(const char *path, int flags, ...);
int __wrap_openat(int dirfd, const char *path, int flags, ...);
int __wrap_openat64(int dirfd, const char *path, int flags, ...);
int __wrap_creat(const char *path, mode_t mode);
int __wrap_creat64(const char *path, mode_t mode);
pid_t __wrap_fork(void);
int __wrap_posix_spawn(void);
int __wrap_posix_spawnp(void);

static jmp_buf exit_jump;
static int in_target;
static int exit_status;

void
__wrap_exit(int status)
{
	// Outside a target it is libFuzzer itself, ending the run.
	if (!in_target)
		__real_exit(status);
	exit_status = status;
	longjmp(exit_jump, 1);
}

/*
 * Any open that could create or change a file gets /dev/null, so O_CREAT
 * never reaches the real open, and it needs no mode. With
 * _FILE_OFFSET_BITS=64 (meson's default) glibc's headers make open
 * open64: every name is wrapped.
 */
static int
writes(int flags)
{
	return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !=
	       0;
}

static int
open_null(int flags)
{
	return __real_open64("/dev/null", O_WRONLY | (flags & O_CLOEXEC));
}

int
__wrap_open(const char *path, int flags, ...)
{
	return writes(flags) ? open_null(flags) : __real_open(path, flags);
}

int
__wrap_open64(const char *path, int flags, ...)
{
	return writes(flags) ? open_null(flags) : __real_open64(path, flags);
}

int
__wrap_openat(int dirfd, const char *path, int flags, ...)
{
	return writes(flags) ? open_null(flags)
	                     : __real_openat(dirfd, path, flags);
}

int
__wrap_openat64(int dirfd, const char *path, int flags, ...)
{
	return writes(flags) ? open_null(flags)
	                     : __real_openat64(dirfd, path, flags);
}

int
__wrap_creat(const char *path, mode_t mode)
{
	(void)path;
	(void)mode;
	return open_null(0);
}

int
__wrap_creat64(const char *path, mode_t mode)
{
	(void)path;
	(void)mode;
	return open_null(0);
}

pid_t
__wrap_fork(void)
{
	fprintf(stderr,
	        "fuzz harness: fork() called: a target ran a command\n");
	abort();
}

/* The shell starts programs with posix_spawn too: no argument matters. */
int
__wrap_posix_spawn(void)
{
	return __wrap_fork();
}

int
__wrap_posix_spawnp(void)
{
	return __wrap_fork();
}

/* The descriptors a target may open and, leaving by exit, not close. */
#define WATCHED_FDS 64

int
harness_call(int (*fn)(void *arg), void *arg)
{
	char was_open[WATCHED_FDS];
	// volatile: it must survive the longjmp back here.
	volatile int status;

	for (int fd = 3; fd < WATCHED_FDS; fd++)
		was_open[fd] = fcntl(fd, F_GETFD) >= 0;
	if (setjmp(exit_jump) != 0) {
		status = exit_status;
	} else {
		in_target = 1;
		status = fn(arg);
	}
	in_target = 0;
	// A program that dies leaves its files to exit(); here that is us.
	for (int fd = 3; fd < WATCHED_FDS; fd++)
		if (!was_open[fd] && fcntl(fd, F_GETFD) >= 0)
			close(fd);
	return status;
}

void
harness_reset_stdout(void)
{
	int fd = __real_open64("/dev/null", O_WRONLY);

	if (fd < 0 || dup2(fd, 1) < 0) {
		perror("fuzz harness: /dev/null");
		abort();
	}
	if (fd != 1)
		close(fd);
	out_init(&out_stdout, 1);
}

char **
harness_args(const char *name, const uint8_t *data, size_t size, int *argc)
{
	size_t count = 2; // NAME and the last piece
	char **argv;
	size_t start = 0;
	int n = 0;

	for (size_t i = 0; i < size; i++)
		count += data[i] == '\0';
	argv = xcalloc(count + 1, sizeof(*argv));
	argv[n++] = xstrdup(name);
	for (size_t i = 0; i <= size; i++) {
		if (i == size || data[i] == '\0') {
			argv[n++] =
			        xstrndup((const char *)data + start, i - start);
			start = i + 1;
		}
	}
	argv[n] = NULL;
	*argc = n;
	return argv;
}

void
harness_free_args(char **argv)
{
	for (char **arg = argv; *arg; arg++)
		free(*arg);
	free(argv);
}

char *
harness_string(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

static char tempdir[] = "/tmp/mini-fuzz-XXXXXX";
static char *temp_files[8];
static size_t n_temp_files;

/* The directory and the files made in it go when the process ends. */
static void
remove_tempdir(void)
{
	for (size_t i = 0; i < n_temp_files; i++)
		unlink(temp_files[i]);
	rmdir(tempdir);
}

const char *
harness_tempdir(void)
{
	static int made;

	if (!made) {
		if (!mkdtemp(tempdir)) {
			perror("fuzz harness: mkdtemp");
			abort();
		}
		atexit(remove_tempdir);
		made = 1;
	}
	return tempdir;
}

char *
harness_temp_file(const char *name, const void *data, size_t size)
{
	const char *dir = harness_tempdir();
	char *path = xmalloc(strlen(dir) + strlen(name) + 2);
	int fd;

	sprintf(path, "%s/%s", dir, name);
	fd = __real_open64(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	                   0600);
	if (fd < 0 || write_full(fd, data, size) < 0 || close(fd) < 0) {
		perror(path);
		abort();
	}
	for (size_t i = 0; i < n_temp_files; i++)
		if (strcmp(temp_files[i], path) == 0)
			return path;
	if (n_temp_files < sizeof(temp_files) / sizeof(temp_files[0]))
		temp_files[n_temp_files++] = xstrdup(path);
	return path;
}
