/* Unit tests for line.c: lines of any length, NUL bytes, no final newline. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

static int
temp_with(const char *data, size_t len)
{
	char path[] = "/tmp/unit-line-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	write_full(fd, data, len);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

int
main(void)
{
	struct lines lines;
	char *line;

	// Ordinary lines, an empty one, NUL bytes, and no final newline.
	static const char text[] = "one\n\ntw\0o\nlast";
	int fd = temp_with(text, sizeof(text) - 1);
	lines_init(&lines, fd);
	CHECK(lines_next(&lines, &line) == 4 && memcmp(line, "one\n", 4) == 0);
	CHECK(lines_next(&lines, &line) == 1 && line[0] == '\n');
	CHECK(lines_next(&lines, &line) == 5 && memcmp(line, "tw\0o\n", 5) == 0);
	CHECK(lines_next(&lines, &line) == 4 && memcmp(line, "last", 4) == 0);
	CHECK(lines_next(&lines, &line) == 0);
	CHECK(lines_next(&lines, &line) == 0);
	lines_free(&lines);
	close(fd);

	// An empty file has no lines.
	fd = temp_with("", 0);
	lines_init(&lines, fd);
	CHECK(lines_next(&lines, &line) == 0);
	lines_free(&lines);
	close(fd);

	// A line far longer than the reader's first buffer, between short
	// ones, comes out whole.
	size_t long_len = 1000000;
	char *data = xmalloc(long_len + 10);
	memcpy(data, "a\n", 2);
	memset(data + 2, 'x', long_len);
	memcpy(data + 2 + long_len, "\nb\n", 3);
	fd = temp_with(data, long_len + 5);
	lines_init(&lines, fd);
	CHECK(lines_next(&lines, &line) == 2);
	ssize_t got = lines_next(&lines, &line);
	CHECK(got == (ssize_t)long_len + 1);
	CHECK(got > 0 && line[0] == 'x' && line[long_len - 1] == 'x' &&
	      line[long_len] == '\n');
	CHECK(lines_next(&lines, &line) == 2 && line[0] == 'b');
	CHECK(lines_next(&lines, &line) == 0);
	lines_free(&lines);
	close(fd);
	free(data);

	// Many lines crossing read boundaries keep their order and count.
	size_t count = 200000, total = 0;
	data = xmalloc(count * 8);
	for (size_t i = 0; i < count; i++) {
		int n = snprintf(data + total, 8, "%zu\n", i % 100000);
		total += (size_t)n;
	}
	fd = temp_with(data, total);
	lines_init(&lines, fd);
	size_t seen = 0;
	int in_order = 1;
	ssize_t n;
	while ((n = lines_next(&lines, &line)) > 0) {
		in_order &= strtoul(line, NULL, 10) == seen % 100000;
		in_order &= line[n - 1] == '\n';
		seen++;
	}
	CHECK(n == 0 && seen == count && in_order);
	lines_free(&lines);
	close(fd);
	free(data);

	// A read error is reported as -1.
	lines_init(&lines, -1);
	CHECK(lines_next(&lines, &line) == -1);
	lines_free(&lines);
	return check_done();
}
