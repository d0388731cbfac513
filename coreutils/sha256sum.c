/* sha256sum, md5sum - print or check message digests (GNU coreutils' format).
 */
/*
 * One program under two names: called as md5sum it uses MD5, otherwise
 * SHA-256. A line of output is "DIGEST  NAME". With -c the operands are
 * lists of such lines; each named file is read again and reported as
 * "NAME: OK" or "NAME: FAILED", and the status is 1 if any failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "sha256sum [-c] [FILE...]";

static int use_md5;
static size_t digest_size = SHA256_SIZE;

static char buf[131072];

/* Hash the file open on FD into HEX (2 * digest_size + 1 bytes). */
static int
hash_fd(int fd, const char *name, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char digest[SHA256_SIZE];
	struct md5 md5;
	struct sha256 sha;

	md5_init(&md5);
	sha256_init(&sha);
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
		if (use_md5)
			md5_update(&md5, buf, (size_t)n);
		else
			sha256_update(&sha, buf, (size_t)n);
	}
	if (use_md5)
		md5_final(&md5, digest);
	else
		sha256_final(&sha, digest);
	for (size_t i = 0; i < digest_size; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * digest_size] = '\0';
	return 0;
}

static int
hash_file(const char *name, char *hex)
{
	if (strcmp(name, "-") == 0)
		return hash_fd(0, name, hex);
	int fd = open(name, O_RDONLY);
	if (fd < 0) {
		warn_sys("%s", name);
		return -1;
	}
	int result = hash_fd(fd, name, hex);
	close(fd);
	return result;
}

/* -c: check the digests listed in LIST, open on FD. Returns the status. */
static int
check_list(int fd, const char *list)
{
	struct lines reader;
	char *line, hex[2 * SHA256_SIZE + 1];
	ssize_t len;
	unsigned long failed = 0, unreadable = 0, malformed = 0, good = 0;

	lines_init(&reader, fd);
	while ((len = lines_next(&reader, &line)) > 0) {
		size_t hex_len = 2 * digest_size;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		// "DIGEST  NAME" or "DIGEST *NAME" (binary mode, the same
		// here).
		if ((size_t)len < hex_len + 3 || line[hex_len] != ' ' ||
		    (line[hex_len + 1] != ' ' && line[hex_len + 1] != '*') ||
		    strspn(line, "0123456789abcdefABCDEF") != hex_len) {
			malformed++;
			continue;
		}
		const char *name = line + hex_len + 2;
		// A NUL would cut the name short: such a line cannot name a
		// file.
		if (memchr(line, '\0', (size_t)len)) {
			malformed++;
			continue;
		}
		if (hash_file(name, hex) < 0) {
			out_printf(&out_stdout, "%s: FAILED open or read\n",
			           name);
			unreadable++;
			continue;
		}
		if (strncasecmp(hex, line, hex_len) == 0) {
			out_printf(&out_stdout, "%s: OK\n", name);
			good++;
		} else {
			out_printf(&out_stdout, "%s: FAILED\n", name);
			failed++;
		}
	}
	lines_free(&reader);
	out_flush(&out_stdout);
	if (malformed)
		warn_msg("WARNING: %lu line%s improperly formatted", malformed,
		         malformed == 1 ? " is" : "s are");
	if (unreadable)
		warn_msg("WARNING: %lu listed file%s could not be read",
		         unreadable, unreadable == 1 ? "" : "s");
	if (failed)
		warn_msg("WARNING: %lu computed checksum%s did NOT match",
		         failed, failed == 1 ? "" : "s");
	if (good == 0 && failed == 0 && unreadable == 0) {
		warn_msg("%s: no properly formatted checksum lines found",
		         list);
		return 1;
	}
	return failed || unreadable || malformed ? 1 : 0;
}

int
main(int argc, char **argv)
{
	struct inputs in;
	char hex[2 * SHA256_SIZE + 1];
	int checking = 0, status = 0, c, fd;

	prog_init(argv[0]);
	if (strcmp(prog_name, "md5sum") == 0) {
		use_md5 = 1;
		digest_size = MD5_SIZE;
	}
	while ((c = getopt(argc, argv, "+cb")) != -1) {
		switch (c) {
		case 'c':
			checking = 1;
			break;
		case 'b':
			break; // binary mode: every file is read as bytes
			       // anyway
		default:
			die_usage(usage);
		}
	}
	inputs_init(&in, argv + optind);
	while ((fd = inputs_next(&in)) >= 0) {
		if (checking) {
			status |= check_list(fd, in.name);
			continue;
		}
		if (hash_fd(fd, in.name, hex) < 0) {
			status = 1;
			continue;
		}
		out_printf(&out_stdout, "%s  %s\n", hex, in.name);
	}
	return finish(status | in.status);
}
