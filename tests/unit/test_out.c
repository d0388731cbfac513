/* Unit tests for out.c: buffering, large writes, and kept write errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

/* Read back the whole of a temporary file. */
static size_t
slurp(int fd, char *buf, size_t cap)
{
	lseek(fd, 0, SEEK_SET);
	ssize_t n = read_full(fd, buf, cap);
	return n < 0 ? 0 : (size_t)n;
}

static int
temp_file(void)
{
	char path[] = "/tmp/unit-out-XXXXXX";
	int fd = mkstemp(path);

	if (fd >= 0)
		unlink(path);
	return fd;
}

int
main(void)
{
	static struct out out;
	static char back[100000];
	int fd = temp_file();

	CHECK(fd >= 0);
	out_init(&out, fd);
	out_str(&out, "hello ");
	out_char(&out, 'w');
	out_printf(&out, "orld %d%s", 42, "!\n");
	// Nothing reaches the file before a flush.
	CHECK(slurp(fd, back, sizeof(back)) == 0);
	// Nothing to write, from nowhere: no memcpy from NULL (UBSan checks).
	out_write(&out, NULL, 0);
	CHECK(out.len == 16 && out.error == 0);
	CHECK(out_flush(&out) == 0);
	CHECK(slurp(fd, back, sizeof(back)) == 16);
	CHECK(memcmp(back, "hello world 42!\n", 16) == 0);

	// Numbers as printf's %*llu writes them: padded, unpadded, too wide.
	ftruncate(fd, 0);
	lseek(fd, 0, SEEK_SET);
	out_number(&out, 42, 7);
	out_number(&out, 0, 0);
	out_number(&out, 18446744073709551615ULL, 3);
	out_number(&out, 5, 100);
	CHECK(out_flush(&out) == 0);
	char want[200];
	int want_len = snprintf(want, sizeof(want), "%7llu%llu%3llu%64llu", 42ULL,
	                        0ULL, 18446744073709551615ULL, 5ULL);
	CHECK(slurp(fd, back, sizeof(back)) == (size_t)want_len);
	CHECK(memcmp(back, want, (size_t)want_len) == 0);

	// A file copied straight through comes after what was buffered.
	int from = temp_file();
	CHECK(from >= 0 && write(from, "copied\n", 7) == 7);
	lseek(from, 0, SEEK_SET);
	ftruncate(fd, 0);
	lseek(fd, 0, SEEK_SET);
	out_str(&out, "first ");
	CHECK(out_copy_fd(&out, from) == 0);
	CHECK(out.len == 0 && out.error == 0);
	CHECK(slurp(fd, back, sizeof(back)) == 13);
	CHECK(memcmp(back, "first copied\n", 13) == 0);
	// Reading a directory fails: -1, and the writer has no error.
	int dir = open("/", O_RDONLY | O_DIRECTORY);
	CHECK(out_copy_fd(&out, dir) == -1 && errno == EISDIR && out.error == 0);
	close(dir);
	close(from);

	// Output larger than the buffer, in odd pieces, arrives whole and in
	// order, and printf output longer than its small buffer is complete.
	ftruncate(fd, 0);
	lseek(fd, 0, SEEK_SET);
	size_t expect_len = 0;
	static char expect[100000];
	for (int i = 0; i < 3000; i++) {
		char piece[32];
		int n = snprintf(piece, sizeof(piece), "%d,", i);
		out_write(&out, piece, (size_t)n);
		memcpy(expect + expect_len, piece, (size_t)n);
		expect_len += (size_t)n;
	}
	char big[20000];
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	out_write(&out, big, sizeof(big) - 1);
	memcpy(expect + expect_len, big, sizeof(big) - 1);
	expect_len += sizeof(big) - 1;
	out_printf(&out, "[%s]", big);
	expect[expect_len++] = '[';
	memcpy(expect + expect_len, big, sizeof(big) - 1);
	expect_len += sizeof(big) - 1;
	expect[expect_len++] = ']';
	CHECK(out_flush(&out) == 0);
	CHECK(slurp(fd, back, sizeof(back)) == expect_len);
	CHECK(memcmp(back, expect, expect_len) == 0);
	close(fd);

	// A write error is kept and reported at the flush, with its errno.
	int full = open("/dev/full", O_WRONLY);
	if (full >= 0) {
		out_init(&out, full);
		for (int i = 0; i < 10000; i++)
			out_str(&out, "lots of text ");
		CHECK(out.error == ENOSPC);
		CHECK(out_flush(&out) == -1 && errno == ENOSPC);
		close(full);
	}

	// finish() turns a failed stdout into a message and status 1.
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		full = open("/dev/full", O_WRONLY);
		dup2(full, 1);
		out_str(&out_stdout, "x\n");
		_exit(finish(0));
	}
	int wstatus;
	waitpid(pid, &wstatus, 0);
	CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 1);

	// and passes the status through when all went well.
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		out_str(&out_stdout, "fine\n");
		_exit(finish(3));
	}
	waitpid(pid, &wstatus, 0);
	CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 3);
	return check_done();
}
