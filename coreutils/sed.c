/* sed - stream editor (POSIX.1-2017 sed; -E and -i as in GNU). */
/*
 * The script is compiled first into an array of commands; '{' knows
 * where its '}' is, and branches know their label's index. Then each
 * input line is read into the pattern space and the commands run over
 * it. Regular expressions are libmini's (rx), with "\n" turned into a
 * newline first, since POSIX sed gives it that meaning; rx searches the
 * whole pattern space, NUL bytes and newlines too. With -i each file is
 * edited on its own: it is written to a temporary file beside it, which
 * then replaces it.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
        "sed [-nE] [-i] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE...]";

/* ---- growable byte strings ---- */

struct text {
	char *data;
	size_t len, cap;
};

static void
text_reserve(struct text *t, size_t more)
{
	if (t->len + more + 1 > t->cap) {
		size_t cap = (t->len + more + 1) * 2;

		// cap is set once the memory is there: the fuzz target's
		// xrealloc may give up, and T must still be whole.
		t->data = xrealloc(t->data, cap);
		t->cap = cap;
	}
}

static void
text_add(struct text *t, const char *data, size_t len)
{
	text_reserve(t, len);
	memcpy(t->data + t->len, data, len);
	t->len += len;
	t->data[t->len] = '\0';
}

static void
text_set(struct text *t, const char *data, size_t len)
{
	t->len = 0;
	text_add(t, data, len);
}

/* ---- the compiled script ---- */

// ADDR_STEP (FIRST~STEP) and ADDR_PLUS (ADDR1,+N) are GNU's.
enum addr_type {
	ADDR_NONE,
	ADDR_LINE,
	ADDR_LAST,
	ADDR_REGEX,
	ADDR_STEP,
	ADDR_PLUS
};

/* A compiled regex, and its text for messages. */
struct regex {
	char *text;
	struct rx *rx;
};

struct addr {
	enum addr_type type;
	unsigned long line, step;
	struct regex *regex; /* NULL: the last regex used */
};

struct output {
	char *path;
	struct out out;
};

struct cmd {
	struct addr a1, a2;
	int negate;
	int in_range;
	unsigned long range_end; /* a2 as a line number, once the range began */
	char name;
	// Arguments, by command:
	char *text; /* a i c: the text; b t: label; r: file */
	size_t text_len;
	size_t jump;                   /* { : index after its }; b t: target */
	struct regex *regex;           /* s */
	struct text replacement;       /* s */
	int global, print, occurrence; /* s flags */
	struct output *file;           /* s///w, w */
	unsigned char map[256];        /* y */
	int exit_code;                 /* q */
};

static struct cmd *cmds;
static size_t ncmds;
static int extended, quiet, in_place;

static struct output **outputs;
static size_t noutputs;

/* ---- parsing ---- */

static const char *script_at; /* the script text being compiled */

static _Noreturn void
parse_error(const char *what)
{
	die_msg("%s", what);
}

static void
skip_blanks(void)
{
	while (*script_at == ' ' || *script_at == '\t')
		script_at++;
}

/*
 * Read text up to the unescaped DELIM, as found in /re/ and s/a/b/.
 * "\DELIM" becomes DELIM; "\n" becomes a newline; other escapes are
 * kept for the regex or replacement to read.
 */
static char *
delimited(char delim, size_t *len_out, int in_regex)
{
	struct text t = {0};
	int in_bracket = 0;

	text_add(&t, "", 0);
	for (;;) {
		char c = *script_at;
		if (c == '\0' || (c == '\n' && !in_bracket && delim != '\n'))
			parse_error("unterminated address regex or s command");
		script_at++;
		if (c == delim && !in_bracket)
			break;
		if (in_regex && c == '[' && !in_bracket) {
			in_bracket = 1;
			text_add(&t, &c, 1);
			// "[]" and "[^]" start with a literal ].
			if (*script_at == '^')
				text_add(&t, script_at++, 1);
			if (*script_at == ']')
				text_add(&t, script_at++, 1);
			continue;
		}
		if (in_bracket) {
			if (c == '[' &&
			    (*script_at == ':' || *script_at == '.' ||
			     *script_at == '=')) {
				char close = *script_at;
				const char *end = script_at + 1;
				while (*end &&
				       !(end[0] == close && end[1] == ']'))
					end++;
				text_add(&t, &c, 1);
				if (*end) {
					text_add(&t, script_at,
					         (size_t)(end + 2 - script_at));
					script_at = end + 2;
				}
				continue;
			}
			if (c == ']')
				in_bracket = 0;
			text_add(&t, &c, 1);
			continue;
		}
		if (c == '\\') {
			char next = *script_at;
			if (next == '\0')
				parse_error("unterminated address regex or s "
				            "command");
			script_at++;
			if (next == delim) {
				text_add(&t, &next, 1);
			} else if (next == 'n') {
				text_add(&t, "\n", 1);
			} else if (next == '\n') {
				text_add(&t, "\n", 1);
			} else {
				text_add(&t, "\\", 1);
				text_add(&t, &next, 1);
			}
			continue;
		}
		text_add(&t, &c, 1);
	}
	*len_out = t.len;
	return t.data;
}

static struct regex *
compile_regex(const char *pattern, int icase)
{
	struct regex *re;
	char message[256];

	if (*pattern == '\0')
		return NULL; // the empty regex: the last one used
	re = xcalloc(1, sizeof(*re));
	re->rx = rx_compile(pattern,
	                    (extended ? RX_EXTENDED : 0) | (icase ? RX_ICASE : 0),
	                    message, sizeof(message));
	if (!re->rx)
		die_msg("%s: %s", pattern, message);
	re->text = xstrdup(pattern);
	return re;
}

static int
parse_addr(struct addr *addr)
{
	if (isdigit((unsigned char)*script_at)) {
		char *end;
		addr->type = ADDR_LINE;
		addr->line = strtoul(script_at, &end, 10);
		script_at = end;
		if (*script_at == '~' && isdigit((unsigned char)script_at[1])) {
			addr->type = ADDR_STEP;
			addr->step = strtoul(script_at + 1, &end, 10);
			script_at = end;
		}
		return 1;
	}
	if (*script_at == '+' && isdigit((unsigned char)script_at[1])) {
		char *end;
		addr->type = ADDR_PLUS;
		addr->line = strtoul(script_at + 1, &end, 10);
		script_at = end;
		return 1;
	}
	if (*script_at == '$') {
		addr->type = ADDR_LAST;
		script_at++;
		return 1;
	}
	if (*script_at == '/' || *script_at == '\\') {
		char delim = *script_at++;
		size_t len;
		if (delim == '\\') {
			// \cREGEXc: any c but a backslash or newline (and the
			// script's end).
			delim = *script_at;
			if (delim == '\0' || delim == '\n' || delim == '\\')
				parse_error("unterminated address regex");
			script_at++;
		}
		char *pattern = delimited(delim, &len, 1);
		int icase = 0;
		if (*script_at == 'I') {
			icase = 1;
			script_at++;
		}
		addr->type = ADDR_REGEX;
		addr->regex = compile_regex(pattern, icase);
		free(pattern);
		return 1;
	}
	addr->type = ADDR_NONE;
	return 0;
}

/* A file name after w or r: the rest of the line. */
static char *
file_name(void)
{
	skip_blanks();
	const char *end = strchr(script_at, '\n');
	size_t len = end ? (size_t)(end - script_at) : strlen(script_at);
	char *name = xstrndup(script_at, len);
	script_at += len;
	return name;
}

static struct output *
open_output(char *path)
{
	for (size_t i = 0; i < noutputs; i++)
		if (strcmp(outputs[i]->path, path) == 0) {
			free(path);
			return outputs[i];
		}
	struct output *o = xcalloc(1, sizeof(*o));
	o->path = path;
	if (strcmp(path, "/dev/stdout") == 0) {
		o->out.fd = -1; // written through the main output
	} else {
		out_init(&o->out,
		         xopen(path, O_WRONLY | O_CREAT | O_TRUNC, 0666));
	}
	outputs = xreallocarray(outputs, noutputs + 1, sizeof(*outputs));
	outputs[noutputs++] = o;
	return o;
}

/*
 * The text of a, i, c: "a\", a newline and lines that end in "\" to go
 * on; or GNU's one-line "a text". Backslashes escape the next character.
 */
static void
parse_text(struct cmd *cmd)
{
	struct text t = {0};

	text_add(&t, "", 0);
	skip_blanks();
	if (script_at[0] == '\\') {
		script_at++;
		// "$a\" ending the script: no text at all, as in GNU, so only
		// a missing last newline is put in (Debian's idiom for it).
		if (*script_at == '\0') {
			cmd->text = t.data;
			cmd->text_len = 0;
			return;
		}
		if (*script_at == '\n')
			script_at++;
	}
	// One-line form: leading blanks are dropped (a\ keeps them above).
	while (*script_at && *script_at != '\n') {
		char c = *script_at++;
		if (c == '\\') {
			c = *script_at;
			if (c == '\0')
				break;
			script_at++;
		}
		// An escaped newline goes on to the next line of text.
		text_add(&t, &c, 1);
	}
	text_add(&t, "\n", 1);
	cmd->text = t.data;
	cmd->text_len = t.len;
}

static void
parse_replacement(struct cmd *cmd, char delim)
{
	size_t len;
	char *raw = delimited(delim, &len, 0);
	text_set(&cmd->replacement, raw, len);
	free(raw);
}

/* A \N in the replacement needs the regex to have N groups. (With the
 * empty regex, the last one used, this is known only when it runs.) */
static void
check_references(const struct cmd *cmd)
{
	const char *r = cmd->replacement.data;
	size_t len = cmd->replacement.len;

	for (size_t i = 0; i + 1 < len; i++) {
		if (r[i] != '\\')
			continue;
		i++;
		if (r[i] >= '1' && r[i] <= '9' &&
		    (size_t)(r[i] - '0') > rx_groups(cmd->regex->rx))
			die_msg("invalid reference \\%c on `s' command's RHS",
			        r[i]);
	}
}

static void
parse_s(struct cmd *cmd)
{
	char delim = *script_at++;
	size_t len;
	int icase = 0;

	if (delim == '\0' || delim == '\n' || delim == '\\')
		parse_error("unterminated `s' command");
	char *pattern = delimited(delim, &len, 1);
	parse_replacement(cmd, delim);
	for (;;) {
		char c = *script_at;
		if (c == 'g') {
			cmd->global = 1;
		} else if (c == 'p') {
			cmd->print = 1;
		} else if (c == 'i' || c == 'I') {
			icase = 1;
		} else if (isdigit((unsigned char)c)) {
			char *end;
			cmd->occurrence = (int)strtol(script_at, &end, 10);
			if (cmd->occurrence <= 0)
				parse_error("number option to `s' command may "
				            "not be zero");
			script_at = end;
			continue;
		} else if (c == 'w') {
			script_at++;
			cmd->file = open_output(file_name());
			break;
		} else {
			break;
		}
		script_at++;
	}
	cmd->regex = compile_regex(pattern, icase);
	free(pattern);
	if (cmd->regex)
		check_references(cmd);
}

/* delimited() kept escapes other than \n and \DELIM; y knows \\ and \t. */
static size_t
unescape_y(char *text, size_t len)
{
	size_t out = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\\' && i + 1 < len &&
		    (text[i + 1] == '\\' || text[i + 1] == 't'))
			text[out++] = text[++i] == 't' ? '\t' : '\\';
		else
			text[out++] = text[i];
	}
	return out;
}

static void
parse_y(struct cmd *cmd)
{
	char delim = *script_at++;
	size_t from_len, to_len;

	// As for s: a NUL here is the end of the script, not a delimiter.
	if (delim == '\0' || delim == '\n' || delim == '\\')
		parse_error("unterminated `y' command");
	char *from = delimited(delim, &from_len, 0);
	char *to = delimited(delim, &to_len, 0);
	size_t a = unescape_y(from, from_len), b = unescape_y(to, to_len);
	if (a != b)
		die_msg("strings for `y' command are different lengths");
	for (int c = 0; c < 256; c++)
		cmd->map[c] = (unsigned char)c;
	for (size_t i = 0; i < a; i++)
		cmd->map[(unsigned char)from[i]] = (unsigned char)to[i];
	free(from);
	free(to);
}

static void
parse_label(struct cmd *cmd)
{
	skip_blanks();
	// A label ends at a newline, or as in GNU at ';' or '}', so that
	// "{:a;n;ba}" works.
	size_t len = strcspn(script_at, ";\n}");
	// Trailing blanks are not part of a label.
	while (len > 0 &&
	       (script_at[len - 1] == ' ' || script_at[len - 1] == '\t'))
		len--;
	cmd->text = xstrndup(script_at, len);
	script_at += len;
}

/* Compile SCRIPT, appending to the command list. */
static void
parse_script(const char *script)
{
	size_t *open_blocks = NULL;
	size_t nopen = 0;

	script_at = script;
	for (;;) {
		while (*script_at == ' ' || *script_at == '\t' ||
		       *script_at == '\n' || *script_at == ';')
			script_at++;
		if (*script_at == '\0')
			break;
		if (*script_at == '#') {
			script_at += strcspn(script_at, "\n");
			continue;
		}
		cmds = xreallocarray(cmds, ncmds + 1, sizeof(*cmds));
		struct cmd *cmd = &cmds[ncmds];
		memset(cmd, 0, sizeof(*cmd));
		if (parse_addr(&cmd->a1)) {
			skip_blanks();
			if (*script_at == ',') {
				script_at++;
				skip_blanks();
				if (!parse_addr(&cmd->a2))
					parse_error("unexpected `,'");
			}
		}
		skip_blanks();
		while (*script_at == '!') {
			cmd->negate = 1;
			script_at++;
			skip_blanks();
		}
		cmd->name = *script_at;
		if (cmd->name == '\0')
			parse_error("missing command");
		script_at++;
		switch (cmd->name) {
		case '{':
			open_blocks = xreallocarray(open_blocks, nopen + 1,
			                            sizeof(*open_blocks));
			open_blocks[nopen++] = ncmds;
			break;
		case '}':
			if (nopen == 0)
				parse_error("unexpected `}'");
			if (cmd->a1.type != ADDR_NONE)
				parse_error("} doesn't want any addresses");
			cmds[open_blocks[--nopen]].jump = ncmds + 1;
			break;
		case 'a':
		case 'i':
		case 'c':
			parse_text(cmd);
			break;
		case 'b':
		case 't':
		case ':':
			parse_label(cmd);
			if (cmd->name == ':' && cmd->text[0] == '\0')
				parse_error("\":\" lacks a label");
			break;
		case 'r':
			cmd->text = file_name();
			break;
		case 'w':
			cmd->file = open_output(file_name());
			break;
		case 's':
			parse_s(cmd);
			break;
		case 'y':
			parse_y(cmd);
			break;
		case 'q':
			skip_blanks();
			cmd->exit_code =
			        (int)strtol(script_at, (char **)&script_at, 10);
			break;
		case '=':
		case 'd':
		case 'D':
		case 'g':
		case 'G':
		case 'h':
		case 'H':
		case 'l':
		case 'n':
		case 'N':
		case 'p':
		case 'P':
		case 'x':
			break;
		default:
			die_msg("unknown command: `%c'", cmd->name);
		}
		ncmds++;
		skip_blanks();
		if (*script_at && !strchr(";\n}#", *script_at) &&
		    !strchr("{aic:btrw", cmd->name))
			die_msg("extra characters after command");
	}
	if (nopen > 0)
		parse_error("unmatched `{'");
	free(open_blocks);
}

/* Labels are found once all scripts are in. */
static void
resolve_labels(void)
{
	for (size_t i = 0; i < ncmds; i++) {
		if (cmds[i].name != 'b' && cmds[i].name != 't')
			continue;
		cmds[i].jump = ncmds;
		if (cmds[i].text[0] == '\0')
			continue;
		size_t j = 0;
		while (j < ncmds && !(cmds[j].name == ':' &&
		                      strcmp(cmds[j].text, cmds[i].text) == 0))
			j++;
		if (j == ncmds)
			die_msg("can't find label for jump to `%s'",
			        cmds[i].text);
		cmds[i].jump = j;
	}
}

/* ---- input ---- */

static char **files;
static int file_index;
static int input_fd = -1;
static struct lines reader;
static struct text
        pending; /* the next line, read ahead to know which is last */
static int have_pending, pending_newline;
static unsigned long lineno;
static int line_had_newline = 1;

static int exit_status;
static int read_failed;	/* the input in hand could not be read to its end */

/* Read the next raw line of the current file into pending. */
static void
read_ahead(void)
{
	char *line;
	ssize_t len;

	have_pending = 0;
	if (input_fd < 0)
		return;
	len = lines_next(&reader, &line);
	if (len < 0) {
		warn_sys("%s", files[file_index]);
		exit_status = 4;
		read_failed = 1;
		len = 0;
	}
	if (len > 0) {
		pending_newline = line[len - 1] == '\n';
		text_set(&pending, line, (size_t)len - pending_newline);
		have_pending = 1;
	}
}

/* Open the next file that can be opened; return 0 when none is left. */
static int
open_next_file(void)
{
	while (files[file_index]) {
		const char *name = files[file_index];
		if (strcmp(name, "-") == 0 && !in_place) {
			input_fd = 0;
		} else if ((input_fd = open(name, O_RDONLY)) < 0) {
			warn_sys("%s", name);
			exit_status = 2;
			file_index++;
			continue;
		}
		lines_init(&reader, input_fd);
		return 1;
	}
	return 0;
}

static void
close_file(void)
{
	lines_free(&reader);
	if (input_fd > 0)
		close(input_fd);
	input_fd = -1;
}

/*
 * Whether pending holds a line after filling it: move to the next file
 * when this one is finished, unless each file is edited apart (-i).
 */
static void
fill_pending(int stay_in_file)
{
	read_ahead();
	while (!have_pending && !stay_in_file) {
		close_file();
		file_index++;
		if (!open_next_file())
			return;
		read_ahead();
	}
}

/* Take the next line into T (appending if APPEND). Returns 0 at the end. */
static int
next_line(struct text *t, int append)
{
	if (!have_pending)
		return 0;
	if (append)
		text_add(t, "\n", 1);
	else
		t->len = 0;
	text_add(t, pending.data, pending.len);
	line_had_newline = pending_newline;
	lineno++;
	fill_pending(in_place);
	return 1;
}

static int
is_last_line(void)
{
	return !have_pending;
}

/* ---- output ---- */

static struct out *output = &out_stdout;
static int owe_newline; /* the last line written lacked its newline */

static void
write_to(struct out *out, const char *data, size_t len, int newline)
{
	if (out == output && owe_newline) {
		out_char(out, '\n');
		owe_newline = 0;
	}
	out_write(out, data, len);
	if (newline)
		out_char(out, '\n');
	else if (out == output)
		owe_newline = 1;
}

/*
 * Write a line of the pattern space: without a newline if its input had
 * none, as in GNU. If more output follows, write_to puts it in first.
 */
static void
put_line(struct out *out, const char *data, size_t len)
{
	write_to(out, data, len, line_had_newline);
}

static void
put_to_file(struct output *o, const char *data, size_t len)
{
	put_line(o->out.fd < 0 ? output : &o->out, data, len);
}

/* Text queued by a and r, written at the end of the cycle. */
struct queued {
	int is_file;
	const char *text;
	size_t len;
};
static struct queued *queue;
static size_t nqueued;

static void
flush_queue(void)
{
	for (size_t i = 0; i < nqueued; i++) {
		if (!queue[i].is_file) {
			write_to(output, queue[i].text, queue[i].len, 0);
			owe_newline = 0;
			continue;
		}
		int fd = open(queue[i].text, O_RDONLY);
		if (fd < 0)
			continue; // POSIX: a file that cannot be read is
			          // silently skipped
		char buf[65536];
		ssize_t n;
		if (owe_newline) {
			out_char(output, '\n');
			owe_newline = 0;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			out_write(output, buf, (size_t)n);
		close(fd);
	}
	nqueued = 0;
}

static void
enqueue(int is_file, const char *text, size_t len)
{
	queue = xreallocarray(queue, nqueued + 1, sizeof(*queue));
	queue[nqueued].is_file = is_file;
	queue[nqueued].text = text;
	queue[nqueued].len = len;
	nqueued++;
}

/* The l command: the pattern space with C escapes, folded at 70 columns. */
static void
put_escaped(const char *data, size_t len)
{
	static const char from[] = "\\\a\b\f\n\r\t\v", to[] = "\\abfnrtv";
	char piece[8];
	size_t column = 0;

	if (owe_newline) {
		out_char(output, '\n');
		owe_newline = 0;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		const char *hit = c ? strchr(from, c) : NULL;
		if (hit)
			snprintf(piece, sizeof(piece), "\\%c", to[hit - from]);
		else if (isprint(c))
			snprintf(piece, sizeof(piece), "%c", c);
		else
			snprintf(piece, sizeof(piece), "\\%03o", c);
		size_t plen = strlen(piece);
		if (column + plen > 69) {
			out_str(output, "\\\n");
			column = 0;
		}
		out_str(output, piece);
		column += plen;
	}
	out_str(output, "$\n");
}

/* ---- running ---- */

static struct text pattern, hold;
static struct regex *used_regex; /* for the empty regex // */

/* RE, or for the empty regex (NULL) the last one used. */
static struct regex *
regex_in_use(struct regex *re)
{
	if (!re)
		re = used_regex;
	if (!re)
		die_msg("no previous regular expression");
	used_regex = re;
	return re;
}

/*
 * Find RE's first match in the pattern space at or after AT, with its
 * offsets from the start of the pattern space in MATCH[0] and, when
 * GROUPS asks, those of \1 to \9 in MATCH[1..9]. Returns 1, or 0. The
 * search always sees the whole pattern space, so '^' holds only at its
 * start and \< sees the byte before AT.
 */
static int
regex_search(struct regex *re, size_t at, int groups, struct rx_match match[10])
{
	re = regex_in_use(re);
	if (!groups)
		return rx_search(re->rx, pattern.data, pattern.len, at,
		                 &match[0].start, &match[0].end);
	return rx_exec(re->rx, pattern.data, pattern.len, at, 10, match);
}

/* Whether REPLACEMENT names a group, \1 to \9. */
static int
names_group(const struct text *replacement)
{
	for (size_t i = 0; i + 1 < replacement->len; i++) {
		if (replacement->data[i] == '\\') {
			if (replacement->data[i + 1] >= '1' &&
			    replacement->data[i + 1] <= '9')
				return 1;
			i++;
		}
	}
	return 0;
}

static int
addr_matches(struct addr *addr)
{
	switch (addr->type) {
	case ADDR_LINE:
		return lineno == addr->line;
	case ADDR_LAST:
		return is_last_line();
	case ADDR_STEP:
		if (addr->step == 0)
			return lineno == addr->line;
		return lineno >= addr->line &&
		       (lineno - addr->line) % addr->step == 0;
	case ADDR_REGEX:
		return rx_matches(regex_in_use(addr->regex)->rx, pattern.data,
		                  pattern.len);
	default:
		return 1;
	}
}

/* Does CMD apply to the current line? Ranges keep their state in CMD. */
static int
selected(struct cmd *cmd)
{
	int hit;

	if (cmd->a1.type == ADDR_NONE)
		hit = 1;
	else if (cmd->a2.type == ADDR_NONE)
		hit = addr_matches(&cmd->a1);
	else if (cmd->in_range) {
		hit = 1;
		if (cmd->a2.type == ADDR_LINE || cmd->a2.type == ADDR_PLUS)
			cmd->in_range = lineno < cmd->range_end;
		else
			cmd->in_range = !addr_matches(&cmd->a2);
	} else if (addr_matches(&cmd->a1)) {
		hit = 1;
		// A line-number end at or before the start: the range is one
		// line.
		cmd->range_end = cmd->a2.type == ADDR_PLUS
		                         ? lineno + cmd->a2.line
		                         : cmd->a2.line;
		if (cmd->a2.type == ADDR_LINE || cmd->a2.type == ADDR_PLUS)
			cmd->in_range = lineno < cmd->range_end;
		else if (cmd->a2.type == ADDR_LAST)
			cmd->in_range = !is_last_line();
		else
			cmd->in_range = 1;
	} else {
		hit = 0;
	}
	return hit != cmd->negate;
}

/* Append the replacement for one match to OUT. */
static void
substitute(struct text *out, const struct cmd *cmd, const char *subject,
           const struct rx_match *match)
{
	const char *r = cmd->replacement.data, *end = r + cmd->replacement.len;

	while (r < end) {
		if (*r == '&') {
			text_add(out, subject + match[0].start,
			         match[0].end - match[0].start);
			r++;
		} else if (*r == '\\' && r + 1 < end) {
			char c = r[1];
			r += 2;
			if (c >= '1' && c <= '9') {
				const struct rx_match *m = &match[c - '0'];
				if (m->start != RX_NONE)
					text_add(out, subject + m->start,
					         m->end - m->start);
			} else if (c == 'n') {
				text_add(out, "\n", 1);
			} else if (c == 't') {
				text_add(out, "\t", 1);
			} else {
				text_add(out, &c, 1);
			}
		} else {
			text_add(out, r++, 1);
		}
	}
}

/* The s command. Returns 1 if a substitution was made. */
static int
run_s(struct cmd *cmd)
{
	static struct text result;
	struct rx_match match[10];
	size_t at = 0, last_end = (size_t)-1;
	int count = 0, done = 0;
	int groups = names_group(&cmd->replacement);

	result.len = 0;
	text_add(&result, "", 0);
	while (at <= pattern.len && regex_search(cmd->regex, at, groups, match)) {
		size_t start = match[0].start, end = match[0].end;
		if (start == end && start == last_end) {
			// An empty match right where the last match ended is
			// no match: "baaang" with s/a*/c/g gives "cbcncgc".
			if (at < pattern.len)
				text_add(&result, pattern.data + at, 1);
			at++;
			continue;
		}
		last_end = end;
		count++;
		text_add(&result, pattern.data + at, start - at);
		if (count >= (cmd->occurrence ? cmd->occurrence : 1)) {
			substitute(&result, cmd, pattern.data, match);
			done = 1;
		} else {
			text_add(&result, pattern.data + start, end - start);
		}
		at = end;
		if (end == start) {
			// An empty match: keep the next byte and move past it.
			if (at < pattern.len)
				text_add(&result, pattern.data + at, 1);
			at++;
		}
		if (done && !cmd->global)
			break;
	}
	if (!done)
		return 0;
	if (at < pattern.len)
		text_add(&result, pattern.data + at, pattern.len - at);
	struct text swap = pattern;
	pattern = result;
	result = swap;
	return 1;
}

enum { CYCLE_NEXT, CYCLE_RESTART, CYCLE_QUIT };

/* Run the script over the pattern space once. */
static int
run_cycle(int *autoprint)
{
	static int substituted;
	size_t pc = 0;

	while (pc < ncmds) {
		struct cmd *cmd = &cmds[pc];
		if (cmd->name == '}' || cmd->name == ':' || !selected(cmd)) {
			pc = cmd->name == '{' ? cmd->jump : pc + 1;
			continue;
		}
		pc++;
		switch (cmd->name) {
		case '{':
			break;
		case '=':
			if (owe_newline) {
				out_char(output, '\n');
				owe_newline = 0;
			}
			out_printf(output, "%lu\n", lineno);
			break;
		case 'a':
			enqueue(0, cmd->text, cmd->text_len);
			break;
		case 'i':
			write_to(output, cmd->text, cmd->text_len, 0);
			owe_newline = 0;
			break;
		case 'c':
			// With a range, the text goes out once, at its end.
			if (cmd->a2.type == ADDR_NONE || !cmd->in_range ||
			    cmd->negate) {
				write_to(output, cmd->text, cmd->text_len, 0);
				owe_newline = 0;
			}
			*autoprint = 0;
			return CYCLE_NEXT;
		case 'b':
			pc = cmd->jump;
			break;
		case 't':
			if (substituted) {
				substituted = 0;
				pc = cmd->jump;
			}
			break;
		case 'd':
			*autoprint = 0;
			substituted = 0;
			return CYCLE_NEXT;
		case 'D': {
			char *nl = memchr(pattern.data, '\n', pattern.len);
			if (!nl) {
				*autoprint = 0;
				return CYCLE_NEXT;
			}
			size_t cut = (size_t)(nl - pattern.data) + 1;
			memmove(pattern.data, pattern.data + cut,
			        pattern.len - cut + 1);
			pattern.len -= cut;
			*autoprint = 0;
			return CYCLE_RESTART;
		}
		case 'g':
			text_set(&pattern, hold.data ? hold.data : "",
			         hold.len);
			break;
		case 'G':
			text_add(&pattern, "\n", 1);
			text_add(&pattern, hold.data ? hold.data : "",
			         hold.len);
			break;
		case 'h':
			text_set(&hold, pattern.data, pattern.len);
			break;
		case 'H':
			text_add(&hold, "\n", 1);
			text_add(&hold, pattern.data, pattern.len);
			break;
		case 'l':
			put_escaped(pattern.data, pattern.len);
			break;
		case 'n':
			if (!have_pending)
				return CYCLE_QUIT; // GNU: print and stop,
				                   // without the rest
			if (!quiet)
				put_line(output, pattern.data, pattern.len);
			flush_queue();
			next_line(&pattern, 0);
			substituted = 0;
			break;
		case 'N':
			if (!have_pending)
				return CYCLE_QUIT; // GNU prints the pattern
				                   // space; POSIX would not
			flush_queue();
			next_line(&pattern, 1);
			substituted = 0;
			break;
		case 'p':
			put_line(output, pattern.data, pattern.len);
			break;
		case 'P': {
			char *nl = memchr(pattern.data, '\n', pattern.len);
			if (nl)
				write_to(output, pattern.data,
				         (size_t)(nl - pattern.data), 1);
			else
				put_line(output, pattern.data, pattern.len);
			break;
		}
		case 'q':
			exit_status = cmd->exit_code;
			return CYCLE_QUIT;
		case 'r':
			enqueue(1, cmd->text, 0);
			break;
		case 's':
			if (run_s(cmd)) {
				substituted = 1;
				if (cmd->print)
					put_line(output, pattern.data,
					         pattern.len);
				if (cmd->file)
					put_to_file(cmd->file, pattern.data,
					            pattern.len);
			}
			break;
		case 'w':
			put_to_file(cmd->file, pattern.data, pattern.len);
			break;
		case 'x': {
			struct text swap = pattern;
			pattern = hold;
			hold = swap;
			if (!pattern.data)
				text_set(&pattern, "", 0);
			break;
		}
		case 'y':
			for (size_t i = 0; i < pattern.len; i++)
				pattern.data[i] =
				        (char)cmd->map[(unsigned char)
				                               pattern.data[i]];
			break;
		}
	}
	return CYCLE_NEXT;
}

/* Run the script over all lines from the current input. Returns 1 on q. */
static int
run(void)
{
	for (;;) {
		if (!next_line(&pattern, 0))
			return 0;
		for (;;) {
			int autoprint = !quiet;
			int result = run_cycle(&autoprint);
			if (autoprint)
				put_line(output, pattern.data, pattern.len);
			flush_queue();
			if (result == CYCLE_QUIT)
				return 1;
			// D starts the script again on what is left, reading
			// nothing.
			if (result != CYCLE_RESTART)
				break;
		}
	}
}

/* -i: run the script over PATH, writing a new file in its place. */
static void
edit_in_place(const char *path)
{
	struct stat st;
	struct out file_out = {0};

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		warn_msg("couldn't edit %s: not a regular file", path);
		exit_status = 4;
		return;
	}
	char *temp;
	int fd = open_beside(path, &temp);
	if (fd < 0) {
		warn_sys("couldn't open a temporary file beside %s", path);
		exit_status = 4;
		return;
	}
	// Root keeps the file's owner; a user cannot give files away.
	if (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
		warn_sys("%s", temp);
	fchmod(fd, st.st_mode & 07777);
	out_init(&file_out, fd);
	output = &file_out;
	owe_newline = 0;
	lineno = 0;
	int quit = run();
	if (read_failed) {
		// Half of the file must not replace the whole of it.
		close(fd);
		unlink(temp);
	} else if (out_flush(&file_out) < 0 || close(fd) < 0) {
		warn_sys("%s", temp);
		unlink(temp);
		exit_status = 4;
	} else if (rename(temp, path) < 0) {
		warn_sys("%s", path);
		unlink(temp);
		exit_status = 4;
	}
	read_failed = 0;
	free(file_out.buf);
	free(temp);
	output = &out_stdout;
	if (quit)
		exit(finish(exit_status));
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {"-", NULL};
	struct text script = {0};
	int have_script = 0, c;

	prog_init(argv[0]);
	text_add(&script, "", 0);
	while ((c = getopt(argc, argv, "+nEre:f:is")) != -1) {
		switch (c) {
		case 'n':
			quiet = 1;
			break;
		case 'E':
		case 'r':
			extended = 1;
			break;
		case 'e':
			text_add(&script, optarg, strlen(optarg));
			text_add(&script, "\n", 1);
			have_script = 1;
			break;
		case 'f': {
			int fd = strcmp(optarg, "-") == 0
			                 ? 0
			                 : xopen(optarg, O_RDONLY, 0);
			char buf[65536];
			ssize_t n;
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				text_add(&script, buf, (size_t)n);
			if (n < 0)
				die_sys("%s", optarg);
			if (fd != 0)
				close(fd);
			text_add(&script, "\n", 1);
			have_script = 1;
			break;
		}
		case 'i':
			in_place = 1;
			break;
		case 's':
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!have_script) {
		if (!*argv)
			die_usage(usage);
		text_add(&script, *argv, strlen(*argv));
		argv++;
	}
	// A script's a, i and c text may not hold a NUL; the script is a C
	// string.
	parse_script(script.data);
	resolve_labels();
	if (!*argv) {
		if (in_place)
			die_msg("no input files");
		argv = stdin_only;
	}
	files = argv;
	file_index = 0;

	if (in_place) {
		for (; files[file_index]; file_index++) {
			const char *path = files[file_index];
			if ((input_fd = open(path, O_RDONLY)) < 0) {
				warn_sys("%s", path);
				exit_status = 2;
				continue;
			}
			lines_init(&reader, input_fd);
			fill_pending(1);
			edit_in_place(path);
			close_file();
		}
	} else if (open_next_file()) {
		fill_pending(0);
		run();
	}
	for (size_t i = 0; i < noutputs; i++)
		if (outputs[i]->out.fd >= 0 &&
		    (out_flush(&outputs[i]->out) < 0 ||
		     close(outputs[i]->out.fd) < 0)) {
			warn_sys("%s", outputs[i]->path);
			exit_status = 4;
		}
	// A write error is status 4, as GNU sed has it, not finish()'s 1.
	if (out_flush(&out_stdout) < 0) {
		warn_sys("write error");
		return 4;
	}
	return finish(exit_status);
}
