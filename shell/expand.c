/*
 * expand.c - words to fields (POSIX XCU 2.6 Word Expansions).
 *
 * A word is read once, left to right, and what it turns into goes into an
 * expansion buffer: every byte with flags saying whether it was quoted and
 * whether it came out of an expansion. The later steps need exactly that:
 * only unquoted results of expansions are split into fields (2.6.5), and
 * only unquoted * ? [ are pattern characters (2.6.6). Quote removal
 * (2.6.7) is simply that quote characters never enter the buffer.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* Flags of a byte in the expansion buffer. */
#define QUOTED 0x01     /* not split, not a pattern character */
#define EXPANDED 0x02   /* came from an unquoted expansion: IFS splits it */
#define HARD_BREAK 0x04 /* no byte: a field ends here, even an empty one */
#define SOFT_BREAK 0x08 /* no byte: a field ends here if it has anything */
#define MARK 0x10       /* no byte: quotes were here, so the field exists */

/* Where the text being expanded stands. */
#define IN_DQUOTE 0x01  /* inside "..." */
#define IN_HEREDOC 0x02 /* a here-document body: " is an ordinary byte */
#define IN_ASSIGN 0x04  /* an assignment value: a tilde may follow ':' */
#define AT_START 0x08   /* the start of a word: a tilde may be here */
#define IN_PARAM 0x10   /* the word in ${x-word}: all of it is splittable */

/* Most words are short: their expansion fits here, with no malloc. */
#define INLINE_BYTES 96

struct expansion {
	char *bytes;
	unsigned char *flags;
	size_t len;
	size_t cap;
	char inline_bytes[INLINE_BYTES];
	unsigned char inline_flags[INLINE_BYTES];
	int failed;   /* an error was reported: the command does not run */
	int empty_at; /* "$@" with no parameters was expanded */
};

static void expand_text(struct expansion *x, const char *s, size_t len,
                        int ctx);

/* Is C special in a pattern, so that a quoted C needs a backslash? */
static int
is_pattern_char(char c)
{
	// '-', '!' and '^' only inside brackets, where ["-"] is not a range.
	return c && strchr("*?[]\\-!^", c) != NULL;
}

/* Start X empty. Not "= {0}": that would clear the inline buffers too. */
static void
expansion_init(struct expansion *x)
{
	x->bytes = NULL;
	x->flags = NULL;
	x->cap = x->len = 0;
	x->failed = x->empty_at = 0;
}

static void
put(struct expansion *x, char c, unsigned char flags)
{
	if (x->len == x->cap) {
		if (x->cap == 0) {
			x->bytes = x->inline_bytes;
			x->flags = x->inline_flags;
			x->cap = INLINE_BYTES;
		} else if (x->bytes == x->inline_bytes) {
			x->cap *= 2;
			x->bytes = xmalloc(x->cap);
			x->flags = xmalloc(x->cap);
			memcpy(x->bytes, x->inline_bytes, x->len);
			memcpy(x->flags, x->inline_flags, x->len);
		} else {
			x->cap *= 2;
			x->bytes = xrealloc(x->bytes, x->cap);
			x->flags = xrealloc(x->flags, x->cap);
		}
	}
	x->bytes[x->len] = c;
	x->flags[x->len++] = flags;
}

/* Put the result of an expansion: quoted, or open to field splitting. */
static void
put_value(struct expansion *x, const char *value, int ctx)
{
	unsigned char flags =
	        ctx & (IN_DQUOTE | IN_HEREDOC) ? QUOTED : EXPANDED;

	for (; value && *value; value++)
		put(x, *value, flags);
}

static void
expansion_free(struct expansion *x)
{
	if (x->cap && x->bytes != x->inline_bytes) {
		free(x->bytes);
		free(x->flags);
	}
}

/*
 * The buffer as one string, written to RESULT: no splitting; field
 * breaks become spaces. The string is never longer than the buffer, so
 * RESULT needs only X->len + 1 bytes.
 */
static char *
join(struct expansion *x, char *result)
{
	size_t len = 0;

	for (size_t i = 0; i < x->len; i++) {
		if (x->flags[i] & (HARD_BREAK | SOFT_BREAK))
			result[len++] = ' ';
		else if (!(x->flags[i] & MARK))
			result[len++] = x->bytes[i];
	}
	result[len] = '\0';
	return result;
}

static void *
expand_error(struct expansion *x, const char *fmt, const char *what, size_t len)
{
	warn_msg(fmt, (int)len, what);
	x->failed = 1;
	return NULL;
}

/*
 * How deep expansions may be inside each other: ${x-${y-...}} and "$(...)"
 * recurse here. The lexer refuses deeper words (lex.c, MAX_NESTING), but
 * a here-document's body is not read by it.
 */
#define MAX_NESTING 1000

/* The nesting of skip_nested and expand_text calls now. */
static int nesting;

/*
 * The index of the ')' that ends the commands of $(...) starting at I in
 * S, found by parsing them as lex.c did; LEN if there is none.
 */
static size_t
subst_end(const char *s, size_t i, size_t len)
{
	struct strbuf text = {0};
	struct input in;
	int line = shell.lineno;
	size_t end = len;

	input_from_string(&in, s + i, len - i);
	in.capture = &text;
	if (parse_subst(&in, &line, nesting + 1) == 0)
		end = i + text.len - 1;
	input_free(&in);
	strbuf_free(&text);
	return end;
}

/*
 * The index of the CLOSER that ends the part of S starting at I, the
 * way lex.c found it: ' " ` or the ) and } of $( and ${. LEN if none,
 * or if the parts nest too deeply to follow (expand_text then refuses).
 */
static size_t
skip_nested(const char *s, size_t i, size_t len, char closer)
{
	int depth = 1;

	if (nesting >= MAX_NESTING)
		return len;
	while (i < len) {
		char c = s[i++];
		char nested = 0;

		if (closer == '\'') {
			if (c == '\'')
				return i - 1;
			continue;
		}
		if (c == '\\') {
			i++;
			continue;
		}
		if (closer == ')' && c == '(')
			depth++;
		if (c == closer && (closer != ')' || --depth == 0))
			return i - 1;
		if (closer == '`')
			continue;
		if (c == '\'' && closer != '"')
			nested = '\'';
		else if (c == '"' && closer != '"')
			nested = '"';
		else if (c == '`')
			nested = '`';
		else if (c == '$' && i < len && s[i] == '(')
			nested = ')';
		else if (c == '$' && i < len && s[i] == '{')
			nested = '}';
		if (nested == ')' || nested == '}')
			i++;
		if (nested) {
			nesting++;
			// $(( is arithmetic, whose parentheses are counted.
			if (nested == ')' && (i >= len || s[i] != '('))
				i = subst_end(s, i, len) + 1;
			else
				i = skip_nested(s, i, len, nested) + 1;
			nesting--;
		}
	}
	return len;
}

/* ---- 2.6.1 Tilde Expansion ---- */

/*
 * Expand the tilde prefix at S (S[0] is '~'). Returns the bytes used, or
 * 0 when this is no tilde prefix (a quote or expansion is in it, or no
 * such user), and the '~' is then an ordinary character.
 */
static size_t
tilde(struct expansion *x, const char *s, size_t len, int ctx)
{
	size_t end = 1;
	const char *home;

	while (end < len && s[end] != '/' &&
	       !((ctx & IN_ASSIGN) && s[end] == ':')) {
		if (strchr("\\'\"$`", s[end]))
			return 0;
		end++;
	}
	if (end == 1) {
		home = var_get("HOME");
		if (!home) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else {
		char *login = xstrndup(s + 1, end - 1);
		struct passwd *pw = getpwnam(login);

		free(login);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return 0;
	put(x, 0, MARK);
	for (; *home; home++)
		put(x, *home, QUOTED);
	return end;
}

/* ---- 2.6.2 Parameter Expansion ---- */

/* Is C one of the special parameters @ * # ? - $ ! (2.5.2)? */
static int
is_special_param(char c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' ||
	       c == '$' || c == '!';
}

/* The length of the parameter name at S: a name, digits, or one special. */
static size_t
param_name_len(const char *s, size_t len, int braced)
{
	size_t n = 0;

	if (len == 0)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {
		// $10 is $1 then 0; only ${10} is the tenth parameter.
		if (!braced)
			return 1;
		while (n < len && s[n] >= '0' && s[n] <= '9')
			n++;
		return n;
	}
	if (is_special_param(s[0]))
		return 1;
	if (!is_name(s, 1))
		return 0;
	// After the first character, digits too: "_" then "a9" are names.
	while (n < len && (is_name(s + n, 1) || (s[n] >= '0' && s[n] <= '9')))
		n++;
	return n;
}

/*
 * The value of the parameter NAME (LEN bytes), other than @ and *, or
 * NULL when it is unset. NUMBER is room for digits.
 */
static const char *
param_value(const char *name, size_t len, char number[32])
{
	long n;

	if (len == 1 && is_special_param(name[0]) && name[0] != '@' &&
	    name[0] != '*') {
		switch (name[0]) {
		case '#':
			snprintf(number, 32, "%zu", shell.params.len);
			break;
		case '?':
			snprintf(number, 32, "%d", shell.last_status);
			break;
		case '$':
			snprintf(number, 32, "%ld", (long)shell.pid);
			break;
		case '!':
			if (!shell.last_bg)
				return NULL;
			snprintf(number, 32, "%ld", (long)shell.last_bg);
			break;
		case '-':
			options_letters(number, 32);
			break;
		}
		return number;
	}
	if (name[0] >= '0' && name[0] <= '9') {
		// The name is all digits (param_name_len): no parsing can
		// fail but by size, and ${99999999999} is as unset as $9 is.
		n = 0;
		for (size_t i = 0; i < len; i++) {
			n = n * 10 + (name[i] - '0');
			if (n > 1L << 30)
				return NULL;
		}
		if (n == 0)
			return shell.arg0;
		return (size_t)n <= shell.params.len ? shell.params.v[n - 1]
		                                     : NULL;
	}
	if (len == 6 && memcmp(name, "LINENO", 6) == 0) {
		snprintf(number, 32, "%d", shell.lineno);
		return number;
	}
	return var_getn(name, len);
}

/*
 * $@ and $*: each parameter a field of its own, except in "$*", which
 * joins them with the first character of IFS.
 */
static void
put_params(struct expansion *x, char which, int ctx)
{
	int quoted = ctx & (IN_DQUOTE | IN_HEREDOC);
	const char *ifs = var_get("IFS");

	if (shell.params.len == 0) {
		if (which == '@' && quoted)
			x->empty_at = 1;
		return;
	}
	for (size_t k = 0; k < shell.params.len; k++) {
		if (k > 0 && which == '*' && quoted) {
			if (!ifs)
				put(x, ' ', QUOTED);
			else if (*ifs)
				put(x, *ifs, QUOTED);
		} else if (k > 0) {
			put(x, 0, quoted ? HARD_BREAK : SOFT_BREAK);
		}
		put_value(x, shell.params.v[k], ctx);
	}
}

/*
 * Expand TEXT as a word on its own and return it as one string, in
 * scratch memory: the caller releases it as soon as it is used.
 */
static char *
expand_to_string(struct expansion *x, const char *text, size_t len, int ctx)
{
	struct expansion sub;
	char *result;

	expansion_init(&sub);
	expand_text(&sub, text, len, ctx);
	if (sub.failed)
		x->failed = 1;
	result = join(&sub, scratch_alloc(sub.len + 1));
	expansion_free(&sub);
	return result;
}

/*
 * Expand TEXT as a pattern for ${x%pattern} and the like: quoted
 * characters lose their special meaning, through a backslash. The
 * pattern is in scratch memory, as for expand_to_string.
 */
static char *
expand_pattern(struct expansion *x, const char *text, size_t len)
{
	struct expansion sub;
	char *pattern;
	size_t pattern_len = 0;

	expansion_init(&sub);
	expand_text(&sub, text, len, AT_START);
	if (sub.failed)
		x->failed = 1;
	// At most a backslash before every byte.
	pattern = scratch_alloc(2 * sub.len + 1);
	for (size_t i = 0; i < sub.len; i++) {
		char c = sub.bytes[i];

		if (sub.flags[i] & (MARK | HARD_BREAK | SOFT_BREAK))
			continue;
		if ((sub.flags[i] & QUOTED) && is_pattern_char(c))
			pattern[pattern_len++] = '\\';
		pattern[pattern_len++] = c;
	}
	pattern[pattern_len] = '\0';
	expansion_free(&sub);
	return pattern;
}

/*
 * ${x#p} ${x##p} ${x%p} ${x%%p}: VALUE without the matching part, which
 * is cut off in place. VALUE is the caller's copy: to match a prefix, a
 * NUL goes after it for the time of the fnmatch. Returns where the rest
 * starts.
 */
static char *
remove_pattern(char *value, const char *pattern, char op, int longest)
{
	size_t len = strlen(value);
	size_t pattern_len = strlen(pattern);
	// A pattern that ends (for #) or starts (for %) with an ordinary
	// character matches only where the value has that character: the
	// other places need no fnmatch.
	char edge = 0;

	if (pattern_len > 0) {
		edge = op == '#' ? pattern[pattern_len - 1] : pattern[0];
		if (strchr("*?[]\\", edge))
			edge = 0;
	}
	for (size_t step = 0; step <= len; step++) {
		// Shortest first: try prefixes (or suffixes) growing from
		// empty; longest first: shrinking from the whole value.
		size_t cut = longest ? len - step : step;

		if (edge && (cut == 0 || (op == '#' ? value[cut - 1]
		                                    : value[len - cut]) != edge))
			continue;
		if (op == '#') {
			char saved = value[cut];
			int match;

			value[cut] = '\0';
			match = pattern_match(pattern, value);
			value[cut] = saved;
			if (match)
				return value + cut;
		} else {
			size_t start = len - cut;
			if (pattern_match(pattern, value + start)) {
				value[start] = '\0';
				return value;
			}
		}
	}
	return value;
}

/*
 * ${...}: TEXT is what is between the braces. The forms are ${x}, ${#x},
 * and ${x OP word} with OP one of - = ? + (each also with a ':' before
 * it, which treats an empty value as unset) and % %% # ##.
 */
static void
braced(struct expansion *x, const char *text, size_t len, int ctx)
{
	size_t name_len, at;
	int length_of = 0, colon = 0, longest = 0;
	char number[32], op = 0;
	const char *name = text;
	const char *value;

	if (len > 1 && text[0] == '#' &&
	    param_name_len(text + 1, len - 1, 1) == len - 1) {
		length_of = 1;
		name++;
		len--;
	}
	name_len = param_name_len(name, len, 1);
	at = name_len;
	if (at < len && name[at] == ':') {
		colon = 1;
		at++;
	}
	if (at < len)
		op = name[at++];
	if (op && strchr("#%", op) && !colon && at < len && name[at] == op) {
		longest = 1;
		at++;
	}
	if (name_len == 0 || (op && !strchr(colon ? "-=?+" : "-=?+#%", op)) ||
	    (colon && !op)) {
		expand_error(x, "${%.*s}: bad substitution", text,
		             (size_t)(name + len - text));
		return;
	}
	const char *word = name + at;
	size_t word_len = len - at;
	int all_params = name_len == 1 && (name[0] == '@' || name[0] == '*');

	if (all_params) {
		value = shell.params.len ? "" : NULL;
	} else {
		value = param_value(name, name_len, number);
	}
	// set -u: ${#x} needs x as much as ${x} does.
	if (!value && !all_params && shell.options[OPT_NOUNSET] &&
	    (!op || length_of || strchr("#%", op))) {
		expand_error(x, "%.*s: parameter not set", name, name_len);
		return;
	}
	if (length_of) {
		size_t n = all_params ? shell.params.len
		                      : (value ? strlen(value) : 0);
		snprintf(number, sizeof(number), "%zu", n);
		put_value(x, number, ctx);
		return;
	}
	int missing = !value || (colon && !*value && !all_params);
	if (all_params && colon && shell.params.len == 1 && !*shell.params.v[0])
		missing = 1;

	switch (op) {
	case '-':
		if (missing) {
			expand_text(x, word, word_len,
			            ctx | AT_START | IN_PARAM);
			return;
		}
		break;
	case '=':
		if (missing) {
			struct scratch_mark mark = scratch_mark();
			char *assigned;

			if (!is_name(name, name_len)) {
				expand_error(x,
				             "%.*s: cannot assign in this way",
				             name, name_len);
				return;
			}
			assigned = expand_to_string(x, word, word_len,
			                            ctx | AT_START);
			// A read-only variable is an expansion error (2.8.1).
			if (var_set(name, name_len, assigned, 0) < 0)
				x->failed = 1;
			else
				put_value(x, assigned, ctx);
			scratch_release(mark);
			return;
		}
		break;
	case '?':
		if (missing) {
			struct scratch_mark mark = scratch_mark();
			const char *message = expand_to_string(x, word, word_len,
			                                       ctx | AT_START);

			if (!*message)
				message = value ? "parameter null"
				                : "parameter not set";
			warn_msg("%.*s: %s", (int)name_len, name, message);
			scratch_release(mark);
			x->failed = 1;
			return;
		}
		break;
	case '+':
		if (!missing)
			expand_text(x, word, word_len,
			            ctx | AT_START | IN_PARAM);
		return;
	case '#':
	case '%':
		if (value && !all_params) {
			// The pattern may assign the variable, ${x#$((x=1))},
			// and free VALUE: it is taken before, as dash does.
			struct scratch_mark mark = scratch_mark();
			char *before = scratch_strndup(value, strlen(value));
			char *pattern = expand_pattern(x, word, word_len);

			put_value(x, remove_pattern(before, pattern, op, longest),
			          ctx);
			scratch_release(mark);
		}
		return;
	}
	if (all_params)
		put_params(x, name[0], ctx);
	else
		put_value(x, value, ctx);
}

/* ---- 2.6.3 Command Substitution ---- */

static void
command_subst(struct expansion *x, const char *text, size_t len, int ctx)
{
	char *output = command_output(text, len);

	put_value(x, output, ctx);
	free(output);
}

/*
 * `...`: inside backquotes a backslash quotes only $ ` and \ (and " when
 * the backquotes are in double quotes or a here-document, as in dash);
 * the rest is the command.
 */
static void
backquote_subst(struct expansion *x, const char *text, size_t len, int ctx)
{
	struct strbuf command = {0};

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\\' && i + 1 < len &&
		    (strchr("$`\\", text[i + 1]) ||
		     (text[i + 1] == '"' && (ctx & (IN_DQUOTE | IN_HEREDOC)))))
			i++;
		strbuf_addc(&command, text[i]);
	}
	command_subst(x, command.s ? command.s : "", command.len, ctx);
	strbuf_free(&command);
}

/* ---- 2.6.4 Arithmetic Expansion ---- */

/* VALUE in decimal, written at the end of BUF (32 bytes); returns it. */
static char *
format_long(char buf[32], long value)
{
	unsigned long n = value < 0 ? -(unsigned long)value : (unsigned long)value;
	char *p = buf + 31;

	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	if (value < 0)
		*--p = '-';
	return p;
}

/*
 * The index of the "))" that ends $(( at S[I], or LEN when the parentheses
 * close apart: then it was $( ( ... ) ), a command substitution.
 */
static size_t
arith_end(const char *s, size_t i, size_t len)
{
	int depth = 0;

	for (; i < len; i++) {
		if (s[i] == '(') {
			depth++;
		} else if (s[i] == ')') {
			if (depth == 0)
				return i + 1 < len && s[i + 1] == ')' ? i : len;
			depth--;
		}
	}
	return len;
}

static void
arith_subst(struct expansion *x, const char *text, size_t len, int ctx)
{
	struct scratch_mark mark = scratch_mark();
	char *expr = expand_to_string(x, text, len, IN_DQUOTE);
	char number[32];
	long value;

	if (!x->failed) {
		if (arith_eval(expr, &value) < 0)
			x->failed = 1;
		else
			put_value(x, format_long(number, value), ctx);
	}
	scratch_release(mark);
}

/* Expand the $ form at S[I]; return the index after it. */
static size_t
dollar(struct expansion *x, const char *s, size_t i, size_t len, int ctx)
{
	size_t start = i + 1, end, name_len;
	char number[32];

	if (start < len && s[start] == '{') {
		end = skip_nested(s, start + 1, len, '}');
		braced(x, s + start + 1, end - start - 1, ctx & ~AT_START);
		return end + 1;
	}
	if (start < len && s[start] == '(') {
		if (start + 1 < len && s[start + 1] == '(' &&
		    (end = arith_end(s, start + 2, len)) < len) {
			arith_subst(x, s + start + 2, end - start - 2, ctx);
			return end + 2;
		}
		if (start + 1 < len && s[start + 1] == '(')
			end = skip_nested(s, start + 1, len, ')');
		else
			end = subst_end(s, start + 1, len);
		command_subst(x, s + start + 1, end - start - 1, ctx);
		return end + 1;
	}
	name_len = param_name_len(s + start, len - start, 0);
	if (name_len == 0) {
		// A '$' that starts nothing is itself.
		put(x, '$', ctx & (IN_DQUOTE | IN_HEREDOC) ? QUOTED : 0);
		return start;
	}
	if (name_len == 1 && (s[start] == '@' || s[start] == '*')) {
		put_params(x, s[start], ctx);
	} else {
		const char *value = param_value(s + start, name_len, number);

		if (!value && shell.options[OPT_NOUNSET] && s[start] != '!') {
			expand_error(x, "%.*s: parameter not set", s + start,
			             name_len);
			return len;
		}
		put_value(x, value, ctx);
	}
	return start + name_len;
}

/*
 * Expand S (LEN bytes) into X. CTX says what surrounds it: an unquoted
 * word, double quotes, or a here-document body.
 */
static void
expand_text(struct expansion *x, const char *s, size_t len, int ctx)
{
	int quoted = ctx & (IN_DQUOTE | IN_HEREDOC);
	size_t i = 0, end;

	if (nesting >= MAX_NESTING) {
		warn_msg("expansions nested too deeply");
		x->failed = 1;
		return;
	}
	nesting++;
	if ((ctx & AT_START) && !quoted && len > 0 && s[0] == '~')
		i = tilde(x, s, len, ctx);
	while (i < len && !x->failed) {
		char c = s[i];

		switch (c) {
		case '\\':
			// Unquoted, a backslash quotes the next character; in
			// double quotes only when that is special there.
			if (i + 1 == len) {
				put(x, c, QUOTED);
				i++;
			} else if (!quoted ||
			           strchr(ctx & IN_HEREDOC ? "$`\\\n"
			                                   : "$`\"\\\n",
			                  s[i + 1])) {
				if (s[i + 1] != '\n')
					put(x, s[i + 1], QUOTED);
				i += 2;
			} else {
				put(x, c, QUOTED);
				i++;
			}
			break;
		case '\'':
			if (quoted) {
				put(x, c, QUOTED);
				i++;
				break;
			}
			end = skip_nested(s, i + 1, len, '\'');
			put(x, 0, MARK);
			for (i++; i < end; i++)
				put(x, s[i], QUOTED);
			i = end + 1;
			break;
		case '"': {
			if (ctx & IN_HEREDOC) {
				put(x, c, QUOTED);
				i++;
				break;
			}
			size_t before = x->len;
			int saved_empty_at = x->empty_at;

			end = skip_nested(s, i + 1, len, '"');
			x->empty_at = 0;
			expand_text(x, s + i + 1, end - i - 1,
			            (ctx & ~AT_START) | IN_DQUOTE);
			// "$@" with no parameters makes no field at all, not
			// even the empty one "" makes.
			if (!(x->empty_at && x->len == before))
				put(x, 0, MARK);
			x->empty_at = saved_empty_at;
			i = end + 1;
			break;
		}
		case '$':
			i = dollar(x, s, i, len, ctx);
			break;
		case '`':
			end = skip_nested(s, i + 1, len, '`');
			backquote_subst(x, s + i + 1, end - i - 1, ctx);
			i = end + 1;
			break;
		default:
			// Text in ${x-word} is part of the expansion's result,
			// so field splitting applies to it (2.6.5).
			put(x, c,
			    quoted           ? QUOTED
			    : ctx & IN_PARAM ? EXPANDED
			                     : 0);
			i++;
			// In an assignment, PATH=~/bin:~/sbin has two tildes.
			if (c == ':' && (ctx & IN_ASSIGN) && !quoted &&
			    i < len && s[i] == '~')
				i += tilde(x, s + i, len - i, ctx);
			break;
		}
	}
	nesting--;
}

/* ---- 2.6.5 Field Splitting and 2.6.6 Pathname Expansion ---- */

struct field {
	char *text;   /* the field, quotes removed, in scratch memory */
	size_t len;
	size_t start; /* the entry of the expansion its first byte came from */
	int exists;            /* it has bytes, or had quotes */
	int has_glob;          /* an unquoted * ? or [...] is in it */
	int open_bracket;      /* an unquoted [ is in it */
};

/*
 * The field that ends before entry END of X as a pattern: its quoted
 * * ? [ ] \ escaped with a backslash. Only a field that is a pattern
 * needs it, so it is made only then, from the entries of X: between the
 * field's first byte and END there are only its bytes and quote marks.
 */
static char *
field_pattern(struct expansion *x, size_t end, struct field *field)
{
	char *pattern = scratch_alloc(2 * (end - field->start) + 1);
	size_t len = 0;

	for (size_t i = field->start; i < end; i++) {
		if (x->flags[i] & MARK)
			continue;
		if ((x->flags[i] & QUOTED) && is_pattern_char(x->bytes[i]))
			pattern[len++] = '\\';
		pattern[len++] = x->bytes[i];
	}
	pattern[len] = '\0';
	return pattern;
}

/* Add the field that ends before entry END of X to FIELDS, expanded as a
 * pathname pattern if it is one; the next field is written after it. */
static void
end_field(struct expansion *x, size_t end, struct field *field,
          struct strvec *fields)
{
	field->text[field->len] = '\0';
	if (!field->has_glob || shell.options[OPT_NOGLOB] ||
	    expand_pathname(field_pattern(x, end, field), fields) == 0)
		scratch_push(fields, field->text);
	field->text += field->len + 1;
	field->len = 0;
	field->exists = field->has_glob = field->open_bracket = 0;
}

/* Is C in IFS? strchr, without its setup cost: every byte an unquoted
 * expansion gives is looked at. */
static int
is_ifs(const char *ifs, char c)
{
	for (; *ifs; ifs++)
		if (*ifs == c)
			return 1;
	return 0;
}

/*
 * The fields' text is written straight into one block of scratch memory.
 * Each field is made of bytes of X, and every field but the last ends at
 * an entry of X that is in no field (a break, or an IFS character), which
 * leaves room for its NUL: so X->len + 1 bytes hold them all.
 */
static void
split_fields(struct expansion *x, struct strvec *fields)
{
	const char *ifs = var_get("IFS");
	struct field field = {0};
	int after_white = 0; /* a field just ended at IFS white space */

	if (!ifs)
		ifs = " \t\n";
	field.text = scratch_alloc(x->len + 1);
	for (size_t i = 0; i < x->len; i++) {
		char c = x->bytes[i];
		unsigned char flags = x->flags[i];

		if (flags & MARK) {
			field.exists = 1;
			continue;
		}
		if ((flags & HARD_BREAK) ||
		    ((flags & SOFT_BREAK) && field.exists)) {
			end_field(x, i, &field, fields);
			continue;
		}
		if (flags & SOFT_BREAK)
			continue;
		if ((flags & EXPANDED) && c && is_ifs(ifs, c)) {
			// White space only separates fields; a:b::c with
			// IFS=: gives an empty field between the two colons.
			if (c == ' ' || c == '\t' || c == '\n') {
				if (field.exists) {
					end_field(x, i, &field, fields);
					after_white = 1;
				}
			} else {
				if (field.exists || !after_white)
					end_field(x, i, &field, fields);
				after_white = 0;
			}
			continue;
		}
		if (field.len == 0)
			field.start = i;
		field.text[field.len++] = c;
		// A '[' is a pattern only with a ']' after it: "[" alone,
		// the test command, must not make the shell read the
		// directory.
		if (!(flags & QUOTED) && (c == '*' || c == '?' ||
		                          (c == ']' && field.open_bracket)))
			field.has_glob = 1;
		if (!(flags & QUOTED) && c == '[')
			field.open_bracket = 1;
		field.exists = 1;
		after_white = 0;
	}
	if (field.exists)
		end_field(x, x->len, &field, fields);
}

/* ---- the entry points ---- */

/* Does WORD hold a quote, an expansion, a tilde or a pattern character?
 * A switch, which the compiler makes a table: every word is looked at. */
static int
needs_expansion(const char *word)
{
	for (; *word; word++) {
		switch (*word) {
		case '$':
		case '\'':
		case '"':
		case '\\':
		case '`':
		case '*':
		case '?':
		case '[':
		case '~':
			return 1;
		}
	}
	return 0;
}

int
expand_fields(const struct strvec *words, struct strvec *fields)
{
	for (size_t i = 0; i < words->len; i++) {
		struct expansion x;
		const char *word = words->v[i];

		// A word with nothing to expand is its own field.
		if (*word && !needs_expansion(word)) {
			scratch_push(fields, scratch_strndup(word, strlen(word)));
			continue;
		}
		expansion_init(&x);
		expand_text(&x, word, strlen(word), AT_START);
		if (!x.failed)
			split_fields(&x, fields);
		expansion_free(&x);
		if (x.failed)
			return -1;
	}
	return 0;
}

char *
expand_word(const char *word, int assign)
{
	struct expansion x;
	char *result = NULL;

	expansion_init(&x);
	expand_text(&x, word, strlen(word),
	            AT_START | (assign ? IN_ASSIGN : 0));
	if (!x.failed)
		result = join(&x, scratch_alloc(x.len + 1));
	expansion_free(&x);
	return result;
}

char *
expand_heredoc(const char *body)
{
	struct expansion x;
	char *result = NULL;

	expansion_init(&x);
	expand_text(&x, body, strlen(body), IN_HEREDOC);
	if (!x.failed)
		result = join(&x, scratch_alloc(x.len + 1));
	expansion_free(&x);
	return result;
}

char *
expand_case_pattern(const char *word)
{
	struct expansion x;
	char *pattern;

	expansion_init(&x);
	pattern = expand_pattern(&x, word, strlen(word));
	expansion_free(&x);
	return x.failed ? NULL : pattern;
}

int
pattern_match(const char *pattern, const char *string)
{
	// Most patterns are plain text (a case's words): strcmp for those.
	if (strpbrk(pattern, "*?[\\"))
		return pattern_matches(pattern, string, 0);
	return strcmp(pattern, string) == 0;
}
