/* dd - copy and convert blocks (POSIX.1-2017 dd: if of bs ibs obs count skip seek conv=notrunc,sync,noerror; status= from GNU). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"dd [if=FILE] [of=FILE] [bs=N] [ibs=N] [obs=N] [count=N] [skip=N] [seek=N]"
	" [conv=notrunc,sync,noerror] [status=none|noxfer]";

// Blocks in and out: whole ones and partial ones, as the summary counts them.
static unsigned long long full_in, part_in, full_out, part_out, bytes_out;

/* A size: digits, then c w b k K M G kB MB GB; "AxB" multiplies. */
static unsigned long long
parse_size(const char *operand, const char *text)
{
	static const struct {
		const char *suffix;
		unsigned long long factor;
	} suffixes[] = {
		{ "", 1 }, { "c", 1 }, { "w", 2 }, { "b", 512 }, { "k", 1024 },
		{ "K", 1024 }, { "M", 1 << 20 }, { "G", 1 << 30 }, { "kB", 1000 },
		{ "MB", 1000000 }, { "GB", 1000000000 },
	};
	const size_t nsuffixes = sizeof(suffixes) / sizeof(suffixes[0]);
	unsigned long long total = 1, value;
	const char *str = text;

	for (;;) {
		const char *x;
		char *end;
		size_t i, len;

		if (*str < '0' || *str > '9')
			die_msg("%s: invalid number '%s'", operand, text);
		errno = 0;
		value = strtoull(str, &end, 10);
		x = strchr(end, 'x');
		len = x ? (size_t)(x - end) : strlen(end);
		for (i = 0; i < nsuffixes; i++)
			if (strlen(suffixes[i].suffix) == len &&
			    strncmp(end, suffixes[i].suffix, len) == 0)
				break;
		if (i == nsuffixes)
			die_msg("%s: invalid number '%s'", operand, text);
		if (errno || (value && suffixes[i].factor > ULLONG_MAX / value))
			die_msg("%s: number too large '%s'", operand, text);
		value *= suffixes[i].factor;
		if (value && total > ULLONG_MAX / value)
			die_msg("%s: number too large '%s'", operand, text);
		total *= value;
		if (!x)
			return total;
		str = x + 1;
	}
}

/* Write LEN bytes as one output block, full if it is OBS long. */
static void
put_block(int fd, const char *out_name, const char *buf, size_t len, size_t obs)
{
	if (len == 0)
		return;
	if (write_full(fd, buf, len) < 0)
		die_sys("%s", out_name);
	if (len == obs)
		full_out++;
	else
		part_out++;
	bytes_out += len;
}

static void
summary(const char *status_level)
{
	if (strcmp(status_level, "none") == 0)
		return;
	// Without the "dd: " of messages, as every dd prints it.
	fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n",
		full_in, part_in, full_out, part_out);
	if (strcmp(status_level, "noxfer") != 0)
		fprintf(stderr, "%llu bytes copied\n", bytes_out);
}

int
main(int argc, char **argv)
{
	const char *in_name = NULL, *out_name = NULL, *status_level = "";
	unsigned long long ibs = 512, obs = 512, count = ~0ULL, skip = 0, seek = 0;
	int bs_given = 0, notrunc = 0, sync_pad = 0, noerror = 0;
	int in = 0, out = 1;
	char *ibuf, *obuf;
	size_t olen = 0;

	prog_init(argv[0]);
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		argv++;
	for (argv++; *argv; argv++) {
		char *eq = strchr(*argv, '=');
		const char *value = eq ? eq + 1 : NULL;

		if (!eq)
			die_usage(usage);
		*eq = '\0';
		if (strcmp(*argv, "if") == 0)
			in_name = value;
		else if (strcmp(*argv, "of") == 0)
			out_name = value;
		else if (strcmp(*argv, "bs") == 0) {
			ibs = obs = parse_size(*argv, value);
			bs_given = 1;
		} else if (strcmp(*argv, "ibs") == 0)
			ibs = parse_size(*argv, value);
		else if (strcmp(*argv, "obs") == 0)
			obs = parse_size(*argv, value);
		else if (strcmp(*argv, "count") == 0)
			count = parse_size(*argv, value);
		else if (strcmp(*argv, "skip") == 0)
			skip = parse_size(*argv, value);
		else if (strcmp(*argv, "seek") == 0)
			seek = parse_size(*argv, value);
		else if (strcmp(*argv, "status") == 0)
			status_level = value;
		else if (strcmp(*argv, "conv") == 0) {
			for (char *word = strtok(eq + 1, ","); word; word = strtok(NULL, ",")) {
				if (strcmp(word, "notrunc") == 0)
					notrunc = 1;
				else if (strcmp(word, "sync") == 0)
					sync_pad = 1;
				else if (strcmp(word, "noerror") == 0)
					noerror = 1;
				else
					die_msg("conv: unknown conversion '%s'", word);
			}
		} else {
			die_usage(usage);
		}
	}
	if (ibs == 0 || obs == 0 || ibs > (1ULL << 31) || obs > (1ULL << 31))
		die_msg("block size out of range");
	if (in_name)
		in = xopen(in_name, O_RDONLY, 0);
	if (out_name)
		out = xopen(out_name, O_WRONLY | O_CREAT | (notrunc || seek ? 0 : O_TRUNC), 0666);
	ibuf = xmalloc(ibs);
	obuf = xmalloc(obs);

	// skip: past input blocks, by seeking where the input can, else by reading.
	if (skip && lseek(in, (off_t)(skip * ibs), SEEK_CUR) < 0) {
		for (unsigned long long i = 0; i < skip; i++)
			if (read(in, ibuf, ibs) <= 0)
				break;
	}
	if (seek) {
		if (lseek(out, (off_t)(seek * obs), SEEK_CUR) < 0)
			die_sys("%s: cannot seek", out_name ? out_name : "standard output");
		// Without notrunc, what was after the seek point goes.
		if (!notrunc && out_name && ftruncate(out, (off_t)(seek * obs)) < 0)
			die_sys("%s", out_name);
	}

	const char *out_label = out_name ? out_name : "standard output";
	for (unsigned long long blocks = 0; blocks < count; blocks++) {
		ssize_t n = read(in, ibuf, ibs);

		if (n < 0) {
			if (errno == EINTR) {
				blocks--;
				continue;
			}
			warn_sys("%s", in_name ? in_name : "standard input");
			if (!noerror) {
				summary(status_level);
				free(ibuf);
				free(obuf);
				return finish(1);
			}
			part_in++;
			// A bad block still counts: with sync, as zeros.
			if (!sync_pad)
				continue;
			n = 0;
		} else if (n == 0) {
			break;
		} else if ((size_t)n == ibs) {
			full_in++;
		} else {
			part_in++;
		}
		if (sync_pad && (size_t)n < ibs) {
			memset(ibuf + n, 0, ibs - (size_t)n);
			n = (ssize_t)ibs;
		}
		if (bs_given) {
			// bs=: each block goes out as it came in.
			put_block(out, out_label, ibuf, (size_t)n, obs);
			continue;
		}
		for (size_t done = 0; done < (size_t)n;) {
			size_t take = obs - olen < (size_t)n - done ? obs - olen : (size_t)n - done;

			memcpy(obuf + olen, ibuf + done, take);
			olen += take;
			done += take;
			if (olen == obs) {
				put_block(out, out_label, obuf, olen, obs);
				olen = 0;
			}
		}
	}
	put_block(out, out_label, obuf, olen, obs);
	if (out_name && close(out) < 0)
		die_sys("%s", out_name);
	summary(status_level);
	free(ibuf);
	free(obuf);
	return finish(0);
}
