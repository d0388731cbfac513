/*
 * fuzz_find.c - libFuzzer target: find's expression parser
 * (coreutils/find.c, POSIX find): primaries, operands, ! -a -o and
 * parentheses.
 *
 * The input, split at NUL bytes, is the expression. It is parsed as find
 * parses it, and the tree is freed; no directory is walked and no
 * -exec command is ever run (harness.c's fork() aborts if one were).
 * find.c is compiled into this file with its main renamed
 * (-Dmain=find_main), so that its parser and state can be reached.
 */
#include "harness.h"

#include "../../coreutils/find.c"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	prog_init("find");
	harness_reset_stdout();
	return 0;
}

static void
free_tree(struct node *node)
{
	if (!node)
		return;
	free_tree(node->left);
	free_tree(node->right);
	free(node);
}

/* What find's main does with the expression, up to the walk. */
static int
parse_expression(void *arg)
{
	struct node **expr = arg;

	if (*args) {
		*expr = parse_or();
		if (*args)
			die_msg("%s: unexpected here", *args);
	}
	has_action(*expr);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int argc;
	char **argv = harness_args("find", data, size, &argc);
	struct node *expr = NULL;

	args = argv + 1;
	max_depth = -1;
	min_depth = depth_first = walk_flags = pruned = 0;
	if (harness_call(parse_expression, &expr) == 0)
		free_tree(expr);
	harness_free_args(argv);
	return 0;
}
