/* uniq - report or filter out repeated lines (POSIX.1-2017 uniq; -i as in GNU).
 */
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
        "uniq [-c|-d|-u] [-i] [-f FIELDS] [-s CHARS] [INPUT [OUTPUT]]";

static long skip_fields, skip_chars;
static int ignore_case, counting, only_repeated, only_unique;

/* The part of a line that is compared: after -f fields and -s chars. */
static const char *
key(const char *line, size_t len, size_t *key_len)
{
	const char *at = line, *end = line + len;

	for (long f = 0; f < skip_fields; f++) {
		while (at < end && (*at == ' ' || *at == '\t'))
			at++;
		while (at < end && *at != ' ' && *at != '\t')
			at++;
	}
	at += (long)(end - at) < skip_chars ? end - at : skip_chars;
	*key_len = (size_t)(end - at);
	return at;
}

static int
same(const char *a, size_t a_len, const char *b, size_t b_len)
{
	size_t alen, blen;

	// Whole lines, byte for byte: the usual case, kept quick.
	if (skip_fields == 0 && skip_chars == 0 && !ignore_case)
		return a_len == b_len && memcmp(a, b, a_len) == 0;
	const char *ka = key(a, a_len, &alen), *kb = key(b, b_len, &blen);

	if (alen != blen)
		return 0;
	if (ignore_case) {
		for (size_t i = 0; i < alen; i++)
			if (tolower((unsigned char)ka[i]) !=
			    tolower((unsigned char)kb[i]))
				return 0;
		return 1;
	}
	return memcmp(ka, kb, alen) == 0;
}

static void
emit(const char *line, size_t len, unsigned long count)
{
	if ((only_repeated && count < 2) || (only_unique && count > 1))
		return;
	if (counting) {
		out_number(&out_stdout, count, 7);
		out_char(&out_stdout, ' ');
	}
	out_write(&out_stdout, line, len);
	out_char(&out_stdout, '\n');
}

int
main(int argc, char **argv)
{
	struct lines lines;
	size_t held_len = 0, held_cap = 256;
	char *line, *held = xmalloc(held_cap);
	unsigned long count = 0;
	ssize_t len;
	int fd = 0, c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+cdf:is:u")) != -1) {
		switch (c) {
		case 'c':
			counting = 1;
			break;
		case 'd':
			only_repeated = 1;
			break;
		case 'u':
			only_unique = 1;
			break;
		case 'i':
			ignore_case = 1;
			break;
		case 'f':
			skip_fields =
			        xparse_long(optarg, 0, LONG_MAX, "fields");
			break;
		case 's':
			skip_chars = xparse_long(optarg, 0, LONG_MAX, "chars");
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (argv[0] && argv[1] && argv[2])
		die_usage(usage);
	if (argv[0] && strcmp(argv[0], "-") != 0)
		fd = xopen(argv[0], O_RDONLY, 0);
	if (argv[0] && argv[1] && strcmp(argv[1], "-") != 0) {
		int out = xopen(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0666);
		dup2(out, 1);
		close(out);
	}

	// The first line of each run is held (copied: the reader's buffer
	// moves on) until a line that differs ends the run.
	lines_init(&lines, fd);
	while ((len = lines_next(&lines, &line)) > 0) {
		if (line[len - 1] == '\n')
			len--;
		if (count > 0 && same(held, held_len, line, (size_t)len)) {
			count++;
			continue;
		}
		if (count > 0)
			emit(held, held_len, count);
		if ((size_t)len > held_cap) {
			held_cap = (size_t)len * 2;
			free(held);
			held = xmalloc(held_cap);
		}
		memcpy(held, line, (size_t)len);
		held_len = (size_t)len;
		count = 1;
	}
	if (len < 0) {
		warn_sys("%s", argv[0] ? argv[0] : "-");
		lines_free(&lines);
		free(held);
		return finish(1);
	}
	if (count > 0)
		emit(held, held_len, count);
	lines_free(&lines);
	free(held);
	return finish(0);
}
