/* od - dump files in octal and other formats (POSIX.1-2017 od). */
/*
 * The input (all files, one stream) is shown 16 bytes a line, once per
 * -t type, each line starting with the offset (-A: o, d, x or n for
 * none). Types: a (named characters), c (characters and escapes),
 * d, o, u, x with a size of 1, 2, 4 or 8 bytes (C, S, I, L also), as
 * the host's byte order lays them out. Columns line up across types: each
 * byte gets as many columns as the widest type gives one. A line equal to
 * the one before is shown as "*", unless -v.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
        "od [-bcdovx] [-A d|o|x|n] [-j SKIP] [-N COUNT] [-t TYPE]... [FILE...]";

struct type {
	char kind; /* a c d o u x */
	int size;  /* bytes per field */
	int width; /* characters per field, the leading space included */
};

static struct type types[16];
static int ntypes;
static char address_radix = 'o';
static int byte_width; /* columns per byte, the widest of the types */

static void
add_type(char kind, int size)
{
	// Widths of the largest value of each size, plus the space before it.
	static const int octal[9] = {0, 4, 7, 0, 12, 0, 0, 0, 23};
	static const int unsigned_dec[9] = {0, 4, 6, 0, 11, 0, 0, 0, 21};
	static const int signed_dec[9] = {0, 5, 7, 0, 12, 0, 0, 0, 21};
	static const int hex[9] = {0, 3, 5, 0, 9, 0, 0, 0, 17};
	struct type t = {kind, size, 4};

	if (ntypes == (int)(sizeof(types) / sizeof(types[0])))
		die_msg("too many types");
	switch (kind) {
	case 'o':
		t.width = octal[size];
		break;
	case 'u':
		t.width = unsigned_dec[size];
		break;
	case 'd':
		t.width = signed_dec[size];
		break;
	case 'x':
		t.width = hex[size];
		break;
	}
	types[ntypes++] = t;
}

/* Parse a -t argument: one or more types, like "x1", "c", "d4u2". */
static void
parse_types(const char *spec)
{
	const char *at = spec;

	while (*at) {
		char kind = *at++;
		int size = kind == 'a' || kind == 'c' ? 1 : 4;
		if (!strchr("acdoux", kind))
			die_msg("invalid type string '%s'", spec);
		if (kind != 'a' && kind != 'c') {
			if (*at >= '0' && *at <= '9') {
				size = (int)strtol(at, (char **)&at, 10);
			} else if (*at && strchr("CSIL", *at)) {
				size = *at == 'C'   ? 1
				       : *at == 'S' ? 2
				       : *at == 'I' ? 4
				                    : 8;
				at++;
			}
			if (size != 1 && size != 2 && size != 4 && size != 8)
				die_msg("invalid type size in '%s'", spec);
		}
		add_type(kind, size);
	}
}

/* The value of SIZE bytes at DATA, in the host's byte order. */
static uint64_t
load(const unsigned char *data, int size)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (size) {
	case 1:
		memcpy(&u8, data, 1);
		return u8;
	case 2:
		memcpy(&u16, data, 2);
		return u16;
	case 4:
		memcpy(&u32, data, 4);
		return u32;
	default:
		memcpy(&u64, data, 8);
		return u64;
	}
}

static int64_t
sign_extend(uint64_t value, int size)
{
	int shift = 64 - 8 * size;
	return (int64_t)(value << shift) >> shift;
}

static void
put_field(const struct type *t, const unsigned char *data)
{
	static const char *const names[33] = {
	        "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs",
	        "ht",  "nl",  "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1",
	        "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em",  "sub",
	        "esc", "fs",  "gs",  "rs",  "us",  "sp",
	};
	int width = byte_width * t->size > t->width ? byte_width * t->size
	                                            : t->width;
	uint64_t value = load(data, t->size);
	char text[32];

	switch (t->kind) {
	case 'a': {
		unsigned c = (unsigned)value & 0x7f;
		if (c <= ' ')
			out_printf(&out_stdout, "%*s", width, names[c]);
		else if (c == 0x7f)
			out_printf(&out_stdout, "%*s", width, "del");
		else
			out_printf(&out_stdout, "%*c", width, (char)c);
		return;
	}
	case 'c': {
		static const char from[] = "\a\b\f\n\r\t\v", to[] = "abfnrtv";
		unsigned c = (unsigned)value;
		const char *hit = c ? strchr(from, (int)c) : NULL;
		if (c == 0)
			snprintf(text, sizeof(text), "\\0");
		else if (hit)
			snprintf(text, sizeof(text), "\\%c", to[hit - from]);
		else if (c >= ' ' && c < 0x7f)
			snprintf(text, sizeof(text), "%c", (char)c);
		else
			snprintf(text, sizeof(text), "%03o", c);
		out_printf(&out_stdout, "%*s", width, text);
		return;
	}
	case 'o': {
		// Zero-padded to the digits the size needs (3 for a byte).
		int digits = t->width - 1;
		out_printf(&out_stdout, "%*s%0*llo", width - digits, "", digits,
		           (unsigned long long)value);
		return;
	}
	case 'x': {
		int digits = t->width - 1;
		out_printf(&out_stdout, "%*s%0*llx", width - digits, "", digits,
		           (unsigned long long)value);
		return;
	}
	case 'u':
		out_printf(&out_stdout, "%*llu", width,
		           (unsigned long long)value);
		return;
	default:
		out_printf(&out_stdout, "%*lld", width,
		           (long long)sign_extend(value, t->size));
	}
}

static void
put_address(unsigned long long offset)
{
	switch (address_radix) {
	case 'o':
		out_printf(&out_stdout, "%07llo", offset);
		break;
	case 'd':
		out_printf(&out_stdout, "%07llu", offset);
		break;
	case 'x':
		out_printf(&out_stdout, "%06llx", offset);
		break;
	}
}

/* Write one line: LEN (1 to 16) bytes at OFFSET, once for each type. */
static void
put_line(const unsigned char *data, size_t len, unsigned long long offset)
{
	unsigned char padded[16] = {0};

	// A last, short line is padded with zero bytes to whole fields.
	memcpy(padded, data, len);
	for (int i = 0; i < ntypes; i++) {
		if (i == 0)
			put_address(offset);
		else if (address_radix != 'n')
			out_printf(&out_stdout, "%*s",
			           address_radix == 'x' ? 6 : 7, "");
		for (size_t at = 0; at < len; at += (size_t)types[i].size)
			put_field(&types[i], padded + at);
		out_char(&out_stdout, '\n');
	}
}

/* ---- input: the files as one stream ---- */

static struct inputs in;
static int reading; /* in.fd is open and not yet at its end */
static int status;
static int opened_any; /* with no input at all there is no final offset */

/* Read up to LEN bytes from the stream; 0 at its end. */
static size_t
read_stream(unsigned char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		if (!reading) {
			if (inputs_next(&in) < 0)
				break;
			reading = 1;
			opened_any = 1;
		}
		ssize_t n = read(in.fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0) {
				warn_sys("%s", in.name);
				status = 1;
			}
			reading = 0;
			continue;
		}
		got += (size_t)n;
	}
	return got;
}

static unsigned long long
parse_count(const char *text, const char *what)
{
	char *end;
	unsigned long long n = strtoull(text, &end, 0);
	int multiplier = 1;

	if (*end == 'b')
		multiplier = 512, end++;
	else if (*end == 'k')
		multiplier = 1024, end++;
	else if (*end == 'm')
		multiplier = 1048576, end++;
	if (end == text || *end != '\0' || text[0] == '-')
		die_msg("invalid %s '%s'", what, text);
	return n * (unsigned long long)multiplier;
}

int
main(int argc, char **argv)
{
	unsigned long long skip = 0, limit = ~0ULL, offset;
	int verbose = 0, c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+A:bcdj:N:ot:vx")) != -1) {
		switch (c) {
		case 'A':
			if (!strchr("doxn", optarg[0]) || optarg[1])
				die_msg("invalid output address radix '%s'",
				        optarg);
			address_radix = optarg[0];
			break;
		case 'b':
			add_type('o', 1);
			break;
		case 'c':
			add_type('c', 1);
			break;
		case 'd':
			add_type('u', 2);
			break;
		case 'o':
			add_type('o', 2);
			break;
		case 'x':
			add_type('x', 2);
			break;
		case 't':
			parse_types(optarg);
			break;
		case 'j':
			skip = parse_count(optarg, "skip");
			break;
		case 'N':
			limit = parse_count(optarg, "count");
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	if (ntypes == 0)
		add_type('o', 2);
	for (int i = 0; i < ntypes; i++) {
		int per_byte = types[i].width / types[i].size;
		if (per_byte > byte_width)
			byte_width = per_byte;
	}
	argv += optind;
	inputs_init(&in, argv);

	// -j: skip bytes across files, by reading them (input may be a pipe).
	offset = 0;
	while (offset < skip) {
		unsigned char scratch[4096];
		size_t want = skip - offset < sizeof(scratch)
		                      ? (size_t)(skip - offset)
		                      : sizeof(scratch);
		size_t got = read_stream(scratch, want);
		if (got == 0)
			break;
		offset += got;
	}
	if (offset < skip)
		die_msg("cannot skip past end of combined input");

	unsigned char line[16], previous[16];
	int have_previous = 0, starred = 0;
	unsigned long long left = limit;
	for (;;) {
		size_t want = left < 16 ? (size_t)left : 16;
		size_t len = want ? read_stream(line, want) : 0;
		if (len == 0)
			break;
		left -= len;
		if (!verbose && have_previous && len == 16 &&
		    memcmp(line, previous, 16) == 0) {
			if (!starred)
				out_str(&out_stdout, "*\n");
			starred = 1;
		} else {
			put_line(line, len, offset);
			starred = 0;
		}
		memcpy(previous, line, len);
		have_previous = len == 16;
		offset += len;
	}
	if (address_radix != 'n' && opened_any) {
		put_address(offset);
		out_char(&out_stdout, '\n');
	}
	return finish(status | in.status);
}
