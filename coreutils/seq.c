/* seq - print a sequence of numbers (GNU/BSD seq; not in POSIX). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
        "seq [-w] [-f FORMAT] [-s SEP] [FIRST [INCREMENT]] LAST";

/* Parse a number operand, or die naming it. */
static double
number(const char *text)
{
	char *end;
	double value = strtod(text, &end);

	if (*text == '\0' || *end != '\0' || value != value)
		die_msg("invalid floating point argument: '%s'", text);
	return value;
}

/* Small enough that a long long holds it exactly (and without libm). */
static int
within(double value)
{
	return value > -1e17 && value < 1e17;
}

/*
 * Digits after the decimal point TEXT asks for, as GNU counts them: "1.50"
 * has 2, "1e3" 0, "1.0e0" 1, "1.25e-1" 3 (0.125).
 */
static int
decimals(const char *text)
{
	const char *dot = strchr(text, '.');
	const char *exponent = strpbrk(text, "eE");
	long digits = 0;

	if (dot && (!exponent || dot < exponent))
		digits = (long)strspn(dot + 1, "0123456789");
	if (exponent)
		digits -= strtol(exponent + 1, NULL, 10);
	// More digits than a double holds would only print noise.
	return digits < 0 ? 0 : digits > 20 ? 20 : (int)digits;
}

/* Check a -f FORMAT: exactly one %e, %f or %g conversion, maybe with flags. */
static void
check_format(const char *format)
{
	int conversions = 0;

	for (const char *at = format; *at; at++) {
		if (*at != '%')
			continue;
		if (at[1] == '%') {
			at++;
			continue;
		}
		at += 1 + strspn(at + 1, "-+ #0'");
		at += strspn(at, "0123456789");
		if (*at == '.')
			at += 1 + strspn(at + 1, "0123456789");
		if (!*at || !strchr("eEfFgGaA", *at))
			die_msg("format '%s' has an unknown %% directive",
			        format);
		conversions++;
	}
	if (conversions != 1)
		die_msg("format '%s' needs exactly one %%-directive", format);
}

/* Append N in decimal to OUT at *LEN; quick for the common integer case. */
static void
put_integer(long long n)
{
	char text[24], *at = text + sizeof(text);
	unsigned long long u =
	        n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;

	do {
		*--at = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		*--at = '-';
	out_write(&out_stdout, at, (size_t)(text + sizeof(text) - at));
}

/*
 * FIRST to LAST by 1 (the common case, and seq 1 10000000 in a loop is
 * common too): the number is kept as text and its last digit incremented
 * in place, carrying like a hand does, so no division per line. Lines
 * go into a batch of our own, written 64 KiB at a time; the number is
 * copied as a whole array, whatever its length, which the compiler does
 * in a few moves, and the batch's end moves on by the length only.
 */
static void
count_up(long long first, long long last, const char *sep)
{
	static char batch[64 * 1024];
	char text[24]; // the number's digits from text[0]; 20 at most
	size_t sep_len = strlen(sep), used = 0;
	size_t len = (size_t)snprintf(text, sizeof(text), "%lld", first);

	for (long long n = first;; n++) {
		if (used + sizeof(text) + sep_len > sizeof(batch)) {
			out_write(&out_stdout, batch, used);
			used = 0;
		}
		memcpy(batch + used, text, sizeof(text));
		used += len;
		if (n == last)
			break;
		if (sep_len == 1) {
			batch[used++] = sep[0];
		} else if (sep_len + sizeof(text) <= sizeof(batch)) {
			memcpy(batch + used, sep, sep_len);
			used += sep_len;
		} else { // longer than the batch: on its own
			out_write(&out_stdout, batch, used);
			out_write(&out_stdout, sep, sep_len);
			used = 0;
		}
		char *digit = text + len - 1;
		while (digit >= text && *digit == '9')
			*digit-- = '0';
		if (digit >= text) {
			(*digit)++;
		} else { // 99 + 1: every digit is 0 now
			text[0] = '1';
			text[len++] = '0';
		}
	}
	out_write(&out_stdout, batch, used);
	out_char(&out_stdout, '\n');
}

int
main(int argc, char **argv)
{
	const char *format = NULL, *sep = "\n";
	char made_format[64];
	int equal_width = 0, c;

	prog_init(argv[0]);
	// A negative number is an operand, not an option: stop at one.
	while (optind < argc && argv[optind][0] == '-' &&
	       (argv[optind][1] == '.' ||
	        (argv[optind][1] >= '0' && argv[optind][1] <= '9')) == 0 &&
	       (c = getopt(argc, argv, "+wf:s:")) != -1) {
		switch (c) {
		case 'w':
			equal_width = 1;
			break;
		case 'f':
			format = optarg;
			break;
		case 's':
			sep = optarg;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 1 || argc > 3)
		die_usage(usage);
	double first = 1, step = 1, last = number(argv[argc - 1]);
	int places = 0;
	if (argc >= 2) {
		first = number(argv[0]);
		places = decimals(argv[0]);
	}
	if (argc == 3) {
		step = number(argv[1]);
		if (decimals(argv[1]) > places)
			places = decimals(argv[1]);
		if (step == 0)
			die_msg("invalid Zero increment value: '%s'", argv[1]);
	}
	if (format) {
		if (equal_width)
			die_msg("format string may not be specified when "
			        "printing equal width strings");
		check_format(format);
	} else if (equal_width) {
		// As wide as the widest of the ends, zero padded.
		char a[64], b[64];
		int wa = snprintf(a, sizeof(a), "%.*f", places, first);
		int wb = snprintf(b, sizeof(b), "%.*f", places, last);
		snprintf(made_format, sizeof(made_format), "%%0%d.%df",
		         wa > wb ? wa : wb, places);
		format = made_format;
	} else if (places > 0) {
		snprintf(made_format, sizeof(made_format), "%%.%df", places);
		format = made_format;
	}

	// Whole numbers without a format: count in integers, no printf.
	if (!format && within(first) && within(last) && within(step) &&
	    first == (long long)first && step == (long long)step) {
		long long n = (long long)first, inc = (long long)step;
		// LAST rounded toward FIRST: the last whole number reached.
		long long end = (long long)last;
		if (inc > 0 && (double)end > last)
			end--;
		if (inc < 0 && (double)end < last)
			end++;
		if (inc == 1 && n >= 0 && n <= end) {
			count_up(n, end, sep);
			return finish(0);
		}
		for (int started = 0; inc > 0 ? n <= end : n >= end; n += inc) {
			if (started)
				out_str(&out_stdout, sep);
			started = 1;
			put_integer(n);
		}
		if ((inc > 0 ? first <= last : first >= last))
			out_char(&out_stdout, '\n');
		return finish(0);
	}
	if (!format)
		format = "%g";
	// Each term is first + i * step, not a running sum, so errors do not
	// add up.
	for (long long i = 0;; i++) {
		double value = first + (double)i * step;
		if (step > 0 ? value > last : value < last)
			break;
		if (i > 0)
			out_str(&out_stdout, sep);
		out_printf(&out_stdout, format, value);
	}
	if (step > 0 ? first <= last : first >= last)
		out_char(&out_stdout, '\n');
	return finish(0);
}
