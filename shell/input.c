/*
 * input.c - the shell's input a line at a time (POSIX sh, INPUT FILES).
 * An interactive shell reads its terminal through the line editor
 * (edit.c), and keeps what it read in the history (history.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include "sh.h"

static void
input_init(struct input *in, enum input_kind kind)
{
	memset(in, 0, sizeof(*in));
	in->kind = kind;
	in->fd = -1;
}

void
input_from_string(struct input *in, const char *text, size_t len)
{
	input_init(in, INPUT_STRING);
	in->text = text;
	in->text_len = len;
}

void
input_from_file(struct input *in, int fd, const char *name)
{
	input_init(in, INPUT_FILE);
	in->fd = fd;
	in->name = name;
	lines_init(&in->lines, fd);
}

void
input_from_stdin(struct input *in)
{
	input_init(in, isatty(0) ? INPUT_TERMINAL : INPUT_STDIN);
	in->fd = 0;
}

/*
 * PS1, or PS2 on a continued line, allocated. POSIX has the prompt strings
 * go through parameter expansion each time, so PS1='$PWD# ' follows cd;
 * they are expanded as a here-document is: quotes are kept as they are.
 */
static char *
prompt_text(struct input *in)
{
	const char *ps = var_get(in->continued ? "PS2" : "PS1");
	struct scratch_mark mark = scratch_mark();
	char *expanded, *text;

	if (!ps)
		return xstrdup("");
	expanded = expand_heredoc(ps);
	text = xstrdup(expanded ? expanded : ps);
	scratch_release(mark);
	return text;
}

static void
prompt(struct input *in)
{
	char *text = prompt_text(in);

	write_full(2, text, strlen(text));
	free(text);
}

/*
 * The line editor serves a person at a terminal: an interactive shell
 * whose input and prompts are both on one. Anything else reads plainly.
 */
static int
uses_editor(struct input *in)
{
	return in->kind == INPUT_TERMINAL && in->prompts && isatty(2);
}

/*
 * Wait until the terminal has input. Returns 0 if SIGINT came first:
 * before the wait, or during it. SIGINT is held back while we look at
 * the flag, and pselect lets it in only as the wait starts, so a Ctrl-C
 * typed just after the prompt cannot slip in between and be missed.
 */
static int
wait_for_input(int fd)
{
	sigset_t block, old;
	fd_set fds;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (!sigint_seen) {
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		pselect(fd + 1, &fds, NULL, NULL, NULL, &old);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return !sigint_seen;
}

/*
 * Read a line into our own buffer, for a terminal or standard input.
 *
 * A terminal in canonical mode hands out one line per read(2), after the
 * user has edited it. SIGINT is caught without SA_RESTART, so it ends the
 * wait (or the read) with EINTR and the half-typed command is dropped.
 *
 * Anything else on standard input is read one byte at a time: commands
 * we start may read the same input, and must find it just after the line
 * that started them (POSIX sh, INPUT FILES), not after our buffer.
 */
static int
read_own_line(struct input *in)
{
	int terminal = in->kind == INPUT_TERMINAL;
	size_t len = 0;

	for (;;) {
		if (in->own_cap - len < 256) {
			in->own_cap = in->own_cap ? in->own_cap * 2 : 1024;
			in->own_buf = xrealloc(in->own_buf, in->own_cap);
		}
		if (terminal && !wait_for_input(in->fd)) {
			in->interrupted = 1;
			return 0;
		}
		ssize_t n = read(in->fd, in->own_buf + len,
		                 terminal ? in->own_cap - len : 1);
		if (n < 0) {
			if (errno == EINTR && !sigint_seen)
				continue;
			if (errno == EINTR && terminal) {
				in->interrupted = 1;
				return 0;
			}
			warn_sys("read error");
			in->at_eof = 1;
			return 0;
		}
		// Ctrl-D ends a terminal read without a newline: on an empty
		// line that is end of file, after some text it sends the text.
		if (n == 0) {
			if (len == 0) {
				in->at_eof = 1;
				return 0;
			}
			break;
		}
		len += (size_t)n;
		if (in->own_buf[len - 1] == '\n')
			break;
	}
	in->line = in->own_buf;
	in->line_len = len;
	return 1;
}

/*
 * Read a line with the line editor after the prompt PS. Each line is
 * also kept for the history, until input_end_command.
 */
static int
read_edited_line(struct input *in, const char *ps)
{
	struct strbuf line = {0};

	history_load();
	switch (edit_line(ps, &line)) {
	case EDIT_LINE:
		break;
	case EDIT_NO_TERMINAL:
		strbuf_free(&line);
		write_full(2, ps, strlen(ps));
		return read_own_line(in);
	case EDIT_INTERRUPTED:
		in->interrupted = 1;
		strbuf_free(&line);
		return 0;
	case EDIT_EOF:
		in->at_eof = 1;
		strbuf_free(&line);
		return 0;
	}
	strbuf_add(&in->command_text, line.s, line.len);
	free(in->own_buf);
	in->own_cap = line.cap;
	in->line = in->own_buf = strbuf_take(&line);
	in->line_len = strlen(in->line);
	return 1;
}

/* Make the next line current. Returns 0 at end of input. */
static int
next_line(struct input *in)
{
	ssize_t len = 0;
	char *edit_prompt = NULL;

	if (in->at_eof || in->interrupted)
		return 0;
	if (uses_editor(in))
		edit_prompt = prompt_text(in);
	else if (in->prompts)
		prompt(in);
	in->continued = 1;
	in->line_pos = 0;
	in->line_len = 0;
	switch (in->kind) {
	case INPUT_STRING: {
		const char *start = in->text + in->text_pos;
		size_t left = in->text_len - in->text_pos;
		const char *newline = memchr(start, '\n', left);

		len = newline ? newline - start + 1 : (ssize_t)left;
		// The lexer only reads the line, so it may point into TEXT.
		in->line = (char *)start;
		in->text_pos += (size_t)len;
		break;
	}
	case INPUT_FILE:
		len = lines_next(&in->lines, &in->line);
		if (len < 0) {
			warn_sys("read error");
			len = 0;
		}
		break;
	case INPUT_STDIN:
	case INPUT_TERMINAL: {
		int got = edit_prompt ? read_edited_line(in, edit_prompt)
		                      : read_own_line(in);

		free(edit_prompt);
		if (!got)
			return 0;
		len = (ssize_t)in->line_len;
		break;
	}
	}
	if (len == 0) {
		in->at_eof = 1;
		return 0;
	}
	in->line_len = (size_t)len;
	// set -v: echo the input as it is read.
	if (shell.options[OPT_VERBOSE] && in->kind != INPUT_STRING)
		write_full(2, in->line, in->line_len);
	return 1;
}

int
input_peekc(struct input *in)
{
	for (;;) {
		// NUL bytes cannot live in C strings; skip them, as dash does.
		while (in->line_pos < in->line_len &&
		       in->line[in->line_pos] == '\0')
			in->line_pos++;
		if (in->line_pos < in->line_len)
			return (unsigned char)in->line[in->line_pos];
		if (!next_line(in))
			return EOF;
	}
}

int
input_at_continuation(struct input *in)
{
	// A line ends with its newline, so the two are in the same buffer.
	return input_peekc(in) == '\\' && in->line_pos + 1 < in->line_len &&
	       in->line[in->line_pos + 1] == '\n';
}

int
input_getc(struct input *in)
{
	int c = input_peekc(in);

	if (c != EOF) {
		in->line_pos++;
		if (in->capture)
			strbuf_addc(in->capture, (char)c);
	}
	return c;
}

/* Forget the aliases whose values are read to the end. */
static void
drop_finished_aliases(struct input *in)
{
	size_t kept = 0;

	for (size_t i = 0; i < in->n_active; i++) {
		struct active_alias *a = &in->active[i];

		if (in->line == in->alias_buf && in->line_pos <= a->end)
			in->active[kept++] = *a;
		else
			free(a->name);
	}
	in->n_active = kept;
}

void
input_insert_alias(struct input *in, const char *name, const char *value)
{
	size_t value_len = strlen(value);
	size_t rest = in->line_len - in->line_pos;
	char *buf = xmalloc(value_len + rest + 1);

	memcpy(buf, value, value_len);
	memcpy(buf + value_len, in->line + in->line_pos, rest);
	buf[value_len + rest] = '\0';
	// An alias still being read goes on around the new value: its end
	// moves with the text after it.
	drop_finished_aliases(in);
	for (size_t i = 0; i < in->n_active; i++)
		in->active[i].end =
		        in->active[i].end - in->line_pos + value_len;
	in->active = xreallocarray(in->active, in->n_active + 1,
	                           sizeof(*in->active));
	in->active[in->n_active].name = xstrdup(name);
	in->active[in->n_active].end = value_len;
	in->active[in->n_active].blank =
	        value_len && strchr(" \t", value[value_len - 1]);
	in->n_active++;
	// The old buffer may hold the rest just copied: free it after.
	free(in->alias_buf);
	in->alias_buf = buf;
	in->line = buf;
	in->line_len = value_len + rest;
	in->line_pos = 0;
}

int
input_in_alias(struct input *in, const char *name)
{
	drop_finished_aliases(in);
	for (size_t i = 0; i < in->n_active; i++)
		if (strcmp(in->active[i].name, name) == 0)
			return 1;
	return 0;
}

int
input_after_blank_alias(struct input *in, const char *line, size_t before)
{
	if (line != in->alias_buf || in->line != in->alias_buf)
		return 0;
	for (size_t i = 0; i < in->n_active; i++) {
		const struct active_alias *a = &in->active[i];

		if (a->blank && before <= a->end && in->line_pos > a->end)
			return 1;
	}
	return 0;
}

void
input_skip_line(struct input *in)
{
	in->line_pos = in->line_len;
}

void
input_end_command(struct input *in)
{
	if (in->command_text.len && !in->interrupted)
		history_add(in->command_text.s);
	in->command_text.len = 0;
}

void
input_free(struct input *in)
{
	strbuf_free(&in->command_text);
	if (in->kind == INPUT_FILE)
		lines_free(&in->lines);
	free(in->own_buf);
	in->own_buf = NULL;
	free(in->alias_buf);
	in->alias_buf = NULL;
	for (size_t i = 0; i < in->n_active; i++)
		free(in->active[i].name);
	free(in->active);
	in->active = NULL;
	in->n_active = 0;
}
