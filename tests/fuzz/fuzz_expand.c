/*
 * fuzz_expand.c - libFuzzer target: the shell's word expansions (POSIX
 * XCU 2.6): parameters, ${...} forms, arithmetic, field splitting,
 * pathname expansion, quote removal, case patterns, here-documents.
 *
 * The input is parsed as a script, and every word of every command in
 * it is expanded as the shell would expand it before running the
 * command; nothing runs. Command substitution must not fork: the target
 * is linked with -Wl,--wrap=command_output, so $(...) and `...` expand
 * to the text of the command itself, and harness.c's fork() aborts if
 * anything tries. Variables set by ${x=...} and $((x=...)) are unset
 * again after each input, so that inputs do not depend on each other.
 *
 * Pathname expansion reads only the target's own temporary directory:
 * words are expanded with noglob whenever the input holds a '/'.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sh.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
char *__wrap_command_output(const char *text, size_t len);

char *
__wrap_command_output(const char *text, size_t len)
{
	shell.subst_status = 0;
	return xstrndup(text, len);
}

/* The variables every input starts with. */
static void
set_fixed_variables(void)
{
	var_set("x", 1, "a b*", 0);
	var_set("e", 1, "", 0);
	var_set("n", 1, "42", 0);
	var_set("HOME", 4, "/home/fuzz", 0);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const params[] = {"one", "two words", "", "*"};

	(void)argc;
	(void)argv;
	prog_init("sh");
	harness_reset_stdout();
	// Patterns match in a directory of our own, with a few names in it.
	if (chdir(harness_tempdir()) < 0)
		abort();
	free(harness_temp_file("a", "", 0));
	free(harness_temp_file("b c", "", 0));
	free(harness_temp_file(".hidden", "", 0));
	shell.arg0 = xstrdup("sh");
	shell.pid = 4242;
	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++)
		strvec_push(&shell.params, xstrdup(params[i]));
	set_fixed_variables();
	return 0;
}

static void
expand_words(const struct strvec *words)
{
	struct scratch_mark mark = scratch_mark();
	struct strvec fields = {0};

	expand_fields(words, &fields);
	scratch_release(mark);
}

static void
expand_one(const char *word, int assign)
{
	struct scratch_mark mark = scratch_mark();

	expand_word(word, assign);
	scratch_release(mark);
}

static void
expand_case(const struct node *node)
{
	struct scratch_mark subject_mark = scratch_mark();
	char *subject = expand_word(node->words.v[0], 0);

	for (size_t i = 0; i < node->n_kids; i++) {
		const struct strvec *patterns = &node->kids[i]->words;

		for (size_t k = 0; k < patterns->len; k++) {
			struct scratch_mark mark = scratch_mark();
			char *pattern = expand_case_pattern(patterns->v[k]);

			if (pattern && subject)
				pattern_match(pattern, subject);
			scratch_release(mark);
		}
	}
	scratch_release(subject_mark);
}

static void
expand_redirs(const struct redir *redir)
{
	struct scratch_mark mark = scratch_mark();

	for (; redir; redir = redir->next) {
		if (redir->op != R_HEREDOC)
			expand_one(redir->word, 0);
		else if (!redir->here_quoted && redir->here_body)
			expand_heredoc(redir->here_body);
	}
	scratch_release(mark);
}

/* Expand every word in the tree at NODE, as running it would. */
static void
expand_tree(const struct node *node)
{
	switch (node->type) {
	case N_SIMPLE:
		for (size_t i = 0; i < node->assigns.len; i++)
			expand_one(strchr(node->assigns.v[i], '=') + 1, 1);
		expand_words(&node->words);
		break;
	case N_FOR:
		if (node->words.len > 1) {
			struct strvec list = {node->words.v + 1,
			                      node->words.len - 1, 0};
			expand_words(&list);
		}
		break;
	case N_CASE:
		expand_case(node);
		break;
	default:
		break;
	}
	expand_redirs(node->redirs);
	for (size_t i = 0; i < node->n_kids; i++)
		expand_tree(node->kids[i]);
}

/* Unset every name the input mentions: what it assigned goes. */
static void
forget_variables(const uint8_t *data, size_t size)
{
	size_t i = 0;

	while (i < size) {
		size_t start = i;

		if (!isalpha(data[i]) && data[i] != '_') {
			i++;
			continue;
		}
		while (i < size && (isalnum(data[i]) || data[i] == '_'))
			i++;
		char *name = xstrndup((const char *)data + start, i - start);
		var_unset(name);
		free(name);
	}
	set_fixed_variables();
}

static void
expand_script(const uint8_t *data, size_t size)
{
	struct input in;
	struct parser parser;

	input_from_string(&in, (const char *)data, size);
	parser_init(&parser, &in);
	for (;;) {
		struct node *tree;
		enum parse_result result =
		        parse_complete_command(&parser, &tree);

		if (result == PARSE_EOF)
			break;
		if (result == PARSE_OK) {
			expand_tree(tree);
			node_free(tree);
		}
	}
	parser_free(&parser);
	input_free(&in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int has_slash = memchr(data, '/', size) != NULL;

	// Once as a plain script, once under set -u (and -f).
	shell.options[OPT_NOGLOB] = has_slash;
	shell.options[OPT_NOUNSET] = 0;
	expand_script(data, size);
	shell.options[OPT_NOGLOB] = 1;
	shell.options[OPT_NOUNSET] = 1;
	expand_script(data, size);
	forget_variables(data, size);
	return 0;
}
