/* tail - copy the last part of files (POSIX.1-2017 tail). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "tail [-f] [-n [+]LINES | -c [+]BYTES] [FILE...]";

static char buf[65536];

static long count = 10;
static int by_bytes;
static int from_start; /* +N: start at line or byte N, counting from 1 */

/* Read FD to its end, writing everything. Returns 0, or -1 on a read error. */
static int
copy_rest(int fd, const char *name)
{
	if (out_copy_fd(&out_stdout, fd) < 0) {
		warn_sys("%s", name);
		return -1;
	}
	return 0;
}

/* +N: skip N-1 lines or bytes, then copy the rest. */
static int
tail_from_start(int fd, const char *name)
{
	long skip = count > 0 ? count - 1 : 0;

	while (skip > 0) {
		ssize_t nread = read(fd, buf, sizeof(buf));
		const char *at = buf, *end;

		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (nread == 0)
			return 0;
		end = buf + nread;
		if (by_bytes) {
			long here = nread < skip ? nread : skip;
			at += here;
			skip -= here;
		} else {
			while (skip > 0 && at < end) {
				const char *nl =
				        memchr(at, '\n', (size_t)(end - at));
				if (!nl) {
					at = end;
					break;
				}
				at = nl + 1;
				skip--;
			}
		}
		out_write(&out_stdout, at, (size_t)(end - at));
	}
	return copy_rest(fd, name);
}

/*
 * Where the last COUNT lines of DATA[0..LEN) begin. A final line without
 * a newline counts as a line.
 */
static size_t
last_lines_start(const char *data, size_t len, long lines)
{
	size_t at = len;

	if (lines == 0)
		return len;
	if (at > 0 && data[at - 1] == '\n')
		at--;
	while (at > 0) {
		const char *nl = memrchr(data, '\n', at);
		if (!nl)
			return 0;
		if (--lines == 0)
			return (size_t)(nl - data) + 1;
		at = (size_t)(nl - data);
	}
	return 0;
}

/*
 * The last COUNT lines or bytes of a regular file: read blocks backwards
 * from its end, so a large file costs only what is printed.
 */
static int
tail_seekable(int fd, const char *name, off_t size)
{
	off_t pos = size;
	long lines = count;

	if (by_bytes) {
		pos = size > count ? size - count : 0;
	} else if (count == 0) {
		pos = size;
	} else {
		int first = 1;
		while (pos > 0) {
			size_t len = pos < (off_t)sizeof(buf) ? (size_t)pos
			                                      : sizeof(buf);
			const char *at;

			if (pread(fd, buf, len, pos - (off_t)len) !=
			    (ssize_t)len) {
				warn_sys("%s", name);
				return -1;
			}
			at = buf + len;
			// The file's final newline ends the last line; it
			// starts none.
			if (first && buf[len - 1] == '\n')
				at--;
			first = 0;
			while (at > buf) {
				const char *nl =
				        memrchr(buf, '\n', (size_t)(at - buf));
				if (!nl)
					break;
				if (--lines <= 0) {
					pos -= (off_t)len - (nl + 1 - buf);
					goto found;
				}
				at = nl;
			}
			pos -= (off_t)len;
		}
	}
found:
	if (lseek(fd, pos, SEEK_SET) < 0) {
		warn_sys("%s", name);
		return -1;
	}
	return copy_rest(fd, name);
}

/*
 * The last part of a pipe: keep what has been read, and now and then
 * drop the part before the last COUNT lines or bytes, so memory stays
 * near the size of what is printed.
 */
static int
tail_stream(int fd, const char *name)
{
	char *data = NULL;
	size_t len = 0, cap = 0, trim_at = 1 << 20;

	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 131072;
			data = xrealloc(data, cap);
		}
		ssize_t nread = read(fd, data + len, cap - len);
		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			free(data);
			return -1;
		}
		if (nread == 0)
			break;
		len += (size_t)nread;
		if (len >= trim_at) {
			size_t start;
			if (by_bytes)
				start = len > (size_t)count
				                ? len - (size_t)count
				                : 0;
			else
				start = last_lines_start(data, len, count);
			memmove(data, data + start, len - start);
			len -= start;
			trim_at = 2 * len + (1 << 20);
		}
	}
	size_t start = by_bytes
	                       ? (len > (size_t)count ? len - (size_t)count : 0)
	                       : last_lines_start(data, len, count);
	out_write(&out_stdout, data + start, len - start);
	free(data);
	return 0;
}

/* -f: print what is added to the files (or a pipe) until killed. */
static _Noreturn void
follow(int *fds, char **names, int nfiles)
{
	int last = nfiles - 1;

	for (;;) {
		for (int i = 0; i < nfiles; i++) {
			ssize_t nread;
			if (fds[i] < 0)
				continue;
			while ((nread = read(fds[i], buf, sizeof(buf))) > 0) {
				if (nfiles > 1 && i != last) {
					out_printf(&out_stdout,
					           "\n==> %s <==\n", names[i]);
					last = i;
				}
				out_write(&out_stdout, buf, (size_t)nread);
			}
		}
		if (out_flush(&out_stdout) < 0)
			exit(finish(1));
		// A tenth of a second: what is appended shows about at once
		// (GNU waits on inotify), and ten reads a second cost nothing.
		nanosleep(&(struct timespec){.tv_nsec = 100000000}, NULL);
	}
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {"-", NULL};
	int follow_files = 0, status = 0, headers = 0, c;

	prog_init(argv[0]);
	// The old form "-NUMBER", for -n NUMBER: still what many people type.
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' &&
	    argv[1][1] <= '9' &&
	    argv[1][1 + strspn(argv[1] + 1, "0123456789")] == '\0') {
		count = xparse_long(argv[1] + 1, 0, LONG_MAX, "lines");
		optind = 2;
	}
	while ((c = getopt(argc, argv, "+fn:c:")) != -1) {
		switch (c) {
		case 'f':
			follow_files = 1;
			break;
		case 'n':
		case 'c':
			by_bytes = c == 'c';
			from_start = optarg[0] == '+';
			// "-n -5" means the same as "-n 5", as POSIX has it.
			count = xparse_long(
			        optarg + (optarg[0] == '+' || optarg[0] == '-'),
			        0, LONG_MAX, by_bytes ? "bytes" : "lines");
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	int nfiles = 0;
	while (argv[nfiles])
		nfiles++;
	if (nfiles == 0) {
		argv = stdin_only;
		nfiles = 1;
	}
	int *fds = xcalloc((size_t)nfiles, sizeof(*fds));
	for (int i = 0; i < nfiles; i++) {
		const char *name = argv[i];
		struct stat st;
		int fd = 0, result;

		fds[i] = -1;
		if (strcmp(name, "-") != 0 && (fd = open(name, O_RDONLY)) < 0) {
			warn_sys("%s", name);
			status = 1;
			continue;
		}
		if (nfiles > 1)
			out_printf(&out_stdout, "%s==> %s <==\n",
			           headers++ ? "\n" : "",
			           fd == 0 ? "standard input" : name);
		if (from_start)
			result = tail_from_start(fd, name);
		else if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		         lseek(fd, 0, SEEK_CUR) == 0)
			result = tail_seekable(fd, name, st.st_size);
		else
			result = tail_stream(fd, name);
		if (result < 0)
			status = 1;
		fds[i] = fd;
	}
	if (follow_files) {
		// A pipe on standard input ends; following it is pointless.
		struct stat st;
		if (!(nfiles == 1 && fds[0] == 0 && fstat(0, &st) == 0 &&
		      S_ISFIFO(st.st_mode)))
			follow(fds, argv, nfiles);
	}
	free(fds);
	return finish(status);
}
