/*
 * complete.c - Tab completion for the line editor: command names in a
 * command's first word, file names elsewhere (the names a shell command
 * may take are those of POSIX XCU 2.9.1.1 "Command Search and Execution").
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

/* Reserved words after which a command name comes. */
static const char *const command_leaders[] = {
        "!", "{", "do", "elif", "else", "if", "then", "time", "until", "while",
};

static int
leads_command(const char *word)
{
	for (size_t i = 0;
	     i < sizeof(command_leaders) / sizeof(command_leaders[0]); i++)
		if (strcmp(word, command_leaders[i]) == 0)
			return 1;
	return 0;
}

/* Is WORD (unquoted) an assignment, NAME=...? */
static int
is_assignment(const char *word)
{
	const char *equals = strchr(word, '=');

	return equals && equals > word && is_name(word, (size_t)(equals - word));
}

/*
 * Find the word that ends at CURSOR: where it starts, what it means with
 * its quotes and backslashes removed, and whether a command name belongs
 * there (after the start, a control operator or a reserved word such as
 * "then", and after assignments).
 */
static void
find_word(const char *line, size_t cursor, size_t *start, struct strbuf *word,
          int *command_position)
{
	int command_next = 1, redirect_target = 0, in_word = 0;
	char quote = 0;

	*start = cursor;
	word->len = 0;
	strbuf_adds(word, "");
	for (size_t i = 0; i < cursor; i++) {
		char c = line[i];

		if (quote) {
			if (c == quote)
				quote = 0;
			else if (quote == '"' && c == '\\' && i + 1 < cursor)
				strbuf_addc(word, line[++i]);
			else
				strbuf_addc(word, c);
			continue;
		}
		if (strchr(" \t\n;&|()<>", c)) {
			if (in_word) {
				if (redirect_target)
					redirect_target = 0;
				else if (command_next && !is_assignment(word->s) &&
				         !leads_command(word->s))
					command_next = 0;
			}
			in_word = 0;
			if (strchr(";&|()\n", c))
				command_next = 1;
			if (c == '<' || c == '>')
				redirect_target = 1;
			continue;
		}
		if (!in_word) {
			in_word = 1;
			*start = i;
			word->len = 0;
			word->s[0] = '\0';
		}
		if (c == '\\' && i + 1 < cursor)
			strbuf_addc(word, line[++i]);
		else if (c == '\'' || c == '"')
			quote = c;
		else
			strbuf_addc(word, c);
	}
	if (!in_word) {
		*start = cursor;
		word->len = 0;
		word->s[0] = '\0';
	}
	*command_position = command_next && !redirect_target;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the matches and drop repeats (a command in two PATH entries). */
static void
sort_unique(struct strvec *matches)
{
	size_t kept = 0;

	if (matches->len == 0)
		return;
	qsort(matches->v, matches->len, sizeof(char *), compare_strings);
	for (size_t i = 0; i < matches->len; i++) {
		if (kept && strcmp(matches->v[kept - 1], matches->v[i]) == 0)
			free(matches->v[i]);
		else
			matches->v[kept++] = matches->v[i];
	}
	matches->len = kept;
	matches->v[kept] = NULL;
}

static int
starts_with(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/* Does the name PREFIX would match include NAME? Dot files only for '.'. */
static int
name_matches(const char *name, const char *prefix)
{
	if (name[0] == '.' && prefix[0] != '.')
		return 0;
	return starts_with(name, prefix);
}

/* Executables in the PATH directories whose names start with PREFIX. */
static void
add_path_commands(const char *prefix, struct strvec *matches)
{
	const char *path = var_get("PATH");

	if (!path)
		return;
	for (const char *dir = path;; dir++) {
		size_t len = strcspn(dir, ":");
		// An empty entry is the current directory (2.5.3 PATH).
		char *name = len ? xstrndup(dir, len) : xstrdup(".");
		DIR *d = opendir(name);
		struct dirent *entry;

		while (d && (entry = readdir(d))) {
			struct stat st;

			if (!name_matches(entry->d_name, prefix) ||
			    fstatat(dirfd(d), entry->d_name, &st, 0) < 0)
				continue;
			if (S_ISREG(st.st_mode) && (st.st_mode & 0111))
				strvec_push(matches, xstrdup(entry->d_name));
		}
		if (d)
			closedir(d);
		free(name);
		dir += len;
		if (!*dir)
			break;
	}
}

static void
complete_command(const char *prefix, struct strvec *matches)
{
	const char *name;

	for (size_t i = 0; (name = builtin_name_at(i)); i++)
		if (starts_with(name, prefix))
			strvec_push(matches, xstrdup(name));
	for (size_t i = 0; (name = alias_name_at(i)); i++)
		if (starts_with(name, prefix))
			strvec_push(matches, xstrdup(name));
	for (size_t i = 0; (name = function_name_at(i)); i++)
		if (starts_with(name, prefix))
			strvec_push(matches, xstrdup(name));
	add_path_commands(prefix, matches);
}

/*
 * File names for WORD: its directory part (up to the last '/') is kept
 * as typed, ~/ meaning $HOME; a directory gets a '/' after its name.
 * With ONLY_COMMANDS, only what can be run, and directories.
 */
static void
complete_file(const char *word, int only_commands, struct strvec *matches,
              size_t *name_offset)
{
	const char *slash = strrchr(word, '/');
	size_t dir_len = slash ? (size_t)(slash - word) + 1 : 0;
	const char *prefix = word + dir_len;
	const char *home = var_get("HOME");
	struct strbuf dir = {0};
	DIR *d;
	struct dirent *entry;

	*name_offset = dir_len;
	if (dir_len == 0) {
		strbuf_adds(&dir, ".");
	} else if (word[0] == '~' && word[1] == '/' && home) {
		strbuf_adds(&dir, home);
		strbuf_add(&dir, word + 1, dir_len - 1);
	} else {
		strbuf_add(&dir, word, dir_len);
	}
	d = opendir(dir.s);
	while (d && (entry = readdir(d))) {
		struct stat st;
		struct strbuf match = {0};
		int is_dir;

		if (!name_matches(entry->d_name, prefix) ||
		    fstatat(dirfd(d), entry->d_name, &st, 0) < 0)
			continue;
		is_dir = S_ISDIR(st.st_mode);
		if (only_commands && !is_dir && !(st.st_mode & 0111))
			continue;
		strbuf_add(&match, word, dir_len);
		strbuf_adds(&match, entry->d_name);
		if (is_dir)
			strbuf_addc(&match, '/');
		strvec_push(matches, strbuf_take(&match));
	}
	if (d)
		closedir(d);
	strbuf_free(&dir);
}

void
complete_word(const char *line, size_t cursor, struct completion *comp)
{
	struct strbuf word = {0};
	int command_position;

	memset(comp, 0, sizeof(*comp));
	find_word(line, cursor, &comp->start, &word, &command_position);
	if (command_position && !strchr(word.s, '/'))
		complete_command(word.s, &comp->matches);
	else
		complete_file(word.s, command_position, &comp->matches,
		              &comp->name_offset);
	sort_unique(&comp->matches);
	comp->word = strbuf_take(&word);
}

void
completion_free(struct completion *comp)
{
	strvec_free(&comp->matches);
	free(comp->word);
	comp->word = NULL;
}

char *
completion_common_prefix(const struct strvec *matches)
{
	size_t len = strlen(matches->v[0]);

	for (size_t i = 1; i < matches->len; i++) {
		size_t same = 0;

		while (same < len && matches->v[i][same] == matches->v[0][same])
			same++;
		len = same;
	}
	// Never end inside a UTF-8 character.
	while (len > 0 && len < strlen(matches->v[0]) &&
	       (matches->v[0][len] & 0xc0) == 0x80)
		len--;
	return xstrndup(matches->v[0], len);
}

void
complete_quote(struct strbuf *buf, const char *text)
{
	for (const char *p = text; *p; p++) {
		int special = strchr(" \t\n\\'\"`$&;|*?[]()<>{}!", *p) != NULL;

		// '#' starts a comment and '~' a home directory only at the
		// start of a word; ~/ is kept so that it still means $HOME.
		if (p == text && (*p == '#' || (*p == '~' && p[1] != '/')))
			special = 1;
		if (special)
			strbuf_addc(buf, '\\');
		strbuf_addc(buf, *p);
	}
}

/* Columns a name takes on the screen: one per UTF-8 character. */
static size_t
name_width(const char *name)
{
	size_t width = 0;

	for (; *name; name++)
		width += (*name & 0xc0) != 0x80;
	return width;
}

void
completion_list(struct strbuf *out, const struct completion *comp, int cols)
{
	size_t n = comp->matches.len, widest = 0, columns, rows;

	for (size_t i = 0; i < n; i++) {
		size_t width = name_width(comp->matches.v[i] + comp->name_offset);

		if (width > widest)
			widest = width;
	}
	// As ls does: down the columns, as many as fit, two spaces apart.
	columns = (size_t)cols / (widest + 2);
	if (columns == 0)
		columns = 1;
	rows = (n + columns - 1) / columns;
	for (size_t row = 0; row < rows; row++) {
		for (size_t col = 0; col < columns; col++) {
			size_t i = col * rows + row;
			const char *name;

			if (i >= n)
				break;
			name = comp->matches.v[i] + comp->name_offset;
			strbuf_adds(out, name);
			if (col + 1 < columns && i + rows < n)
				for (size_t pad = name_width(name);
				     pad < widest + 2; pad++)
					strbuf_addc(out, ' ');
		}
		strbuf_adds(out, "\r\n");
	}
}
