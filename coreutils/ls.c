/* ls - list directory contents (POSIX.1-2017 ls; -h -S -i and --color as GNU). */
/*
 * Operands that are files are listed first, then each directory's
 * entries, under a "DIR:" header when there is more than one operand.
 * Names sort by strcmp (the C locale), or newest first with -t.
 * On a terminal, or with -C, names go in columns down the page, sized to
 * $COLUMNS, else to the terminal's width, else to 80; otherwise one a line.
 * Names are written as they are, whatever bytes they hold.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"ls [-1ACFRSacdhilnrtu] [--color[=auto|always|never]] [FILE...]";

/* A name to list, and what we learned about it. */
struct file {
	char *name;	// as written: the operand, or the directory entry
	struct stat st;	// only filled in when need_stat
	char *link;	// -l: what a symbolic link points to
	mode_t link_mode;	// -lF: the type of that, or 0 if it is missing
};

struct list {
	struct file *files;
	size_t len;
	size_t cap;
};

static enum { FORMAT_ONE, FORMAT_COLUMNS, FORMAT_LONG } format;
static enum { SHOW_VISIBLE, SHOW_ALMOST_ALL, SHOW_ALL } show = SHOW_VISIBLE;
static int classify;		// -F
static int dirs_as_files;	// -d
static int numeric_ids;		// -n
static int reverse;		// -r
static int by_time;		// -t
static int by_size;		// -S
static int show_inode;		// -i
static int human;		// -h
static int recursive;		// -R
static int color;		// --color, or a terminal with --color=auto
static char time_kind = 'm';	// 'c' (-c) or 'a' (-u): which time -t and -l use
static int inode_width;		// -i: the widest inode number in the list
static int colored_yet;		// colour is reset once before the first colour
static int need_stat;		// set when any of the above needs st
static time_t now;
static int status;

/* ---- gathering ---- */

/* Read the target of symbolic link NAME in DIRFD (PATH in messages),
 * of any length, or NULL. */
static char *
read_link(int dirfd, const char *name, const char *path)
{
	size_t size = 64;

	for (;;) {
		char *target = xmalloc(size);
		ssize_t len = readlinkat(dirfd, name, target, size);

		if (len < 0) {
			warn_sys("%s: cannot read link", path);
			free(target);
			return NULL;
		}
		if ((size_t)len < size) {
			target[len] = '\0';
			return target;
		}
		free(target);
		size *= 2;
	}
}

static void
push(struct list *list, const struct file *file)
{
	if (list->len == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 64;
		list->files = xreallocarray(list->files, list->cap,
		                            sizeof(*list->files));
	}
	list->files[list->len++] = *file;
}

/*
 * Add NAME, in the directory open on DIRFD (or AT_FDCWD), to LIST; PATH
 * is its name in messages. Each is looked up in its own directory, so
 * the kernel does not walk the whole path again for every file.
 * Operands (FOLLOW set) that are symbolic links to directories are
 * followed, unless -d, -F or -l asks about the link itself, as POSIX
 * says. Returns 0, or -1 after a message.
 */
static int
add_file(struct list *list, int dirfd, const char *name, const char *path,
         int follow)
{
	struct file file = { .name = NULL };

	if (need_stat || follow) {
		if (fstatat(dirfd, name, &file.st, AT_SYMLINK_NOFOLLOW) < 0) {
			warn_sys("%s", path);
			return -1;
		}
		struct stat target;
		if (follow && S_ISLNK(file.st.st_mode) && !dirs_as_files &&
		    !classify && format != FORMAT_LONG &&
		    fstatat(dirfd, name, &target, 0) == 0 && S_ISDIR(target.st_mode))
			file.st = target;
	}
	if (format == FORMAT_LONG && S_ISLNK(file.st.st_mode)) {
		struct stat target;
		file.link = read_link(dirfd, name, path);
		if (classify && fstatat(dirfd, name, &target, 0) == 0)
			file.link_mode = target.st_mode;
	}
	file.name = xstrdup(name);
	push(list, &file);
	return 0;
}

static void
free_list(struct list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		free(list->files[i].name);
		free(list->files[i].link);
	}
	free(list->files);
	list->files = NULL;
	list->len = list->cap = 0;
}

/* The time -t sorts by and -l shows: modification, or with -c status
 * change, or with -u access. */
static const struct timespec *
file_time(const struct stat *st)
{
	return time_kind == 'c' ? &st->st_ctim : time_kind == 'a' ? &st->st_atim : &st->st_mtim;
}

static int
compare_files(const void *left, const void *right)
{
	const struct file *a = left, *b = right;
	int result = 0;

	if (by_size && a->st.st_size != b->st.st_size)
		result = a->st.st_size > b->st.st_size ? -1 : 1;
	else if (by_time) {
		const struct timespec *ta = file_time(&a->st);
		const struct timespec *tb = file_time(&b->st);

		if (ta->tv_sec != tb->tv_sec)
			result = ta->tv_sec > tb->tv_sec ? -1 : 1;
		else if (ta->tv_nsec != tb->tv_nsec)
			result = ta->tv_nsec > tb->tv_nsec ? -1 : 1;
	}
	if (result == 0)
		result = strcmp(a->name, b->name);
	return reverse ? -result : result;
}

/* ---- formatting ---- */

/* The -F mark for MODE, or '\0' for none. */
static char
indicator(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return '/';
	case S_IFLNK:
		return '@';
	case S_IFIFO:
		return '|';
	case S_IFSOCK:
		return '=';
	case S_IFREG:
		return mode & 0111 ? '*' : '\0';
	default:
		return '\0';
	}
}

/* A user or group name looked up, or the number when there is none. */
struct id_name {
	int valid;
	id_t id;
	int is_number;
	char text[256];
};

/*
 * The name of user (or with IS_GROUP, group) ID, or with -n the number.
 * CACHE keeps the last answer: most files in a directory share one owner,
 * and each lookup may read all of /etc/passwd.
 */
static const struct id_name *
id_name(struct id_name *cache, id_t id, int is_group)
{
	const char *name = NULL;

	if (cache->valid && cache->id == id)
		return cache;
	if (!numeric_ids && is_group) {
		struct group *gr = getgrgid((gid_t)id);
		name = gr ? gr->gr_name : NULL;
	} else if (!numeric_ids) {
		struct passwd *pw = getpwuid((uid_t)id);
		name = pw ? pw->pw_name : NULL;
	}
	if (name)
		snprintf(cache->text, sizeof(cache->text), "%s", name);
	else
		snprintf(cache->text, sizeof(cache->text), "%ju",
		         (uintmax_t)id);
	cache->is_number = name == NULL;
	cache->id = id;
	cache->valid = 1;
	return cache;
}

static struct id_name owner_cache, group_cache;

static int
digits(uintmax_t n)
{
	int count = 1;

	while (n >= 10) {
		n /= 10;
		count++;
	}
	return count;
}

static void
widen(int *width, int candidate)
{
	if (candidate > *width)
		*width = candidate;
}

static int
is_device(const struct stat *st)
{
	return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
}

/* The name as listed, with its -F mark and, in -l, its link target. */
/* The colour of a name, as GNU's defaults (dircolors) have it, or NULL. */
static const char *
name_color(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return "01;34";
	case S_IFLNK:
		return "01;36";
	case S_IFIFO:
		return "33";
	case S_IFSOCK:
		return "01;35";
	case S_IFCHR:
	case S_IFBLK:
		return "01;33";
	case S_IFREG:
		return mode & 0111 ? "01;32" : NULL;
	default:
		return NULL;
	}
}

static void
print_name(const struct file *file)
{
	char mark = classify ? indicator(file->st.st_mode) : '\0';
	const char *paint = color ? name_color(file->st.st_mode) : NULL;

	if (show_inode && format != FORMAT_LONG)
		out_printf(&out_stdout, "%*ju ", inode_width, (uintmax_t)file->st.st_ino);
	if (paint) {
		out_printf(&out_stdout, "%s\033[%sm", colored_yet ? "" : "\033[0m", paint);
		colored_yet = 1;
	}
	out_str(&out_stdout, file->name);
	if (paint)
		out_str(&out_stdout, "\033[0m");
	if (file->link) {
		out_str(&out_stdout, " -> ");
		out_str(&out_stdout, file->link);
		mark = classify && file->link_mode ? indicator(file->link_mode)
		                                   : '\0';
	}
	if (mark)
		out_char(&out_stdout, mark);
}

/* The date of `ls -l`: the time of day if recent, else the year. */
static void
print_date(time_t mtime)
{
	// POSIX: recent is within six months, and not in the future.
	// 31556952 seconds is the average Gregorian year.
	const time_t six_months = 31556952 / 2;
	// Files made together share a time: the last date is kept.
	static time_t last_mtime;
	static char date[64];
	struct tm tm;

	if (date[0] && mtime == last_mtime) {
		out_str(&out_stdout, date);
		return;
	}
	if (!localtime_r(&mtime, &tm)) {
		out_printf(&out_stdout, "%12jd", (intmax_t)mtime);
		return;
	}
	strftime(date, sizeof(date),
	         mtime > now - six_months && mtime <= now ? "%b %e %H:%M"
	                                                  : "%b %e  %Y",
	         &tm);
	last_mtime = mtime;
	out_str(&out_stdout, date);
}

/* VALUE right-aligned in WIDTH columns, and a space. */
static void
print_number(unsigned long long value, int width)
{
	out_number(&out_stdout, value, width);
	out_char(&out_stdout, ' ');
}

static void
print_blanks(size_t count)
{
	while (count-- > 0)
		out_char(&out_stdout, ' ');
}

/* TEXT in WIDTH columns, aligned left (or RIGHT), and a space. */
static void
print_field(const char *text, int width, int right)
{
	size_t len = strlen(text);
	size_t fill = (size_t)width > len ? (size_t)width - len : 0;

	if (right)
		print_blanks(fill);
	out_write(&out_stdout, text, len);
	print_blanks(right ? 1 : fill + 1);
}

/*
 * One line per file: mode, links, owner, group, size, date, name. Each
 * column is as wide as its widest entry; numbers align right, names left.
 */
static void
print_long(const struct list *list, int show_total)
{
	int links_width = 1, owner_width = 1, group_width = 1, size_width = 1;
	int major_width = 0, minor_width = 0;
	uintmax_t blocks = 0;

	for (size_t i = 0; i < list->len; i++) {
		const struct stat *st = &list->files[i].st;
		const struct id_name *owner, *group;

		owner = id_name(&owner_cache, st->st_uid, 0);
		group = id_name(&group_cache, st->st_gid, 1);
		widen(&links_width, digits(st->st_nlink));
		if (human) {
			char buf[HUMAN_BUFSIZE];
			widen(&size_width, (int)strlen(human_size((unsigned long long)st->st_size, buf)));
		}
		widen(&owner_width, (int)strlen(owner->text));
		widen(&group_width, (int)strlen(group->text));
		if (is_device(st)) {
			widen(&major_width, digits(major(st->st_rdev)));
			widen(&minor_width, digits(minor(st->st_rdev)));
		} else {
			widen(&size_width, digits((uintmax_t)st->st_size));
		}
		blocks += (uintmax_t)st->st_blocks;
	}
	// A device shows "major, minor" where other files show the size.
	if (major_width > 0 && major_width + 2 + minor_width > size_width)
		size_width = major_width + 2 + minor_width;

	// st_blocks counts 512-byte units; the total is in 1024-byte ones.
	if (show_total && human) {
		char buf[HUMAN_BUFSIZE];
		out_printf(&out_stdout, "total %s\n", human_size(blocks * 512, buf));
	} else if (show_total)
		out_printf(&out_stdout, "total %ju\n", (blocks + 1) / 2);
	for (size_t i = 0; i < list->len; i++) {
		const struct file *file = &list->files[i];
		const struct stat *st = &file->st;
		const struct id_name *owner, *group;
		char mode[11];

		// Written field by field: printf's cost shows in a big -lR.
		mode_format(st->st_mode, mode);
		if (show_inode)
			print_number(st->st_ino, inode_width);
		out_write(&out_stdout, mode, 10);
		out_char(&out_stdout, ' ');
		print_number(st->st_nlink, links_width);
		owner = id_name(&owner_cache, st->st_uid, 0);
		print_field(owner->text, owner_width, owner->is_number);
		group = id_name(&group_cache, st->st_gid, 1);
		print_field(group->text, group_width, group->is_number);
		if (is_device(st)) {
			out_number(&out_stdout, major(st->st_rdev),
			           size_width - 2 - minor_width);
			out_write(&out_stdout, ", ", 2);
			print_number(minor(st->st_rdev), minor_width);
		} else if (human) {
			char buf[HUMAN_BUFSIZE];
			print_field(human_size((unsigned long long)st->st_size, buf),
			            size_width, 1);
		} else
			print_number((unsigned long long)st->st_size, size_width);
		print_date(file_time(st)->tv_sec);
		out_char(&out_stdout, ' ');
		print_name(file);
		out_char(&out_stdout, '\n');
	}
}

/* How wide the output may be: $COLUMNS, the terminal's width, or 80. */
static size_t
line_width(void)
{
	const char *columns = getenv("COLUMNS");
	struct winsize size;
	long width;

	if (columns && parse_long(columns, 10, 1, 100000, &width) == 0)
		return (size_t)width;
	if (ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
		return size.ws_col;
	return 80;
}

static size_t
name_width(const struct file *file)
{
	return strlen(file->name) + (show_inode ? (size_t)inode_width + 1 : 0) +
	       (classify && indicator(file->st.st_mode) ? 1 : 0);
}

/*
 * Move from column FROM to column TO of the line. As traditional ls
 * does (and GNU's), use a tab wherever it reaches a tab stop (every 8
 * columns) without going past TO: fewer bytes, the same look.
 */
static void
pad(size_t from, size_t to)
{
	while (from < to) {
		if (to / 8 > (from + 1) / 8) {
			out_char(&out_stdout, '\t');
			from += 8 - from % 8;
		} else {
			out_char(&out_stdout, ' ');
			from++;
		}
	}
}

/*
 * Names in columns, sorted down each column then across: the most
 * columns whose widest names, two spaces apart, fit in the line.
 */
static void
print_columns(const struct list *list)
{
	size_t count = list->len, width = line_width();
	size_t max_columns = width / 3 ? width / 3 : 1;	// "x" and 2 spaces
	size_t *widths, columns, rows = count;

	if (count == 0)
		return;
	if (max_columns > count)
		max_columns = count;
	widths = xcalloc(max_columns, sizeof(*widths));
	for (columns = max_columns; columns > 1; columns--) {
		size_t total = 0;

		rows = (count + columns - 1) / columns;
		memset(widths, 0, columns * sizeof(*widths));
		for (size_t i = 0; i < count; i++) {
			size_t w = name_width(&list->files[i]);
			size_t column = i / rows;
			if (w > widths[column])
				widths[column] = w;
		}
		// Every column but the last is followed by two spaces, and a
		// line must leave the terminal's last position free.
		for (size_t c = 0; c < columns && widths[c] > 0; c++)
			total += widths[c] + (c + 1 < columns ? 2 : 0);
		if (total < width)
			break;
	}
	if (columns == 1)
		rows = count;

	for (size_t row = 0; row < rows; row++) {
		size_t at = 0;	// where the column starts on the line
		size_t column = 0;

		for (size_t i = row; i < count; i += rows, column++) {
			print_name(&list->files[i]);
			if (i + rows >= count)
				break;
			pad(at + name_width(&list->files[i]),
			    at + widths[column] + 2);
			at += widths[column] + 2;
		}
		out_char(&out_stdout, '\n');
	}
	free(widths);
}

/* Sort LIST and print it in the chosen format. */
static void
print_list(struct list *list, int is_directory)
{
	if (list->len > 1)
		qsort(list->files, list->len, sizeof(*list->files),
		      compare_files);
	inode_width = 1;
	for (size_t i = 0; show_inode && i < list->len; i++)
		widen(&inode_width, digits((uintmax_t)list->files[i].st.st_ino));
	switch (format) {
	case FORMAT_LONG:
		print_long(list, is_directory);
		break;
	case FORMAT_COLUMNS:
		print_columns(list);
		break;
	case FORMAT_ONE:
		for (size_t i = 0; i < list->len; i++) {
			print_name(&list->files[i]);
			out_char(&out_stdout, '\n');
		}
		break;
	}
}

static int
is_shown(const char *name)
{
	if (name[0] != '.' || show == SHOW_ALL)
		return 1;
	if (show == SHOW_VISIBLE)
		return 0;
	return strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static void
list_directory(const char *path)
{
	struct list list = { NULL, 0, 0 };
	struct dirent *entry;
	DIR *dir = opendir(path);
	// "PATH/NAME" for messages: PATH and its slash are written once.
	size_t dir_len = strlen(path), entry_path_size = dir_len + 256;
	char *entry_path;

	if (!dir) {
		warn_sys("%s", path);
		status = 1;
		return;
	}
	entry_path = xmalloc(entry_path_size);
	memcpy(entry_path, path, dir_len);
	entry_path[dir_len] = '/';
	while ((errno = 0, entry = readdir(dir)) != NULL) {
		if (!is_shown(entry->d_name))
			continue;
		size_t name_len = strlen(entry->d_name);
		if (dir_len + 1 + name_len + 1 > entry_path_size) {
			entry_path_size = 2 * (dir_len + 1 + name_len + 1);
			entry_path = xrealloc(entry_path, entry_path_size);
		}
		memcpy(entry_path + dir_len + 1, entry->d_name, name_len + 1);
		if (add_file(&list, dirfd(dir), entry->d_name, entry_path, 0) < 0)
			status = 1;
	}
	free(entry_path);
	if (errno) {
		warn_sys("%s", path);
		status = 1;
	}
	closedir(dir);
	print_list(&list, 1);
	// -R: then each subdirectory, under its own header. Links are not
	// followed, so a loop of links cannot trap us.
	for (size_t i = 0; recursive && i < list.len; i++) {
		const struct file *file = &list.files[i];

		if (!S_ISDIR(file->st.st_mode) || strcmp(file->name, ".") == 0 ||
		    strcmp(file->name, "..") == 0)
			continue;
		size_t size = strlen(path) + strlen(file->name) + 2;
		char *sub = xmalloc(size);
		snprintf(sub, size, "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", file->name);
		out_printf(&out_stdout, "\n%s:\n", sub);
		list_directory(sub);
		free(sub);
	}
	free_list(&list);
}

int
main(int argc, char **argv)
{
	static char *here[] = { ".", NULL };
	struct list files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	int c;

	prog_init(argv[0]);
	// Columns are for people; a pipe or a file gets one name a line.
	format = isatty(1) ? FORMAT_COLUMNS : FORMAT_ONE;
	// --color is the one long option: taken out before getopt sees it.
	int kept_args = 1;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (strcmp(arg, "--") == 0) {
			while (i < argc)
				argv[kept_args++] = argv[i++];
			break;
		}
		if (strcmp(arg, "--color") == 0 || strcmp(arg, "--color=always") == 0)
			color = 1;
		else if (strcmp(arg, "--color=auto") == 0)
			color = isatty(1);
		else if (strcmp(arg, "--color=never") == 0)
			color = 0;
		else if (strncmp(arg, "--color", 7) == 0)
			die_usage(usage);
		else
			argv[kept_args++] = argv[i];
	}
	argc = kept_args;
	argv[argc] = NULL;
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+1ACFRSacdhilnrtu")) != -1) {
		switch (c) {
		case '1':
			// As in GNU, -1 does not undo -l: both ask for lines.
			if (format != FORMAT_LONG)
				format = FORMAT_ONE;
			break;
		case 'A':
			show = SHOW_ALMOST_ALL;
			break;
		case 'C':
			format = FORMAT_COLUMNS;
			break;
		case 'F':
			classify = 1;
			break;
		case 'a':
			show = SHOW_ALL;
			break;
		case 'd':
			dirs_as_files = 1;
			break;
		case 'n':
			numeric_ids = 1;
			format = FORMAT_LONG;
			break;
		case 'l':
			format = FORMAT_LONG;
			break;
		case 'r':
			reverse = 1;
			break;
		// -S and -t: the last one says how to sort.
		case 't':
			by_time = 1;
			by_size = 0;
			break;
		case 'R':
			recursive = 1;
			break;
		case 'S':
			by_size = 1;
			by_time = 0;
			break;
		case 'c':
		case 'u':
			time_kind = c == 'c' ? 'c' : 'a';
			break;
		case 'h':
			human = 1;
			break;
		case 'i':
			show_inode = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	argc -= optind;
	need_stat = format == FORMAT_LONG || classify || by_time || by_size ||
		    show_inode || recursive || color;
	now = time(NULL);

	if (argc == 0)
		argv = here;
	for (char **operand = argv; *operand; operand++) {
		if (add_file(&files, AT_FDCWD, *operand, *operand, 1) < 0)
			status = 1;
	}
	// Move the directories to their own list, keeping the order.
	size_t kept = 0;
	for (size_t i = 0; i < files.len; i++) {
		struct file *file = &files.files[i];
		if (!dirs_as_files && S_ISDIR(file->st.st_mode))
			push(&dirs, file);
		else
			files.files[kept++] = *file;
	}
	files.len = kept;

	print_list(&files, 0);
	if (dirs.len > 1)
		qsort(dirs.files, dirs.len, sizeof(*dirs.files), compare_files);
	for (size_t i = 0; i < dirs.len; i++) {
		if (i > 0 || files.len > 0)
			out_char(&out_stdout, '\n');
		if (argc > 1 || recursive)
			out_printf(&out_stdout, "%s:\n", dirs.files[i].name);
		list_directory(dirs.files[i].name);
	}
	free_list(&files);
	free_list(&dirs);
	return finish(status);
}
