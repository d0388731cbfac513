/*
 * fuzz_sed.c - libFuzzer target: sed scripts (coreutils/sed.c, POSIX
 * sed): addresses, commands, regular expressions, replacements, labels.
 *
 * The input is the script. It is compiled as a basic and then as an
 * extended regex script (-E, with -n), and each compiled script runs over
 * a fixed short text when it must end: a script with a backward branch,
 * a D that can go round forever (D with G H g x s y), or an r of a file
 * outside the target's directory is compiled only. Scripts with
 * repetitions of repetitions (a++, a*{2}, x{9}{9}) are skipped: glibc's
 * regcomp, which this build uses (the image has musl's), takes
 * exponential memory for them. A script may double its pattern space
 * on every line (H;G;H;G...): past 1 MiB, far more than the text
 * it runs over can need otherwise, xrealloc fails here as it would on a
 * machine out of memory (-Wl,--wrap=xrealloc), and output stays quick.
 * Output goes to /dev/null, and harness.c sends w files there too.
 * sed.c is compiled into this file with its main renamed
 * (-Dmain=sed_main), so that its state can be reset between inputs.
 */
#include <malloc.h>

#include "harness.h"

#include "../../coreutils/sed.c"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void *__real_xrealloc(void *ptr, size_t size);
void *__wrap_xrealloc(void *ptr, size_t size);

void *
__wrap_xrealloc(void *ptr, size_t size)
{
	if (size > 1 << 20)
		die_msg("out of memory");
	return __real_xrealloc(ptr, size);
}

static const char sample[] =
        "one\ntwo words\n\nthree\tx=1\nlast line, no newline";
static char *input_files[2];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	prog_init("sed");
	harness_reset_stdout();
	if (chdir(harness_tempdir()) < 0)
		abort();
	input_files[0] = harness_temp_file("input", sample, sizeof(sample) - 1);
	return 0;
}

static void
free_regex(struct regex *re)
{
	if (re) {
		rx_free(re->rx);
		free(re->text);
		free(re);
	}
}

/* Free the compiled script and start sed's state afresh. */
static void
reset_sed(void)
{
	// A die while compiling a command leaves it in cmds[ncmds], not yet
	// counted (but zeroed, and filled in as far as it went). ASan's
	// malloc_usable_size is the size asked for: so that slot exists
	// just when the array has room for it.
	size_t n = ncmds + (cmds && malloc_usable_size(cmds) >=
	                                    (ncmds + 1) * sizeof(*cmds));

	for (size_t i = 0; i < n; i++) {
		free_regex(cmds[i].a1.regex);
		free_regex(cmds[i].a2.regex);
		free_regex(cmds[i].regex);
		free(cmds[i].text);
		free(cmds[i].replacement.data);
	}
	free(cmds);
	for (size_t i = 0; i < noutputs; i++) {
		free(outputs[i]->path);
		free(outputs[i]->out.buf);
		free(outputs[i]);
	}
	free(outputs);
	cmds = NULL;
	ncmds = 0;
	outputs = NULL;
	noutputs = 0;
	extended = quiet = in_place = 0;
	lines_free(&reader);
	files = NULL;
	file_index = 0;
	input_fd = -1;
	have_pending = pending_newline = 0;
	lineno = 0;
	line_had_newline = 1;
	exit_status = 0;
	read_failed = 0;
	output = &out_stdout;
	owe_newline = 0;
	nqueued = 0;
	used_regex = NULL;
	pattern.len = hold.len = pending.len = 0;
}

/* Will running this script end? See the top of the file. */
static int
safe_to_run(void)
{
	int has_D = 0, grows = 0;

	for (size_t i = 0; i < ncmds; i++) {
		const struct cmd *cmd = &cmds[i];

		if ((cmd->name == 'b' || cmd->name == 't') && cmd->jump <= i)
			return 0;
		if (cmd->name == 'r' && strchr(cmd->text, '/'))
			return 0;
		has_D |= cmd->name == 'D';
		grows |= strchr("GHgxsy", cmd->name) != NULL;
	}
	return !(has_D && grows);
}

/* What sed's main does after reading its options. */
static int
compile_and_run(void *arg)
{
	const char *script = arg;

	parse_script(script);
	resolve_labels();
	if (!safe_to_run())
		return 0;
	files = input_files;
	file_index = 0;
	if (open_next_file()) {
		fill_pending(0);
		run();
	}
	close_file();
	for (size_t i = 0; i < noutputs; i++)
		if (outputs[i]->out.fd >= 0)
			out_flush(&outputs[i]->out);
	out_flush(&out_stdout);
	return exit_status;
}

/* Does SCRIPT repeat a repetition (see the top of the file)? */
static int
repeats_repetition(const char *script)
{
	for (const char *at = script; *at && at[1]; at++)
		if (strchr("*+?}", at[0]) && strchr("*+?{", at[1]))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *script = harness_string(data, size);

	if (repeats_repetition(script)) {
		free(script);
		return 0;
	}

	harness_call(compile_and_run, script);
	reset_sed();
	extended = quiet = 1;
	harness_call(compile_and_run, script);
	reset_sed();
	free(script);
	harness_reset_stdout();
	return 0;
}
