/* ast.c - the syntax tree the parser builds (POSIX XCU 2.9 Shell Commands). */
#include <stdio.h>
#include <stdlib.h>

#include "sh.h"

struct node *
node_new(enum node_type type, int line)
{
	struct node *node = xcalloc(1, sizeof(*node));

	node->type = type;
	node->line = line;
	return node;
}

void
node_add_kid(struct node *node, struct node *kid)
{
	size_t n = node->n_kids;

	// The room doubles each time the count reaches a power of two: a
	// list of a million commands on one line is not copied a million
	// times over.
	if ((n & (n - 1)) == 0)
		node->kids = xreallocarray(node->kids, n ? 2 * n : 1,
		                           sizeof(*node->kids));
	node->kids[node->n_kids++] = kid;
}

void
redirs_free(struct redir *redir)
{
	while (redir) {
		struct redir *next = redir->next;

		free(redir->word);
		free(redir->here_body);
		free(redir);
		redir = next;
	}
}

void
node_free(struct node *node)
{
	if (!node)
		return;
	if (node->shared > 0) {
		node->shared--;
		return;
	}
	strvec_free(&node->assigns);
	strvec_free(&node->words);
	redirs_free(node->redirs);
	for (size_t i = 0; i < node->n_kids; i++)
		node_free(node->kids[i]);
	free(node->kids);
	free(node);
}

static const char *const node_names[] = {
        [N_SIMPLE] = "simple_command",
        [N_PIPELINE] = "pipeline",
        [N_AND] = "and",
        [N_OR] = "or",
        [N_NOT] = "not",
        [N_LIST] = "list",
        [N_BACKGROUND] = "background",
        [N_SUBSHELL] = "subshell",
        [N_GROUP] = "brace_group",
        [N_IF] = "if",
        [N_WHILE] = "while",
        [N_UNTIL] = "until",
        [N_FOR] = "for",
        [N_CASE] = "case",
        [N_CASE_ITEM] = "case_item",
        [N_FUNCDEF] = "function",
};

static const char *const redir_ops[] = {
        [R_IN] = "<",       [R_OUT] = ">",      [R_APPEND] = ">>",
        [R_CLOBBER] = ">|", [R_RDWR] = "<>",    [R_DUPIN] = "<&",
        [R_DUPOUT] = ">&",  [R_HEREDOC] = "<<",
};

static void
indent(struct out *out, int depth)
{
	for (int i = 0; i < depth; i++)
		out_str(out, "  ");
}

/* Write TEXT in double quotes with C escapes, so every byte shows. */
static void
print_quoted(struct out *out, const char *text)
{
	out_char(out, '"');
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\n')
			out_str(out, "\\n");
		else if (*p == '\t')
			out_str(out, "\\t");
		else if (*p == '"' || *p == '\\')
			out_printf(out, "\\%c", *p);
		else if (*p < ' ' || *p == 0x7f)
			out_printf(out, "\\x%02x", *p);
		else
			out_char(out, (char)*p);
	}
	out_char(out, '"');
}

static void
print_redirs(struct out *out, const struct redir *redir, int depth)
{
	for (; redir; redir = redir->next) {
		indent(out, depth);
		out_printf(out, "redirect %d%s%s %s\n", redir->fd,
		           redir_ops[redir->op], redir->strip_tabs ? "-" : "",
		           redir->word);
		if (redir->op == R_HEREDOC && redir->here_body) {
			indent(out, depth + 1);
			out_str(out, "body ");
			print_quoted(out, redir->here_body);
			// A quoted delimiter means the body is not expanded.
			out_str(out, redir->here_quoted ? " literal\n" : "\n");
		}
	}
}

void
ast_print(struct out *out, const struct node *node, int depth)
{
	indent(out, depth);
	out_str(out, node_names[node->type]);
	out_char(out, '\n');
	for (size_t i = 0; i < node->assigns.len; i++) {
		indent(out, depth + 1);
		out_printf(out, "assign %s\n", node->assigns.v[i]);
	}
	for (size_t i = 0; i < node->words.len; i++) {
		// The first word of these nodes is a name or the subject.
		const char *what = "word";

		if (i == 0 && (node->type == N_FOR || node->type == N_FUNCDEF))
			what = "name";
		else if (i == 0 && node->type == N_CASE)
			what = "subject";
		else if (node->type == N_CASE_ITEM)
			what = "pattern";
		else if (node->type == N_FOR)
			what = "in";
		indent(out, depth + 1);
		out_printf(out, "%s %s\n", what, node->words.v[i]);
	}
	if (node->type == N_FOR && node->has_in && node->words.len == 1) {
		indent(out, depth + 1);
		out_str(out, "in\n");
	}
	for (size_t i = 0; i < node->n_kids; i++)
		ast_print(out, node->kids[i], depth + 1);
	print_redirs(out, node->redirs, depth + 1);
}

/* ---- back to shell text: what jobs shows of a command ---- */

static void text_of(struct strbuf *text, const struct node *node);

static void
add_word(struct strbuf *text, const char *word)
{
	if (text->len && text->s[text->len - 1] != ' ' &&
	    text->s[text->len - 1] != '(')
		strbuf_addc(text, ' ');
	strbuf_adds(text, word);
}

static void
redirs_text(struct strbuf *text, const struct redir *redir)
{
	for (; redir; redir = redir->next) {
		// Input operators act on 0 and output ones on 1 unless a
		// number is written: write it only where it is not that.
		int input = redir->op == R_IN || redir->op == R_DUPIN ||
		            redir->op == R_RDWR || redir->op == R_HEREDOC;
		char number[16] = "";

		if (redir->fd != (input ? 0 : 1))
			snprintf(number, sizeof(number), "%d", redir->fd);
		add_word(text, number);
		strbuf_adds(text, redir_ops[redir->op]);
		if (redir->strip_tabs)
			strbuf_addc(text, '-');
		strbuf_adds(text, redir->word);
	}
}

/* The kids of NODE, written one after the other with SEP between. */
static void
kids_text(struct strbuf *text, const struct node *node, const char *sep)
{
	for (size_t i = 0; i < node->n_kids; i++) {
		if (i)
			strbuf_adds(text, sep);
		text_of(text, node->kids[i]);
	}
}

/* A body inside a compound command: "list;" */
static void
body_text(struct strbuf *text, const char *before, const struct node *node)
{
	add_word(text, before);
	strbuf_addc(text, ' ');
	text_of(text, node);
	strbuf_addc(text, ';');
}

/*
 * Write NODE back as shell text. Words were kept as they were written,
 * quotes and all, so this is close to what was typed, with the spacing
 * made regular. Simpler than keeping each pipeline's source offsets,
 * and it works the same for commands from aliases and functions.
 */
static void
text_of(struct strbuf *text, const struct node *node)
{
	switch (node->type) {
	case N_SIMPLE:
		for (size_t i = 0; i < node->assigns.len; i++)
			add_word(text, node->assigns.v[i]);
		for (size_t i = 0; i < node->words.len; i++)
			add_word(text, node->words.v[i]);
		break;
	case N_PIPELINE:
		kids_text(text, node, " | ");
		break;
	case N_AND:
		kids_text(text, node, " && ");
		break;
	case N_OR:
		kids_text(text, node, " || ");
		break;
	case N_NOT:
		add_word(text, "! ");
		text_of(text, node->kids[0]);
		break;
	case N_LIST:
		for (size_t i = 0; i < node->n_kids; i++) {
			// "a & b", not "a &; b"
			if (i)
				strbuf_adds(text, node->kids[i - 1]->type ==
				                          N_BACKGROUND
				                          ? " "
				                          : "; ");
			text_of(text, node->kids[i]);
		}
		break;
	case N_BACKGROUND:
		text_of(text, node->kids[0]);
		strbuf_adds(text, " &");
		break;
	case N_SUBSHELL:
		add_word(text, "(");
		text_of(text, node->kids[0]);
		strbuf_addc(text, ')');
		break;
	case N_GROUP:
		add_word(text, "{ ");
		text_of(text, node->kids[0]);
		strbuf_adds(text, "; }");
		break;
	case N_IF:
		body_text(text, "if", node->kids[0]);
		body_text(text, "then", node->kids[1]);
		if (node->n_kids > 2)
			body_text(text, "else", node->kids[2]);
		add_word(text, "fi");
		break;
	case N_WHILE:
	case N_UNTIL:
		body_text(text, node->type == N_WHILE ? "while" : "until",
		          node->kids[0]);
		body_text(text, "do", node->kids[1]);
		add_word(text, "done");
		break;
	case N_FOR:
		add_word(text, "for");
		add_word(text, node->words.v[0]);
		if (node->has_in) {
			add_word(text, "in");
			for (size_t i = 1; i < node->words.len; i++)
				add_word(text, node->words.v[i]);
		}
		strbuf_addc(text, ';');
		body_text(text, "do", node->kids[0]);
		add_word(text, "done");
		break;
	case N_CASE:
		add_word(text, "case");
		add_word(text, node->words.v[0]);
		add_word(text, "in");
		for (size_t i = 0; i < node->n_kids; i++) {
			const struct node *item = node->kids[i];

			for (size_t k = 0; k < item->words.len; k++) {
				if (k)
					strbuf_addc(text, '|');
				add_word(text, item->words.v[k]);
			}
			strbuf_addc(text, ')');
			if (item->n_kids)
				add_word(text, "");
			if (item->n_kids)
				text_of(text, item->kids[0]);
			strbuf_adds(text, ";;");
		}
		add_word(text, "esac");
		break;
	case N_CASE_ITEM:
		break;
	case N_FUNCDEF:
		add_word(text, node->words.v[0]);
		strbuf_adds(text, "() ");
		text_of(text, node->kids[0]);
		break;
	}
	redirs_text(text, node->redirs);
}

char *
node_text(const struct node *node)
{
	struct strbuf text = {0};

	text_of(&text, node);
	strbuf_addc(&text, '\0');
	text.len--;
	return strbuf_take(&text);
}
