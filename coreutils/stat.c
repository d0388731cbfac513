/* stat - show file status (GNU coreutils stat: -L, -c FORMAT). */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "stat [-L] [-c FORMAT] FILE...";

static const char default_format[] =
	"  File: %n\n"
	"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
	"Device: %Hd,%Ld\tInode: %-11i Links: %h\n"
	"Access: (%04a/%A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
	"Access: %x\nModify: %y\nChange: %z\n";

static struct out *out = &out_stdout;

static const char *
type_name(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
		return st->st_size ? "regular file" : "regular empty file";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symbolic link";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	case S_IFCHR:
		return "character special file";
	case S_IFBLK:
		return "block special file";
	default:
		return "weird file";
	}
}

/* A time as "2020-01-02 03:04:05.000000000 +0000". */
static void
format_time(char *buf, size_t size, const struct timespec *ts)
{
	struct tm tm;
	char date[64], zone[16];

	localtime_r(&ts->tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	snprintf(buf, size, "%s.%09ld %s", date, ts->tv_nsec, zone);
}

/* NAME in single quotes, or double if it holds one, as GNU's %N has it. */
static void
put_quoted(const char *name)
{
	char quote = strchr(name, '\'') ? '"' : '\'';

	out_char(out, quote);
	out_str(out, name);
	out_char(out, quote);
}

/*
 * Print the directive at *FMT (after the %) for PATH; FLAGS and WIDTH
 * are the printf ones in between, such as "-10". Returns where the
 * directive ends.
 */
static const char *
directive(const char *fmt, const char *path, const struct stat *st, const char *spec)
{
	char buf[128], num_fmt[32];
	unsigned long long value = 0;
	int numeric = 1;

	switch (*fmt) {
	case 'a':
		value = st->st_mode & 07777;
		snprintf(num_fmt, sizeof(num_fmt), "%%%sllo", spec);
		out_printf(out, num_fmt, value);
		return fmt + 1;
	case 'f':
		snprintf(num_fmt, sizeof(num_fmt), "%%%sllx", spec);
		out_printf(out, num_fmt, (unsigned long long)st->st_mode);
		return fmt + 1;
	case 't':
	case 'T':
		value = *fmt == 't' ? major(st->st_rdev) : minor(st->st_rdev);
		snprintf(num_fmt, sizeof(num_fmt), "%%%sllx", spec);
		out_printf(out, num_fmt, value);
		return fmt + 1;
	case 'H':
	case 'L':
		// %Hd and %Ld: the device's major and minor numbers.
		if (fmt[1] != 'd')
			break;
		value = *fmt == 'H' ? major(st->st_dev) : minor(st->st_dev);
		snprintf(num_fmt, sizeof(num_fmt), "%%%sllu", spec);
		out_printf(out, num_fmt, value);
		return fmt + 2;
	case 'b': value = (unsigned long long)st->st_blocks; break;
	case 'B': value = 512; break;
	case 'd': value = st->st_dev; break;
	case 'g': value = st->st_gid; break;
	case 'h': value = st->st_nlink; break;
	case 'i': value = st->st_ino; break;
	case 'o': value = (unsigned long long)st->st_blksize; break;
	case 's': value = (unsigned long long)st->st_size; break;
	case 'u': value = st->st_uid; break;
	case 'X': value = (unsigned long long)st->st_atim.tv_sec; break;
	case 'Y': value = (unsigned long long)st->st_mtim.tv_sec; break;
	case 'Z': value = (unsigned long long)st->st_ctim.tv_sec; break;
	default:
		numeric = 0;
	}
	if (numeric) {
		snprintf(num_fmt, sizeof(num_fmt), "%%%sllu", spec);
		out_printf(out, num_fmt, value);
		return fmt + 1;
	}

	const char *text = buf;
	switch (*fmt) {
	case 'A':
		mode_format(st->st_mode, buf);
		break;
	case 'F':
		text = type_name(st);
		break;
	case 'n':
		text = path;
		break;
	case 'N':
		put_quoted(path);
		if (S_ISLNK(st->st_mode)) {
			ssize_t len = readlink(path, buf, sizeof(buf) - 1);

			buf[len < 0 ? 0 : len] = '\0';
			out_str(out, " -> ");
			put_quoted(buf);
		}
		return fmt + 1;
	case 'U': {
		struct passwd *pw = getpwuid(st->st_uid);
		if (pw)
			text = pw->pw_name;
		else
			snprintf(buf, sizeof(buf), "UNKNOWN");
		break;
	}
	case 'G': {
		struct group *gr = getgrgid(st->st_gid);
		if (gr)
			text = gr->gr_name;
		else
			snprintf(buf, sizeof(buf), "UNKNOWN");
		break;
	}
	case 'x':
		format_time(buf, sizeof(buf), &st->st_atim);
		break;
	case 'y':
		format_time(buf, sizeof(buf), &st->st_mtim);
		break;
	case 'z':
		format_time(buf, sizeof(buf), &st->st_ctim);
		break;
	case '%':
		text = "%";
		break;
	default:
		// Unknown directives are printed as they are.
		out_char(out, '%');
		out_str(out, spec);
		if (*fmt)
			out_char(out, *fmt);
		return *fmt ? fmt + 1 : fmt;
	}
	snprintf(num_fmt, sizeof(num_fmt), "%%%ss", spec);
	out_printf(out, num_fmt, text);
	return fmt + 1;
}

static void
show(const char *format, const char *path, const struct stat *st)
{
	for (const char *p = format; *p;) {
		char spec[16];
		size_t len;

		if (*p != '%') {
			out_char(out, *p++);
			continue;
		}
		p++;
		// Flags and a width, as printf takes them: "-10", "04".
		len = strspn(p, "-0123456789");
		if (len >= sizeof(spec))
			len = sizeof(spec) - 1;
		memcpy(spec, p, len);
		spec[len] = '\0';
		p = directive(p + len, path, st, spec);
	}
}

int
main(int argc, char **argv)
{
	const char *format = NULL;
	int dereference = 0;
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+Lc:")) != -1) {
		switch (c) {
		case 'L':
			dereference = 1;
			break;
		case 'c':
			format = optarg;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv)
		die_usage(usage);
	for (; *argv; argv++) {
		struct stat st;

		if ((dereference ? stat(*argv, &st) : lstat(*argv, &st)) < 0) {
			warn_sys("%s", *argv);
			status = 1;
			continue;
		}
		show(format ? format : default_format, *argv, &st);
		// -c FORMAT is a line per file.
		if (format)
			out_char(out, '\n');
	}
	return finish(status);
}
