/* mode.c - file modes: parse octal and symbolic modes (POSIX chmod), format "drwxr-xr-x" (ls -l). */
#include <string.h>
#include <sys/stat.h>

#include "mini.h"

/* The permission bits each "who" letter names; sticky goes with others. */
static mode_t
who_bits(char who)
{
	switch (who) {
	case 'u':
		return S_ISUID | S_IRWXU;
	case 'g':
		return S_ISGID | S_IRWXG;
	case 'o':
		return S_ISVTX | S_IRWXO;
	default:
		return 07777;
	}
}

/* A class's three rwx bits of MODE copied into all three classes (g=u). */
static mode_t
copy_bits(mode_t mode, char from)
{
	int shift = from == 'u' ? 6 : from == 'g' ? 3 : 0;
	mode_t rwx = (mode >> shift) & 7;

	return rwx << 6 | rwx << 3 | rwx;
}

/* The bits one permission letter names, given the mode so far (for X). */
static mode_t
perm_bits(char perm, mode_t mode)
{
	switch (perm) {
	case 'r':
		return 0444;
	case 'w':
		return 0222;
	case 'x':
		return 0111;
	case 'X':
		// Execute only where it makes sense: directories, and files
		// that someone may already execute.
		return S_ISDIR(mode) || (mode & 0111) ? 0111 : 0;
	case 's':
		return S_ISUID | S_ISGID;
	default:
		return S_ISVTX;
	}
}

static int
mode_octal(const char *spec, mode_t old, mode_t *result)
{
	mode_t value = 0;

	for (const char *p = spec; *p; p++) {
		if (*p < '0' || *p > '7')
			return -1;
		value = value * 8 + (mode_t)(*p - '0');
		if (value > 07777)
			return -1;
	}
	*result = (old & S_IFMT) | value;
	return 0;
}

int
mode_apply(const char *spec, mode_t old, mode_t umask_bits, mode_t *result)
{
	mode_t mode = old;
	const char *p = spec;

	if (*spec >= '0' && *spec <= '9')
		return mode_octal(spec, old, result);
	for (;;) {
		mode_t who = 0;

		for (; *p && strchr("ugoa", *p); p++)
			who |= who_bits(*p);
		if (*p != '+' && *p != '-' && *p != '=')
			return -1;
		while (*p == '+' || *p == '-' || *p == '=') {
			char op = *p++;
			mode_t perm = 0;
			// Without a who, POSIX says "a", less what the umask
			// forbids.
			mode_t affected = who ? who : 07777 & ~umask_bits;

			if (*p && strchr("ugo", *p))
				perm = copy_bits(mode, *p++);
			else
				for (; *p && strchr("rwxXst", *p); p++)
					perm |= perm_bits(*p, mode);
			if (op == '=') {
				mode_t cleared = who ? who : 07777;

				// A directory's set-id bits say how new
				// files inherit; "=" keeps them, as GNU does.
				if (S_ISDIR(mode))
					cleared &= ~(mode_t)(S_ISUID | S_ISGID);
				mode &= ~cleared;
			}
			if (op == '-')
				mode &= ~(perm & affected);
			else
				mode |= perm & affected;
		}
		if (*p == '\0')
			break;
		if (*p++ != ',')
			return -1;
	}
	*result = mode;
	return 0;
}

void
mode_format(mode_t mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	static const struct {
		mode_t type;
		char letter;
	} types[] = {
		{ S_IFDIR, 'd' }, { S_IFCHR, 'c' }, { S_IFBLK, 'b' },
		{ S_IFLNK, 'l' }, { S_IFIFO, 'p' }, { S_IFSOCK, 's' },
	};

	out[0] = '-';
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((mode & S_IFMT) == types[i].type)
			out[0] = types[i].letter;
	for (int i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	// A set-id or sticky bit shows in the execute place: lower case if
	// execute is on too, upper case if it is off.
	if (mode & S_ISUID)
		out[3] = mode & S_IXUSR ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = mode & S_IXGRP ? 's' : 'S';
	if (mode & S_ISVTX)
		out[9] = mode & S_IXOTH ? 't' : 'T';
	out[10] = '\0';
}
