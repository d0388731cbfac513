/*
 * builtin/io.c - echo, printf and read (POSIX XCU echo, printf, read).
 *
 * echo and printf are builtins for speed: scripts call them in loops.
 * echo follows XSI, as dash does: backslash escapes are always on, and
 * only a first argument of exactly "-n" is an option; /bin/echo does the
 * same.
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
 * The escapes and formats are libmini's (format.c), as in /bin/echo and
 * /bin/printf: the builtins only spare a fork.
 */
int
bi_echo(int argc, char **argv)
{
	int first = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0)
		first = 2;
	for (int i = first; i < argc; i++) {
		if (i > first)
			out_char(&out_stdout, ' ');
		if (out_unescaped(&out_stdout, argv[i]))
			return 0;
	}
	if (first == 1)
		out_char(&out_stdout, '\n');
	return 0;
}

int
bi_printf(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc < 2)
		return builtin_usage("printf format [argument...]");
	return format_print(&out_stdout, "printf: ", argv[1], argv + 2);
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

/*
 * Where the last name's value, LINE from POS to END, ends: when it is one
 * field ended by a delimiter that is not white space ("c -"), that
 * delimiter goes as it would in field splitting; when there are more
 * fields, it stays ("c-d-"), as in dash.
 */
static size_t
last_field_end(const struct strbuf *line, const struct strbuf *escaped,
               const char *ifs, size_t pos, size_t end)
{
	size_t field_end;

	if (end == pos || escaped->s[end - 1] || !strchr(ifs, line->s[end - 1]))
		return end;
	field_end = end - 1;
	while (field_end > pos && !escaped->s[field_end - 1] &&
	       strchr(" \t\n", line->s[field_end - 1]) &&
	       strchr(ifs, line->s[field_end - 1]))
		field_end--;
	for (size_t k = pos; k < field_end; k++)
		if (!escaped->s[k] && strchr(ifs, line->s[k]))
			return end;
	return field_end;
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
			end = last_field_end(&line, &escaped, ifs, pos, end);
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
