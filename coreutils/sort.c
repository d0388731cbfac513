/* sort - sort, merge or check lines of text files (POSIX.1-2017 sort; -h -S as
 * in GNU). */
/*
 * Lines are read into one large buffer and sorted as (pointer, length)
 * pairs by a merge sort, which is stable and does few comparisons. When
 * the buffer passes its limit (-S, 256 MiB by default), the lines so far
 * are sorted and written to a temporary file (a "run"), and at the end
 * the runs are merged: so files larger than memory can be sorted. The
 * temporary files are unlinked as soon as they are made, so nothing is
 * left behind whatever happens. -o FILE is written as a new file beside
 * FILE and renamed over it at the end: a sort that fails halfway leaves
 * FILE as it was.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "sort [-bcdfhimnrsu] [-k POS1[,POS2]]... [-t CHAR] "
                            "[-o FILE] [-S SIZE] [FILE...]\n"
                            "       sort -m [OPTIONS] [FILE...]";

/* How a key (or the whole line) is compared. */
struct flags {
	int blanks_start, blanks_end; /* -b: skip leading blanks */
	int dictionary;               /* -d: only blanks and alphanumerics */
	int fold;                     /* -f: lower case as upper case */
	int printable;                /* -i: only printable bytes */
	int numeric;                  /* -n */
	int human;                    /* -h: 2K < 1M */
	int reverse;                  /* -r */
};

/* A -k key: from field start_field, byte start_char, to end_field/end_char. */
struct key {
	long start_field, start_char;
	long end_field, end_char; /* end_field 0: to the end of the line */
	struct flags flags;
};

struct line {
	const char *text;
	size_t len; /* without the newline */
	// For -n without keys: the line's number, when it is a plain integer
	// that fits, saves reading the text at every comparison.
	long long number;
	int has_number;
};

static int
open_or_fail(const char *path, int flags)
{
	int fd = open(path, flags, 0666);
	if (fd < 0)
		die_sys("%s", path);
	return fd;
}

static struct flags global;
static struct key *keys;
static size_t nkeys;
static int separator = -1; /* -t; -1: fields are separated by blanks */
static int stable, unique;

/* ---- comparing ---- */

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * Compare two numbers written in decimal as -n reads them: blanks, an
 * optional '-', digits, an optional fraction. Text that is not a number
 * counts as zero. Done on the text, so numbers of any length compare
 * exactly.
 */
static int
compare_numbers(const char *a, const char *a_end, const char *b,
                const char *b_end)
{
	while (a < a_end && is_blank(*a))
		a++;
	while (b < b_end && is_blank(*b))
		b++;
	int a_neg = a < a_end && *a == '-', b_neg = b < b_end && *b == '-';
	a += a_neg;
	b += b_neg;
	while (a < a_end && *a == '0')
		a++;
	while (b < b_end && *b == '0')
		b++;
	const char *a_int = a, *b_int = b;
	while (a < a_end && isdigit((unsigned char)*a))
		a++;
	while (b < b_end && isdigit((unsigned char)*b))
		b++;
	size_t a_digits = (size_t)(a - a_int), b_digits = (size_t)(b - b_int);
	const char *a_frac = a < a_end && *a == '.' ? a + 1 : a_end;
	const char *b_frac = b < b_end && *b == '.' ? b + 1 : b_end;
	size_t a_frac_len = 0, b_frac_len = 0;
	while (a_frac + a_frac_len < a_end &&
	       isdigit((unsigned char)a_frac[a_frac_len]))
		a_frac_len++;
	while (b_frac + b_frac_len < b_end &&
	       isdigit((unsigned char)b_frac[b_frac_len]))
		b_frac_len++;
	// Trailing zeros of a fraction change nothing: 1.50 = 1.5.
	while (a_frac_len > 0 && a_frac[a_frac_len - 1] == '0')
		a_frac_len--;
	while (b_frac_len > 0 && b_frac[b_frac_len - 1] == '0')
		b_frac_len--;
	int a_zero = a_digits == 0 && a_frac_len == 0;
	int b_zero = b_digits == 0 && b_frac_len == 0;
	// -0 is 0.
	if (a_zero)
		a_neg = 0;
	if (b_zero)
		b_neg = 0;
	if (a_neg != b_neg)
		return a_neg ? -1 : 1;

	int result;
	if (a_digits != b_digits) {
		result = a_digits < b_digits ? -1 : 1;
	} else if ((result = memcmp(a_int, b_int, a_digits)) == 0) {
		size_t common =
		        a_frac_len < b_frac_len ? a_frac_len : b_frac_len;
		result = memcmp(a_frac, b_frac, common);
		if (result == 0 && a_frac_len != b_frac_len)
			result = a_frac_len < b_frac_len ? -1 : 1;
	}
	result = result < 0 ? -1 : result > 0;
	return a_neg ? -result : result;
}

/* The rank of a -h suffix after the number at TEXT: none 0, K 1, M 2... */
static int
suffix_rank(const char *text, const char *end)
{
	static const char suffixes[] = "KMGTPEZYRQ";

	while (text < end && is_blank(*text))
		text++;
	if (text < end && *text == '-')
		text++;
	while (text < end && (isdigit((unsigned char)*text) || *text == '.'))
		text++;
	if (text == end)
		return 0;
	if (*text == 'k')
		return 1;
	const char *hit = *text ? strchr(suffixes, *text) : NULL;
	return hit ? (int)(hit - suffixes) + 1 : 0;
}

static int
is_negative(const char *text, const char *end)
{
	while (text < end && is_blank(*text))
		text++;
	return text < end && *text == '-';
}

/* Is byte C left out of the comparison by -d or -i? */
static int
ignored(const struct flags *flags, unsigned char c)
{
	if (flags->dictionary && !isalnum(c) && !is_blank(c))
		return 1;
	return flags->printable && !isprint(c);
}

static int
compare_text(const struct flags *flags, const char *a, size_t a_len,
             const char *b, size_t b_len)
{
	if (flags->numeric)
		return compare_numbers(a, a + a_len, b, b + b_len);
	if (flags->human) {
		int a_neg = is_negative(a, a + a_len),
		    b_neg = is_negative(b, b + b_len);
		if (a_neg == b_neg) {
			int ra = suffix_rank(a, a + a_len),
			    rb = suffix_rank(b, b + b_len);
			if (ra != rb)
				return (ra < rb ? -1 : 1) * (a_neg ? -1 : 1);
		}
		return compare_numbers(a, a + a_len, b, b + b_len);
	}
	if (!flags->dictionary && !flags->printable && !flags->fold) {
		size_t common = a_len < b_len ? a_len : b_len;
		int result = memcmp(a, b, common);
		if (result != 0)
			return result;
		return a_len < b_len ? -1 : a_len > b_len;
	}
	const char *a_end = a + a_len, *b_end = b + b_len;
	for (;;) {
		while (a < a_end && ignored(flags, (unsigned char)*a))
			a++;
		while (b < b_end && ignored(flags, (unsigned char)*b))
			b++;
		if (a == a_end || b == b_end)
			return (a != a_end) - (b != b_end);
		int ca = (unsigned char)*a++, cb = (unsigned char)*b++;
		if (flags->fold) {
			ca = toupper(ca);
			cb = toupper(cb);
		}
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
}

/* Where field FIELD (from 1) of LINE begins; a field keeps its leading blanks.
 */
static const char *
field_start(const char *at, const char *end, long field)
{
	for (long i = 1; i < field && at < end; i++) {
		if (separator >= 0) {
			const char *next =
			        memchr(at, separator, (size_t)(end - at));
			at = next ? next + 1 : end;
		} else {
			while (at < end && is_blank(*at))
				at++;
			while (at < end && !is_blank(*at))
				at++;
		}
	}
	return at;
}

static const char *
field_end(const char *at, const char *end)
{
	if (separator >= 0) {
		const char *next = memchr(at, separator, (size_t)(end - at));
		return next ? next : end;
	}
	while (at < end && is_blank(*at))
		at++;
	while (at < end && !is_blank(*at))
		at++;
	return at;
}

/* Find KEY in LINE: set *START and return its end. */
static const char *
find_key(const struct key *key, const struct line *line, const char **start)
{
	const char *text = line->text, *end = text + line->len;
	const char *at = field_start(text, end, key->start_field);

	if (key->flags.blanks_start)
		while (at < end && is_blank(*at))
			at++;
	at += (long)(end - at) < key->start_char - 1 ? end - at
	      : key->start_char > 0                  ? key->start_char - 1
	                                             : 0;
	*start = at;
	if (key->end_field == 0)
		return end;
	const char *stop = field_start(text, end, key->end_field);
	if (key->end_char == 0) {
		stop = field_end(stop, end);
	} else {
		if (key->flags.blanks_end)
			while (stop < end && is_blank(*stop))
				stop++;
		stop += (long)(end - stop) < key->end_char ? end - stop
		                                           : key->end_char;
	}
	return stop < at ? at : stop;
}

/* Fill in line->number if the line starts with a plain integer (-n). */
static void
cache_number(struct line *line)
{
	const char *at = line->text, *end = at + line->len, *digits;
	long long value = 0;

	while (at < end && is_blank(*at))
		at++;
	int negative = at < end && *at == '-';
	at += negative;
	for (digits = at;
	     at < end && isdigit((unsigned char)*at) && at - digits < 18; at++)
		value = value * 10 + (*at - '0');
	// Too long, or a fraction: such lines are compared by their text.
	if (at < end && (isdigit((unsigned char)*at) || *at == '.'))
		return;
	line->number = negative ? -value : value;
	line->has_number = 1;
}

/* Compare two lines by the keys; ties end with a comparison of all bytes. */
static int
compare(const struct line *a, const struct line *b)
{
	int result;

	if (nkeys == 0 && a->has_number && b->has_number) {
		result = a->number < b->number ? -1 : a->number > b->number;
		if (result != 0)
			return global.reverse ? -result : result;
	} else if (nkeys == 0) {
		const char *ta = a->text, *tb = b->text;
		size_t la = a->len, lb = b->len;
		if (global.blanks_start) {
			while (la > 0 && is_blank(*ta))
				ta++, la--;
			while (lb > 0 && is_blank(*tb))
				tb++, lb--;
		}
		result = compare_text(&global, ta, la, tb, lb);
		if (result != 0)
			return global.reverse ? -result : result;
	}
	for (size_t i = 0; i < nkeys; i++) {
		const char *sa, *sb;
		const char *ea = find_key(&keys[i], a, &sa);
		const char *eb = find_key(&keys[i], b, &sb);
		result = compare_text(&keys[i].flags, sa, (size_t)(ea - sa), sb,
		                      (size_t)(eb - sb));
		if (result != 0)
			return keys[i].flags.reverse ? -result : result;
	}
	if (stable || unique)
		return 0;
	static const struct flags bytes;
	result = compare_text(&bytes, a->text, a->len, b->text, b->len);
	return global.reverse ? -result : result;
}

/* Stable merge sort of LINES[0..N), using TMP (room for N) on the way. */
static void
merge_sort(struct line *lines, struct line *tmp, size_t n)
{
	if (n < 12) {
		// Insertion sort: for a few lines, the fastest there is.
		for (size_t i = 1; i < n; i++) {
			struct line hold = lines[i];
			size_t j = i;
			for (; j > 0 && compare(&lines[j - 1], &hold) > 0; j--)
				lines[j] = lines[j - 1];
			lines[j] = hold;
		}
		return;
	}
	size_t half = n / 2;
	merge_sort(lines, tmp, half);
	merge_sort(lines + half, tmp, n - half);
	// Already in order: common for sorted or nearly sorted input.
	if (compare(&lines[half - 1], &lines[half]) <= 0)
		return;
	memcpy(tmp, lines, half * sizeof(*lines));
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n) {
		if (compare(&lines[j], &tmp[i]) < 0)
			lines[k++] = lines[j++];
		else
			lines[k++] = tmp[i++];
	}
	while (i < half)
		lines[k++] = tmp[i++];
}

/* ---- output ---- */

static struct line last_written;
static char *last_copy;
static size_t last_cap;
static int wrote_any;

/* Write LINE to OUT; with -u, not if it equals the line before. */
static void
put_line(struct out *out, const struct line *line, int dedupe)
{
	if (dedupe && unique) {
		if (wrote_any && compare(&last_written, line) == 0)
			return;
		// Keep a copy: the line's own memory may be reused.
		if (line->len > last_cap) {
			last_cap = line->len * 2 + 16;
			free(last_copy);
			last_copy = xmalloc(last_cap);
		}
		memcpy(last_copy, line->text, line->len);
		last_written.text = last_copy;
		last_written.len = line->len;
		wrote_any = 1;
	}
	out_write(out, line->text, line->len);
	out_char(out, '\n');
}

/* ---- runs and merging ---- */

static int *runs;
static size_t nruns;

/* A new temporary file, already unlinked. */
static int
temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = xmalloc(strlen(dir && *dir ? dir : "/tmp") + 16);
	int fd;

	strcpy(path, dir && *dir ? dir : "/tmp");
	strcat(path, "/sortXXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		die_sys("%s", path);
	unlink(path);
	free(path);
	return fd;
}

/* Make FD ready to be read from the start; die if its writer failed. */
static void
rewind_run(int fd, struct out *out)
{
	if (out_flush(out) < 0)
		die_sys("temporary file");
	if (lseek(fd, 0, SEEK_SET) < 0)
		die_sys("temporary file");
}

/*
 * Merge the sorted files open on FDS[0..N) into OUT. Ties go to the
 * earlier file, which keeps the merge stable.
 */
static void
merge(int *fds, char **names, size_t n, struct out *out, int dedupe)
{
	struct lines *readers = xcalloc(n, sizeof(*readers));
	struct line *heads = xcalloc(n, sizeof(*heads));
	char *text;
	size_t live = 0;

	for (size_t i = 0; i < n; i++) {
		lines_init(&readers[i], fds[i]);
		heads[i].text = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		ssize_t len = lines_next(&readers[i], &text);
		if (len < 0)
			die_sys("%s", names ? names[i] : "temporary file");
		if (len > 0) {
			heads[i].text = text;
			heads[i].len = (size_t)len - (text[len - 1] == '\n');
			live++;
		}
	}
	while (live > 0) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (heads[i].text &&
			    (best == n || compare(&heads[i], &heads[best]) < 0))
				best = i;
		put_line(out, &heads[best], dedupe);
		ssize_t len = lines_next(&readers[best], &text);
		if (len < 0)
			die_sys("%s", names ? names[best] : "temporary file");
		if (len == 0) {
			heads[best].text = NULL;
			live--;
		} else {
			heads[best].text = text;
			heads[best].len = (size_t)len - (text[len - 1] == '\n');
		}
	}
	for (size_t i = 0; i < n; i++)
		lines_free(&readers[i]);
	free(readers);
	free(heads);
}

// Merging more files at once than this would run out of descriptors;
// more runs are merged in several passes.
#define MERGE_WAYS 16

static void
merge_runs(struct out *out)
{
	while (nruns > MERGE_WAYS) {
		struct out run_out = {0};
		int fd = temp_file();
		out_init(&run_out, fd);
		merge(runs, NULL, MERGE_WAYS, &run_out, 0);
		rewind_run(fd, &run_out);
		free(run_out.buf);
		for (size_t i = 0; i < MERGE_WAYS; i++)
			close(runs[i]);
		memmove(runs, runs + MERGE_WAYS,
		        (nruns - MERGE_WAYS) * sizeof(*runs));
		nruns -= MERGE_WAYS;
		runs[nruns++] = fd;
	}
	merge(runs, NULL, nruns, out, 1);
}

/* ---- reading ---- */

static char *data;
static size_t data_len, data_cap;
static size_t buffer_limit = 256 << 20;
static const char *output_name;
static char *output_temp;	/* -o: the new file, renamed over it at the end */

static void
remove_output_temp(void)
{
	if (output_temp)
		unlink(output_temp);
}

/*
 * A new file beside -o's FILE, with the owner and mode of OLD (NULL: FILE
 * is new), to be renamed over FILE once the output is whole. Returns its
 * descriptor and sets output_temp, or returns -1 when that cannot be done
 * (FILE is then written in place).
 */
static int
open_output_temp(const struct stat *old)
{
	mode_t mask = umask(0);
	char *path;
	int fd;

	umask(mask);
	fd = open_beside(output_name, &path);
	if (fd < 0)
		return -1;
	// Only root may give a file to another owner.
	if (old && fchown(fd, old->st_uid, old->st_gid) < 0) {
		close(fd);
		unlink(path);
		free(path);
		return -1;
	}
	fchmod(fd, old ? old->st_mode & 07777 : 0666 & ~mask);
	output_temp = path;
	atexit(remove_output_temp);
	return fd;
}

/*
 * -o FILE: FILE may be one of the inputs, all read by now. It is replaced
 * whole at the end, unless it is not a plain file with one name (a
 * device, a symbolic link, a file with other links): then it is written
 * in place, as they must go on naming the one file.
 */
static void
open_output(void)
{
	struct stat st;
	int fd, old;

	if (!output_name)
		return;
	if (lstat(output_name, &st) < 0) {
		fd = open_output_temp(NULL);
		if (fd < 0)
			fd = open_or_fail(output_name, O_WRONLY | O_CREAT | O_TRUNC);
	} else {
		// Only a file we may write may be replaced.
		old = open_or_fail(output_name, O_WRONLY);
		fd = S_ISREG(st.st_mode) && st.st_nlink == 1 ? open_output_temp(&st) : -1;
		if (fd >= 0)
			close(old);
		else if ((fd = old) >= 0 && S_ISREG(st.st_mode) && ftruncate(fd, 0) < 0)
			die_sys("%s", output_name);
	}
	if (dup2(fd, 1) < 0)
		die_sys("%s", output_name);
	close(fd);
}

/*
 * Sort the complete lines in the buffer. If this is the end of the input
 * and no run was written, they go to the output; otherwise to a new run.
 */
static void
sort_buffer(int at_end)
{
	const char *end = data_len ? memrchr(data, '\n', data_len) : NULL;
	size_t used = end ? (size_t)(end - data) + 1 : 0, n = 0, cap = 1024;
	struct line *lines = xmalloc(cap * sizeof(*lines));

	for (const char *at = data; at < data + used;) {
		const char *nl = memchr(at, '\n', (size_t)(data + used - at));
		if (n == cap) {
			cap *= 2;
			lines = xreallocarray(lines, cap, sizeof(*lines));
		}
		lines[n].text = at;
		lines[n].len = (size_t)(nl - at);
		lines[n].has_number = 0;
		if (global.numeric && nkeys == 0)
			cache_number(&lines[n]);
		n++;
		at = nl + 1;
	}
	struct line *tmp = xmalloc((n / 2 + 1) * sizeof(*tmp));
	merge_sort(lines, tmp, n);
	free(tmp);
	if (at_end && nruns == 0) {
		open_output();
		for (size_t i = 0; i < n; i++)
			put_line(&out_stdout, &lines[i], 1);
	} else if (n > 0) {
		struct out run_out = {0};
		int fd = temp_file();
		out_init(&run_out, fd);
		for (size_t i = 0; i < n; i++)
			put_line(&run_out, &lines[i], 0);
		rewind_run(fd, &run_out);
		free(run_out.buf);
		runs = xreallocarray(runs, nruns + 1, sizeof(*runs));
		runs[nruns++] = fd;
	}
	free(lines);
	memmove(data, data + used, data_len - used);
	data_len -= used;
}

/* Read all of FD into the buffer, sorting runs out as it fills. */
static int
read_input(int fd, const char *name)
{
	for (;;) {
		if (data_cap - data_len < 65536) {
			data_cap = data_cap ? data_cap * 2 : 1 << 20;
			data = xrealloc(data, data_cap);
		}
		size_t room = data_cap - data_len;
		ssize_t nread = read(fd, data + data_len,
		                     room < buffer_limit ? room : buffer_limit);
		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (nread == 0)
			break;
		data_len += (size_t)nread;
		if (data_len >= buffer_limit)
			sort_buffer(0);
	}
	// Every line ends with a newline from here on.
	if (data_len > 0 && data[data_len - 1] != '\n')
		data[data_len++] = '\n';
	return 0;
}

/* ---- checking (-c) ---- */

static int
check(int fd, const char *name)
{
	struct lines reader;
	struct line prev = {0};
	char *text, *copy = NULL;
	size_t copy_cap = 0;
	unsigned long lineno = 0;
	ssize_t len;

	lines_init(&reader, fd);
	while ((len = lines_next(&reader, &text)) > 0) {
		struct line line = {.text = text,
		                    .len = (size_t)len -
		                           (text[len - 1] == '\n')};
		lineno++;
		if (lineno > 1) {
			int order = compare(&prev, &line);
			if (order > 0 || (unique && order == 0)) {
				// The check is sorted or not: report on stderr,
				// no output.
				warn_msg("%s:%lu: disorder: %.*s", name, lineno,
				         (int)line.len, line.text);
				lines_free(&reader);
				free(copy);
				return 1;
			}
		}
		if (line.len > copy_cap) {
			copy_cap = line.len * 2 + 16;
			free(copy);
			copy = xmalloc(copy_cap);
		}
		memcpy(copy, line.text, line.len);
		prev.text = copy;
		prev.len = line.len;
	}
	if (len < 0)
		die_sys("%s", name);
	lines_free(&reader);
	free(copy);
	return 0;
}

/* finish(), after -o's temporary file is renamed over the output. */
static int
finish_sort(int status)
{
	if (output_temp) {
		// Only a whole output replaces -o's file; on failure the
		// temporary file is removed at exit.
		if (out_flush(&out_stdout) < 0 || close(1) < 0 ||
		    rename(output_temp, output_name) < 0) {
			warn_sys("%s", output_name);
			return 2;
		}
		free(output_temp);
		output_temp = NULL;
	}
	return finish(status);
}

/* ---- options ---- */

/* Parse the letters b d f h i n r at *AT into FLAGS; B_FLAG is set by b. */
static int
parse_flags(const char *at, struct flags *flags, int *b_flag)
{
	int any = 0;

	for (; *at; at++, any = 1) {
		switch (*at) {
		case 'b':
			*b_flag = 1;
			break;
		case 'd':
			flags->dictionary = 1;
			break;
		case 'f':
			flags->fold = 1;
			break;
		case 'h':
			flags->human = 1;
			break;
		case 'i':
			flags->printable = 1;
			break;
		case 'n':
			flags->numeric = 1;
			break;
		case 'r':
			flags->reverse = 1;
			break;
		default:
			return -1;
		}
	}
	return any;
}

/* Parse POS (F[.C][flags]) into *FIELD and *CHAR; return the flags part. */
static const char *
parse_position(const char *pos, long *field, long *chr, const char *whole)
{
	char *end;

	*field = strtol(pos, &end, 10);
	if (end == pos || *field < 1)
		die_msg("invalid field specification '%s'", whole);
	*chr = 0;
	if (*end == '.') {
		const char *c = end + 1;
		*chr = strtol(c, &end, 10);
		if (end == c || *chr < 0)
			die_msg("invalid field specification '%s'", whole);
	}
	return end;
}

static void
add_key(const char *spec)
{
	struct key key = {0};
	int any = 0;
	char *start_part = xstrdup(spec), *comma = strchr(start_part, ',');

	if (comma)
		*comma = '\0';
	const char *opts = parse_position(start_part, &key.start_field,
	                                  &key.start_char, spec);
	if (key.start_char == 0 && strchr(start_part, '.'))
		die_msg("invalid character position in '%s'", spec);
	int r = parse_flags(opts, &key.flags, &key.flags.blanks_start);
	if (r < 0)
		die_msg("invalid key '%s'", spec);
	any |= r;
	if (comma) {
		opts = parse_position(comma + 1, &key.end_field, &key.end_char,
		                      spec);
		r = parse_flags(opts, &key.flags, &key.flags.blanks_end);
		if (r < 0)
			die_msg("invalid key '%s'", spec);
		any |= r;
	}
	free(start_part);
	// A key with no letters of its own takes the global ones.
	if (!any)
		key.flags = global;
	keys = xreallocarray(keys, nkeys + 1, sizeof(*keys));
	keys[nkeys++] = key;
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {"-", NULL};
	char **key_specs = xcalloc((size_t)argc, sizeof(*key_specs));
	size_t nspecs = 0;
	int checking = 0, merging = 0, status = 0, c;

	prog_init(argv[0]);
	fail_status = 2;	// POSIX keeps 1 for -c finding disorder
	while ((c = getopt(argc, argv, "+bcdfhimno:rsuk:t:S:T:")) != -1) {
		switch (c) {
		case 'b':
			global.blanks_start = global.blanks_end = 1;
			break;
		case 'c':
			checking = 1;
			break;
		case 'd':
			global.dictionary = 1;
			break;
		case 'f':
			global.fold = 1;
			break;
		case 'h':
			global.human = 1;
			break;
		case 'i':
			global.printable = 1;
			break;
		case 'm':
			merging = 1;
			break;
		case 'n':
			global.numeric = 1;
			break;
		case 'o':
			output_name = optarg;
			break;
		case 'r':
			global.reverse = 1;
			break;
		case 's':
			stable = 1;
			break;
		case 'u':
			unique = 1;
			break;
		case 'k':
			key_specs[nspecs++] = optarg;
			break;
		case 't':
			if (optarg[0] == '\0' || optarg[1] != '\0')
				die_msg("the separator must be one character: "
				         "'%s'",
				         optarg);
			separator = (unsigned char)optarg[0];
			break;
		case 'S': {
			char *end;
			unsigned long long size = strtoull(optarg, &end, 10);
			const char *units = "bKMGT";
			const char *unit = *end ? strchr(units, *end) : NULL;
			if (end == optarg || (*end && (!unit || end[1])))
				die_msg("invalid buffer size '%s'", optarg);
			for (int i = unit ? (int)(unit - units) : 1; i > 0; i--)
				size *= 1024;
			buffer_limit = size < 1024 ? 1024 : (size_t)size;
			break;
		}
		case 'T':
			// Where temporary files go: set TMPDIR for temp_file().
			setenv("TMPDIR", optarg, 1);
			break;
		default:
			die_usage(usage);
		}
	}
	// Keys are made after all options, so they see every global flag.
	for (size_t i = 0; i < nspecs; i++)
		add_key(key_specs[i]);
	free(key_specs);
	argv += optind;
	if (!*argv)
		argv = stdin_only;

	if (checking) {
		if (argv[1])
			die_msg("extra operand '%s' not allowed with -c",
			         argv[1]);
		int fd = strcmp(argv[0], "-") == 0
		                 ? 0
		                 : open_or_fail(argv[0], O_RDONLY);
		return check(fd, argv[0]);
	}
	if (merging) {
		size_t n = 0;
		while (argv[n])
			n++;
		int *fds = xcalloc(n, sizeof(*fds));
		for (size_t i = 0; i < n; i++)
			fds[i] = strcmp(argv[i], "-") == 0
			                 ? 0
			                 : open_or_fail(argv[i], O_RDONLY);
		open_output();
		merge(fds, argv, n, &out_stdout, 1);
		free(fds);
		return finish_sort(0);
	}
	for (; *argv; argv++) {
		int fd = 0;
		if (strcmp(*argv, "-") != 0 &&
		    (fd = open(*argv, O_RDONLY)) < 0) {
			// Unlike most tools, sort stops: sorted output missing
			// some input would look complete.
			die_sys("%s", *argv);
		}
		if (read_input(fd, *argv) < 0)
			status = 2;
		if (fd != 0)
			close(fd);
	}
	if (status)
		return finish_sort(status);
	sort_buffer(1);
	if (nruns > 0) {
		open_output();
		merge_runs(&out_stdout);
	}
	return finish_sort(status);
}
