/* printf - write formatted output (POSIX.1-2017 printf). */
/*
 * The format is used again and again until the arguments run out, and at
 * least once. A conversion with no argument left gets 0 or "". Escapes
 * in the format are C's (plus \xHH); %b prints its argument with escapes
 * too, where \0ooo is octal. \c, in either, ends all output.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mini.h"

static const char usage[] = "printf FORMAT [ARGUMENT...]";

static char **args;
static int status;
static int stop; /* \c in a %b argument: no more output at all */

static const char *
next_arg(void)
{
	return *args ? *args++ : NULL;
}

/*
 * Decode the escape after a backslash at *AT (AT points past the \), write
 * it, and return where the text goes on. \c stops all output. IN_B is
 * for %b's rule for octal: \0 and up to three more digits.
 */
static const char *
escape(const char *at, int in_b)
{
	static const char from[] = "\\abfnrtv\"'", to[] = "\\\a\b\f\n\r\t\v\"'";
	const char *hit;
	int value = 0, digits = 0;

	if (*at == '\0') {
		out_char(&out_stdout, '\\');
		return at;
	}
	if ((hit = strchr(from, *at)) != NULL) {
		out_char(&out_stdout, to[hit - from]);
		return at + 1;
	}
	if (*at == 'c') {
		stop = 1;
		return at + strlen(at);
	}
	if (*at == 'x' && strchr("0123456789abcdefABCDEF", at[1]) && at[1]) {
		at++;
		for (;
		     digits < 2 && *at && strchr("0123456789abcdefABCDEF", *at);
		     digits++, at++)
			value = value * 16 + (*at <= '9'
			                              ? *at - '0'
			                              : (*at | 32) - 'a' + 10);
		out_char(&out_stdout, (char)value);
		return at;
	}
	if (*at >= '0' && *at <= '7') {
		int max = 3;
		// %b's \0ooo: the 0 introduces up to three more digits.
		if (in_b && *at == '0') {
			at++;
		}
		for (; digits < max && *at >= '0' && *at <= '7'; digits++, at++)
			value = value * 8 + (*at - '0');
		out_char(&out_stdout, (char)value);
		return at;
	}
	// An unknown escape is printed as it is.
	out_char(&out_stdout, '\\');
	out_char(&out_stdout, *at);
	return at + 1;
}

/* Warn about ARG, which was to be a number, and note the failure. */
static void
check_number(const char *arg, const char *end)
{
	if (errno == ERANGE) {
		warn_sys("%s", arg);
		status = 1;
	} else if (end == arg) {
		warn_msg("'%s': expected a numeric value", arg);
		status = 1;
	} else if (*end != '\0') {
		warn_msg("'%s': value not completely converted", arg);
		status = 1;
	}
}

/* A leading ' or " makes the value the code of the next character. */
static int
char_constant(const char *arg, intmax_t *value)
{
	if (arg[0] != '\'' && arg[0] != '"')
		return 0;
	*value = (unsigned char)arg[1];
	return 1;
}

static intmax_t
int_arg(int is_unsigned)
{
	const char *arg = next_arg();
	intmax_t value;
	char *end;

	if (!arg || char_constant(arg, &value))
		return arg ? value : 0;
	errno = 0;
	if (is_unsigned && arg[strspn(arg, " \t")] != '-')
		value = (intmax_t)strtoumax(arg, &end, 0);
	else
		value = strtoimax(arg, &end, 0);
	check_number(arg, end);
	return value;
}

static long double
float_arg(void)
{
	const char *arg = next_arg();
	intmax_t code;
	long double value;
	char *end;

	if (!arg)
		return 0;
	if (char_constant(arg, &code))
		return (long double)code;
	errno = 0;
	value = strtold(arg, &end);
	check_number(arg, end);
	return value;
}

/* Print a %b argument: its text with escapes decoded. */
static void
put_b(const char *text)
{
	while (*text && !stop) {
		const char *backslash = strchr(text, '\\');
		size_t len =
		        backslash ? (size_t)(backslash - text) : strlen(text);
		out_write(&out_stdout, text, len);
		if (!backslash)
			break;
		text = escape(backslash + 1, 1);
	}
}

/* VALUE with DIGIT written after it: a width or precision in FORMAT. */
static int
digit_onto(int value, char digit, const char *format)
{
	if (value > (INT_MAX - (digit - '0')) / 10) {
		out_flush(&out_stdout);
		die_msg("%%%s: field width or precision too large", format);
	}
	return value * 10 + (digit - '0');
}

/* The argument a * stands for: a width or precision, in an int. */
static int
star_arg(const char *format)
{
	intmax_t value = int_arg(0);

	if (value > INT_MAX || value < -INT_MAX) {
		out_flush(&out_stdout);
		die_msg("%%%s: field width or precision too large", format);
	}
	return (int)value;
}

/*
 * Handle the conversion at *FORMAT (pointing past the %); return the
 * text after it. The conversion is rebuilt as a C format with the
 * widths filled in, and handed to the C library.
 */
static const char *
conversion(const char *format)
{
	char spec[64];
	size_t len = 0;
	int width = 0, precision = 0, has_width = 0, has_precision = 0;
	const char *at = format;

	spec[len++] = '%';
	while (*at && strchr("-+ #0", *at) && len < 10)
		spec[len++] = *at++;
	if (*at == '*') {
		width = star_arg(format);
		has_width = 1;
		at++;
	} else {
		while (*at >= '0' && *at <= '9') {
			width = digit_onto(width, *at++, format);
			has_width = 1;
		}
	}
	if (*at == '.') {
		at++;
		has_precision = 1;
		if (*at == '*') {
			precision = star_arg(format);
			at++;
		} else {
			while (*at >= '0' && *at <= '9')
				precision =
				        digit_onto(precision, *at++, format);
		}
	}
	if (has_width)
		len += (size_t)snprintf(spec + len, 16, "%d", width);
	if (has_precision)
		len += (size_t)snprintf(spec + len, 16, ".%d", precision);

	// Length modifiers (%ld, %hd) mean nothing here: every value is wide.
	at += strspn(at, "hlLqjzt");
	char conv = *at;
	switch (conv) {
	case 'd':
	case 'i':
	case 'o':
	case 'u':
	case 'x':
	case 'X': {
		intmax_t value = int_arg(conv != 'd' && conv != 'i');
		spec[len] = 'j';
		spec[len + 1] = conv;
		spec[len + 2] = '\0';
		out_printf(&out_stdout, spec, value);
		break;
	}
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A': {
		long double value = float_arg();
		spec[len] = 'L';
		spec[len + 1] = conv;
		spec[len + 2] = '\0';
		out_printf(&out_stdout, spec, value);
		break;
	}
	case 'c': {
		const char *arg = next_arg();
		spec[len] = 'c';
		spec[len + 1] = '\0';
		// The first byte of the argument; a missing one prints a NUL.
		out_printf(&out_stdout, spec, arg ? arg[0] : '\0');
		break;
	}
	case 's': {
		const char *arg = next_arg();
		spec[len] = 's';
		spec[len + 1] = '\0';
		out_printf(&out_stdout, spec, arg ? arg : "");
		break;
	}
	case 'b': {
		const char *arg = next_arg();
		put_b(arg ? arg : "");
		break;
	}
	case '%':
		out_char(&out_stdout, '%');
		break;
	case '\0':
		out_flush(&out_stdout);
		die_msg("%%%s: missing conversion character", format);
	default:
		out_flush(&out_stdout);
		die_msg("%%%.*s: invalid conversion", (int)(at - format + 1),
		        format);
	}
	return at + 1;
}

int
main(int argc, char **argv)
{
	const char *format;

	(void)argc;
	prog_init(argv[0]);
	// Not getopt: "--" may come first, and a format may start with '-'.
	if (argv[1] && strcmp(argv[1], "--") == 0)
		argv++;
	if (!argv[1])
		die_usage(usage);
	format = argv[1];
	args = argv + 2;

	do {
		char **before = args;
		const char *at = format;
		while (*at && !stop) {
			size_t plain = strcspn(at, "\\%");
			out_write(&out_stdout, at, plain);
			at += plain;
			if (*at == '\\')
				at = escape(at + 1, 0);
			else if (*at == '%')
				at = conversion(at + 1);
		}
		// A format that takes no arguments is used once, whatever is
		// left.
		if (args == before)
			break;
	} while (*args && !stop);
	return finish(status);
}
