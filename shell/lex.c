/*
 * lex.c - characters to tokens (POSIX XCU 2.3 Token Recognition).
 *
 * A word keeps its quotes and $ forms exactly as written; expand.c reads
 * them again later. The lexer only has to know where a word ends, which
 * means following quotes, $(...), ${...} and `...` to their ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static const struct {
	const char *text;
	enum tok_type type;
} operators[] = {
        {"&", T_AMP},       {"&&", T_AND_IF},     {"|", T_PIPE},
        {"||", T_OR_IF},    {";", T_SEMI},        {";;", T_DSEMI},
        {"(", T_LPAREN},    {")", T_RPAREN},      {"<", T_LESS},
        {">", T_GREAT},     {">>", T_DGREAT},     {"<&", T_LESSAND},
        {">&", T_GREATAND}, {">|", T_CLOBBER},    {"<>", T_LESSGREAT},
        {"<<", T_DLESS},    {"<<-", T_DLESSDASH},
};

#define N_OPERATORS (sizeof(operators) / sizeof(operators[0]))

const char *
tok_name(enum tok_type type)
{
	switch (type) {
	case T_EOF:
		return "end of file";
	case T_NEWLINE:
		return "newline";
	case T_WORD:
		return "word";
	case T_IO_NUMBER:
		return "number";
	case T_ERROR:
		return "error";
	default:
		break;
	}
	for (size_t i = 0; i < N_OPERATORS; i++)
		if (operators[i].type == type)
			return operators[i].text;
	return "?";
}

static int
find_operator(const char *text)
{
	for (size_t i = 0; i < N_OPERATORS; i++)
		if (strcmp(operators[i].text, text) == 0)
			return (int)i;
	return -1;
}

/* Characters that end a word when unquoted (2.3 rules 6 and 7). */
static int
ends_word(int c)
{
	return c == EOF || c == ' ' || c == '\t' || c == '\n' ||
	       strchr("&|;()<>", c) != NULL;
}

void
lex_init(struct lexer *lex, struct input *in)
{
	memset(lex, 0, sizeof(*lex));
	lex->in = in;
	lex->line = 1;
}

void
lex_free(struct lexer *lex)
{
	free(lex->heredocs);
	lex->heredocs = NULL;
	lex->n_heredocs = lex->cap_heredocs = 0;
}

void
lex_want_heredoc(struct lexer *lex, struct redir *redir)
{
	if (lex->n_heredocs == lex->cap_heredocs) {
		lex->cap_heredocs =
		        lex->cap_heredocs ? lex->cap_heredocs * 2 : 4;
		lex->heredocs = xreallocarray(lex->heredocs, lex->cap_heredocs,
		                              sizeof(*lex->heredocs));
	}
	lex->heredocs[lex->n_heredocs++] = redir;
}

static int
next_char(struct lexer *lex)
{
	int c = input_getc(lex->in);

	if (c == '\n')
		lex->line++;
	return c;
}

/*
 * The next character after any line continuations, which are taken: they
 * go before tokens are formed (2.2.1), so "&\\<newline>&" is one "&&".
 */
static int
peek_past_continuations(struct lexer *lex)
{
	while (input_at_continuation(lex->in)) {
		next_char(lex);
		next_char(lex);
	}
	return input_peekc(lex->in);
}

static int
fail(struct lexer *lex, const char *why)
{
	lex->error = why;
	return -1;
}

/*
 * Quotes, $( and ${ inside each other deeper than this are refused: each
 * level is a call of scan_nested (and, later, of the expansion), and the
 * C stack must not run out first. Scripts nest a handful.
 */
#define MAX_NESTING 1000

/*
 * The commands of $(...), whose "$(" is in BUF already: the parser reads
 * them (parse.c, parse_subst) and the input's capture copies their text
 * into BUF, up to and including the ')'. Inside another $(...) the text
 * is already being copied to that one's word, all that is kept.
 */
static int
scan_subst(struct lexer *lex, struct strbuf *buf, int level)
{
	struct strbuf *outer = lex->in->capture;
	int result;

	if (level > MAX_NESTING)
		return fail(lex, "nested too deeply");
	if (!outer)
		lex->in->capture = buf;
	result = parse_subst(lex->in, &lex->line, level);
	lex->in->capture = outer;
	if (result == -2)
		return fail(lex, "missing ')'");
	return result < 0 ? fail(lex, NULL) : 0;
}

/*
 * Copy a quoted or nested part of a word into BUF, up to and including
 * CLOSER: ' " ` or the ) or } of $( and ${, whose opening characters are
 * already in BUF. LEVEL counts the parts this one is inside. Returns 0,
 * or -1 at end of input or when nesting too deeply.
 */
static int
scan_nested(struct lexer *lex, struct strbuf *buf, int closer, int level)
{
	int depth = 1;

	if (level > MAX_NESTING)
		return fail(lex, "nested too deeply");
	for (;;) {
		int c = next_char(lex);

		if (c == EOF) {
			if (closer == ')')
				return fail(lex, "missing ')'");
			if (closer == '}')
				return fail(lex, "missing '}'");
			return fail(lex, "unterminated quoted string");
		}
		if (closer == '\'') {
			strbuf_addc(buf, (char)c);
			if (c == '\'')
				return 0;
			continue;
		}
		if (c == '\\') {
			int next = next_char(lex);

			if (next == EOF)
				return fail(lex, "unterminated quoted string");
			// A line continuation inside "..." or ${...} is
			// removed here; text in $(...) and `...` is lexed
			// again when it runs, and removes its own.
			if (next == '\n' && (closer == '"' || closer == '}'))
				continue;
			strbuf_addc(buf, '\\');
			strbuf_addc(buf, (char)next);
			continue;
		}
		strbuf_addc(buf, (char)c);
		if (closer == ')' && c == '(')
			depth++;
		if (c == closer && (closer != ')' || --depth == 0))
			return 0;
		// Inside backquotes only the closing backquote matters.
		if (closer == '`')
			continue;
		int nested = 0;
		if (c == '\'' && closer != '"')
			nested = '\'';
		else if (c == '"' && closer != '"')
			nested = '"';
		else if (c == '`')
			nested = '`';
		else if (c == '$' && input_peekc(lex->in) == '(')
			nested = ')';
		else if (c == '$' && input_peekc(lex->in) == '{')
			nested = '}';
		if (nested == ')' || nested == '}')
			strbuf_addc(buf, (char)next_char(lex));
		// $(( is arithmetic, whose parentheses are counted.
		if (nested == ')' && input_peekc(lex->in) != '(') {
			if (scan_subst(lex, buf, level + 1) < 0)
				return -1;
		} else if (nested &&
		           scan_nested(lex, buf, nested, level + 1) < 0) {
			return -1;
		}
	}
}

/* Read one word into BUF. Returns 0, or -1 after setting lex->error. */
static int
read_word(struct lexer *lex, struct strbuf *buf)
{
	for (;;) {
		int c = input_peekc(lex->in);

		if (ends_word(c))
			return 0;
		next_char(lex);
		strbuf_addc(buf, (char)c);
		int nested = 0;
		switch (c) {
		case '\\':
			c = next_char(lex);
			if (c == '\n') {
				// A line continuation: neither character stays.
				buf->s[--buf->len] = '\0';
			} else if (c != EOF) {
				strbuf_addc(buf, (char)c);
			}
			break;
		case '\'':
		case '"':
		case '`':
			nested = c;
			break;
		case '$':
			c = input_peekc(lex->in);
			if (c == '(' || c == '{') {
				strbuf_addc(buf, (char)next_char(lex));
				nested = c == '(' ? ')' : '}';
			}
			break;
		}
		if (nested == ')' && input_peekc(lex->in) != '(') {
			if (scan_subst(lex, buf, lex->level + 1) < 0)
				return -1;
		} else if (nested &&
		           scan_nested(lex, buf, nested, lex->level + 1) < 0) {
			return -1;
		}
	}
}

/*
 * Remove the quotes from a here-document delimiter (2.7.4): any quoting
 * at all means the body is taken literally.
 */
static char *
unquote_delimiter(const char *word, int *quoted)
{
	struct strbuf buf = {0};
	char quote = 0;

	*quoted = 0;
	for (const char *p = word; *p; p++) {
		if (*p == '\\' && quote != '\'' && p[1]) {
			*quoted = 1;
			strbuf_addc(&buf, *++p);
		} else if ((*p == '\'' || *p == '"') &&
		           (!quote || quote == *p)) {
			*quoted = 1;
			quote = quote ? 0 : *p;
		} else {
			strbuf_addc(&buf, *p);
		}
	}
	return strbuf_take(&buf);
}

/* Read the bodies of the here-documents started on the line just ended. */
static void
read_heredocs(struct lexer *lex)
{
	struct strbuf line = {0};

	for (size_t i = 0; i < lex->n_heredocs; i++) {
		struct redir *redir = lex->heredocs[i];
		struct strbuf body = {0};
		char *delim =
		        unquote_delimiter(redir->word, &redir->here_quoted);

		for (;;) {
			int c;

			line.len = 0;
			if (line.s)
				line.s[0] = '\0';
			while ((c = next_char(lex)) != EOF && c != '\n')
				strbuf_addc(&line, (char)c);
			if (c == EOF && line.len == 0)
				break;
			const char *text = line.s ? line.s : "";
			if (redir->strip_tabs)
				text += strspn(text, "\t");
			if (strcmp(text, delim) == 0)
				break;
			strbuf_adds(&body, text);
			strbuf_addc(&body, '\n');
			if (c == EOF)
				break;
		}
		free(delim);
		redir->here_body = strbuf_take(&body);
	}
	strbuf_free(&line);
	lex->n_heredocs = 0;
}

static int
all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* Skip blanks and a comment before a token; return the next character. */
static int
skip_space(struct lexer *lex)
{
	int c;

	while ((c = input_peekc(lex->in)) == ' ' || c == '\t')
		next_char(lex);
	if (c == '#') {
		while ((c = input_peekc(lex->in)) != EOF && c != '\n')
			next_char(lex);
	}
	return c;
}

void
lex_next(struct lexer *lex, struct token *tok)
{
	struct strbuf buf = {0};
	int c;

	tok->text = NULL;
	for (;;) {
		c = skip_space(lex);
		tok->line = lex->line;
		if (c == EOF || c == '\n' || strchr("&|;()<>", c))
			break;
		if (read_word(lex, &buf) < 0) {
			strbuf_free(&buf);
			tok->type = T_ERROR;
			return;
		}
		if (buf.len > 0) {
			tok->text = strbuf_take(&buf);
			c = input_peekc(lex->in);
			if ((c == '<' || c == '>') && all_digits(tok->text))
				tok->type = T_IO_NUMBER;
			else
				tok->type = T_WORD;
			return;
		}
		// That "word" was only a line continuation; look again.
	}
	strbuf_free(&buf);
	if (c == EOF) {
		tok->type = T_EOF;
	} else if (c == '\n') {
		next_char(lex);
		read_heredocs(lex);
		tok->type = T_NEWLINE;
	} else {
		char text[4] = {(char)next_char(lex)};
		size_t len = 1;

		// The longest operator wins (2.3 rule 2): "&&" over "&". No
		// operator goes on after '(' or ')': nothing is looked at
		// after the ')' that ends a $(...).
		while (len < 3 && !strchr("()", text[0]) &&
		       (c = peek_past_continuations(lex)) != EOF) {
			text[len] = (char)c;
			if (find_operator(text) < 0) {
				text[len] = '\0';
				break;
			}
			next_char(lex);
			len++;
		}
		tok->type = operators[find_operator(text)].type;
	}
}
