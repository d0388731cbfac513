/*
 * fuzz_parse.c - libFuzzer target: the shell's lexer and parser (POSIX
 * XCU 2.3 and 2.10) over any bytes.
 *
 * The input is read as a script, one complete command after another, as
 * an interactive shell reads it: after a syntax error the rest of the
 * line is dropped and parsing goes on. Each tree is printed (as sh --ast
 * does, to /dev/null) and freed. Nothing runs.
 */
#include <stdlib.h>

#include "harness.h"
#include "sh.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	// Aliases are read by the lexer as input: give it some to read.
	// (alias writes into its arguments: they must be arrays.)
	static char defs[][32] = {
	        "ll=ls -l",           "open=( ",   "self=self ",
	        "when=if true; then", "chain=ll ",
	};
	char *alias_argv[] = {"alias", defs[0], defs[1], defs[2],
	                      defs[3], defs[4], NULL};

	(void)argc;
	(void)argv;
	prog_init("sh");
	harness_reset_stdout();
	bi_alias(6, alias_argv);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
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
			ast_print(&out_stdout, tree, 0);
			node_free(tree);
		}
	}
	parser_free(&parser);
	input_free(&in);
	out_flush(&out_stdout);
	return 0;
}
