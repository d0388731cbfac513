/* diff - compare two files line by line (POSIX.1-2017 diff: default and -u
 * formats, -r). */
/*
 * Lines are numbered by content (equal lines get equal numbers, through
 * a hash table), and the shortest edit script between the two lists is
 * found by Myers' O(ND) algorithm in its linear-space form: find the
 * "middle snake" of an optimal path, then solve the two halves. The
 * result marks each line as changed or not; the output walks the marks.
 * Exit status: 0 no differences, 1 some, 2 trouble.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "diff [-ru] [-U N] FILE1 FILE2";

static char announce_options[256]; /* as typed, for "diff -r a/x b/x" lines */
static int unified = -1; /* context lines for -u, or -1: the default format */
static int recursive;
static int status;

/* ---- a file as lines ---- */

struct file {
	const char *name;
	char *data;
	size_t len;
	struct {
		const char *text;
		size_t len;
	} * lines;
	long nlines;
	int *ids;            /* the number of each line's content */
	char *changed;       /* one mark per line */
	int missing_newline; /* the last line has none */
	struct stat st;
};

static int
read_file(struct file *f)
{
	int fd = strcmp(f->name, "-") == 0 ? 0 : open(f->name, O_RDONLY);
	size_t cap = 65536;

	if (fd < 0 || fstat(fd, &f->st) < 0) {
		warn_sys("%s", f->name);
		return -1;
	}
	f->data = xmalloc(cap);
	f->len = 0;
	for (;;) {
		if (cap - f->len < 4096)
			f->data = xrealloc(f->data, cap *= 2);
		ssize_t n = read(fd, f->data + f->len, cap - f->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warn_sys("%s", f->name);
			if (fd != 0)
				close(fd);
			return -1;
		}
		if (n == 0)
			break;
		f->len += (size_t)n;
	}
	if (fd != 0)
		close(fd);
	size_t cap_lines = 1024;
	f->lines = xmalloc(cap_lines * sizeof(*f->lines));
	f->nlines = 0;
	for (size_t at = 0; at < f->len;) {
		const char *nl = memchr(f->data + at, '\n', f->len - at);
		size_t end = nl ? (size_t)(nl - f->data) : f->len;
		if ((size_t)f->nlines == cap_lines)
			f->lines = xreallocarray(f->lines, cap_lines *= 2,
			                         sizeof(*f->lines));
		f->lines[f->nlines].text = f->data + at;
		f->lines[f->nlines].len = end - at;
		f->nlines++;
		at = end + 1;
	}
	f->missing_newline = f->len > 0 && f->data[f->len - 1] != '\n';
	f->ids = xcalloc((size_t)f->nlines + 1, sizeof(*f->ids));
	f->changed = xcalloc((size_t)f->nlines + 1, 1);
	return 0;
}

static void
free_file(struct file *f)
{
	free(f->data);
	free(f->lines);
	free(f->ids);
	free(f->changed);
}

/* Give equal lines of both files equal ids, with an open-addressing table. */
static void
number_lines(struct file *a, struct file *b)
{
	size_t size = 1024;
	while (size < 2 * (size_t)(a->nlines + b->nlines))
		size *= 2;
	// A last line without its newline differs from the same text with one.
	struct slot {
		const char *text;
		size_t len;
		int partial, id;
	} *table = xcalloc(size, sizeof(*table));
	int next_id = 1;

	for (int which = 0; which < 2; which++) {
		struct file *f = which ? b : a;
		for (long i = 0; i < f->nlines; i++) {
			const char *text = f->lines[i].text;
			size_t len = f->lines[i].len;
			int partial = i == f->nlines - 1 && f->missing_newline;
			uint64_t h = 1469598103934665603ULL +
			             (uint64_t)partial; // FNV-1a
			for (size_t k = 0; k < len; k++)
				h = (h ^ (unsigned char)text[k]) *
				    1099511628211ULL;
			size_t at = (size_t)h & (size - 1);
			while (table[at].id &&
			       !(table[at].len == len &&
			         table[at].partial == partial &&
			         memcmp(table[at].text, text, len) == 0))
				at = (at + 1) & (size - 1);
			if (!table[at].id) {
				table[at].text = text;
				table[at].len = len;
				table[at].partial = partial;
				table[at].id = next_id++;
			}
			f->ids[i] = table[at].id;
		}
	}
	free(table);
}

/* ---- Myers' algorithm ---- */

static const int *A, *B;
static char *changed_a, *changed_b;
static long *forward,
        *reverse; /* furthest x per diagonal, offset by `middle` */
static long middle;

/*
 * Find the middle snake of the box A[a0..a1) x B[b0..b1) (both non-empty,
 * no common first or last line): set the box's split into *X1,*Y1 (where
 * the snake starts) and *X2,*Y2 (where it ends).
 */
static void
middle_snake(long a0, long a1, long b0, long b1, long *x1, long *y1, long *x2,
             long *y2)
{
	long n = a1 - a0, m = b1 - b0, delta = n - m;
	int odd = delta & 1;
	long *F = forward + middle, *R = reverse + middle;

	F[1] = 0;
	R[1] = 0;
	for (long d = 0;; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && F[k - 1] < F[k + 1]))
			                 ? F[k + 1]
			                 : F[k - 1] + 1;
			long y = x - k, xs = x, ys = y;
			while (x < n && y < m && A[a0 + x] == B[b0 + y])
				x++, y++;
			F[k] = x;
			long kr = delta - k;
			if (odd && kr >= -(d - 1) && kr <= d - 1 &&
			    x + R[kr] >= n) {
				*x1 = a0 + xs, *y1 = b0 + ys, *x2 = a0 + x,
				*y2 = b0 + y;
				return;
			}
		}
		// The same search from the far corner, on the reversed lists.
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && R[k - 1] < R[k + 1]))
			                 ? R[k + 1]
			                 : R[k - 1] + 1;
			long y = x - k, xs = x, ys = y;
			while (x < n && y < m && A[a1 - 1 - x] == B[b1 - 1 - y])
				x++, y++;
			R[k] = x;
			long kf = delta - k;
			if (!odd && kf >= -d && kf <= d && x + F[kf] >= n) {
				*x1 = a1 - x, *y1 = b1 - y, *x2 = a1 - xs,
				*y2 = b1 - ys;
				return;
			}
		}
	}
}

static void
compare(long a0, long a1, long b0, long b1)
{
	while (a0 < a1 && b0 < b1 && A[a0] == B[b0])
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && A[a1 - 1] == B[b1 - 1])
		a1--, b1--;
	if (a0 == a1) {
		memset(changed_b + b0, 1, (size_t)(b1 - b0));
		return;
	}
	if (b0 == b1) {
		memset(changed_a + a0, 1, (size_t)(a1 - a0));
		return;
	}
	long x1, y1, x2, y2;
	middle_snake(a0, a1, b0, b1, &x1, &y1, &x2, &y2);
	compare(a0, x1, b0, y1);
	compare(x2, a1, y2, b1);
}

/* ---- output ---- */

static void
put_text(const struct file *f, long i, const char *prefix)
{
	out_str(&out_stdout, prefix);
	out_write(&out_stdout, f->lines[i].text, f->lines[i].len);
	out_char(&out_stdout, '\n');
	if (i == f->nlines - 1 && f->missing_newline)
		out_str(&out_stdout, "\\ No newline at end of file\n");
}

static void
put_range(long start, long count)
{
	// Default format: "N" or "N,M"; an empty range names the line before.
	if (count <= 1)
		out_printf(&out_stdout, "%ld", count == 0 ? start : start + 1);
	else
		out_printf(&out_stdout, "%ld,%ld", start + 1, start + count);
}

static void
normal_format(const struct file *a, const struct file *b)
{
	long i = 0, j = 0;

	while (i < a->nlines || j < b->nlines) {
		if (i < a->nlines && j < b->nlines && !a->changed[i] &&
		    !b->changed[j]) {
			i++, j++;
			continue;
		}
		long i2 = i, j2 = j;
		while (i2 < a->nlines && a->changed[i2])
			i2++;
		while (j2 < b->nlines && b->changed[j2])
			j2++;
		put_range(i, i2 - i);
		out_char(&out_stdout, i2 == i ? 'a' : j2 == j ? 'd' : 'c');
		put_range(j, j2 - j);
		out_char(&out_stdout, '\n');
		for (long k = i; k < i2; k++)
			put_text(a, k, "< ");
		if (i2 > i && j2 > j)
			out_str(&out_stdout, "---\n");
		for (long k = j; k < j2; k++)
			put_text(b, k, "> ");
		i = i2, j = j2;
	}
}

static void
put_header(const char *mark, const struct file *f)
{
	char when[64], zone[8];
	struct tm tm;

	localtime_r(&f->st.st_mtim.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	out_printf(&out_stdout, "%s %s\t%s.%09ld %s\n", mark, f->name, when,
	           (long)f->st.st_mtim.tv_nsec, zone);
}

static void
put_unified_range(long start, long count)
{
	if (count == 1)
		out_printf(&out_stdout, "%ld", start + 1);
	else
		out_printf(&out_stdout, "%ld,%ld",
		           count == 0 ? start : start + 1, count);
}

static void
unified_format(const struct file *a, const struct file *b)
{
	long i = 0, j = 0;
	int context = unified;

	put_header("---", a);
	put_header("+++", b);
	while (i < a->nlines || j < b->nlines) {
		// Skip to the next change.
		while (i < a->nlines && j < b->nlines && !a->changed[i] &&
		       !b->changed[j])
			i++, j++;
		if (!(i < a->nlines && a->changed[i]) &&
		    !(j < b->nlines && b->changed[j]))
			break;
		// A hunk: changes closer than 2 * context lines are one hunk.
		long start_i = i > context ? i - context : 0;
		long start_j = j - (i - start_i);
		long end_i = i, end_j = j;
		for (;;) {
			while (end_i < a->nlines && a->changed[end_i])
				end_i++;
			while (end_j < b->nlines && b->changed[end_j])
				end_j++;
			long same = 0;
			while (end_i + same < a->nlines &&
			       end_j + same < b->nlines &&
			       !a->changed[end_i + same] &&
			       !b->changed[end_j + same] && same <= 2 * context)
				same++;
			int more = end_i + same < a->nlines ||
			           end_j + same < b->nlines;
			if (same > 2 * context || !more) {
				long tail = same < context ? same : context;
				end_i += tail;
				end_j += tail;
				break;
			}
			end_i += same;
			end_j += same;
		}
		out_str(&out_stdout, "@@ -");
		put_unified_range(start_i, end_i - start_i);
		out_str(&out_stdout, " +");
		put_unified_range(start_j, end_j - start_j);
		out_str(&out_stdout, " @@\n");
		long x = start_i, y = start_j;
		while (x < end_i || y < end_j) {
			if (x < end_i && y < end_j && !a->changed[x] &&
			    !b->changed[y]) {
				put_text(a, x++, " ");
				y++;
				continue;
			}
			while (x < end_i && a->changed[x])
				put_text(a, x++, "-");
			while (y < end_j && b->changed[y])
				put_text(b, y++, "+");
		}
		i = end_i, j = end_j;
	}
}

/* ---- files and directories ---- */

static int diff_paths(const char *path_a, const char *path_b, int top);

static int
is_binary(const struct file *f)
{
	return memchr(f->data, '\0', f->len < 8192 ? f->len : 8192) != NULL;
}

/* Compare two files; returns 0 same, 1 different, 2 trouble. */
static int
diff_files(const char *name_a, const char *name_b, int announce)
{
	struct file a = {.name = name_a}, b = {.name = name_b};
	int result;

	if (read_file(&a) < 0 || read_file(&b) < 0) {
		free_file(&a);
		free_file(&b);
		return 2;
	}
	if (a.len == b.len && memcmp(a.data, b.data, a.len) == 0) {
		result = 0;
	} else if (is_binary(&a) || is_binary(&b)) {
		out_printf(&out_stdout, "Binary files %s and %s differ\n",
		           name_a, name_b);
		result = 1;
	} else {
		if (announce)
			out_printf(&out_stdout, "diff%s %s %s\n",
			           announce_options, name_a, name_b);
		number_lines(&a, &b);
		A = a.ids;
		B = b.ids;
		changed_a = a.changed;
		changed_b = b.changed;
		middle = a.nlines + b.nlines + 2;
		forward = xcalloc(2 * (size_t)middle + 2, sizeof(*forward));
		reverse = xcalloc(2 * (size_t)middle + 2, sizeof(*reverse));
		compare(0, a.nlines, 0, b.nlines);
		free(forward);
		free(reverse);
		if (unified >= 0)
			unified_format(&a, &b);
		else
			normal_format(&a, &b);
		result = 1;
	}
	free_file(&a);
	free_file(&b);
	return result;
}

static int
compare_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The sorted names in directory PATH, or NULL (reported). */
static char **
list_dir(const char *path, size_t *count)
{
	DIR *dir = opendir(path);
	struct dirent *entry;
	char **names = NULL;
	size_t n = 0;

	if (!dir) {
		warn_sys("%s", path);
		return NULL;
	}
	while ((entry = readdir(dir)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(entry->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names;
}

static char *
join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	char *path = xmalloc(len + strlen(name) + 2);
	strcpy(path, dir);
	if (len == 0 || dir[len - 1] != '/')
		strcat(path, "/");
	strcat(path, name);
	return path;
}

static int
diff_dirs(const char *dir_a, const char *dir_b)
{
	size_t na = 0, nb = 0, i = 0, j = 0;
	char **a = list_dir(dir_a, &na), **b = list_dir(dir_b, &nb);
	int result = 0;

	if ((!a && na) || (!b && nb))
		result = 2;
	while (i < na || j < nb) {
		int order = i == na ? 1 : j == nb ? -1 : strcmp(a[i], b[j]);
		if (order < 0) {
			out_printf(&out_stdout, "Only in %s: %s\n", dir_a,
			           a[i++]);
			result = result > 1 ? result : 1;
		} else if (order > 0) {
			out_printf(&out_stdout, "Only in %s: %s\n", dir_b,
			           b[j++]);
			result = result > 1 ? result : 1;
		} else {
			char *pa = join(dir_a, a[i]), *pb = join(dir_b, b[j]);
			int r = diff_paths(pa, pb, 0);
			result = r > result ? r : result;
			free(pa);
			free(pb);
			i++, j++;
		}
	}
	for (size_t k = 0; k < na; k++)
		free(a[k]);
	for (size_t k = 0; k < nb; k++)
		free(b[k]);
	free(a);
	free(b);
	return result;
}

static int
diff_paths(const char *path_a, const char *path_b, int top)
{
	struct stat sa, sb;
	int a_ok = strcmp(path_a, "-") == 0 ? fstat(0, &sa) == 0
	                                    : stat(path_a, &sa) == 0;
	int b_ok = strcmp(path_b, "-") == 0 ? fstat(0, &sb) == 0
	                                    : stat(path_b, &sb) == 0;

	if (!a_ok || !b_ok) {
		warn_sys("%s", !a_ok ? path_a : path_b);
		return 2;
	}
	// One file named twice ("diff - -" too) is equal to itself; reading
	// it twice would not even work for a pipe.
	if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return 0;
	int a_dir = S_ISDIR(sa.st_mode), b_dir = S_ISDIR(sb.st_mode);
	if (a_dir && b_dir) {
		if (!top && !recursive) {
			out_printf(&out_stdout,
			           "Common subdirectories: %s and %s\n", path_a,
			           path_b);
			return 0;
		}
		return diff_dirs(path_a, path_b);
	}
	if (a_dir != b_dir) {
		if (!top) {
			out_printf(&out_stdout,
			           "File %s is a %s while file %s is a %s\n",
			           path_a, a_dir ? "directory" : "regular file",
			           path_b,
			           b_dir ? "directory" : "regular file");
			return 1;
		}
		// "diff dir file" compares dir/file's basename with the file.
		const char *file = a_dir ? path_b : path_a;
		const char *base =
		        strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		char *inside = join(a_dir ? path_a : path_b, base);
		int r = a_dir ? diff_files(inside, path_b, 0)
		              : diff_files(path_a, inside, 0);
		free(inside);
		return r;
	}
	return diff_files(path_a, path_b, !top);
}

int
main(int argc, char **argv)
{
	int c;

	prog_init(argv[0]);
	fail_status = 2;	// 1 says the files differ
	while ((c = getopt(argc, argv, "+ruU:")) != -1) {
		switch (c) {
		case 'r':
			recursive = 1;
			break;
		case 'u':
			unified = 3;
			break;
		case 'U':
			unified =
			        (int)xparse_long(optarg, 0, 1000000, "context");
			break;
		default:
			// Usage errors are trouble too: status 2.
			die_usage(usage);
		}
	}
	for (int i = 1; i < optind; i++) {
		size_t used = strlen(announce_options);
		snprintf(announce_options + used,
		         sizeof(announce_options) - used, " %s", argv[i]);
	}
	argv += optind;
	if (!argv[0] || !argv[1] || argv[2])
		die_usage(usage);
	status = diff_paths(argv[0], argv[1], 1);
	int written = finish(0);
	return written ? 2 : status;
}
