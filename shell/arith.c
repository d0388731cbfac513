/*
 * arith.c - arithmetic expansion, $(( expression )) (POSIX XCU 2.6.4).
 *
 * The expression, already expanded for parameters and commands, is
 * evaluated in signed long arithmetic with the C operators the standard
 * lists, by precedence climbing: one function per precedence level, from
 * the comma-free assignment down to unary operators and primaries.
 * Variables are named without '$'; an unset or empty one is 0.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
	const char *expr; /* the whole expression, for messages */
	const char *p;    /* the next character */
	int skip;         /* inside an untaken branch: evaluate, assign nothing */
	int failed;
	int depth;        /* parentheses open */
	int nesting;      /* unary, conditional, assignment calls now open */
};

static long assignment(struct arith *a);

static void
error(struct arith *a, const char *why)
{
	// A long expression is cut: the message is to find it, not to
	// repeat it.
	if (!a->failed)
		warn_msg("arithmetic expression: %s: \"%.64s%s\"", why, a->expr,
		         strlen(a->expr) > 64 ? "..." : "");
	a->failed = 1;
}

static void
skip_space(struct arith *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

/* Take the operator OP if it comes next, and not as part of a longer one. */
static int
take(struct arith *a, const char *op)
{
	size_t len;

	skip_space(a);
	if (*a->p != op[0])
		return 0;
	len = op[1] ? 2 : 1;
	if (len == 2 && a->p[1] != op[1])
		return 0;
	// "<" must not take the start of "<<" or "<=", "&" not of "&&"...
	if (len == 1 && a->p[1] && strchr("<>&|=", op[0]) &&
	    (a->p[1] == op[0] || (a->p[1] == '=' && op[0] != '=')))
		return 0;
	if (len == 1 && a->p[1] == '=' && strchr("*/%+-^!~", op[0]))
		return 0;
	if (len == 2 && a->p[2] == '=' && (op[0] == '<' || op[0] == '>') &&
	    op[1] == op[0])
		return 0;
	a->p += len;
	return 1;
}

/* A number as the standard allows: decimal, 0 octal, or 0x hex. */
static long
number_value(struct arith *a, const char *text, const char **end)
{
	char *stop;
	long value;

	// Plain decimal, the usual case, needs no strtol: a short number
	// cannot overflow, and a longer one or another base goes to it.
	if (text[0] >= '1' && text[0] <= '9') {
		const char *p = text;

		value = 0;
		while (*p >= '0' && *p <= '9' && p - text < 18)
			value = value * 10 + (*p++ - '0');
		if (!(*p >= '0' && *p <= '9') && !isalpha((unsigned char)*p) &&
		    *p != '_') {
			*end = p;
			return value;
		}
	}
	errno = 0;
	value = strtol(text, &stop, 0);
	if (errno || isalnum((unsigned char)*stop) || *stop == '_') {
		error(a, "bad number");
		return 0;
	}
	*end = stop;
	return value;
}

/* The value of variable NAME: a number, or 0 when unset or empty. */
static long
variable_value(struct arith *a, const char *name, size_t len)
{
	const char *value = var_getn(name, len);
	const char *end;
	long n;

	if (!value || !*value) {
		if (!value && shell.options[OPT_NOUNSET]) {
			warn_msg("%.*s: parameter not set", (int)len, name);
			a->failed = 1;
		}
		return 0;
	}
	while (isspace((unsigned char)*value))
		value++;
	n = number_value(a, value, &end);
	return n;
}

static void
set_variable(struct arith *a, const char *name, size_t name_len, long value)
{
	char text[32];
	char *p = text + sizeof(text) - 1;
	unsigned long n = value < 0 ? -(unsigned long)value : (unsigned long)value;

	if (a->skip || a->failed)
		return;
	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	if (value < 0)
		*--p = '-';
	if (var_set(name, name_len, p, 0) < 0)
		a->failed = 1;
}

static long
primary(struct arith *a)
{
	skip_space(a);
	if (take(a, "(")) {
		long value;

		// Parentheses nest by recursion: refuse before the stack ends.
		if (++a->depth > 1000) {
			error(a, "nested too deeply");
			return 0;
		}
		value = assignment(a);
		a->depth--;

		if (!take(a, ")"))
			error(a, "missing )");
		return value;
	}
	if (isdigit((unsigned char)*a->p))
		return number_value(a, a->p, &a->p);
	if (isalpha((unsigned char)*a->p) || *a->p == '_') {
		const char *start = a->p;

		while (isalnum((unsigned char)*a->p) || *a->p == '_')
			a->p++;
		return variable_value(a, start, (size_t)(a->p - start));
	}
	error(a, *a->p ? "syntax error" : "missing operand");
	return 0;
}

/*
 * Unary operators, ?: and assignments nest by calling themselves, as
 * parentheses do through primary: "- - - 1" and "a = b = c" are as deep
 * as they are long. Deeper than this is an error, before the stack ends.
 */
#define MAX_NESTING 1000

static long unary_operator(struct arith *a);

static long
unary(struct arith *a)
{
	long value = 0;

	if (++a->nesting > MAX_NESTING)
		error(a, "nested too deeply");
	else
		value = unary_operator(a);
	a->nesting--;
	return value;
}

static long
unary_operator(struct arith *a)
{
	if (take(a, "+"))
		return unary(a);
	if (take(a, "-"))
		return -(unsigned long)unary(a);
	if (take(a, "~"))
		return ~unary(a);
	if (take(a, "!"))
		return !unary(a);
	return primary(a);
}

/* Division and remainder: by zero is an error, LONG_MIN / -1 overflows. */
static long
divide(struct arith *a, long left, long right, char op)
{
	if (right == 0) {
		if (!a->skip)
			error(a, "division by zero");
		return 0;
	}
	if (right == -1)
		return op == '/' ? -(unsigned long)left : 0;
	return op == '/' ? left / right : left % right;
}

/* The binary operators, by precedence: a higher level binds tighter. */
enum binop {
	OP_NONE, OP_OR, OP_AND, OP_BOR, OP_XOR, OP_BAND, OP_EQ, OP_NE,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_SHL, OP_SHR, OP_ADD, OP_SUB,
	OP_MUL, OP_DIV, OP_MOD,
};

static const unsigned char precedence[] = {
        [OP_NONE] = 0, [OP_OR] = 1,  [OP_AND] = 2, [OP_BOR] = 3,
        [OP_XOR] = 4,  [OP_BAND] = 5, [OP_EQ] = 6, [OP_NE] = 6,
        [OP_LT] = 7,   [OP_LE] = 7,  [OP_GT] = 7,  [OP_GE] = 7,
        [OP_SHL] = 8,  [OP_SHR] = 8, [OP_ADD] = 9, [OP_SUB] = 9,
        [OP_MUL] = 10, [OP_DIV] = 10, [OP_MOD] = 10,
};

/*
 * The binary operator at the next character, and its length in *LEN.
 * An assignment operator (+= <<= ...) or ?: is none: the levels above
 * handle those.
 */
static enum binop
peek_binop(struct arith *a, size_t *len)
{
	const char *p;

	skip_space(a);
	p = a->p;
	*len = 2;
	// At the end there is no p[1] to look at.
	if (p[0] == '\0')
		return OP_NONE;
	switch (p[0]) {
	case '|':
		if (p[1] == '|')
			return OP_OR;
		*len = 1;
		return p[1] == '=' ? OP_NONE : OP_BOR;
	case '&':
		if (p[1] == '&')
			return OP_AND;
		*len = 1;
		return p[1] == '=' ? OP_NONE : OP_BAND;
	case '^':
		*len = 1;
		return p[1] == '=' ? OP_NONE : OP_XOR;
	case '=':
		return p[1] == '=' ? OP_EQ : OP_NONE;
	case '!':
		return p[1] == '=' ? OP_NE : OP_NONE;
	case '<':
		if (p[1] == '<')
			return p[2] == '=' ? OP_NONE : OP_SHL;
		if (p[1] == '=')
			return OP_LE;
		*len = 1;
		return OP_LT;
	case '>':
		if (p[1] == '>')
			return p[2] == '=' ? OP_NONE : OP_SHR;
		if (p[1] == '=')
			return OP_GE;
		*len = 1;
		return OP_GT;
	}
	*len = 1;
	if (p[1] == '=')
		return OP_NONE;
	switch (p[0]) {
	case '+':
		return OP_ADD;
	case '-':
		return OP_SUB;
	case '*':
		return OP_MUL;
	case '/':
		return OP_DIV;
	case '%':
		return OP_MOD;
	}
	return OP_NONE;
}

static long
apply(struct arith *a, enum binop op, long l, long r)
{
	switch (op) {
	case OP_BOR:
		return l | r;
	case OP_XOR:
		return l ^ r;
	case OP_BAND:
		return l & r;
	case OP_EQ:
		return l == r;
	case OP_NE:
		return l != r;
	case OP_LT:
		return l < r;
	case OP_LE:
		return l <= r;
	case OP_GT:
		return l > r;
	case OP_GE:
		return l >= r;
	case OP_SHL:
		return (long)((unsigned long)l << (r & 63));
	case OP_SHR:
		return l >> (r & 63);
	case OP_ADD:
		return (long)((unsigned long)l + (unsigned long)r);
	case OP_SUB:
		return (long)((unsigned long)l - (unsigned long)r);
	case OP_MUL:
		return (long)((unsigned long)l * (unsigned long)r);
	case OP_DIV:
		return divide(a, l, r, '/');
	case OP_MOD:
		return divide(a, l, r, '%');
	default:
		return 0;
	}
}

/*
 * Precedence climbing: the operand, then every operator that binds at
 * least as tightly as MIN_LEVEL, each with a right side that binds
 * tighter (all of them are left-associative). The right side of && and
 * || is evaluated but assigns nothing when the left side decides.
 */
static long
binary(struct arith *a, int min_level)
{
	long value = unary(a);

	for (;;) {
		size_t len;
		enum binop op = peek_binop(a, &len);
		int level = precedence[op];
		int saved = a->skip;
		long right;

		if (op == OP_NONE || level < min_level)
			return value;
		a->p += len;
		if (op == OP_AND)
			a->skip |= !value;
		else if (op == OP_OR)
			a->skip |= value != 0;
		right = binary(a, level + 1);
		a->skip = saved;
		if (op == OP_AND)
			value = value && right;
		else if (op == OP_OR)
			value = value || right;
		else
			value = apply(a, op, value, right);
	}
}

static long
logical_or(struct arith *a)
{
	return binary(a, 1);
}

static long
conditional(struct arith *a)
{
	long cond = logical_or(a);
	int saved = a->skip;
	long yes, no;

	if (!take(a, "?"))
		return cond;
	a->skip = saved || !cond;
	yes = assignment(a);
	if (!take(a, ":"))
		error(a, "missing :");
	a->skip = saved || cond;
	if (++a->nesting > MAX_NESTING)
		error(a, "nested too deeply");
	no = a->failed ? 0 : conditional(a);
	a->nesting--;
	a->skip = saved;
	return cond ? yes : no;
}

/* NAME op= value, where op is one of these (or nothing, for plain =). */
static const char *const assign_ops[] = {
        "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=", "=",
};

static long
assignment(struct arith *a)
{
	const char *start, *after;
	size_t name_len = 0;

	skip_space(a);
	start = a->p;
	while (isalnum((unsigned char)start[name_len]) || start[name_len] == '_')
		name_len++;
	if (name_len == 0 || isdigit((unsigned char)*start))
		return conditional(a);
	after = start + name_len;
	while (isspace((unsigned char)*after))
		after++;
	// Every assignment operator ends in '=' within its first 3 bytes.
	if (!(after[0] == '=' || (after[0] && after[1] == '=') ||
	      (after[0] && after[1] && after[2] == '=')))
		return conditional(a);
	for (size_t i = 0; i < sizeof(assign_ops) / sizeof(*assign_ops); i++) {
		const char *op = assign_ops[i];
		size_t op_len = strlen(op);
		long value, right;

		if (strncmp(after, op, op_len) != 0 ||
		    (op_len == 1 && after[1] == '='))
			continue;
		a->p = after + op_len;
		if (++a->nesting > MAX_NESTING)
			error(a, "nested too deeply");
		right = a->failed ? 0 : assignment(a);
		a->nesting--;
		value = op_len == 1 ? right : variable_value(a, start, name_len);
		switch (op[0]) {
		case '*':
			value = (long)((unsigned long)value * right);
			break;
		case '/':
		case '%':
			value = divide(a, value, right, op[0]);
			break;
		case '+':
			value = (long)((unsigned long)value + right);
			break;
		case '-':
			value = (long)((unsigned long)value - right);
			break;
		case '<':
			value = (long)((unsigned long)value << (right & 63));
			break;
		case '>':
			value >>= right & 63;
			break;
		case '&':
			value &= right;
			break;
		case '^':
			value ^= right;
			break;
		case '|':
			value |= right;
			break;
		}
		set_variable(a, start, name_len, value);
		return value;
	}
	return conditional(a);
}

int
arith_eval(const char *expr, long *result)
{
	struct arith a = {expr, expr, 0, 0, 0, 0};

	skip_space(&a);
	// An empty expression is 0, as in dash and bash.
	*result = *a.p ? assignment(&a) : 0;
	skip_space(&a);
	if (*a.p && !a.failed)
		error(&a, "syntax error");
	return a.failed ? -1 : 0;
}
