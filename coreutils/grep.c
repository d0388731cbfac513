/* grep - search files for lines that match patterns (POSIX.1-2017 grep; -r -o
 * -H -h as in GNU). */
/*
 * Patterns are POSIX regular expressions, basic or (-E) extended, run by
 * libmini's rx (a DFA, with a backtracking matcher behind it for what a
 * DFA cannot do), or (-F) fixed strings, found with memmem.
 * A file with a NUL byte in it is binary: its matching lines are not
 * printed, one message says that it matches, as GNU grep 3.8 does.
 * Exit status: 0 a line matched, 1 none did, 2 an error (unless -q and
 * a match).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "grep [-E|-F] [-cHhilLnoqrsvwx] [-e PATTERN]... "
                            "[-f FILE]... [PATTERN] [FILE...]";

static int fixed, extended, ignore_case, invert, count_only, list_matching,
        list_missing, number_lines, only_matching, quiet, no_messages,
        recursive, word, whole_line;
static int with_names = -1; /* -H 1, -h 0, -1: when there are several files */

static char **patterns;
static size_t *pattern_lens;
static size_t npatterns;
static struct rx **regexes;

/* Whether a match's place is wanted, or just whether there is one. */
static int where_matters;

static int error_seen;
static int implicit_dot; /* -r with no operand: names are shown without "./" */

static void
add_pattern(const char *text, size_t len)
{
	patterns = xreallocarray(patterns, npatterns + 1, sizeof(*patterns));
	pattern_lens = xreallocarray(pattern_lens, npatterns + 1,
	                             sizeof(*pattern_lens));
	patterns[npatterns] = xstrndup(text, len);
	pattern_lens[npatterns] = len;
	npatterns++;
}

/* A pattern argument holds one pattern per line. */
static void
add_patterns(const char *text, size_t len)
{
	const char *end = text + len;

	for (;;) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		add_pattern(text,
		            nl ? (size_t)(nl - text) : (size_t)(end - text));
		if (!nl)
			break;
		text = nl + 1;
	}
}

static void
add_pattern_file(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	struct lines reader;
	char *line;
	ssize_t len;

	if (fd < 0)
		die_sys("%s", path);
	lines_init(&reader, fd);
	while ((len = lines_next(&reader, &line)) > 0)
		add_pattern(line, (size_t)len - (line[len - 1] == '\n'));
	if (len < 0)
		die_sys("%s", path);
	lines_free(&reader);
	if (fd != 0)
		close(fd);
}

/*
 * A string every match of the one regular expression must contain, or
 * NULL: found by reading the pattern for runs of plain characters. A
 * line without it cannot match, and memmem rules such lines out far
 * faster than the regex engine. Anything that could make a run optional (groups,
 * alternation) gives up; a character followed by a repetition is left
 * out of its run.
 */
static char *required;
static size_t required_len;

static void
find_required_literal(const char *pattern)
{
	const char *special = extended ? ".[]^$*+?{}()|\\" : ".[]^$*\\";
	char *run = xmalloc(strlen(pattern) + 1);
	size_t run_len = 0;

	required = xmalloc(strlen(pattern) + 1);
	required_len = 0;
	for (const char *at = pattern;; at++) {
		int repeat = *at == '*' ||
		             (extended &&
		              (*at == '+' || *at == '?' || *at == '{')) ||
		             (!extended && at[0] == '\\' &&
		              (at[1] == '{' || at[1] == '+' || at[1] == '?'));
		if (*at == '(' ||
		    (at[0] == '\\' && (at[1] == '(' || at[1] == '|')) ||
		    (extended && *at == '|')) {
			required_len = 0;
			break;
		}
		if (*at && !strchr(special, *at)) {
			run[run_len++] = *at;
			continue;
		}
		// The run ends here; a repetition takes its last character
		// away.
		if (repeat && run_len > 0)
			run_len--;
		if (run_len > required_len) {
			memcpy(required, run, run_len);
			required_len = run_len;
		}
		run_len = 0;
		if (!*at)
			break;
		if (*at == '{' || (at[0] == '\\' && at[1] == '{')) {
			// An interval's numbers are not text to find.
			at = strchr(at, '}');
			if (!at)
				break;
		} else if (*at == '\\' && at[1]) {
			at++;
		} else if (*at == '[') {
			// Skip the bracket expression: "]" first is a member.
			at++;
			if (*at == '^')
				at++;
			if (*at == ']')
				at++;
			while (*at && *at != ']')
				at++;
			if (!*at)
				break;
		}
	}
	free(run);
	if (required_len < 2) {
		free(required);
		required = NULL;
	}
}

static void
compile_patterns(void)
{
	int flags = (extended ? RX_EXTENDED : 0) | (ignore_case ? RX_ICASE : 0);

	if (fixed) {
		if (ignore_case)
			for (size_t i = 0; i < npatterns; i++)
				for (char *p = patterns[i]; *p; p++)
					*p = (char)tolower((unsigned char)*p);
		return;
	}
	regexes = xcalloc(npatterns, sizeof(*regexes));
	for (size_t i = 0; i < npatterns; i++) {
		char message[256];
		regexes[i] = rx_compile(patterns[i], flags, message,
		                        sizeof(message));
		if (!regexes[i])
			die_msg("%s: %s", patterns[i], message);
	}
	if (npatterns == 1 && !ignore_case)
		find_required_literal(patterns[0]);
}

static int
is_word_byte(int c)
{
	return isalnum(c) || c == '_';
}

/*
 * Find the first match of pattern I in TEXT[0..LEN) at or after FROM;
 * set *START and *END.
 */
static int
find_one(size_t i, const char *text, size_t len, size_t from, size_t *start,
         size_t *end)
{
	if (fixed) {
		const char *hit = memmem(text + from, len - from, patterns[i],
		                         pattern_lens[i]);
		if (!hit)
			return 0;
		*start = (size_t)(hit - text);
		*end = *start + pattern_lens[i];
		return 1;
	}
	if (required &&
	    !memmem(text + from, len - from, required, required_len))
		return 0;
	return rx_search(regexes[i], text, len, from, start, end);
}

/*
 * Whether any pattern matches TEXT anywhere, when where does not matter
 * (no -w, -x or -o): the DFA can stop at the first match it sees.
 */
static int
any_match(const char *text, size_t len)
{
	if (required && !memmem(text, len, required, required_len))
		return 0;
	for (size_t i = 0; i < npatterns; i++)
		if (rx_matches(regexes[i], text, len))
			return 1;
	return 0;
}

/*
 * Find the first match in TEXT of any pattern that -w and -x allow,
 * starting at FROM. On a tie the longer match wins.
 */
static int
find_match(const char *text, size_t len, size_t from, size_t *start,
           size_t *end)
{
	int found = 0;

	for (size_t i = 0; i < npatterns; i++) {
		size_t at = from, s, e;
		while (at <= len && find_one(i, text, len, at, &s, &e)) {
			int ok = 1;
			if (whole_line)
				ok = s == 0 && e == len;
			else if (word)
				ok = (s == 0 ||
				      !is_word_byte(
				              (unsigned char)text[s - 1])) &&
				     (e == len ||
				      !is_word_byte((unsigned char)text[e]));
			if (ok) {
				if (!found || s < *start ||
				    (s == *start && e > *end)) {
					*start = s;
					*end = e;
				}
				found = 1;
				break;
			}
			// -x needs a match at 0; -w may find a later one.
			if (whole_line)
				break;
			at = s + 1;
		}
	}
	return found;
}

/*
 * The line as the matchers want it: in lower case for -F -i, else the
 * line itself.
 */
static char *scratch;
static size_t scratch_cap;

static const char *
prepare(char *line, size_t len)
{
	if (!(fixed && ignore_case))
		return line;
	if (len + 1 > scratch_cap) {
		scratch_cap = len + 1 + len / 2;
		free(scratch);
		scratch = xmalloc(scratch_cap);
	}
	for (size_t i = 0; i < len; i++)
		scratch[i] = (char)tolower((unsigned char)line[i]);
	return scratch;
}

/*
 * Text every selected line must hold, when there is such a thing: the one
 * -F pattern, or the one regular expression's required literal (not with
 * -v, where lines without it are the ones selected). Then the lines before
 * it can be passed over a buffer at a time.
 */
static const char *must_hold;
static size_t must_hold_len;

static void
choose_must_hold(void)
{
	if (invert || npatterns != 1)
		return;
	if (fixed && !ignore_case && pattern_lens[0] > 0) {
		must_hold = patterns[0];
		must_hold_len = pattern_lens[0];
	} else if (!fixed && required) {
		must_hold = required;
		must_hold_len = required_len;
	}
}

static unsigned long
count_newlines(const char *from, const char *to)
{
	unsigned long count = 0;
	const char *newline;

	while ((newline = memchr(from, '\n', (size_t)(to - from))) != NULL) {
		count++;
		from = newline + 1;
	}
	return count;
}

/*
 * The next line that could be selected, as lines_next hands it out. One
 * memmem over what the reader holds finds the next line with must_hold
 * in it; the complete lines before it are passed over unread (and counted
 * in *LINENO), instead of being searched one at a time.
 */
static ssize_t
next_candidate(struct lines *reader, char **line, unsigned long *lineno)
{
	char *from = reader->buf ? reader->buf + reader->start : NULL;
	size_t held = reader->end - reader->start;

	if (must_hold && from && held > 0) {
		char *hit = memmem(from, held, must_hold, must_hold_len);
		// Up to the line the hit is in, or else to the last newline:
		// an unfinished line may yet hold it when the rest comes.
		char *newline =
		        memrchr(from, '\n', hit ? (size_t)(hit - from) : held);
		char *keep = newline ? newline + 1 : from;

		if (number_lines)
			*lineno += count_newlines(from, keep);
		reader->start = (size_t)(keep - reader->buf);
	}
	return lines_next(reader, line);
}

static void
put_prefix(const char *name, unsigned long lineno)
{
	if (with_names) {
		out_str(&out_stdout, name);
		out_char(&out_stdout, ':');
	}
	if (number_lines) {
		out_number(&out_stdout, lineno, 0);
		out_char(&out_stdout, ':');
	}
}

/* Search the file open on FD. Returns 1 if a line was selected. */
static int
grep_fd(int fd, const char *name)
{
	struct lines reader;
	unsigned long lineno = 0, selected = 0;
	char *line;
	ssize_t len;
	int binary = -1; /* not yet known */

	lines_init(&reader, fd);
	while ((len = next_candidate(&reader, &line, &lineno)) > 0) {
		size_t line_len = (size_t)len - (line[len - 1] == '\n');
		size_t start, end;

		// The first read decides whether the file looks binary.
		if (binary < 0)
			binary = memchr(reader.buf, '\0', reader.end) != NULL;
		lineno++;
		const char *text = prepare(line, line_len);
		int matched = where_matters ? find_match(text, line_len, 0,
		                                         &start, &end)
		                            : any_match(text, line_len);
		if (matched == invert)
			continue;
		selected++;
		if (quiet)
			exit(0);
		if (list_matching || list_missing)
			break;
		if (count_only)
			continue;
		if (binary || memchr(line, '\0', line_len)) {
			out_flush(&out_stdout);
			warn_msg("%s: binary file matches", name);
			break;
		}
		if (!only_matching) {
			put_prefix(name, lineno);
			out_write(&out_stdout, line, line_len);
			out_char(&out_stdout, '\n');
			continue;
		}
		if (invert)
			continue;
		// -o: every non-empty match on the line, one a line.
		size_t from = 0;
		while (from <= line_len &&
		       find_match(text, line_len, from, &start, &end)) {
			if (end > start) {
				put_prefix(name, lineno);
				out_write(&out_stdout, line + start,
				          end - start);
				out_char(&out_stdout, '\n');
			}
			from = end > start ? end : start + 1;
		}
	}
	if (len < 0) {
		if (!no_messages)
			warn_sys("%s", name);
		error_seen = 1;
	}
	lines_free(&reader);
	if (count_only) {
		if (with_names) {
			out_str(&out_stdout, name);
			out_char(&out_stdout, ':');
		}
		out_printf(&out_stdout, "%lu\n", selected);
	}
	if ((list_matching && selected) || (list_missing && !selected)) {
		out_str(&out_stdout, name);
		out_char(&out_stdout, '\n');
	}
	// With -L, success is a file listed.
	return list_missing ? selected == 0 : selected > 0;
}

static int grep_path(const char *path, int top);

/*
 * Search every file under directory PATH. Its names are read first and
 * the directory closed, so deep trees do not use up file descriptors.
 */
static int
grep_dir(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *entry;
	char **names = NULL;
	size_t n = 0;
	int found = 0;

	if (!dir) {
		if (!no_messages)
			warn_sys("%s", path);
		error_seen = 1;
		return 0;
	}
	while ((entry = readdir(dir)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(entry->d_name);
	}
	closedir(dir);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(path);
		char *child = xmalloc(len + strlen(names[i]) + 2);
		child[0] = '\0';
		if (!(implicit_dot && strcmp(path, ".") == 0)) {
			strcpy(child, path);
			if (path[len - 1] != '/')
				strcat(child, "/");
		}
		strcat(child, names[i]);
		found |= grep_path(child, 0);
		free(child);
		free(names[i]);
	}
	free(names);
	return found;
}

/* Search PATH, a file, "-" or (with -r) a directory; TOP: named by the user. */
static int
grep_path(const char *path, int top)
{
	struct stat st;
	int fd, found;

	if (strcmp(path, "-") == 0 && top)
		return grep_fd(0, "(standard input)");
	if (recursive) {
		// Symbolic links are followed only when named on the command
		// line.
		if ((top ? stat(path, &st) : lstat(path, &st)) == 0) {
			if (S_ISDIR(st.st_mode))
				return grep_dir(path);
			if (!top && !S_ISREG(st.st_mode))
				return 0;
		}
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (!no_messages)
			warn_sys("%s", path);
		error_seen = 1;
		return 0;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!no_messages)
			warn_msg("%s: Is a directory", path);
		error_seen = 1;
		close(fd);
		return 0;
	}
	found = grep_fd(fd, path);
	close(fd);
	return found;
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {"-", NULL}, *here[] = {".", NULL};
	int have_patterns = 0, found = 0, c;

	prog_init(argv[0]);
	fail_status = 2; // 1 says no line was selected
	while ((c = getopt(argc, argv, "+EFcHhilLnoqrRsvwxe:f:")) != -1) {
		switch (c) {
		case 'E':
			extended = 1;
			fixed = 0;
			break;
		case 'F':
			fixed = 1;
			extended = 0;
			break;
		case 'c':
			count_only = 1;
			break;
		case 'H':
			with_names = 1;
			break;
		case 'h':
			with_names = 0;
			break;
		case 'i':
			ignore_case = 1;
			break;
		case 'l':
			list_matching = 1;
			list_missing = 0;
			break;
		case 'L':
			list_missing = 1;
			list_matching = 0;
			break;
		case 'n':
			number_lines = 1;
			break;
		case 'o':
			only_matching = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'r':
		case 'R':
			recursive = 1;
			break;
		case 's':
			no_messages = 1;
			break;
		case 'v':
			invert = 1;
			break;
		case 'w':
			word = 1;
			break;
		case 'x':
			whole_line = 1;
			break;
		case 'e':
			add_patterns(optarg, strlen(optarg));
			have_patterns = 1;
			break;
		case 'f':
			add_pattern_file(optarg);
			have_patterns = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!have_patterns) {
		if (!*argv)
			die_usage(usage);
		add_patterns(*argv, strlen(*argv));
		argv++;
	}
	compile_patterns();
	choose_must_hold();
	where_matters = fixed || word || whole_line || only_matching;
	if (!*argv) {
		argv = recursive ? here : stdin_only;
		implicit_dot = recursive;
	}
	if (with_names < 0) {
		// Names are shown for several files, or any found by -r.
		struct stat st;
		with_names = argv[1] != NULL ||
		             (recursive && stat(argv[0], &st) == 0 &&
		              S_ISDIR(st.st_mode));
	}

	for (; *argv; argv++)
		found |= grep_path(*argv, 1);
	int status = finish(0);
	if (status)
		return 2;
	if (error_seen && !(quiet && found))
		return 2;
	return found ? 0 : 1;
}
