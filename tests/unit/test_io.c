/* Unit tests for io.c: whole reads and writes over pipes and files. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

#define BIG (1 << 20)

/* A writer child that sends LEN bytes of a pattern in small pieces. */
static pid_t
slow_writer(int fd, size_t len)
{
	pid_t pid = fork();

	if (pid == 0) {
		char piece[100];
		for (size_t sent = 0; sent < len; sent += sizeof(piece)) {
			for (size_t i = 0; i < sizeof(piece); i++)
				piece[i] = (char)((sent + i) % 251);
			size_t n = len - sent < sizeof(piece) ? len - sent
			                                      : sizeof(piece);
			if (write_full(fd, piece, n) < 0)
				_exit(1);
		}
		_exit(0);
	}
	return pid;
}

int
main(void)
{
	int fds[2];
	char *buf = xmalloc(BIG);

	// read_full gathers many small writes into one full read.
	CHECK(pipe(fds) == 0);
	pid_t pid = slow_writer(fds[1], 10000);
	close(fds[1]);
	CHECK(read_full(fds[0], buf, 10000) == 10000);
	int pattern_ok = 1;
	for (int i = 0; i < 10000; i++)
		pattern_ok &= buf[i] == (char)(i % 251);
	CHECK(pattern_ok);
	// At end of file it returns a short count, then 0.
	CHECK(read_full(fds[0], buf, 10) == 0);
	close(fds[0]);
	waitpid(pid, NULL, 0);

	// write_full pushes 1 MiB through a 64 KiB pipe: many short writes.
	CHECK(pipe(fds) == 0);
	memset(buf, 'a', BIG);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		_exit(write_full(fds[1], buf, BIG) == 0 ? 0 : 1);
	}
	close(fds[1]);
	char *back = xmalloc(BIG + 1);
	CHECK(read_full(fds[0], back, BIG + 1) == BIG);
	CHECK(memcmp(back, buf, BIG) == 0);
	int wstatus;
	waitpid(pid, &wstatus, 0);
	CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
	close(fds[0]);

	// A write error is reported, not hidden.
	int full = open("/dev/full", O_WRONLY);
	if (full >= 0) {
		CHECK(write_full(full, "x", 1) == -1 && errno == ENOSPC);
		close(full);
	}
	signal(SIGPIPE, SIG_IGN);
	CHECK(pipe(fds) == 0);
	close(fds[0]);
	CHECK(write_full(fds[1], "x", 1) == -1 && errno == EPIPE);
	close(fds[1]);
	CHECK(read_full(-1, buf, 1) == -1 && errno == EBADF);

	// copy_fd copies everything and tells which side failed.
	char path[] = "/tmp/unit-io-XXXXXX";
	int tmp = mkstemp(path);
	CHECK(tmp >= 0);
	unlink(path);
	CHECK(write_full(tmp, buf, BIG) == 0);
	lseek(tmp, 0, SEEK_SET);
	CHECK(pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		size_t total = 0;
		ssize_t n;
		while ((n = read(fds[0], back, BIG)) > 0)
			total += (size_t)n;
		_exit(total == BIG ? 0 : 1);
	}
	close(fds[0]);
	CHECK(copy_fd(tmp, fds[1]) == 0);
	close(fds[1]);
	waitpid(pid, &wstatus, 0);
	CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
	lseek(tmp, 0, SEEK_SET);
	full = open("/dev/full", O_WRONLY);
	if (full >= 0) {
		CHECK(copy_fd(tmp, full) == -2 && errno == ENOSPC);
		close(full);
	}
	CHECK(copy_fd(-1, 1) == -1 && errno == EBADF);
	close(tmp);

	// open_beside: a new file in PATH's directory, private, ready to be
	// renamed over PATH; none in a directory that is not there.
	char dir[] = "/tmp/test_io.XXXXXX", beside_path[64], *temp = NULL;
	struct stat st;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(beside_path, sizeof(beside_path), "%s/file", dir);
	int beside = open_beside(beside_path, &temp);
	CHECK(beside >= 0 && temp != NULL);
	CHECK(temp && strncmp(temp, dir, strlen(dir)) == 0 &&
	      strncmp(temp + strlen(dir), "/.mini", 6) == 0);
	CHECK(fstat(beside, &st) == 0 && (st.st_mode & 07777) == 0600 &&
	      st.st_size == 0);
	CHECK((fcntl(beside, F_GETFD) & FD_CLOEXEC) != 0);
	CHECK(write_full(beside, "new\n", 4) == 0 && close(beside) == 0);
	CHECK(rename(temp, beside_path) == 0 && stat(beside_path, &st) == 0 && st.st_size == 4);
	free(temp);
	temp = NULL;
	CHECK(open_beside("/nonexistent-dir/file", &temp) == -1 &&
	      errno == ENOENT && temp == NULL);
	unlink(beside_path);
	rmdir(dir);

	free(back);
	free(buf);
	return check_done();
}
