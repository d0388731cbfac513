/* wc - count lines, words, characters and bytes (POSIX.1-2017 wc). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "wc [-c|-m] [-lw] [FILE...]";

enum { LINES, WORDS, CHARS, BYTES, NCOUNTS };

static char buf[131072];
static int wanted[NCOUNTS];
static int width = 1;

#if defined(__SSE2__)
#include <emmintrin.h>

/*
 * The number of newlines in DATA[0..LEN), sixteen bytes at a time with
 * SSE2 (every x86-64 has it): a compare gives -1 in each byte that is
 * '\n', subtracting that counts up per byte lane, and before a lane can
 * pass 255 the lanes are added up (_mm_sad_epu8 sums bytes).
 */
static unsigned long long
count_newlines(const char *data, size_t len)
{
	const __m128i newline = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	unsigned long long count = 0;
	size_t i = 0;

	while (i + 16 <= len) {
		__m128i lanes = zero;
		for (int round = 0; round < 255 && i + 16 <= len;
		     round++, i += 16) {
			__m128i bytes =
			        _mm_loadu_si128((const __m128i *)(data + i));
			lanes = _mm_sub_epi8(lanes,
			                     _mm_cmpeq_epi8(bytes, newline));
		}
		__m128i sums = _mm_sad_epu8(lanes, zero);
		count += (unsigned long long)_mm_cvtsi128_si64(sums) +
		         (unsigned long long)_mm_cvtsi128_si64(
		                 _mm_unpackhi_epi64(sums, sums));
	}
	for (; i < len; i++)
		count += data[i] == '\n';
	return count;
}
#else
/*
 * The number of newlines in DATA[0..LEN), eight bytes at a time: in each
 * 64-bit word, a byte that was '\n' becomes 0 after the XOR, and the
 * expression below turns exactly those bytes into 1 and the others into
 * 0; the multiplication then adds the eight bytes up into the top byte.
 */
static unsigned long long
count_newlines(const char *data, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL,
	               low7 = 0x7f7f7f7f7f7f7f7fULL;
	unsigned long long count = 0;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t word;
		memcpy(&word, data + i, 8);
		word ^= ones * '\n';
		uint64_t zero = ~(((word & low7) + low7) | word | low7);
		count += ((zero >> 7) * ones) >> 56;
	}
	for (; i < len; i++)
		count += data[i] == '\n';
	return count;
}
#endif

/*
 * Count FD into COUNTS. Words are runs of bytes that are not white space
 * (the C locale's); characters are UTF-8 sequences, counted by their
 * first bytes. Returns 0, or -1 after reporting a read error.
 */
static int
count_fd(int fd, const char *name, unsigned long long *counts)
{
	int in_word = 0;

	for (;;) {
		ssize_t nread = read(fd, buf, sizeof(buf));
		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (nread == 0)
			return 0;
		counts[BYTES] += (unsigned long long)nread;
		if (wanted[LINES] && !wanted[WORDS])
			counts[LINES] += count_newlines(buf, (size_t)nread);
		if (wanted[WORDS]) {
			unsigned long long lines = 0, words = 0;
			for (ssize_t i = 0; i < nread; i++) {
				unsigned char c = (unsigned char)buf[i];
				// ' ', \t \n \v \f \r
				int space =
				        c == ' ' || (c >= '\t' && c <= '\r');
				lines += c == '\n';
				words += space == 0 && in_word == 0;
				in_word = !space;
			}
			counts[LINES] += lines;
			counts[WORDS] += words;
		}
		if (wanted[CHARS]) {
			for (ssize_t i = 0; i < nread; i++)
				counts[CHARS] +=
				        ((unsigned char)buf[i] & 0xC0) != 0x80;
		}
	}
}

static void
print_counts(const unsigned long long *counts, const char *name)
{
	const char *sep = "";

	for (int i = 0; i < NCOUNTS; i++) {
		if (!wanted[i])
			continue;
		out_printf(&out_stdout, "%s%*llu", sep, width, counts[i]);
		sep = " ";
	}
	if (name)
		out_printf(&out_stdout, " %s", name);
	out_char(&out_stdout, '\n');
}

/*
 * Columns are as wide as the total size of the regular files needs, or 7
 * when some input is a pipe or terminal (its size is unknown): the
 * widths GNU uses, so the columns line up the same way.
 */
static void
choose_width(char **names, int nfiles, int nwanted)
{
	unsigned long long total = 0;
	int minimum = 1;
	struct stat st;

	if (nwanted == 1 && nfiles == 1)
		return;
	for (int i = 0; i < nfiles; i++) {
		int ok = strcmp(names[i], "-") == 0 ? fstat(0, &st) == 0
		                                    : stat(names[i], &st) == 0;
		if (!ok)
			continue;
		if (S_ISREG(st.st_mode))
			total += (unsigned long long)st.st_size;
		else
			minimum = 7;
	}
	for (; total >= 10; total /= 10)
		width++;
	if (width < minimum)
		width = minimum;
}

int
main(int argc, char **argv)
{
	struct inputs in;
	unsigned long long total[NCOUNTS] = {0};
	int status = 0, nwanted = 0, nfiles = 0, c, fd;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+lwcm")) != -1) {
		switch (c) {
		case 'l':
			wanted[LINES] = 1;
			break;
		case 'w':
			wanted[WORDS] = 1;
			break;
		case 'm':
			wanted[CHARS] = 1;
			break;
		case 'c':
			wanted[BYTES] = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	for (int i = 0; i < NCOUNTS; i++)
		nwanted += wanted[i];
	if (nwanted == 0) {
		wanted[LINES] = wanted[WORDS] = wanted[BYTES] = 1;
		nwanted = 3;
	}
	argv += optind;
	int named = *argv != NULL;
	inputs_init(&in, argv);
	// Before anything is opened, in.names holds every input: the
	// operands, or "-" alone.
	while (in.names[nfiles])
		nfiles++;
	choose_width(in.names, nfiles, nwanted);

	while ((fd = inputs_next(&in)) >= 0) {
		unsigned long long counts[NCOUNTS] = {0};

		if (count_fd(fd, in.name, counts) < 0)
			status = 1;
		print_counts(counts, named ? in.name : NULL);
		for (int k = 0; k < NCOUNTS; k++)
			total[k] += counts[k];
	}
	if (nfiles > 1) // even when some were missing
		print_counts(total, "total");
	return finish(status | in.status);
}
