/*
 * fuzz_printf.c - libFuzzer target: printf's format interpreter
 * (coreutils/printf.c, POSIX printf).
 *
 * The input, split at NUL bytes, is printf's argument list: the format,
 * then its arguments. printf.c is compiled into this file with its main
 * renamed (-Dmain=printf_main); the format language it runs is libmini's
 * format_print, which the shell's builtin printf runs too. Its output
 * goes to /dev/null.
 *
 * Inputs holding a number from a million up to INT_MAX are skipped: such
 * a width is allowed, and printing it takes its time and its memory
 * (GNU's printf does the same), which libFuzzer would report as a hang.
 * Numbers past INT_MAX stay: they must be refused, quickly.
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>

#include "harness.h"

#include "../../coreutils/printf.c"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	harness_reset_stdout();
	return 0;
}

struct call {
	int argc;
	char **argv;
};

static int
call_main(void *arg)
{
	struct call *call = arg;

	return printf_main(call->argc, call->argv);
}

static int
is_big(intmax_t value)
{
	return (value >= 1000000 && value <= INT_MAX) ||
	       (value <= -1000000 && value >= -INT_MAX);
}

/*
 * Does DATA hold a big width? Each run of digits and letters starting
 * with a digit is read as a format reads it (decimal) and as an argument
 * is read (strtoimax, base 0: 0x hex, 0 octal).
 */
static int
has_big_number(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		char run[32];
		size_t len = 0;

		if (!isdigit(data[i]) || (i > 0 && isalnum(data[i - 1])))
			continue;
		while (i + len < size && isalnum(data[i + len]) &&
		       len < sizeof(run) - 1) {
			run[len] = (char)data[i + len];
			len++;
		}
		run[len] = '\0';
		if (is_big(strtoimax(run, NULL, 10)) ||
		    is_big(strtoimax(run, NULL, 0)))
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct call call;

	if (has_big_number(data, size))
		return 0;

	call.argv = harness_args("printf", data, size, &call.argc);
	harness_call(call_main, &call);
	harness_free_args(call.argv);
	harness_reset_stdout();
	return 0;
}
