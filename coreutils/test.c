/* test, [ - evaluate an expression (POSIX.1-2017 test, with -a -o ( )). */
/*
 * POSIX decides what 1 to 4 arguments mean by counting them first, so
 * that `test -n` or `test ! = x` mean what a script writer expects; we
 * follow that, and parse longer expressions with the usual precedence:
 * ! binds tighter than -a, which binds tighter than -o.
 * Exit status: 0 true, 1 false, 2 error.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static char **args;
static int nargs;
static int pos;

static _Noreturn void
syntax(const char *what, const char *arg)
{
	if (arg)
		warn_msg("%s: %s", arg, what);
	else
		warn_msg("%s", what);
	exit(2);
}

static long long
integer(const char *text)
{
	char *end;
	long long value;

	text += strspn(text, " \t\n");
	value = strtoll(text, &end, 10);
	end += strspn(end, " \t\n");
	if (end == text || *end != '\0' ||
	    (*text != '-' && *text != '+' && (*text < '0' || *text > '9')))
		syntax("integer expression expected", text);
	return value;
}

static int
is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] &&
	       strchr("bcdefghLnprsStuwxzOG", op[1]);
}

static int
is_binary(const char *op)
{
	static const char *const ops[] = {"=",   "==",  "!=",  "<",   ">",
	                                  "-eq", "-ne", "-gt", "-ge", "-lt",
	                                  "-le", "-nt", "-ot", "-ef", NULL};
	for (int i = 0; ops[i]; i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

static int
unary(const char *op, const char *arg)
{
	struct stat st;
	int found;

	switch (op[1]) {
	case 'n':
		return arg[0] != '\0';
	case 'z':
		return arg[0] == '\0';
	case 't':
		return isatty((int)integer(arg));
	case 'r':
		return faccessat(AT_FDCWD, arg, R_OK, AT_EACCESS) == 0;
	case 'w':
		return faccessat(AT_FDCWD, arg, W_OK, AT_EACCESS) == 0;
	case 'x':
		return faccessat(AT_FDCWD, arg, X_OK, AT_EACCESS) == 0;
	case 'h':
	case 'L':
		return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	}
	found = stat(arg, &st) == 0;
	switch (op[1]) {
	case 'e':
		return found;
	case 'b':
		return found && S_ISBLK(st.st_mode);
	case 'c':
		return found && S_ISCHR(st.st_mode);
	case 'd':
		return found && S_ISDIR(st.st_mode);
	case 'f':
		return found && S_ISREG(st.st_mode);
	case 'p':
		return found && S_ISFIFO(st.st_mode);
	case 'S':
		return found && S_ISSOCK(st.st_mode);
	case 's':
		return found && st.st_size > 0;
	case 'g':
		return found && (st.st_mode & S_ISGID);
	case 'u':
		return found && (st.st_mode & S_ISUID);
	case 'O':
		return found && st.st_uid == geteuid();
	case 'G':
		return found && st.st_gid == getegid();
	}
	return 0;
}

/* -1, 0 or 1 as file A's modification time is before, at or after B's. */
static int
compare_mtime(const struct stat *a, const struct stat *b)
{
	if (a->st_mtim.tv_sec != b->st_mtim.tv_sec)
		return a->st_mtim.tv_sec < b->st_mtim.tv_sec ? -1 : 1;
	if (a->st_mtim.tv_nsec != b->st_mtim.tv_nsec)
		return a->st_mtim.tv_nsec < b->st_mtim.tv_nsec ? -1 : 1;
	return 0;
}

static int
binary(const char *left, const char *op, const char *right)
{
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(left, right) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(left, right) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(left, right) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(left, right) > 0;
	if (op[1] == 'e' && op[2] == 'f') {
		struct stat a, b;
		return stat(left, &a) == 0 && stat(right, &b) == 0 &&
		       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	}
	if (op[2] == 't' && (op[1] == 'n' || op[1] == 'o')) {
		// A file that is missing is older than any that exists.
		struct stat a, b;
		int have_a = stat(left, &a) == 0, have_b = stat(right, &b) == 0;
		if (op[1] == 'o') {
			return have_b && (!have_a || compare_mtime(&a, &b) < 0);
		}
		return have_a && (!have_b || compare_mtime(&a, &b) > 0);
	}
	long long a = integer(left), b = integer(right);
	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q':
		return a == b;
	case 'n' * 256 + 'e':
		return a != b;
	case 'g' * 256 + 't':
		return a > b;
	case 'g' * 256 + 'e':
		return a >= b;
	case 'l' * 256 + 't':
		return a < b;
	default:
		return a <= b;
	}
}

static int or_expr(void);

static int
primary(void)
{
	if (pos >= nargs)
		syntax("argument expected", NULL);
	const char *arg = args[pos];
	if (pos + 2 < nargs && is_binary(args[pos + 1])) {
		pos += 3;
		return binary(arg, args[pos - 2], args[pos - 1]);
	}
	if (is_unary(arg) && pos + 1 < nargs) {
		pos += 2;
		return unary(arg, args[pos - 1]);
	}
	if (strcmp(arg, "(") == 0 && pos + 1 < nargs) {
		pos++;
		int value = or_expr();
		if (pos >= nargs || strcmp(args[pos], ")") != 0)
			syntax("')' expected", NULL);
		pos++;
		return value;
	}
	pos++;
	return arg[0] != '\0';
}

static int
not_expr(void)
{
	if (pos < nargs && strcmp(args[pos], "!") == 0 && pos + 1 < nargs) {
		pos++;
		return !not_expr();
	}
	return primary();
}

static int
and_expr(void)
{
	int value = not_expr();
	while (pos < nargs && strcmp(args[pos], "-a") == 0) {
		pos++;
		value = not_expr() && value;
	}
	return value;
}

static int
or_expr(void)
{
	int value = and_expr();
	while (pos < nargs && strcmp(args[pos], "-o") == 0) {
		pos++;
		value = and_expr() || value;
	}
	return value;
}

/* POSIX's rules for N (0 to 4) arguments starting at ARGV. */
static int
by_count(char **argv, int n)
{
	switch (n) {
	case 0:
		return 0;
	case 1:
		return argv[0][0] != '\0';
	case 2:
		if (strcmp(argv[0], "!") == 0)
			return !by_count(argv + 1, 1);
		if (is_unary(argv[0]))
			return unary(argv[0], argv[1]);
		break;
	case 3:
		if (is_binary(argv[1]))
			return binary(argv[0], argv[1], argv[2]);
		if (strcmp(argv[0], "!") == 0)
			return !by_count(argv + 1, 2);
		if (strcmp(argv[0], "(") == 0 && strcmp(argv[2], ")") == 0)
			return by_count(argv + 1, 1);
		break;
	case 4:
		if (strcmp(argv[0], "!") == 0)
			return !by_count(argv + 1, 3);
		if (strcmp(argv[0], "(") == 0 && strcmp(argv[3], ")") == 0)
			return by_count(argv + 1, 2);
		break;
	}
	args = argv;
	nargs = n;
	pos = 0;
	int value = or_expr();
	if (pos < nargs)
		syntax("unexpected argument", args[pos]);
	return value;
}

int
main(int argc, char **argv)
{
	prog_init(argv[0]);
	if (strcmp(prog_name, "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0)
			syntax("missing ']'", NULL);
		argc--;
	}
	return !by_count(argv + 1, argc - 1);
}
