/* line.c - fast line reading: any length, NUL bytes kept. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

#define LINES_MIN_READ 65536

void
lines_init(struct lines *lines, int fd)
{
	lines->fd = fd;
	lines->buf = NULL;
	lines->cap = 0;
	lines->start = 0;
	lines->end = 0;
	lines->eof = 0;
}

/* Make room for at least LINES_MIN_READ more bytes after the unread ones. */
static void
make_room(struct lines *lines)
{
	size_t unread = lines->end - lines->start;

	// Slide the unread part down to the front before growing.
	if (lines->start > 0) {
		memmove(lines->buf, lines->buf + lines->start, unread);
		lines->start = 0;
		lines->end = unread;
	}
	if (lines->cap - lines->end < LINES_MIN_READ) {
		size_t cap = lines->cap ? lines->cap : LINES_MIN_READ;
		while (cap - lines->end < LINES_MIN_READ)
			cap *= 2;
		lines->buf = xrealloc(lines->buf, cap);
		lines->cap = cap;
	}
}

ssize_t
lines_next(struct lines *lines, char **line)
{
	size_t scanned = 0;	/* unread bytes already known newline-free */

	for (;;) {
		size_t unread = lines->end - lines->start;
		char *newline = NULL;

		// buf is NULL until the first read: no pointer into it then
		// (even NULL + 0 is undefined in C).
		if (unread > scanned)
			newline = memchr(lines->buf + lines->start + scanned,
			                 '\n', unread - scanned);
		if (newline || (lines->eof && unread > 0)) {
			char *first = lines->buf + lines->start;
			size_t len = newline ? (size_t)(newline - first) + 1
			                     : unread;
			*line = first;
			lines->start += len;
			return (ssize_t)len;
		}
		if (lines->eof)
			return 0;

		scanned = unread;
		make_room(lines);
		ssize_t n = read(lines->fd, lines->buf + lines->end,
		                 lines->cap - lines->end);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			lines->eof = 1;
		lines->end += (size_t)n;
	}
}

void
lines_free(struct lines *lines)
{
	free(lines->buf);
	lines->buf = NULL;
	lines->cap = lines->start = lines->end = 0;
}
