/*
 * history.c - the interactive shell's command history: a list in memory,
 * $HISTFILE on disk, and the history builtin (the HISTFILE and HISTSIZE
 * variables of POSIX sh; the file format is ours).
 *
 * The file holds one command per line. A command of several lines (a
 * loop typed after PS2 prompts) keeps its newlines: each line but the
 * last ends with a backslash there, which reading removes. Every command
 * is appended with one O_APPEND write as soon as it is entered, so that
 * shells running side by side interleave whole commands and lose none.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

#define HISTSIZE_DEFAULT 1000

/* The commands, oldest first; no more than history_limit() of them. */
static struct strvec history;
/* The number the history builtin shows for history.v[0]. */
static size_t first_number = 1;
/* Lines in the file, as far as we know: when to cut it down. */
static size_t file_lines;
static int loaded;
static int warned;

/* $HISTSIZE, or the default when it is unset or no number. */
static size_t
history_limit(void)
{
	const char *size = var_get("HISTSIZE");
	long limit;

	if (size && parse_long(size, 10, 0, 1000000, &limit) == 0)
		return (size_t)limit;
	return HISTSIZE_DEFAULT;
}

/* $HISTFILE, or ~/.sh_history; NULL for no file (caller frees). */
static char *
history_path(void)
{
	const char *file = var_get("HISTFILE");
	const char *home = var_get("HOME");
	struct strbuf path = {0};

	if (file)
		return *file ? xstrdup(file) : NULL;
	if (!home || !*home)
		return NULL;
	strbuf_adds(&path, home);
	strbuf_adds(&path, "/.sh_history");
	return strbuf_take(&path);
}

/* A history file that does not work is no reason to stop: say so once. */
static void
warn_once(const char *path, const char *what)
{
	if (!warned)
		warn_sys("%s: cannot %s history", path, what);
	warned = 1;
}

/* Drop the oldest commands beyond LIMIT from LIST. */
static void
keep_last(struct strvec *list, size_t limit)
{
	size_t drop;

	if (list->len <= limit)
		return;
	drop = list->len - limit;
	for (size_t i = 0; i < drop; i++)
		free(list->v[i]);
	memmove(list->v, list->v + drop, (limit + 1) * sizeof(char *));
	list->len = limit;
}

/*
 * Read the commands in file PATH into LIST, the last LIMIT of them, and
 * count its lines in *LINES. Returns -1 (errno set) if it cannot be read.
 */
static int
read_history_file(const char *path, struct strvec *list, size_t limit,
                  size_t *lines)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct lines reader;
	struct strbuf entry = {0};
	char *line;
	ssize_t len;

	*lines = 0;
	if (fd < 0)
		return -1;
	lines_init(&reader, fd);
	while ((len = lines_next(&reader, &line)) > 0) {
		size_t text_len = (size_t)len;

		++*lines;
		if (line[text_len - 1] == '\n')
			text_len--;
		// A backslash at the end: the command goes on, on the next line.
		if (text_len > 0 && line[text_len - 1] == '\\') {
			strbuf_add(&entry, line, text_len - 1);
			strbuf_addc(&entry, '\n');
			continue;
		}
		strbuf_add(&entry, line, text_len);
		strvec_push(list, strbuf_take(&entry));
		// Cut as we go: a huge file must not need huge memory.
		if (list->len > 2 * limit + 64)
			keep_last(list, limit);
	}
	if (entry.len)
		strvec_push(list, strbuf_take(&entry));
	strbuf_free(&entry);
	lines_free(&reader);
	close(fd);
	keep_last(list, limit);
	return len < 0 ? -1 : 0;
}

/* COMMAND as the file holds it: inner newlines after a backslash. */
static void
encode_command(struct strbuf *buf, const char *command)
{
	for (const char *p = command; *p; p++) {
		if (*p == '\n')
			strbuf_addc(buf, '\\');
		strbuf_addc(buf, *p);
	}
	// A last line ending in a backslash (a comment can) would join the
	// next command when read back; a space keeps them apart.
	if (buf->len && buf->s[buf->len - 1] == '\\')
		strbuf_addc(buf, ' ');
	strbuf_addc(buf, '\n');
}

/*
 * The file has grown past twice HISTSIZE lines: rewrite it with the last
 * HISTSIZE commands. Other shells may have appended meanwhile, so it is
 * read again, and replaced by rename so that no reader sees it half done.
 */
static void
trim_file(const char *path, size_t limit)
{
	struct strvec kept = {0};
	struct strbuf text = {0};
	char *tmp_path = NULL;
	size_t lines;
	int fd;

	if (read_history_file(path, &kept, limit, &lines) < 0) {
		strvec_free(&kept);
		return;
	}
	for (size_t i = 0; i < kept.len; i++)
		encode_command(&text, kept.v[i]);
	fd = open_beside(path, &tmp_path);
	if (fd < 0) {
		warn_once(path, "rewrite");
	} else if (write_full(fd, text.s ? text.s : "", text.len) < 0 ||
	           close(fd) < 0 || rename(tmp_path, path) < 0) {
		warn_once(path, "rewrite");
		unlink(tmp_path);
	} else {
		file_lines = 0;
		for (size_t i = 0; i < text.len; i++)
			file_lines += text.s[i] == '\n';
	}
	free(tmp_path);
	strbuf_free(&text);
	strvec_free(&kept);
}

void
history_load(void)
{
	char *path;

	if (loaded)
		return;
	loaded = 1;
	path = history_path();
	if (path && read_history_file(path, &history, history_limit(),
	                              &file_lines) < 0 && errno != ENOENT)
		warn_once(path, "read");
	free(path);
}

/* Append COMMAND, encoded, to the history file with one write. */
static void
append_to_file(const char *command)
{
	char *path = history_path();
	struct strbuf text = {0};
	size_t limit = history_limit();
	int fd;

	if (!path)
		return;
	encode_command(&text, command);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, text.s, text.len) != (ssize_t)text.len) {
		warn_once(path, "write");
	} else {
		for (size_t i = 0; i < text.len; i++)
			file_lines += text.s[i] == '\n';
	}
	if (fd >= 0)
		close(fd);
	if (file_lines > 2 * limit)
		trim_file(path, limit);
	strbuf_free(&text);
	free(path);
}

void
history_add(const char *command)
{
	size_t len = strlen(command);

	history_load();
	while (len > 0 && command[len - 1] == '\n')
		len--;
	// A leading space keeps a command out of the history, as in bash
	// and ksh; a repeat of the previous one adds nothing.
	if (len == 0 || command[0] == ' ' ||
	    command[strspn(command, " \t\n")] == '\0')
		return;
	if (history.len && strlen(history.v[history.len - 1]) == len &&
	    memcmp(history.v[history.len - 1], command, len) == 0)
		return;
	if (history_limit() == 0)
		return;
	strvec_push(&history, xstrndup(command, len));
	if (history.len > history_limit()) {
		first_number += history.len - history_limit();
		keep_last(&history, history_limit());
	}
	append_to_file(history.v[history.len - 1]);
}

size_t
history_count(void)
{
	return history.len;
}

const char *
history_get(size_t index)
{
	return index < history.len ? history.v[index] : NULL;
}

/* history [-c] [N]: list the last N commands (all), or forget them. */
int
bi_history(int argc, char **argv)
{
	const char *synopsis = "history [-c] [N]";
	size_t first = 0;
	long count;

	history_load();
	if (argc == 2 && strcmp(argv[1], "-c") == 0) {
		char *path = history_path();

		strvec_free(&history);
		first_number = 1;
		// Forget them on disk too, or the next shell brings them back.
		if (path && truncate(path, 0) < 0 && errno != ENOENT)
			warn_sys("history: %s", path);
		file_lines = 0;
		free(path);
		return 0;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return builtin_usage(synopsis);
	if (argc == 2) {
		if (parse_long(argv[1], 10, 0, 1000000, &count) < 0) {
			warn_msg("history: %s: invalid number", argv[1]);
			return 2;
		}
		if ((size_t)count < history.len)
			first = history.len - (size_t)count;
	}
	for (size_t i = first; i < history.len; i++)
		out_printf(&out_stdout, "%5zu  %s\n", first_number + i,
		           history.v[i]);
	return 0;
}
