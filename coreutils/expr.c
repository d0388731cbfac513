/* expr - evaluate an expression (POSIX.1-2017 expr). */
/*
 * Each operand and operator is a separate argument. Precedence, from
 * lowest: |  &  = > >= < <= !=  + -  * / %  :  and ( ). Values are
 * strings; those that look like integers are compared and computed as
 * integers. Exit status: 0 the result is neither empty nor 0, 1 it is,
 * 2 the expression is invalid, 3 another error.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mini.h"

static char **args;

/* A value: a string, which may also be an integer. */
struct value {
	char *text;
};

static _Noreturn void
invalid(const char *what)
{
	warn_msg("%s", what);
	exit(2);
}

static struct value
make_int(long long n)
{
	struct value v;
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", n);
	v.text = xstrdup(buf);
	return v;
}

static struct value
make_text(const char *text)
{
	struct value v = {xstrdup(text)};
	return v;
}

/* Is V an integer (optional '-', then digits)? Store it in *N if so. */
static int
as_int(struct value v, long long *n)
{
	const char *t = v.text;
	char *end;

	if (*t == '-')
		t++;
	if (*t == '\0' || strspn(t, "0123456789") != strlen(t))
		return 0;
	errno = 0;
	*n = strtoll(v.text, &end, 10);
	if (errno == ERANGE) {
		warn_msg("%s: Numerical result out of range", v.text);
		exit(3);
	}
	return 1;
}

static long long
need_int(struct value v)
{
	long long n;
	if (!as_int(v, &n))
		invalid("non-integer argument");
	return n;
}

static int
is_null(struct value v)
{
	long long n;
	return v.text[0] == '\0' || (as_int(v, &n) && n == 0);
}

static int
is(const char *op)
{
	return *args && strcmp(*args, op) == 0;
}

static struct value or_expr(void);

static struct value
primary(void)
{
	if (!*args)
		invalid("syntax error: missing argument");
	if (is("(")) {
		args++;
		struct value v = or_expr();
		if (!is(")"))
			invalid("syntax error: expecting ')'");
		args++;
		return v;
	}
	return make_text(*args++);
}

/* Die as expr does on a bad regex: with the library's MESSAGE, status 2. */
static _Noreturn void
bad_regex(const char *pattern, const char *message)
{
	warn_msg("%s: %s", pattern, message);
	exit(2);
}

/*
 * STRING : REGEX, a basic regular expression anchored at the start: the
 * length of the match, or with a \( \) group what the group matched.
 */
static struct value
match(struct value string, struct value pattern)
{
	char *anchored = xmalloc(strlen(pattern.text) + 2);
	size_t len = strlen(string.text);
	struct rx_match m[2];
	char message[256];
	struct value result;
	struct rx *re;
	int found;

	anchored[0] = '^';
	strcpy(anchored + 1, pattern.text);
	re = rx_compile(anchored, 0, message, sizeof(message));
	free(anchored);
	if (!re)
		bad_regex(pattern.text, message);
	found = rx_exec(re, string.text, len, 0, 2, m);
	if (rx_groups(re) == 0)
		result = make_int(found ? (long long)m[0].end : 0);
	else if (found && m[1].start != RX_NONE)
		result.text = xstrndup(string.text + m[1].start,
		                       m[1].end - m[1].start);
	else
		result = make_text("");
	rx_free(re);
	return result;
}

static struct value
match_expr(void)
{
	struct value left = primary();
	while (is(":")) {
		args++;
		struct value right = primary();
		struct value v = match(left, right);
		free(left.text);
		free(right.text);
		left = v;
	}
	return left;
}

static struct value
mul_expr(void)
{
	struct value left = match_expr();
	while (is("*") || is("/") || is("%")) {
		char op = **args++;
		struct value right = match_expr();
		long long a = need_int(left), b = need_int(right);
		free(left.text);
		free(right.text);
		if (op != '*' && b == 0) {
			warn_msg("division by zero");
			exit(2);
		}
		left = make_int(op == '*' ? a * b : op == '/' ? a / b : a % b);
	}
	return left;
}

static struct value
add_expr(void)
{
	struct value left = mul_expr();
	while (is("+") || is("-")) {
		char op = **args++;
		struct value right = mul_expr();
		long long a = need_int(left), b = need_int(right);
		free(left.text);
		free(right.text);
		left = make_int(op == '+' ? a + b : a - b);
	}
	return left;
}

static struct value
compare_expr(void)
{
	static const char *const ops[] = {
	        "=", "!=", "<", "<=", ">", ">=", NULL};
	struct value left = add_expr();

	for (;;) {
		int which = -1;
		for (int i = 0; ops[i]; i++)
			if (is(ops[i]))
				which = i;
		if (which < 0)
			return left;
		args++;
		struct value right = add_expr();
		long long a, b;
		int order;
		// Integers compare as numbers, anything else as strings.
		if (as_int(left, &a) && as_int(right, &b))
			order = a < b ? -1 : a > b;
		else
			order = strcoll(left.text, right.text);
		int truth[] = {order == 0, order != 0,
		               order<0, order <= 0, order> 0, order >= 0};
		free(left.text);
		free(right.text);
		left = make_int(truth[which]);
	}
}

static struct value
and_expr(void)
{
	struct value left = compare_expr();
	while (is("&")) {
		args++;
		struct value right = compare_expr();
		if (is_null(left) || is_null(right)) {
			free(left.text);
			left = make_int(0);
		}
		free(right.text);
	}
	return left;
}

static struct value
or_expr(void)
{
	struct value left = and_expr();
	while (is("|")) {
		args++;
		struct value right = and_expr();
		if (is_null(left)) {
			free(left.text);
			left = right;
		} else {
			free(right.text);
		}
	}
	return left;
}

int
main(int argc, char **argv)
{
	(void)argc;
	prog_init(argv[0]);
	args = argv + 1;
	// "--" first is the end of options, as in every utility.
	if (*args && strcmp(*args, "--") == 0 && args[1])
		args++;
	struct value result = or_expr();
	if (*args)
		invalid("syntax error: unexpected argument");
	out_str(&out_stdout, result.text);
	out_char(&out_stdout, '\n');
	int status = is_null(result);
	free(result.text);
	status = finish(status);
	return status == 1 && out_stdout.error ? 3 : status;
}
