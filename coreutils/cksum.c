/* cksum - print the POSIX CRC and byte count of files (POSIX.1-2017 cksum). */
/*
 * The CRC is POSIX's: polynomial 0x04C11DB7, bits taken most significant
 * first, the length appended to the data, the result complemented. It
 * is computed a byte at a time from a 256-entry table.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "cksum [FILE...]";

static uint32_t table[256];
static char buf[131072];

static void
make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t crc = i << 24;
		for (int bit = 0; bit < 8; bit++)
			crc = crc & 0x80000000u ? (crc << 1) ^ 0x04C11DB7u
			                        : crc << 1;
		table[i] = crc;
	}
}

static uint32_t
crc_add(uint32_t crc, const unsigned char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		crc = (crc << 8) ^ table[(crc >> 24) ^ data[i]];
	return crc;
}

static int
cksum_fd(int fd, const char *name, const char *shown)
{
	uint32_t crc = 0;
	unsigned long long length = 0;

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (n == 0)
			break;
		crc = crc_add(crc, (unsigned char *)buf, (size_t)n);
		length += (unsigned long long)n;
	}
	// The length goes in too, least significant byte first, without its
	// zeros.
	for (unsigned long long left = length; left > 0; left >>= 8) {
		unsigned char byte = (unsigned char)left;
		crc = crc_add(crc, &byte, 1);
	}
	out_printf(&out_stdout, "%lu %llu%s%s\n",
	           (unsigned long)~crc & 0xffffffffUL, length, shown ? " " : "",
	           shown ? shown : "");
	return 0;
}

int
main(int argc, char **argv)
{
	struct inputs in;
	int status = 0, c, fd;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	make_table();
	// Standard input read for want of operands is shown without a name.
	int named = *argv != NULL;
	inputs_init(&in, argv);
	while ((fd = inputs_next(&in)) >= 0) {
		if (cksum_fd(fd, in.name, named ? in.name : NULL) < 0)
			status = 1;
	}
	return finish(status | in.status);
}
