/* base64 - encode or decode base64 (RFC 4648; GNU coreutils' base64). */
/*
 * Encoded output is wrapped at 76 columns (-w COLS; 0: no wrapping).
 * Decoding (-d) skips newlines; any other byte outside the alphabet is
 * an error, unless -i says to ignore such bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "base64 [-d] [-i] [-w COLS] [FILE]";

static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char inbuf[3 * 4096 * 4], outbuf[4 * 4096 * 4 + 4096];

static void
encode(int fd, const char *name, long wrap)
{
	size_t carry = 0; /* bytes left over from the last read (0-2) */
	long column = 0;

	for (;;) {
		ssize_t n = read(fd, inbuf + carry, sizeof(inbuf) - carry);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die_sys("%s", name);
		}
		size_t have = carry + (size_t)n,
		       whole = n == 0 ? have : have / 3 * 3;
		size_t out = 0;
		for (size_t i = 0; i < whole; i += 3) {
			unsigned v = (unsigned char)inbuf[i] << 16;
			size_t left = whole - i;
			if (left > 1)
				v |= (unsigned char)inbuf[i + 1] << 8;
			if (left > 2)
				v |= (unsigned char)inbuf[i + 2];
			char quad[4] = {
			        alphabet[v >> 18],
			        alphabet[(v >> 12) & 63],
			        left > 1 ? alphabet[(v >> 6) & 63] : '=',
			        left > 2 ? alphabet[v & 63] : '=',
			};
			for (int k = 0; k < 4; k++) {
				outbuf[out++] = quad[k];
				if (wrap && ++column == wrap) {
					outbuf[out++] = '\n';
					column = 0;
				}
			}
		}
		out_write(&out_stdout, outbuf, out);
		if (n == 0)
			break;
		carry = have - whole;
		memmove(inbuf, inbuf + whole, carry);
	}
	if (wrap && column > 0)
		out_char(&out_stdout, '\n');
}

static void
decode(int fd, const char *name, int ignore_garbage)
{
	signed char value[256];
	unsigned bits = 0;
	int nbits = 0, padding = 0;
	unsigned long symbols = 0;

	memset(value, -1, sizeof(value));
	for (int i = 0; i < 64; i++)
		value[(unsigned char)alphabet[i]] = (signed char)i;
	for (;;) {
		ssize_t n = read(fd, inbuf, sizeof(inbuf));
		size_t out = 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die_sys("%s", name);
		}
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)inbuf[i];
			if (c == '\n')
				continue;
			if (c == '=') {
				padding++;
				continue;
			}
			if (value[c] < 0 || padding) {
				if (ignore_garbage && value[c] < 0)
					continue;
				out_write(&out_stdout, outbuf, out);
				out_flush(&out_stdout);
				die_msg("invalid input");
			}
			symbols++;
			bits = bits << 6 | (unsigned)value[c];
			nbits += 6;
			if (nbits >= 8) {
				nbits -= 8;
				outbuf[out++] = (char)(bits >> nbits);
			}
		}
		out_write(&out_stdout, outbuf, out);
	}
	// The input must be whole quads, padded with '=' at the end.
	if ((symbols + (unsigned long)padding) % 4 != 0 || padding > 2) {
		out_flush(&out_stdout);
		die_msg("invalid input");
	}
}

int
main(int argc, char **argv)
{
	long wrap = 76;
	int decoding = 0, ignore_garbage = 0, fd = 0, c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+diw:")) != -1) {
		switch (c) {
		case 'd':
			decoding = 1;
			break;
		case 'i':
			ignore_garbage = 1;
			break;
		case 'w':
			wrap = xparse_long(optarg, 0, INT_MAX, "wrap size");
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (argv[0] && argv[1])
		die_usage(usage);
	const char *name = argv[0] ? argv[0] : "-";
	if (strcmp(name, "-") != 0)
		fd = xopen(name, O_RDONLY, 0);
	if (decoding)
		decode(fd, name, ignore_garbage);
	else
		encode(fd, name, wrap);
	return finish(0);
}
