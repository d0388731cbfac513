/*
 * fuzz_tr.c - libFuzzer target: tr's sets (coreutils/tr.c, POSIX tr):
 * escapes, ranges, classes, [x*n] repeats, and the tables built from
 * them.
 *
 * The input, split at NUL bytes, is tr's argument list (options, SET1,
 * SET2); a fixed short text is its standard input, and its output goes
 * to /dev/null. tr.c is compiled into this file with its main renamed
 * (-Dmain=tr_main), so that its sets can be emptied between inputs.
 */
#include <fcntl.h>

#include "harness.h"

#include "../../coreutils/tr.c"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] = "Hello, World!\n\tabc xyz 0123 \\ [] \x01\xff\n";
static char *sample_path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	harness_reset_stdout();
	sample_path = harness_temp_file("input", sample, sizeof(sample) - 1);
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

	return tr_main(call->argc, call->argv);
}

static void
empty_set(struct set *set)
{
	free(set->bytes);
	memset(set, 0, sizeof(*set));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct call call;
	int fd = open(sample_path, O_RDONLY);

	if (fd < 0 || dup2(fd, 0) < 0)
		abort();
	close(fd);
	call.argv = harness_args("tr", data, size, &call.argc);
	optind = 0; // glibc: start getopt afresh
	harness_call(call_main, &call);
	harness_free_args(call.argv);
	empty_set(&set1);
	empty_set(&set2);
	harness_reset_stdout();
	return 0;
}
