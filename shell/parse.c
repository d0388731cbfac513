/*
 * parse.c - tokens to a syntax tree (POSIX XCU 2.10 Shell Grammar).
 *
 * A recursive-descent parser: one function per grammar rule, named after
 * it, each returning its piece of tree or NULL after a syntax error has
 * been reported. One token of lookahead lives in the parser struct.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static struct node *and_or(struct parser *p);
static struct node *compound_list(struct parser *p);
static struct node *command(struct parser *p);
static struct node *function_definition(struct parser *p, char *name);
static int is_closing(const struct token *tok);
static struct token *peek_command(struct parser *p);

/* Deeper nesting than this is refused, before the C stack runs out. */
#define MAX_DEPTH 1000

void
parser_init(struct parser *p, struct input *in)
{
	memset(p, 0, sizeof(*p));
	lex_init(&p->lex, in);
}

void
parser_free(struct parser *p)
{
	if (p->have_tok)
		free(p->tok.text);
	p->have_tok = 0;
	lex_free(&p->lex);
}

static struct token *
peek(struct parser *p)
{
	if (!p->have_tok) {
		struct input *in = p->lex.in;
		const char *line = in->line;
		size_t before = in->line_pos;

		lex_next(&p->lex, &p->tok);
		p->have_tok = 1;
		p->after_blank_alias =
		        p->value_in_place ||
		        input_after_blank_alias(in, line, before);
		p->value_in_place = 0;
	}
	return &p->tok;
}

/* Take the lookahead token; its text is now the caller's. */
static struct token
take(struct parser *p)
{
	peek(p);
	p->have_tok = 0;
	return p->tok;
}

static void
drop(struct parser *p)
{
	free(take(p).text);
}

/* Is TOK the reserved word WORD? (2.4: only unquoted, only where a
 * command name could be, which the callers make sure of.) */
static int
is_reserved(const struct token *tok, const char *word)
{
	return tok->type == T_WORD && strcmp(tok->text, word) == 0;
}

/* Is TOK a word, one of the COUNT in WORDS? */
static int
is_one_of(const struct token *tok, const char *const *words, size_t count)
{
	if (tok->type != T_WORD)
		return 0;
	for (size_t i = 0; i < count; i++)
		if (strcmp(tok->text, words[i]) == 0)
			return 1;
	return 0;
}

/* The reserved words that end a compound_list (2.4). */
static int
is_closing(const struct token *tok)
{
	static const char *const words[] = {"}",  "do",   "done", "elif",
	                                    "else", "esac", "fi",   "then"};

	return is_one_of(tok, words, sizeof(words) / sizeof(words[0]));
}

/* Report a syntax error, once, unless SIGINT cut the input short. */
static void *
report(struct parser *p, int line, const char *what)
{
	const char *name = p->lex.in->name;

	if (p->failed || p->lex.in->interrupted)
		return NULL;
	p->failed = 1;
	if (name)
		warn_msg("%s: line %d: syntax error: %s", name, line, what);
	else
		warn_msg("line %d: syntax error: %s", line, what);
	return NULL;
}

/* Report the lookahead token as out of place. */
static void *
syntax_error(struct parser *p)
{
	const struct token *tok = peek(p);
	char what[128];

	// The end of a command substitution's input is the lexer's to
	// report (missing ')'); a nested parser has reported its own error.
	if ((tok->type == T_EOF && p->in_subst) ||
	    (tok->type == T_ERROR && !p->lex.error)) {
		p->failed = 1;
		return NULL;
	}
	if (tok->type == T_ERROR)
		snprintf(what, sizeof(what), "%s", p->lex.error);
	else if (tok->type == T_EOF || tok->type == T_NEWLINE)
		snprintf(what, sizeof(what), "unexpected %s",
		         tok_name(tok->type));
	else
		snprintf(what, sizeof(what), "unexpected \"%s\"",
		         tok->text ? tok->text : tok_name(tok->type));
	return report(p, tok->line, what);
}

static int
is_redirection(enum tok_type type)
{
	switch (type) {
	case T_IO_NUMBER:
	case T_LESS:
	case T_GREAT:
	case T_DGREAT:
	case T_LESSAND:
	case T_GREATAND:
	case T_CLOBBER:
	case T_LESSGREAT:
	case T_DLESS:
	case T_DLESSDASH:
		return 1;
	default:
		return 0;
	}
}

/* Can the lookahead token start a command? A closing word cannot. */
static int
starts_command(struct parser *p)
{
	const struct token *tok = peek_command(p);

	if (tok->type == T_WORD)
		return !is_closing(tok);
	return tok->type == T_LPAREN || is_redirection(tok->type);
}

/* linebreak: newline_list | (empty) */
static void
linebreak(struct parser *p)
{
	while (peek(p)->type == T_NEWLINE)
		drop(p);
}

/* io_redirect: [IO_NUMBER] (io_file | io_here) */
static struct redir *
io_redirect(struct parser *p)
{
	struct redir *redir = xcalloc(1, sizeof(*redir));
	long fd = -1;

	redir->line = peek(p)->line;
	if (peek(p)->type == T_IO_NUMBER) {
		char *number = take(p).text;
		int bad = parse_long(number, 10, 0, INT_MAX, &fd) < 0;

		free(number);
		if (bad) {
			free(redir);
			return report(p, p->lex.line, "bad file descriptor");
		}
	}
	switch (take(p).type) {
	case T_LESS:
		redir->op = R_IN;
		break;
	case T_GREAT:
		redir->op = R_OUT;
		break;
	case T_DGREAT:
		redir->op = R_APPEND;
		break;
	case T_CLOBBER:
		redir->op = R_CLOBBER;
		break;
	case T_LESSGREAT:
		redir->op = R_RDWR;
		break;
	case T_LESSAND:
		redir->op = R_DUPIN;
		break;
	case T_GREATAND:
		redir->op = R_DUPOUT;
		break;
	case T_DLESSDASH:
		redir->strip_tabs = 1;
		redir->op = R_HEREDOC;
		break;
	default:
		redir->op = R_HEREDOC;
		break;
	}
	if (fd < 0) {
		int reads = redir->op == R_IN || redir->op == R_RDWR ||
		            redir->op == R_DUPIN || redir->op == R_HEREDOC;
		fd = reads ? 0 : 1;
	}
	redir->fd = (int)fd;
	if (peek(p)->type != T_WORD) {
		free(redir);
		return syntax_error(p);
	}
	redir->word = take(p).text;
	if (redir->op == R_HEREDOC)
		lex_want_heredoc(&p->lex, redir);
	return redir;
}

/* Append the redirections that follow, if any, to *TAIL's list. */
static int
redirect_list(struct parser *p, struct redir **tail)
{
	while (*tail)
		tail = &(*tail)->next;
	while (is_redirection(peek(p)->type)) {
		*tail = io_redirect(p);
		if (!*tail)
			return -1;
		tail = &(*tail)->next;
	}
	return 0;
}

/* NAME=value, where NAME is a valid name (2.10.2 rule 7). */
static int
is_assignment(const char *word)
{
	const char *eq = strchr(word, '=');

	return eq && is_name(word, (size_t)(eq - word));
}

/* Expect the reserved word WORD and take it. */
static int
expect(struct parser *p, const char *word)
{
	if (!is_reserved(peek(p), word)) {
		syntax_error(p);
		return -1;
	}
	drop(p);
	return 0;
}

/* A compound_list added to NODE as its next kid; -1 after an error. */
static int
add_list(struct parser *p, struct node *node)
{
	struct node *list = compound_list(p);

	if (!list)
		return -1;
	node_add_kid(node, list);
	return 0;
}

/* Give up on NODE after an error. */
static void *
fail(struct node *node)
{
	node_free(node);
	return NULL;
}

/* function_definition: fname '(' ')' linebreak function_body */
static struct node *
function_definition(struct parser *p, char *name)
{
	struct node *node = node_new(N_FUNCDEF, peek(p)->line);
	struct node *body;

	strvec_push(&node->words, name);
	drop(p);
	if (peek(p)->type != T_RPAREN || !is_name(name, strlen(name))) {
		syntax_error(p);
		return fail(node);
	}
	drop(p);
	linebreak(p);
	body = command(p);
	if (!body)
		return fail(node);
	node_add_kid(node, body);
	if (body->type == N_SIMPLE || body->type == N_FUNCDEF) {
		report(p, body->line, "a function body must be a compound command");
		return fail(node);
	}
	return node;
}

/* if_clause after "if" or "elif": cond then list [elif...|else list] fi */
static struct node *
if_rest(struct parser *p, int line)
{
	struct node *node = node_new(N_IF, line);

	if (add_list(p, node) < 0 || expect(p, "then") < 0 ||
	    add_list(p, node) < 0)
		return fail(node);
	if (is_reserved(peek(p), "elif")) {
		struct node *elif;

		// An elif is an if inside the else part: a level deeper.
		if (p->depth >= MAX_DEPTH) {
			report(p, peek(p)->line, "commands nested too deeply");
			return fail(node);
		}
		line = peek(p)->line;
		drop(p);
		p->depth++;
		elif = if_rest(p, line);
		p->depth--;
		if (!elif)
			return fail(node);
		node_add_kid(node, elif);
		return node;
	}
	if (is_reserved(peek(p), "else")) {
		drop(p);
		if (add_list(p, node) < 0)
			return fail(node);
	}
	if (expect(p, "fi") < 0)
		return fail(node);
	return node;
}

/* do_group: Do compound_list Done */
static int
do_group(struct parser *p, struct node *node)
{
	if (expect(p, "do") < 0 || add_list(p, node) < 0 ||
	    expect(p, "done") < 0)
		return -1;
	return 0;
}

/* while_clause and until_clause: While compound_list do_group */
static struct node *
loop_clause(struct parser *p, enum node_type type)
{
	struct node *node = node_new(type, peek(p)->line);

	drop(p);
	if (add_list(p, node) < 0 || do_group(p, node) < 0)
		return fail(node);
	return node;
}

/* for_clause: For name [linebreak in wordlist sequential_sep] do_group */
static struct node *
for_clause(struct parser *p)
{
	struct node *node = node_new(N_FOR, peek(p)->line);

	drop(p);
	if (peek(p)->type != T_WORD ||
	    !is_name(peek(p)->text, strlen(peek(p)->text))) {
		syntax_error(p);
		return fail(node);
	}
	strvec_push(&node->words, take(p).text);
	if (peek(p)->type == T_SEMI) {
		drop(p);
	} else {
		linebreak(p);
		if (is_reserved(peek(p), "in")) {
			drop(p);
			node->has_in = 1;
			while (peek(p)->type == T_WORD)
				strvec_push(&node->words, take(p).text);
			if (peek(p)->type != T_SEMI &&
			    peek(p)->type != T_NEWLINE) {
				syntax_error(p);
				return fail(node);
			}
			drop(p);
		}
	}
	linebreak(p);
	if (do_group(p, node) < 0)
		return fail(node);
	return node;
}

/* case_item: ['('] pattern (| pattern)* ')' [compound_list] [;;] */
static struct node *
case_item(struct parser *p)
{
	struct node *item = node_new(N_CASE_ITEM, peek(p)->line);

	if (peek(p)->type == T_LPAREN)
		drop(p);
	for (;;) {
		if (peek(p)->type != T_WORD) {
			syntax_error(p);
			return fail(item);
		}
		strvec_push(&item->words, take(p).text);
		if (peek(p)->type != T_PIPE)
			break;
		drop(p);
	}
	if (peek(p)->type != T_RPAREN) {
		syntax_error(p);
		return fail(item);
	}
	drop(p);
	linebreak(p);
	if (peek_command(p)->type != T_DSEMI &&
	    !is_reserved(peek(p), "esac") &&
	    add_list(p, item) < 0)
		return fail(item);
	return item;
}

/* case_clause: Case WORD linebreak in linebreak case_item* Esac */
static struct node *
case_clause(struct parser *p)
{
	struct node *node = node_new(N_CASE, peek(p)->line);

	drop(p);
	if (peek(p)->type != T_WORD) {
		syntax_error(p);
		return fail(node);
	}
	strvec_push(&node->words, take(p).text);
	linebreak(p);
	if (expect(p, "in") < 0)
		return fail(node);
	linebreak(p);
	while (!is_reserved(peek(p), "esac")) {
		struct node *item = case_item(p);

		if (!item)
			return fail(node);
		node_add_kid(node, item);
		if (peek(p)->type != T_DSEMI)
			break;
		drop(p);
		linebreak(p);
	}
	if (expect(p, "esac") < 0)
		return fail(node);
	return node;
}

/*
 * 2.3.1 Alias Substitution: a command name that is an alias is replaced
 * by the alias's value, which is then read as input. The lexer has taken
 * the word and nothing after it, so the value goes just there.
 */
static int
expand_alias(struct parser *p, const char *word)
{
	const char *value;

	// parse_subst keeps the text as written: aliases wait for the run.
	if (p->in_subst || strpbrk(word, "\\'\"$`"))
		return 0;
	value = alias_get(word);
	if (!value || input_in_alias(p->lex.in, word))
		return 0;
	input_insert_alias(p->lex.in, word, value);
	return 1;
}

/* The reserved words (2.4): where one may be, it is not an alias. */
static int
is_reserved_word(const struct token *tok)
{
	static const char *const words[] = {
	        "!",    "{",  "}",   "case", "do", "done", "elif",  "else",
	        "esac", "fi", "for", "if",   "in", "then", "until", "while"};

	return is_one_of(tok, words, sizeof(words) / sizeof(words[0]));
}

/*
 * The lookahead token where a command may start. An alias there is
 * replaced before the parser looks at the token, so that its value may
 * hold reserved words and operators: "alias begin={" makes begin a brace.
 */
static struct token *
peek_command(struct parser *p)
{
	struct token *tok = peek(p);

	while (tok->type == T_WORD && !is_reserved_word(tok) &&
	       !is_assignment(tok->text) && expand_alias(p, tok->text)) {
		drop(p);
		tok = peek(p);
	}
	return tok;
}

/* simple_command: cmd_prefix cmd_word cmd_suffix, all parts optional */
static struct node *
simple_command(struct parser *p)
{
	struct node *node = node_new(N_SIMPLE, peek(p)->line);
	struct redir **tail = &node->redirs;

	for (;;) {
		const struct token *tok = peek(p);

		if (is_redirection(tok->type)) {
			*tail = io_redirect(p);
			if (!*tail) {
				node_free(node);
				return NULL;
			}
			tail = &(*tail)->next;
		} else if (tok->type == T_WORD) {
			int first = !node->words.len && !node->assigns.len &&
			            !node->redirs;
			char *word;

			if ((!node->words.len || p->after_blank_alias) &&
			    !is_assignment(tok->text) &&
			    expand_alias(p, tok->text)) {
				drop(p);
				p->value_in_place = node->words.len > 0;
				continue;
			}
			word = take(p).text;

			if (first && peek(p)->type == T_LPAREN) {
				node_free(node);
				return function_definition(p, word);
			}
			if (node->words.len == 0 && is_assignment(word))
				strvec_push(&node->assigns, word);
			else
				strvec_push(&node->words, word);
		} else {
			break;
		}
	}
	if (!node->assigns.len && !node->words.len && !node->redirs) {
		node_free(node);
		return syntax_error(p);
	}
	return node;
}

/* subshell: '(' compound_list ')' */
static struct node *
subshell(struct parser *p)
{
	struct node *node = node_new(N_SUBSHELL, peek(p)->line);
	struct node *body;

	drop(p);
	body = compound_list(p);
	if (!body) {
		node_free(node);
		return NULL;
	}
	node_add_kid(node, body);
	if (peek(p)->type != T_RPAREN) {
		node_free(node);
		return syntax_error(p);
	}
	drop(p);
	return node;
}

/* brace_group: Lbrace compound_list Rbrace */
static struct node *
brace_group(struct parser *p)
{
	struct node *node = node_new(N_GROUP, peek(p)->line);
	struct node *body;

	drop(p);
	body = compound_list(p);
	if (!body) {
		node_free(node);
		return NULL;
	}
	node_add_kid(node, body);
	if (!is_reserved(peek(p), "}")) {
		node_free(node);
		return syntax_error(p);
	}
	drop(p);
	return node;
}

/* command: simple_command | compound_command [redirect_list] */
static struct node *
compound_or_simple(struct parser *p)
{
	const struct token *tok = peek_command(p);
	struct node *node;

	if (tok->type == T_LPAREN)
		node = subshell(p);
	else if (is_reserved(tok, "{"))
		node = brace_group(p);
	else if (is_reserved(tok, "if")) {
		int line = tok->line;
		drop(p);
		node = if_rest(p, line);
	} else if (is_reserved(tok, "while"))
		node = loop_clause(p, N_WHILE);
	else if (is_reserved(tok, "until"))
		node = loop_clause(p, N_UNTIL);
	else if (is_reserved(tok, "for"))
		node = for_clause(p);
	else if (is_reserved(tok, "case"))
		node = case_clause(p);
	else if (is_closing(tok) || is_reserved(tok, "!"))
		return syntax_error(p);
	else
		return simple_command(p);
	if (node && redirect_list(p, &node->redirs) < 0) {
		node_free(node);
		return NULL;
	}
	return node;
}

/* command, with a limit on how deep commands nest */
static struct node *
command(struct parser *p)
{
	struct node *node;

	if (p->depth >= MAX_DEPTH)
		return report(p, peek(p)->line, "commands nested too deeply");
	p->depth++;
	node = compound_or_simple(p);
	p->depth--;
	return node;
}

/* pipeline: ['!'] pipe_sequence; pipe_sequence: command ('|' linebreak
 * command)* */
static struct node *
pipeline(struct parser *p)
{
	int line = peek(p)->line;
	int bang = 0;
	struct node *node;

	if (is_reserved(peek_command(p), "!")) {
		drop(p);
		bang = 1;
	}
	node = command(p);
	if (node && peek(p)->type == T_PIPE) {
		struct node *pipe = node_new(N_PIPELINE, line);

		node_add_kid(pipe, node);
		while (peek(p)->type == T_PIPE) {
			drop(p);
			// An alias here may be blank: the command is on a
			// later line then.
			while (peek_command(p)->type == T_NEWLINE)
				drop(p);
			node = command(p);
			if (!node) {
				node_free(pipe);
				return NULL;
			}
			node_add_kid(pipe, node);
		}
		node = pipe;
	}
	if (node && bang) {
		struct node *not = node_new(N_NOT, line);

		node_add_kid(not, node);
		node = not ;
	}
	return node;
}

/*
 * and_or: pipeline (('&&' | '||') linebreak pipeline)*
 *
 * The tree leans left, a && b && c being (a && b) && c, so each operator
 * is a level of nesting to the code that walks the tree: it counts
 * towards MAX_DEPTH as a nested command does.
 */
static struct node *
and_or(struct parser *p)
{
	int saved_depth = p->depth;
	struct node *node = pipeline(p);

	while (node) {
		enum tok_type type = peek(p)->type;

		if (type != T_AND_IF && type != T_OR_IF)
			break;
		if (++p->depth >= MAX_DEPTH) {
			node_free(node);
			node = report(p, peek(p)->line,
			              "commands nested too deeply");
			break;
		}
		drop(p);
		linebreak(p);
		struct node *right = pipeline(p);
		if (!right) {
			node_free(node);
			node = NULL;
			break;
		}
		// Left-associative: a && b || c is (a && b) || c.
		struct node *both =
		        node_new(type == T_AND_IF ? N_AND : N_OR, node->line);
		node_add_kid(both, node);
		node_add_kid(both, right);
		node = both;
	}
	p->depth = saved_depth;
	return node;
}

/*
 * Take a ';' or '&' after ITEM, if there is one, and add ITEM to LIST
 * (run in the background for '&'). Returns 1 if a separator was taken.
 */
static int
separator_op(struct parser *p, struct node *list, struct node *item)
{
	enum tok_type type = peek(p)->type;

	if (type == T_AMP) {
		struct node *background = node_new(N_BACKGROUND, item->line);

		node_add_kid(background, item);
		item = background;
	}
	node_add_kid(list, item);
	if (type != T_AMP && type != T_SEMI)
		return 0;
	drop(p);
	return 1;
}

/* A list of one command is just that command. */
static struct node *
single_or_list(struct node *list)
{
	if (list->n_kids != 1)
		return list;
	struct node *only = list->kids[0];
	list->n_kids = 0;
	node_free(list);
	return only;
}

/* list: and_or (separator_op and_or)* [separator_op], on one line */
static struct node *
list(struct parser *p)
{
	struct node *list = node_new(N_LIST, peek(p)->line);

	do {
		struct node *item = and_or(p);

		if (!item) {
			node_free(list);
			return NULL;
		}
		if (!separator_op(p, list, item))
			break;
	} while (starts_command(p));
	return single_or_list(list);
}

/*
 * compound_list: linebreak term [separator], where a term is and_or
 * commands separated by ';', '&' or newlines. It ends at the first token
 * that cannot start a command, such as ')' or '}'.
 */
static struct node *
compound_list(struct parser *p)
{
	struct node *list = node_new(N_LIST, peek(p)->line);

	linebreak(p);
	do {
		struct node *item;

		if (!starts_command(p)) {
			node_free(list);
			return syntax_error(p);
		}
		item = and_or(p);
		if (!item) {
			node_free(list);
			return NULL;
		}
		if (!separator_op(p, list, item) && peek(p)->type != T_NEWLINE)
			break;
		linebreak(p);
	} while (starts_command(p));
	return single_or_list(list);
}

int
parse_subst(struct input *in, int *line, int level)
{
	struct parser p;
	struct node *body = NULL;
	int result = 0;

	// The tree is thrown away: the text is parsed again when it runs,
	// then with aliases. Parsing is what finds the end, where a ')' of
	// a case pattern, in a comment or a here-document does not (2.6.3).
	parser_init(&p, in);
	p.lex.line = *line;
	p.lex.level = level;
	p.depth = level;
	p.in_subst = 1;
	linebreak(&p);
	if (peek(&p)->type != T_RPAREN)
		body = compound_list(&p);
	if (body && peek(&p)->type != T_RPAREN)
		syntax_error(&p);
	if (peek(&p)->type == T_EOF)
		result = -2;
	else if (p.failed)
		result = -1;
	node_free(body);
	*line = p.lex.line;
	parser_free(&p);
	return result;
}

/* After an error, forget the rest of the line and any pending input. */
static void
recover(struct parser *p)
{
	enum tok_type type = peek(p)->type;

	if (type != T_NEWLINE && type != T_EOF)
		input_skip_line(p->lex.in);
	free(take(p).text);
	p->lex.n_heredocs = 0;
}

/* complete_command: list [separator_op], ended by a newline or the end */
enum parse_result
parse_complete_command(struct parser *p, struct node **tree)
{
	struct node *node = NULL;
	enum tok_type type;

	*tree = NULL;
	p->failed = 0;
	type = peek_command(p)->type;
	if (type == T_NEWLINE) {
		drop(p);
		return PARSE_EMPTY;
	}
	if (type != T_EOF) {
		node = list(p);
		type = peek(p)->type;
		if (node && type == T_NEWLINE) {
			drop(p);
		} else if (node && type != T_EOF) {
			node_free(node);
			node = syntax_error(p);
		}
	}
	if (p->lex.in->interrupted) {
		node_free(node);
		recover(p);
		return PARSE_INTERRUPTED;
	}
	if (!node && type == T_EOF && !p->failed)
		return PARSE_EOF;
	if (!node) {
		recover(p);
		return PARSE_ERROR;
	}
	*tree = node;
	return PARSE_OK;
}
