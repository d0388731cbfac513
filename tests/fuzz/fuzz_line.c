/*
 * fuzz_line.c - libFuzzer target: libmini's line reader (line.c,
 * struct lines) over data that arrives in pieces of odd sizes.
 *
 * The first two bytes of the input choose the piece sizes and how many
 * times the rest, the payload, is repeated (so that lines longer than
 * the reader's 64 KiB first read come up). A thread writes the pieces
 * into a SOCK_SEQPACKET socket, where each read(2) returns at most one
 * piece, and the reader takes lines from the other end. The lines must
 * be the payload again, cut after each newline and nowhere else.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"
#include "mini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct writer {
	int fd;
	const uint8_t *payload;
	size_t payload_len;
	unsigned repeats;
	unsigned seed;
};

/* The size of piece number I: mostly small and odd, now and then big. */
static size_t
piece_size(unsigned seed, size_t i)
{
	// No bigger than the reader's least read (64 KiB): a read shorter than
	// its packet would lose the rest of it.
	static const size_t sizes[] = {1, 2, 3, 7, 64, 511, 4097, 65535, 65536};
	unsigned mix = (unsigned)(seed * 2654435761u + i * 40503u);

	return sizes[(mix >> 7) % (sizeof(sizes) / sizeof(sizes[0]))];
}

static void *
write_pieces(void *arg)
{
	struct writer *w = arg;
	size_t total = w->payload_len * w->repeats, sent = 0;
	char *all = xmalloc(total ? total : 1);

	for (unsigned r = 0; r < w->repeats; r++)
		memcpy(all + r * w->payload_len, w->payload, w->payload_len);
	for (size_t i = 0; sent < total; i++) {
		size_t len = piece_size(w->seed, i);

		if (len > total - sent)
			len = total - sent;
		if (write_full(w->fd, all + sent, len) < 0)
			abort();
		sent += len;
	}
	free(all);
	shutdown(w->fd, SHUT_WR);
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fds[2];
	struct writer w;
	pthread_t thread;
	struct lines lines;
	size_t offset = 0;
	char *line;
	ssize_t len;

	if (size < 2)
		return 0;
	w.seed = data[0];
	w.repeats = 1 + data[1] % 64;
	w.payload = data + 2;
	w.payload_len = size - 2;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds) < 0)
		abort();
	w.fd = fds[1];
	if (pthread_create(&thread, NULL, write_pieces, &w) != 0)
		abort();
	lines_init(&lines, fds[0]);
	while ((len = lines_next(&lines, &line)) > 0) {
		size_t at = offset % w.payload_len;
		const char *newline = memchr(line, '\n', (size_t)len);

		// The line is the next piece of the payload, repeated...
		for (ssize_t k = 0; k < len; k++)
			if ((uint8_t)line[k] !=
			    w.payload[(at + (size_t)k) % w.payload_len])
				abort();
		// ...with a newline at its end, and nowhere else; only the
		// last line may have none.
		offset += (size_t)len;
		if (newline && newline != line + len - 1)
			abort();
		if (!newline && offset != w.payload_len * w.repeats)
			abort();
	}
	if (len < 0 || offset != w.payload_len * w.repeats)
		abort();
	pthread_join(thread, NULL);
	lines_free(&lines);
	close(fds[0]);
	close(fds[1]);
	return 0;
}
