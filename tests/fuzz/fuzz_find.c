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
 *
 * A parse error ends find at once, leaving the half-built tree to the
 * exit; here the next input follows, so every allocation find makes
 * goes through made_calloc, which keeps a list of them to free after
 * each input, whether it parsed or not.
 */
#include "harness.h"

#include <stdlib.h>

#include "mini.h"

static void **made;
static size_t made_len, made_size;

static void *
made_calloc(size_t count, size_t size)
{
	void *block = xcalloc(count, size);

	if (made_len == made_size) {
		made_size = made_size ? made_size * 2 : 64;
		made = xreallocarray(made, made_size, sizeof(*made));
	}
	made[made_len++] = block;
	return block;
}

static void
free_made(void)
{
	while (made_len > 0)
		free(made[--made_len]);
}

#define xcalloc made_calloc
#include "../../coreutils/find.c"
#undef xcalloc

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
	harness_call(parse_expression, &expr);
	free_made();
	harness_free_args(argv);
	return 0;
}
