/*
 * builtin/flow.c - break, continue, return, eval, true, false
 * (POSIX XCU 2.14 Special Built-In Utilities; true and false pages).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../sh.h"

/* break [n] and continue [n]: leave or go on with the Nth enclosing loop. */
static int
loop_control(int argc, char **argv, enum unwind how)
{
	long n = 1;

	if (argc > 2)
		return builtin_usage(how == UNWIND_BREAK ? "break [n]"
		                                         : "continue [n]");
	if (argc == 2 && parse_long(argv[1], 10, 1, INT_MAX, &n) < 0) {
		warn_msg("%s: %s: bad number", argv[0], argv[1]);
		return special_error(2);
	}
	// Outside a loop there is nothing to do; more loops than there
	// are means all of them.
	if (shell.loop_depth == 0)
		return 0;
	if (n > shell.loop_depth)
		n = shell.loop_depth;
	shell.unwind = how;
	shell.unwind_count = (int)n;
	return 0;
}

int
bi_break(int argc, char **argv)
{
	return loop_control(argc, argv, UNWIND_BREAK);
}

int
bi_continue(int argc, char **argv)
{
	return loop_control(argc, argv, UNWIND_CONTINUE);
}

/* return [n]: leave the function or . script, with status N or $?. */
int
bi_return(int argc, char **argv)
{
	long status = shell.last_status;

	if (argc > 2)
		return builtin_usage("return [n]");
	if (argc == 2 && parse_long(argv[1], 10, 0, LONG_MAX, &status) < 0) {
		warn_msg("return: %s: bad number", argv[1]);
		return special_error(2);
	}
	// Outside any function or . script, return ends the shell as exit does.
	shell.unwind = shell.func_depth || shell.dot_depth ? UNWIND_RETURN
	                                                   : UNWIND_EXIT;
	shell.exit_status = (int)(status & 255);
	return shell.exit_status;
}

/* eval [arg...]: run the arguments, joined by spaces, as commands. */
int
bi_eval(int argc, char **argv)
{
	struct strbuf text = {0};
	struct input in;
	int status;

	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strbuf_addc(&text, ' ');
		strbuf_adds(&text, argv[i]);
	}
	if (!text.len) {
		strbuf_free(&text);
		return 0;
	}
	input_from_string(&in, text.s, text.len);
	status = run_input(&in);
	input_free(&in);
	strbuf_free(&text);
	return status;
}

int
bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}
