/*
 * builtin/test.c - test and [ (POSIX XCU test), a builtin for speed.
 *
 * With up to four arguments the standard says exactly how to read them
 * (by their number); beyond that, and for the XSI -a, -o and parentheses,
 * a recursive-descent parser: or_expr, and_expr, not_expr, primary.
 */
#include <limits.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sh.h"

struct test {
	char **args;
	int left;
	int error;
};

static const char *const unary_ops = "bcdefghknprsStuwxzLOG";

static int
is_unary(const char *arg)
{
	return arg[0] == '-' && arg[1] && !arg[2] && strchr(unary_ops, arg[1]);
}

static const char *const binary_ops[] = {
        "=", "!=", "<", ">", "-eq", "-ne", "-gt", "-ge", "-lt", "-le",
        "-nt", "-ot", "-ef", NULL,
};

static int
is_binary(const char *arg)
{
	for (int i = 0; binary_ops[i]; i++)
		if (strcmp(arg, binary_ops[i]) == 0)
			return 1;
	return 0;
}

static void
bad(struct test *t, const char *what, const char *arg)
{
	if (!t->error)
		warn_msg("test: %s%s%s", arg ? arg : "", arg ? ": " : "", what);
	t->error = 1;
}

static intmax_t
integer(struct test *t, const char *arg)
{
	char *end;
	intmax_t n;

	while (*arg == ' ' || *arg == '\t')
		arg++;
	// A few plain digits, the usual case, need no strtoimax.
	if (*arg >= '0' && *arg <= '9' && strlen(arg) < 18) {
		const char *p = arg;

		for (n = 0; *p >= '0' && *p <= '9'; p++)
			n = n * 10 + (*p - '0');
		if (!*p)
			return n;
	}
	n = strtoimax(arg, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == arg || *end || !*arg)
		bad(t, "bad number", arg);
	return n;
}

static int
unary(struct test *t, char op, const char *arg)
{
	struct stat st;

	switch (op) {
	case 'n':
		return *arg != '\0';
	case 'z':
		return *arg == '\0';
	case 't':
		return isatty((int)integer(t, arg));
	case 'h':
	case 'L':
		return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	case 'r':
		return access(arg, R_OK) == 0;
	case 'w':
		return access(arg, W_OK) == 0;
	case 'x':
		return access(arg, X_OK) == 0;
	}
	if (stat(arg, &st) < 0)
		return 0;
	switch (op) {
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 'e':
		return 1;
	case 'f':
		return S_ISREG(st.st_mode);
	case 'g':
		return (st.st_mode & S_ISGID) != 0;
	case 'k':
		return (st.st_mode & S_ISVTX) != 0;
	case 'p':
		return S_ISFIFO(st.st_mode);
	case 's':
		return st.st_size > 0;
	case 'S':
		return S_ISSOCK(st.st_mode);
	case 'u':
		return (st.st_mode & S_ISUID) != 0;
	case 'O':
		return st.st_uid == geteuid();
	case 'G':
		return st.st_gid == getegid();
	}
	return 0;
}

/* Is file A newer (or older) than B? A missing file is older than any. */
static int
newer(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) < 0)
		return 0;
	if (stat(b, &sb) < 0)
		return 1;
	if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
		return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec;
	return sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec;
}

static int
binary(struct test *t, const char *a, const char *op, const char *b)
{
	struct stat sa, sb;

	if (strcmp(op, "=") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(a, b) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(a, b) > 0;
	if (strcmp(op, "-nt") == 0)
		return newer(a, b);
	if (strcmp(op, "-ot") == 0)
		return newer(b, a);
	if (strcmp(op, "-ef") == 0)
		return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
		       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	intmax_t x = integer(t, a), y = integer(t, b);
	if (strcmp(op, "-eq") == 0)
		return x == y;
	if (strcmp(op, "-ne") == 0)
		return x != y;
	if (strcmp(op, "-gt") == 0)
		return x > y;
	if (strcmp(op, "-ge") == 0)
		return x >= y;
	if (strcmp(op, "-lt") == 0)
		return x < y;
	return x <= y;
}

static const char *
next(struct test *t)
{
	if (t->left == 0) {
		bad(t, "argument expected", NULL);
		return "";
	}
	t->left--;
	return *t->args++;
}

static int or_expr(struct test *t);

static int
primary(struct test *t)
{
	const char *arg = next(t);

	if (strcmp(arg, "(") == 0 && t->left > 0) {
		int value = or_expr(t);

		if (t->left == 0 || strcmp(*t->args, ")") != 0)
			bad(t, "missing )", NULL);
		else
			next(t);
		return value;
	}
	if (t->left >= 2 && is_binary(t->args[0])) {
		const char *op = next(t);
		return binary(t, arg, op, next(t));
	}
	if (is_unary(arg) && t->left > 0)
		return unary(t, arg[1], next(t));
	return *arg != '\0';
}

static int
not_expr(struct test *t)
{
	if (t->left > 0 && strcmp(*t->args, "!") == 0) {
		next(t);
		return !not_expr(t);
	}
	return primary(t);
}

static int
and_expr(struct test *t)
{
	int value = not_expr(t);

	while (t->left > 0 && strcmp(*t->args, "-a") == 0) {
		next(t);
		value = not_expr(t) && value;
	}
	return value;
}

static int
or_expr(struct test *t)
{
	int value = and_expr(t);

	while (t->left > 0 && strcmp(*t->args, "-o") == 0) {
		next(t);
		value = or_expr(t) || value;
	}
	return value;
}

/* The standard's reading of 0 to 4 arguments, by their number. */
static int
by_count(struct test *t, char **a, int n)
{
	switch (n) {
	case 0:
		return 0;
	case 1:
		return *a[0] != '\0';
	case 2:
		if (strcmp(a[0], "!") == 0)
			return *a[1] == '\0';
		if (is_unary(a[0]))
			return unary(t, a[0][1], a[1]);
		break;
	case 3:
		if (is_binary(a[1]))
			return binary(t, a[0], a[1], a[2]);
		if (strcmp(a[0], "!") == 0)
			return !by_count(t, a + 1, 2);
		if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
			return *a[1] != '\0';
		break;
	case 4:
		if (strcmp(a[0], "!") == 0)
			return !by_count(t, a + 1, 3);
		if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
			return by_count(t, a + 1, 2);
		break;
	}
	t->args = a;
	t->left = n;
	int value = or_expr(t);
	if (t->left > 0)
		bad(t, "unexpected operator", *t->args);
	return value;
}

int
bi_test(int argc, char **argv)
{
	struct test t = {0};
	int value;

	if (argv[0][0] == '[') {
		if (strcmp(argv[argc - 1], "]") != 0) {
			warn_msg("[: missing ]");
			return 2;
		}
		argc--;
	}
	value = by_count(&t, argv + 1, argc - 1);
	if (t.error)
		return 2;
	return !value;
}
