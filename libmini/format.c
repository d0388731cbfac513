/*
 * format.c - printf's format language and echo's escapes (POSIX XCU
 * printf and echo, XSI), once for the utilities and the shell's builtins.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mini.h"

/* One run of a format: where output goes and what is left to use. */
struct format_run {
	struct out *out;
	const char *who; /* "" or "printf: ", before every message */
	char *const *args;
	int status; /* 1 once an argument was no number */
	int stopped; /* \c: no more output at all */
};

/* The value of the hex or octal digit C in BASE, or -1. */
static int
digit_value(char c, int base)
{
	if (c >= '0' && c <= '7')
		return c - '0';
	if (base == 16 && c >= '8' && c <= '9')
		return c - '0';
	if (base == 16 && (c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

/* Up to MAX digits of BASE at *AT as one byte; *AT moves past them. */
static char
numeric_escape(const char **at, int base, int max)
{
	int value = 0, digit;

	for (int n = 0; n < max && (digit = digit_value(**at, base)) >= 0; n++) {
		value = value * base + digit;
		(*at)++;
	}
	return (char)value;
}

/*
 * Decode the escape at *AT, just past a backslash, into *BYTE and move *AT
 * past it: C's letters, \e, \xHH and \ooo. IN_TEXT: echo's and %b's
 * rules, where \0 starts up to three more octal digits and \c ends
 * the output; else the format's, where \" and \' are escapes too. Returns 0 for a byte, 1 for
 * \c (no more output), -1 for no escape (the backslash stands for itself).
 */
static int
decode_escape(const char **at, int in_text, char *byte)
{
	static const char from[] = "\\abefnrtv", to[] = "\\\a\b\033\f\n\r\t\v";
	const char *hit = **at ? strchr(from, **at) : NULL;

	if (hit) {
		*byte = to[hit - from];
		(*at)++;
		return 0;
	}
	// \c belongs to echo and %b; POSIX gives a format none (GNU's
	// printf stops there, dash's prints it: so do we).
	if (**at == 'c' && in_text) {
		(*at)++;
		return 1;
	}
	if (**at == 'x' && digit_value((*at)[1], 16) >= 0) {
		(*at)++;
		*byte = numeric_escape(at, 16, 2);
		return 0;
	}
	if (digit_value(**at, 8) >= 0) {
		if (in_text && **at == '0')
			(*at)++;
		*byte = numeric_escape(at, 8, 3);
		return 0;
	}
	if (!in_text && (**at == '"' || **at == '\'')) {
		*byte = *(*at)++;
		return 0;
	}
	return -1;
}

size_t
unescape_text(char *dst, const char *text, int *stopped)
{
	size_t len = 0;

	*stopped = 0;
	while (*text) {
		const char *after = text + 1;
		char byte;
		int kind = *text == '\\' ? decode_escape(&after, 1, &byte) : -1;

		if (kind == 1) {
			*stopped = 1;
			break;
		}
		dst[len++] = kind == 0 ? byte : *text;
		text = kind == 0 ? after : text + 1;
	}
	dst[len] = '\0';
	return len;
}

int
out_unescaped(struct out *out, const char *text)
{
	char *decoded = xmalloc(strlen(text) + 1);
	int stopped;
	size_t len = unescape_text(decoded, text, &stopped);

	out_write(out, decoded, len);
	free(decoded);
	return stopped;
}

static const char *
next_arg(struct format_run *run)
{
	return *run->args ? *run->args++ : NULL;
}

/* Warn about ARG, which was to be a number ending at END. */
static void
check_number(struct format_run *run, const char *arg, const char *end)
{
	if (errno == ERANGE)
		warn_msg("%s'%s': %s", run->who, arg, strerror(ERANGE));
	else if (end == arg)
		warn_msg("%s'%s': expected a numeric value", run->who, arg);
	else if (*end != '\0')
		warn_msg("%s'%s': value not completely converted", run->who,
		         arg);
	else
		return;
	run->status = 1;
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
int_arg(struct format_run *run, int is_unsigned)
{
	const char *arg = next_arg(run);
	intmax_t value;
	char *end;

	if (!arg || char_constant(arg, &value))
		return arg ? value : 0;
	errno = 0;
	if (is_unsigned && arg[strspn(arg, " \t")] != '-')
		value = (intmax_t)strtoumax(arg, &end, 0);
	else
		value = strtoimax(arg, &end, 0);
	check_number(run, arg, end);
	return value;
}

static long double
float_arg(struct format_run *run)
{
	const char *arg = next_arg(run);
	intmax_t code;
	long double value;
	char *end;

	if (!arg)
		return 0;
	if (char_constant(arg, &code))
		return (long double)code;
	errno = 0;
	value = strtold(arg, &end);
	check_number(run, arg, end);
	return value;
}

/* A conversion's flags, width and precision, as the format gave them. */
struct spec {
	char flags[8];
	int width, precision;
	int has_width, has_precision;
};

/* Add DIGIT to the width or precision *VALUE; -1 if it gets too large. */
static int
add_digit(int *value, char digit)
{
	if (*value > (INT_MAX - (digit - '0')) / 10)
		return -1;
	*value = *value * 10 + (digit - '0');
	return 0;
}

/* The width or precision at *AT: digits, or * for the next argument. */
static int
spec_number(struct format_run *run, const char **at, int *value)
{
	if (**at == '*') {
		intmax_t arg = int_arg(run, 0);
		(*at)++;
		if (arg > INT_MAX || arg < -INT_MAX)
			return -1;
		*value = (int)arg;
		return 0;
	}
	for (; **at >= '0' && **at <= '9'; (*at)++)
		if (add_digit(value, **at) < 0)
			return -1;
	return 0;
}

/* Read flags, width and precision at *AT into SPEC; -1 if too large. */
static int
parse_spec(struct format_run *run, const char **at, struct spec *spec)
{
	size_t nflags = 0;

	memset(spec, 0, sizeof(*spec));
	while (**at && strchr("-+ #0", **at) && nflags < sizeof(spec->flags) - 1)
		spec->flags[nflags++] = *(*at)++;
	spec->has_width = **at == '*' || (**at >= '0' && **at <= '9');
	if (spec_number(run, at, &spec->width) < 0)
		return -1;
	if (**at == '.') {
		(*at)++;
		spec->has_precision = 1;
		if (spec_number(run, at, &spec->precision) < 0)
			return -1;
	}
	return 0;
}

/* SPEC as a C conversion: "%", flags, width, precision, then TYPE. */
static void
c_format(char *buf, size_t size, const struct spec *spec, const char *type)
{
	int len = snprintf(buf, size, "%%%s", spec->flags);

	if (spec->has_width)
		len += snprintf(buf + len, size - (size_t)len, "%d", spec->width);
	if (spec->has_precision)
		len += snprintf(buf + len, size - (size_t)len, ".%d",
		                spec->precision);
	snprintf(buf + len, size - (size_t)len, "%s", type);
}

/* %b: the argument with its escapes decoded, padded as %s would be. */
static void
put_b(struct format_run *run, const struct spec *spec)
{
	const char *arg = next_arg(run);
	char *text = xmalloc(strlen(arg ? arg : "") + 1);
	size_t len = unescape_text(text, arg ? arg : "", &run->stopped);
	int left = strchr(spec->flags, '-') != NULL;
	size_t pad = 0;

	if (spec->has_precision && spec->precision >= 0 &&
	    (size_t)spec->precision < len)
		len = (size_t)spec->precision;
	if (spec->has_width && spec->width > 0 && (size_t)spec->width > len)
		pad = (size_t)spec->width - len;
	for (size_t i = 0; !left && i < pad; i++)
		out_char(run->out, ' ');
	out_write(run->out, text, len);
	for (size_t i = 0; left && i < pad; i++)
		out_char(run->out, ' ');
	free(text);
}

/*
 * The conversion at *AT, just past its '%': write it and move *AT past
 * it. Returns -1 (after a message) for a conversion that is none.
 */
static int
convert(struct format_run *run, const char **at)
{
	const char *start = *at;
	struct spec spec;
	char c_spec[64];

	if (parse_spec(run, at, &spec) < 0) {
		warn_msg("%s%%%s: field width or precision too large",
		         run->who, start);
		return -1;
	}
	// Length modifiers (%ld, %hd) mean nothing here: every value is wide.
	*at += strspn(*at, "hlLqjzt");
	switch (**at) {
	case 'd':
	case 'i': {
		intmax_t value = int_arg(run, 0);
		c_format(c_spec, sizeof(c_spec), &spec, (char[]){'j', **at, 0});
		out_printf(run->out, c_spec, value);
		break;
	}
	case 'o':
	case 'u':
	case 'x':
	case 'X': {
		uintmax_t value = (uintmax_t)int_arg(run, 1);
		c_format(c_spec, sizeof(c_spec), &spec, (char[]){'j', **at, 0});
		out_printf(run->out, c_spec, value);
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
		long double value = float_arg(run);
		c_format(c_spec, sizeof(c_spec), &spec, (char[]){'L', **at, 0});
		out_printf(run->out, c_spec, value);
		break;
	}
	case 'c': {
		const char *arg = next_arg(run);
		// The first byte of the argument; a missing one prints a NUL.
		c_format(c_spec, sizeof(c_spec), &spec, "c");
		out_printf(run->out, c_spec, arg ? arg[0] : '\0');
		break;
	}
	case 's': {
		const char *arg = next_arg(run);
		c_format(c_spec, sizeof(c_spec), &spec, "s");
		out_printf(run->out, c_spec, arg ? arg : "");
		break;
	}
	case 'b':
		put_b(run, &spec);
		break;
	case '%':
		out_char(run->out, '%');
		break;
	case '\0':
		warn_msg("%s%%%s: missing conversion character", run->who,
		         start);
		return -1;
	default:
		warn_msg("%s%%%.*s: invalid conversion", run->who,
		         (int)(*at - start + 1), start);
		return -1;
	}
	(*at)++;
	return 0;
}

/* One pass over FORMAT; -1 if it holds a conversion that is none. */
static int
format_once(struct format_run *run, const char *format)
{
	const char *at = format;

	while (*at && !run->stopped) {
		size_t plain = strcspn(at, "\\%");
		out_write(run->out, at, plain);
		at += plain;
		if (*at == '\\') {
			const char *after = ++at;
			char byte;
			int kind = decode_escape(&after, 0, &byte);
			if (kind == 1)
				run->stopped = 1;
			else if (kind == 0)
				out_char(run->out, byte);
			else
				out_char(run->out, '\\');
			at = kind < 0 ? at : after;
		} else if (*at == '%') {
			at++;
			if (convert(run, &at) < 0)
				return -1;
		}
	}
	return 0;
}

int
format_print(struct out *out, const char *who, const char *format,
             char *const *args)
{
	struct format_run run = {out, who, args, 0, 0};

	do {
		char *const *before = run.args;
		if (format_once(&run, format) < 0)
			return 1;
		// A format that takes no arguments is used once, whatever is
		// left.
		if (run.args == before)
			break;
	} while (*run.args && !run.stopped);
	return run.status;
}
