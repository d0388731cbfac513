/* Unit tests for input.c: operands in order, "-" as stdin, errors skipped. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

static char dir[] = "/tmp/test_input.XXXXXX";
static char path_a[64], path_b[64], missing[64];

static void
make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write_full(fd, text, strlen(text)) < 0) {
		perror(path);
		exit(1);
	}
	close(fd);
}

// The first byte of FD, or -1: tells which file an fd is.
static int
first_byte(int fd)
{
	char c;

	return read(fd, &c, 1) == 1 ? c : -1;
}

int
main(void)
{
	struct inputs in;
	int fd, prev;

	prog_init("test_input");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path_a, sizeof(path_a), "%s/a", dir);
	snprintf(path_b, sizeof(path_b), "%s/b", dir);
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	make_file(path_a, "A\nsecond\n");
	make_file(path_b, "B");

	// No operands: standard input, once.
	char *none[] = {NULL};
	inputs_init(&in, none);
	CHECK(inputs_next(&in) == 0);
	CHECK(strcmp(in.name, "-") == 0);
	CHECK(inputs_next(&in) == -1);
	CHECK(in.fd == -1);
	CHECK(in.status == 0);
	CHECK(fcntl(0, F_GETFD) != -1); // stdin is never closed

	// Files in order, "-" anywhere, a missing file skipped with status 1.
	char *ops[] = {path_a, "-", missing, path_b, "-", NULL};
	inputs_init(&in, ops);
	fd = inputs_next(&in);
	CHECK(fd > 2 && first_byte(fd) == 'A');
	CHECK(strcmp(in.name, path_a) == 0);
	CHECK(in.fd == fd);
	prev = fd;
	CHECK(inputs_next(&in) == 0);
	CHECK(strcmp(in.name, "-") == 0);
	CHECK(fcntl(prev, F_GETFD) == -1); // the file before was closed
	fprintf(stderr, "(a message about %s is expected next)\n", missing);
	fd = inputs_next(&in);
	CHECK(fd > 2 && first_byte(fd) == 'B');
	CHECK(strcmp(in.name, path_b) == 0);
	CHECK(in.status == 1);
	prev = fd;
	CHECK(inputs_next(&in) == 0);
	CHECK(fcntl(prev, F_GETFD) == -1);
	CHECK(inputs_next(&in) == -1);
	CHECK(inputs_next(&in) == -1); // and stays at the end
	CHECK(in.status == 1);
	CHECK(fcntl(0, F_GETFD) != -1);

	// Line by line across files: the lines of A, then B's, whose last
	// line has no newline; the missing file in between is skipped.
	char *files[] = {path_a, missing, path_b, NULL};
	char *line;
	inputs_init(&in, files);
	fprintf(stderr, "(a message about %s is expected next)\n", missing);
	CHECK(inputs_next_line(&in, &line) == 2 && memcmp(line, "A\n", 2) == 0);
	CHECK(inputs_next_line(&in, &line) == 7 && memcmp(line, "second\n", 7) == 0);
	CHECK(inputs_next_line(&in, &line) == 1 && line[0] == 'B');
	CHECK(inputs_next_line(&in, &line) == 0);
	CHECK(inputs_next_line(&in, &line) == 0);
	CHECK(in.status == 1);

	// Only missing operands: nothing to read, status 1.
	char *bad[] = {missing, NULL};
	inputs_init(&in, bad);
	CHECK(inputs_next(&in) == -1);
	CHECK(in.status == 1);

	unlink(path_a);
	unlink(path_b);
	rmdir(dir);
	return check_done();
}
