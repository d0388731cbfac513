/* io.c - whole reads and writes, retried after signals and short counts. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

ssize_t
read_full(int fd, void *buf, size_t len)
{
	char *at = buf;
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, at + got, len - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int
write_full(int fd, const void *buf, size_t len)
{
	const char *at = buf;

	while (len > 0) {
		ssize_t n = write(fd, at, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		at += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * A pipe holds 64 KiB at first, so a big copy into one stops 16 times a
 * megabyte to let the reader catch up. Anyone may make a pipe as large as
 * /proc/sys/fs/pipe-max-size (1 MiB unless changed): do so when FROM is a
 * file that will fill it, so both sides run longer between switches. A
 * failure only leaves the pipe as it was.
 */
static void
widen_pipe(int from, int to)
{
	const int wanted = 1 << 20;
	struct stat from_st, to_st;

	if (fstat(to, &to_st) < 0 || !S_ISFIFO(to_st.st_mode) ||
	    fstat(from, &from_st) < 0 || !S_ISREG(from_st.st_mode) ||
	    from_st.st_size < wanted)
		return;
	if (fcntl(to, F_GETPIPE_SZ) < wanted)
		fcntl(to, F_SETPIPE_SZ, wanted);
}

int
copy_fd(int from, int to)
{
	char buf[65536];

	widen_pipe(from, to);

	// From a file, the kernel copies by itself, without a trip through
	// our memory. sendfile(2) reads only from what it can map: for a pipe
	// or a terminal it says EINVAL. After any error the loop below
	// carries on from where it stopped, meets the error again itself, and
	// so tells a failed read from a failed write.
	for (;;) {
		ssize_t n = sendfile(to, from, NULL, 1 << 30);

		if (n == 0)
			return 0;
		if (n < 0 && errno != EINTR)
			break;
	}
	for (;;) {
		ssize_t n = read(from, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		if (write_full(to, buf, (size_t)n) < 0)
			return -2;
	}
}

int
open_beside(const char *path, char **temp)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path) + 1 : 0;
	size_t size = (size_t)dir_len + strlen(prog_name) + sizeof(".XXXXXX");
	char *name = xmalloc(size);
	int fd;

	snprintf(name, size, "%.*s.%sXXXXXX", dir_len, path, prog_name);
	fd = mkostemp(name, O_CLOEXEC);
	if (fd < 0) {
		free(name);
		return -1;
	}
	*temp = name;
	return fd;
}

int
xopen(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags, mode);

	if (fd < 0)
		die_sys("%s", path);
	return fd;
}
