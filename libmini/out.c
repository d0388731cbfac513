/* out.c - buffered output that remembers its first write error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

// The buffer is apart from the writer so that it is zero-filled memory
// (.bss), not 8 KiB of zeros stored in every program's file.
static char stdout_buf[OUT_BUFSIZE];
struct out out_stdout = { .fd = 1, .buf = stdout_buf };

void
out_init(struct out *out, int fd)
{
	if (!out->buf)
		out->buf = xmalloc(OUT_BUFSIZE);
	out->fd = fd;
	out->error = 0;
	out->len = 0;
}

int
out_flush(struct out *out)
{
	if (!out->error && out->len > 0 &&
	    write_full(out->fd, out->buf, out->len) < 0)
		out->error = errno;
	out->len = 0;
	if (out->error) {
		errno = out->error;
		return -1;
	}
	return 0;
}

void
out_write(struct out *out, const void *data, size_t len)
{
	// Callers may pass a NULL pointer with nothing to write; memcpy
	// must never see it, even for 0 bytes.
	if (out->error || len == 0)
		return;
	if (out->len + len > OUT_BUFSIZE) {
		out_flush(out);
		// Large writes skip the buffer rather than pass through it.
		if (len >= OUT_BUFSIZE) {
			if (!out->error && write_full(out->fd, data, len) < 0)
				out->error = errno;
			return;
		}
	}
	memcpy(out->buf + out->len, data, len);
	out->len += len;
}

void
out_str(struct out *out, const char *str)
{
	out_write(out, str, strlen(str));
}

void
out_char(struct out *out, char c)
{
	if (out->len == OUT_BUFSIZE)
		out_flush(out);
	out->buf[out->len++] = c;
}

void
out_number(struct out *out, unsigned long long value, int width)
{
	char text[64];
	char *end = text + sizeof(text), *at = end;

	do {
		*--at = (char)('0' + value % 10);
		value /= 10;
	} while (value > 0);
	if (width > (int)sizeof(text))
		width = (int)sizeof(text);
	while (end - at < width)
		*--at = ' ';
	out_write(out, at, (size_t)(end - at));
}

int
out_copy_fd(struct out *out, int from)
{
	// After a write error there is no point reading on; finish() says it.
	if (out_flush(out) < 0)
		return 0;
	switch (copy_fd(from, out->fd)) {
	case -1:
		return -1;
	case -2:
		out->error = errno;
		break;
	}
	return 0;
}

void
out_printf(struct out *out, const char *fmt, ...)
{
	char small[256];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(small, sizeof(small), fmt, args);
	va_end(args);
	if (len < 0)
		return;
	if ((size_t)len < sizeof(small)) {
		out_write(out, small, (size_t)len);
		return;
	}
	char *big = xmalloc((size_t)len + 1);
	va_start(args, fmt);
	vsnprintf(big, (size_t)len + 1, fmt, args);
	va_end(args);
	out_write(out, big, (size_t)len);
	free(big);
}

int
finish(int status)
{
	if (out_flush(&out_stdout) < 0) {
		warn_sys("write error");
		return fail_status;
	}
	// close() reports errors that a network or full filesystem may
	// deliver late, after every write() succeeded. A stdout that was
	// never open (EBADF) and never written to is no error.
	if (close(out_stdout.fd) < 0 && errno != EBADF) {
		warn_sys("write error");
		return fail_status;
	}
	return status;
}
