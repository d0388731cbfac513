/*
 * builtin/io.c - echo, printf and read (POSIX XCU echo, printf, read).
 *
 * echo and printf are builtins for speed: scripts call them in loops.
 * echo follows XSI, as dash does: backslash escapes are always on, and
 * only a first argument of exactly "-n" is an option.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sh.h"

/*
 * Write the escape at S (after its backslash) and return how many bytes
 * it used. OCTAL_ZERO: octal is \0nnn (echo, %b), else \nnn (format).
 * Sets *STOP for \c, which ends all output.
 */
static void
emit(struct strbuf *to, char c)
{
	if (to)
		strbuf_addc(to, c);
	else
		out_char(&out_stdout, c);
}

static size_t
put_escape(const char *s, int octal_zero, int *stop, struct strbuf *dst)
{
	static const char from[] = "abefnrtv\\";
	static const char to[] = "\a\b\033\f\n\r\t\v\\";
	const char *hit = *s ? strchr(from, *s) : NULL;
	size_t used = 0;
	int value = 0;

	if (hit) {
		emit(dst, to[hit - from]);
		return 1;
	}
	// \c ends the output in echo and %b; in a format it is no escape.
	if (*s == 'c' && octal_zero) {
		*stop = 1;
		return 1;
	}
	if (octal_zero ? *s == '0' : (*s >= '0' && *s <= '7')) {
		if (octal_zero)
			used = 1;
		for (int n = 0; n < 3 && s[used] >= '0' && s[used] <= '7'; n++)
			value = value * 8 + (s[used++] - '0');
		emit(dst, (char)value);
		return used;
	}
	emit(dst, '\\');
	return 0;
}

/* Write S with its escapes, to DST or stdout; 1 if \c stopped it. */
static int
put_escaped(const char *s, int octal_zero, struct strbuf *dst)
{
	int stop = 0;

	for (; *s && !stop; s++) {
		if (*s == '\\' && s[1])
			s += put_escape(s + 1, octal_zero, &stop, dst);
		else
			emit(dst, *s);
	}
	return stop;
}

int
bi_echo(int argc, char **argv)
{
	int newline = 1, i = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			out_char(&out_stdout, ' ');
		if (put_escaped(argv[i], 1, NULL))
			return 0;
	}
	if (newline)
		out_char(&out_stdout, '\n');
	return 0;
}

/* ---- printf ---- */

struct printf_args {
	char **v;
	int left;
	int bad; /* a number operand was not one */
};

static const char *
next_arg(struct printf_args *args)
{
	if (args->left == 0)
		return NULL;
	args->left--;
	return *args->v++;
}

/* A numeric operand: a number, or 'c / "c for the character's code. */
static intmax_t
number_arg(struct printf_args *args, int is_unsigned)
{
	const char *arg = next_arg(args);
	char *end;
	intmax_t value;

	if (!arg || !*arg)
		return 0;
	if (arg[0] == '\'' || arg[0] == '"')
		return (unsigned char)arg[1];
	errno = 0;
	if (is_unsigned && arg[0] != '-')
		value = (intmax_t)strtoumax(arg, &end, 0);
	else
		value = strtoimax(arg, &end, 0);
	if (end == arg || *end || errno) {
		warn_msg("printf: %s: %s", arg,
		         end == arg || *end ? "not a number" : "out of range");
		args->bad = 1;
	}
	return value;
}

static double
float_arg(struct printf_args *args)
{
	const char *arg = next_arg(args);
	char *end;
	double value;

	if (!arg || !*arg)
		return 0;
	if (arg[0] == '\'' || arg[0] == '"')
		return (unsigned char)arg[1];
	value = strtod(arg, &end);
	if (*end) {
		warn_msg("printf: %s: not a number", arg);
		args->bad = 1;
	}
	return value;
}

/*
 * One conversion: SPEC is the text from '%' to the conversion letter,
 * with any '*' already replaced by the numbers. Returns 1 if %b hit \c.
 */
static int
convert(char *spec, size_t spec_len, char conv, struct printf_args *args)
{
	char buf[64];
	const char *arg;

	switch (conv) {
	case 'd':
	case 'i': {
		intmax_t n = number_arg(args, 0);
		memcpy(buf, spec, spec_len);
		strcpy(buf + spec_len, "jd");
		out_printf(&out_stdout, buf, n);
		return 0;
	}
	case 'o':
	case 'u':
	case 'x':
	case 'X': {
		uintmax_t n = (uintmax_t)number_arg(args, 1);
		memcpy(buf, spec, spec_len);
		buf[spec_len] = 'j';
		buf[spec_len + 1] = conv;
		buf[spec_len + 2] = '\0';
		out_printf(&out_stdout, buf, n);
		return 0;
	}
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G': {
		double d = float_arg(args);
		memcpy(buf, spec, spec_len);
		buf[spec_len] = conv;
		buf[spec_len + 1] = '\0';
		out_printf(&out_stdout, buf, d);
		return 0;
	}
	case 'c':
		arg = next_arg(args);
		if (arg && *arg) {
			memcpy(buf, spec, spec_len);
			strcpy(buf + spec_len, "c");
			out_printf(&out_stdout, buf, *arg);
		} else if (arg || spec_len > 1) {
			memcpy(buf, spec, spec_len);
			strcpy(buf + spec_len, "s");
			out_printf(&out_stdout, buf, "");
		}
		return 0;
	case 's':
		arg = next_arg(args);
		memcpy(buf, spec, spec_len);
		strcpy(buf + spec_len, "s");
		out_printf(&out_stdout, buf, arg ? arg : "");
		return 0;
	case 'b': {
		// Expand the escapes first, then pad the result.
		struct strbuf text = {0};
		int stop;

		arg = next_arg(args);
		stop = put_escaped(arg ? arg : "", 1, &text);
		memcpy(buf, spec, spec_len);
		strcpy(buf + spec_len, "s");
		out_printf(&out_stdout, buf, text.s ? text.s : "");
		strbuf_free(&text);
		return stop;
	}
	}
	return 0;
}

int
bi_printf(int argc, char **argv)
{
	struct printf_args args;
	const char *format;

	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc < 2)
		return builtin_usage("printf format [argument...]");
	format = argv[1];
	args.v = argv + 2;
	args.left = argc - 2;
	args.bad = 0;
	// The format is used again while arguments are left (but at least
	// once, and not again if it consumed none).
	do {
		int used_before = args.left;

		for (const char *p = format; *p; p++) {
			char spec[64];
			size_t spec_len = 0;
			int stop = 0;

			if (*p == '\\') {
				p += put_escape(p + 1, 0, &stop, NULL);
				if (stop)
					return args.bad;
				continue;
			}
			if (*p != '%') {
				out_char(&out_stdout, *p);
				continue;
			}
			if (p[1] == '%') {
				out_char(&out_stdout, '%');
				p++;
				continue;
			}
			spec[spec_len++] = *p++;
			// Flags, width and precision; '*' takes an operand.
			while (*p && strchr("-+ #0123456789.*", *p) &&
			       spec_len < sizeof(spec) - 24) {
				if (*p == '*') {
					int n = (int)number_arg(&args, 0);
					spec_len += (size_t)snprintf(
					        spec + spec_len, 16, "%d", n);
				} else {
					spec[spec_len++] = *p;
				}
				p++;
			}
			if (!*p || !strchr("diouxXeEfFgGcsb", *p)) {
				warn_msg("printf: %%%c: bad conversion",
				         *p ? *p : ' ');
				return 1;
			}
			spec[spec_len] = '\0';
			if (convert(spec, spec_len, *p, &args))
				return args.bad;
		}
		if (args.left == used_before)
			break;
	} while (args.left > 0);
	return args.bad;
}

/* ---- read ---- */

/*
 * Read one line from fd 0 into LINE, with a parallel ESCAPED flag per
 * byte (a backslash quoted it). A regular file is read a block at a time
 * and the offset set back after the newline; anything else a byte at a
 * time, so that no byte past the line is taken from what comes after.
 * Returns 0 at a newline, 1 at end of file.
 */
static int
read_line(int raw, struct strbuf *line, struct strbuf *escaped)
{
	char block[512];
	struct stat st;
	int seekable = fstat(0, &st) == 0 && S_ISREG(st.st_mode);
	int after_backslash = 0;

	for (;;) {
		ssize_t got = read(0, block, seekable ? sizeof(block) : 1);

		if (got < 0 && errno == EINTR) {
			if (trap_pending)
				return 1;
			continue;
		}
		if (got <= 0)
			return 1;
		for (ssize_t i = 0; i < got; i++) {
			char c = block[i];

			if (after_backslash) {
				after_backslash = 0;
				if (c == '\n')
					continue;
				strbuf_addc(line, c);
				strbuf_addc(escaped, 1);
				continue;
			}
			if (c == '\\' && !raw) {
				after_backslash = 1;
				continue;
			}
			if (c == '\n') {
				if (seekable && i + 1 < got)
					lseek(0, (off_t)(i + 1 - got),
					      SEEK_CUR);
				return 0;
			}
			strbuf_addc(line, c);
			strbuf_addc(escaped, 0);
		}
	}
}

int
bi_read(int argc, char **argv)
{
	struct strbuf line = {0}, escaped = {0};
	const char *ifs = var_get("IFS");
	int raw = 0, c, at_eof, status = 0;
	size_t pos = 0;

	while ((c = getopt(argc, argv, "+r")) != -1) {
		if (c == '?')
			return builtin_usage("read [-r] name...");
		raw = 1;
	}
	if (optind == argc)
		return builtin_usage("read [-r] name...");
	for (int i = optind; i < argc; i++) {
		if (!is_name(argv[i], strlen(argv[i]))) {
			warn_msg("read: %s: bad variable name", argv[i]);
			return 2;
		}
	}
	if (!ifs)
		ifs = " \t\n";
	at_eof = read_line(raw, &line, &escaped);
	strbuf_addc(&line, '\0');
	line.len--;

	// 2.6.5 field splitting, except that the last name takes the rest.
#define IS_IFS(k) (!escaped.s[k] && strchr(ifs, line.s[k]))
#define IS_WHITE(k) (IS_IFS(k) && strchr(" \t\n", line.s[k]))
	for (int i = optind; i < argc; i++) {
		struct strbuf value = {0};
		size_t end;

		while (pos < line.len && IS_WHITE(pos))
			pos++;
		if (i + 1 == argc) {
			// The rest, less trailing IFS white space.
			end = line.len;
			while (end > pos && IS_WHITE(end - 1))
				end--;
		} else {
			end = pos;
			while (end < line.len && !IS_IFS(end))
				end++;
		}
		strbuf_add(&value, line.s ? line.s + pos : "", end - pos);
		strbuf_addc(&value, '\0');
		pos = end;
		if (i + 1 < argc && pos < line.len) {
			// One delimiter: white space around at most one
			// other IFS character.
			while (pos < line.len && IS_WHITE(pos))
				pos++;
			if (pos < line.len && IS_IFS(pos) && !IS_WHITE(pos))
				pos++;
		}
		if (var_set(argv[i], strlen(argv[i]), value.s, 0) < 0)
			status = 2;
		strbuf_free(&value);
	}
#undef IS_IFS
#undef IS_WHITE
	strbuf_free(&line);
	strbuf_free(&escaped);
	return status ? status : at_eof;
}
