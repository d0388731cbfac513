/* mkimage - manifests to a newc cpio archive (cpio(5), and the kernel's
 * Documentation/driver-api/early-userspace/buffer-format.rst) that Linux
 * unpacks as its initramfs. Needs no root: owners, modes and device
 * numbers come from the manifest, never from the host's files. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "mkimage -o OUTPUT [-M DEPFILE] MANIFEST...";

/* One manifest line. */
struct entry {
	char *path;		/* absolute, as written in the manifest */
	char *source;		/* file: the host file to copy; slink: target */
	unsigned long mode;	/* type and permission bits */
	unsigned long uid, gid;
	unsigned long rmajor, rminor;	/* nod only */
	const char *manifest;	/* where it was written, for messages */
	unsigned long line;
	size_t order;		/* input position: duplicates sort stably */
};

/* What each type of line holds: its field count and where MODE is. */
static const struct kind {
	const char *name;
	size_t nfields;
	size_t mode_field;	/* 0: no MODE field */
	mode_t type;
} kinds[] = {
	{ "dir", 5, 2, S_IFDIR },
	{ "file", 6, 3, S_IFREG },
	{ "slink", 3, 0, S_IFLNK },
	{ "nod", 8, 2, 0 },	/* S_IFCHR or S_IFBLK, from its own field */
};
#define MAX_FIELDS 8

static struct entry *entries;
static size_t entry_count;

/* Temporary files to remove if we exit before renaming them into place. */
static char *temps[2];

static struct out image;
static uint64_t image_len;	/* bytes written so far, for the padding */

static _Noreturn MINI_PRINTF(3, 4) void
die_at(const char *manifest, unsigned long line, const char *fmt, ...)
{
	char reason[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	die_msg("%s:%lu: %s", manifest, line, reason);
}

/* A manifest number is digits only: parse_long alone would take a sign. */
static unsigned long
number(const struct entry *e, const char *what, const char *str, int base,
       unsigned long max)
{
	long value;

	if (*str < '0' || *str > '9' ||
	    parse_long(str, base, 0, (long)max, &value) < 0)
		die_at(e->manifest, e->line, "bad %s '%s'", what, str);
	return (unsigned long)value;
}

/*
 * Paths must be absolute and clean, so that one file cannot slip in twice
 * under two spellings ("/a/b" and "/a//b") and every parent is easy to
 * find. Returns what is wrong, or NULL.
 */
static const char *
path_problem(const char *path)
{
	if (path[0] != '/')
		return "relative";
	if (path[1] == '\0')
		return "the root is always there";
	for (const char *at = path; *at == '/';) {
		const char *start = at + 1;
		const char *end = strchrnul(start, '/');
		size_t len = (size_t)(end - start);

		if (len == 0 || (len == 1 && start[0] == '.') ||
		    (len == 2 && start[0] == '.' && start[1] == '.'))
			return "empty, . or .. part";
		at = end;
	}
	return NULL;
}

/* SOURCE relative to the directory of the manifest that names it. */
static char *
resolve_source(const char *manifest, const char *source)
{
	const char *slash = strrchr(manifest, '/');
	size_t dir_len;
	char *path;

	if (source[0] == '/' || !slash)
		return xstrdup(source);
	dir_len = (size_t)(slash - manifest) + 1;
	path = xmalloc(dir_len + strlen(source) + 1);
	memcpy(path, manifest, dir_len);
	strcpy(path + dir_len, source);
	return path;
}

static void
parse_line(const char *manifest, unsigned long line, char *text)
{
	static size_t entry_cap;
	char *field[MAX_FIELDS + 1];
	size_t nfields = 0;
	const struct kind *kind = NULL;
	struct entry *e;
	const char *problem;

	for (char *tok = strtok(text, " \t"); tok; tok = strtok(NULL, " \t")) {
		if (nfields == MAX_FIELDS + 1)
			break;
		field[nfields++] = tok;
	}
	if (nfields == 0 || field[0][0] == '#')
		return;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(field[0], kinds[i].name) == 0)
			kind = &kinds[i];
	if (!kind)
		die_at(manifest, line, "unknown type '%s'", field[0]);
	if (nfields != kind->nfields)
		die_at(manifest, line, "wrong number of fields: %s takes %zu",
		       kind->name, kind->nfields);

	if (entry_count == entry_cap) {
		entry_cap = entry_cap ? 2 * entry_cap : 64;
		entries = xreallocarray(entries, entry_cap, sizeof(*entries));
	}
	e = &entries[entry_count];
	*e = (struct entry){ .path = xstrdup(field[1]), .manifest = manifest,
	                     .line = line, .order = entry_count };
	entry_count++;
	// The kernel skips, without a word, a longer name or link target.
	if (strlen(e->path) >= PATH_MAX)
		die_at(manifest, line, "bad PATH: longer than PATH_MAX");
	problem = path_problem(e->path);
	if (problem)
		die_at(manifest, line, "bad PATH '%s': %s", e->path, problem);

	if (kind->type == S_IFLNK) {
		e->mode = S_IFLNK | 0777;
		e->source = xstrdup(field[2]);
		if (strlen(e->source) >= PATH_MAX)
			die_at(manifest, line,
			       "bad TARGET: longer than PATH_MAX");
		return;
	}
	if (kind->type == S_IFREG)
		e->source = resolve_source(manifest, field[2]);
	e->mode = kind->type |
	          number(e, "MODE", field[kind->mode_field], 8, 07777);
	// (uid_t)-1 is no user: chown(2) reads it as "leave unchanged".
	e->uid = number(e, "UID", field[kind->mode_field + 1], 10, 0xfffffffe);
	e->gid = number(e, "GID", field[kind->mode_field + 2], 10, 0xfffffffe);
	if (strcmp(kind->name, "nod") == 0) {
		if (strcmp(field[5], "c") == 0)
			e->mode |= S_IFCHR;
		else if (strcmp(field[5], "b") == 0)
			e->mode |= S_IFBLK;
		else
			die_at(manifest, line, "nod type '%s' is not c or b",
			       field[5]);
		// The widest numbers Linux's dev_t holds (12 and 20 bits).
		e->rmajor = number(e, "MAJOR", field[6], 10, 0xfff);
		e->rminor = number(e, "MINOR", field[7], 10, 0xfffff);
	}
}

static void
read_manifest(const char *manifest)
{
	int fd = xopen(manifest, O_RDONLY | O_CLOEXEC, 0);
	struct lines lines;
	unsigned long line = 0;
	ssize_t len;
	char *text;

	lines_init(&lines, fd);
	while ((len = lines_next(&lines, &text)) > 0) {
		line++;
		if (memchr(text, '\0', (size_t)len))
			die_at(manifest, line, "NUL byte in line");
		if (text[len - 1] == '\n')
			len--;
		char *copy = xstrndup(text, (size_t)len);
		parse_line(manifest, line, copy);
		free(copy);
	}
	if (len < 0)
		die_sys("%s", manifest);
	lines_free(&lines);
	close(fd);
}

static int
compare_entries(const void *a, const void *b)
{
	const struct entry *ea = a, *eb = b;
	int by_path = strcmp(ea->path, eb->path);

	if (by_path != 0)
		return by_path;
	return ea->order < eb->order ? -1 : ea->order > eb->order;
}

static int
compare_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entry *)elem)->path);
}

/*
 * On the sorted array: no path twice, and each parent is a dir listed
 * before its children (a prefix sorts first), so the kernel can always
 * create an entry in a directory it has already made.
 */
static void
validate(void)
{
	for (size_t i = 0; i < entry_count; i++) {
		const struct entry *e = &entries[i], *parent;
		const char *slash = strrchr(e->path, '/');

		if (i > 0 && strcmp(e->path, entries[i - 1].path) == 0)
			die_at(e->manifest, e->line,
			       "duplicate path '%s' (first at %s:%lu)", e->path,
			       entries[i - 1].manifest, entries[i - 1].line);
		if (slash == e->path)
			continue;
		char *parent_path = xstrndup(e->path,
		                             (size_t)(slash - e->path));
		parent = bsearch(parent_path, entries, i, sizeof(*entries),
		                 compare_key);
		if (!parent || !S_ISDIR(parent->mode))
			die_at(e->manifest, e->line,
			       "parent '%s' of '%s' is not a dir entry",
			       parent_path, e->path);
		free(parent_path);
	}
}

static void
emit(const void *data, size_t len)
{
	out_write(&image, data, len);
	image_len += len;
}

/* Names and data each end on a multiple of four bytes. */
static void
pad4(void)
{
	static const char zeros[3];

	emit(zeros, (size_t)(-image_len & 3));
}

static void
emit_header(unsigned long ino, const struct entry *e, unsigned long nlink,
            unsigned long mtime, unsigned long size, const char *name)
{
	size_t name_size = strlen(name) + 1;
	// After the magic, thirteen fields as 8 hex digits. devmajor and
	// devminor (the device holding the file) stay 0, as does the check.
	const uint32_t fields[13] = {
		ino, e->mode, e->uid, e->gid, nlink, mtime, size, 0, 0,
		e->rmajor, e->rminor, name_size, 0
	};
	char hex[9];

	emit("070701", 6);
	for (size_t i = 0; i < 13; i++) {
		snprintf(hex, sizeof(hex), "%08" PRIX32, fields[i]);
		emit(hex, 8);
	}
	emit(name, name_size);
	pad4();
}

/* Copy a file's bytes, which must be exactly the SIZE its header gave. */
static void
emit_file(const struct entry *e, unsigned long ino, unsigned long mtime)
{
	int fd = open(e->source, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char buf[65536];
	uint64_t copied = 0;
	struct stat st;
	ssize_t n;

	// O_NONBLOCK: a FIFO given as SOURCE must not hang us in open().
	if (fd < 0 || fstat(fd, &st) < 0)
		die_at(e->manifest, e->line, "%s: %s", e->source,
		       strerror(errno));
	if (!S_ISREG(st.st_mode))
		die_at(e->manifest, e->line, "%s: not a regular file",
		       e->source);
	if ((uint64_t)st.st_size > 0xffffffff)
		die_at(e->manifest, e->line, "%s: too big for cpio (4 GiB)",
		       e->source);
	emit_header(ino, e, 1, mtime, (unsigned long)st.st_size, e->path + 1);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_at(e->manifest, e->line, "%s: %s", e->source,
			       strerror(errno));
		emit(buf, (size_t)n);
		copied += (uint64_t)n;
	}
	if (copied != (uint64_t)st.st_size)
		die_at(e->manifest, e->line, "%s: changed while being read",
		       e->source);
	close(fd);
	pad4();
}

static void
write_image(unsigned long mtime)
{
	static const struct entry trailer = { 0 };

	for (size_t i = 0; i < entry_count; i++) {
		const struct entry *e = &entries[i];
		unsigned long ino = i + 1;

		// The kernel's names are relative to the root it unpacks
		// into, and cpio(1) would strip a leading / with a warning.
		if (S_ISREG(e->mode)) {
			emit_file(e, ino, mtime);
		} else if (S_ISLNK(e->mode)) {
			emit_header(ino, e, 1, mtime, strlen(e->source),
			            e->path + 1);
			emit(e->source, strlen(e->source));
			pad4();
		} else {
			emit_header(ino, e, S_ISDIR(e->mode) ? 2 : 1, mtime, 0,
			            e->path + 1);
		}
	}
	emit_header(0, &trailer, 1, 0, 0, "TRAILER!!!");
}

/* Make syntax as Ninja reads it: \ before a blank or #, $ doubled. */
static void
put_escaped(struct out *out, const char *path)
{
	for (const char *at = path; *at; at++) {
		if (*at == '\n')
			die_msg("%s: a newline cannot be written in a depfile",
			        path);
		if (*at == ' ' || *at == '#')
			out_char(out, '\\');
		else if (*at == '$')
			out_char(out, '$');
		out_char(out, *at);
	}
}

static void
write_depfile(struct out *out, const char *output, char **manifests)
{
	put_escaped(out, output);
	out_char(out, ':');
	for (; *manifests; manifests++) {
		out_str(out, " \\\n  ");
		put_escaped(out, *manifests);
	}
	for (size_t i = 0; i < entry_count; i++) {
		if (!S_ISREG(entries[i].mode))
			continue;
		out_str(out, " \\\n  ");
		put_escaped(out, entries[i].source);
	}
	out_char(out, '\n');
}

static void
remove_temps(void)
{
	for (size_t i = 0; i < sizeof(temps) / sizeof(temps[0]); i++)
		if (temps[i])
			unlink(temps[i]);
}

/*
 * Create a temporary file beside PATH, in the same directory so that
 * rename(2) can later replace PATH in one step: a reader (or Ninja, after
 * a failure) never sees half an image.
 */
static int
create_temp(const char *path, char **temp)
{
	mode_t mask = umask(0);
	struct stat st;
	int fd;

	umask(mask);
	// rename(2) would not write through /dev/stdout or a symlink, but
	// put a file in their place: replace regular files only.
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		die_msg("%s: not a regular file; will not replace it", path);
	fd = open_beside(path, temp);
	if (fd < 0)
		die_sys("%s: cannot create", path);
	// open_beside makes the file 0600; give it the mode of a new file.
	if (fchmod(fd, 0666 & ~mask) < 0)
		die_sys("%s: cannot create", path);
	return fd;
}

static void
commit_temp(struct out *out, char **temp, const char *path)
{
	if (out_flush(out) < 0 || close(out->fd) < 0)
		die_sys("%s: cannot write", path);
	if (rename(*temp, path) < 0)
		die_sys("%s: cannot replace", path);
	free(*temp);
	*temp = NULL;
}

int
main(int argc, char **argv)
{
	static struct out depfile;
	const char *output = NULL, *depfile_path = NULL;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	unsigned long mtime = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "ho:M:")) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'M':
			depfile_path = optarg;
			break;
		default:
			die_usage(usage);
		}
	}
	if (!output || optind == argc)
		die_usage(usage);
	if (epoch)
		mtime = (unsigned long)xparse_long(epoch, 0, 0xffffffff,
		                                   "SOURCE_DATE_EPOCH");

	for (int i = optind; i < argc; i++)
		read_manifest(argv[i]);
	if (entry_count > 0)	// with none, entries is NULL: qsort's UB
		qsort(entries, entry_count, sizeof(*entries), compare_entries);
	validate();

	atexit(remove_temps);
	out_init(&image, create_temp(output, &temps[0]));
	write_image(mtime);
	if (depfile_path) {
		out_init(&depfile, create_temp(depfile_path, &temps[1]));
		write_depfile(&depfile, output, argv + optind);
		commit_temp(&depfile, &temps[1], depfile_path);
	}
	commit_temp(&image, &temps[0], output);
	return 0;
}
