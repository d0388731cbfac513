/* xargs - build and run commands from standard input (POSIX.1-2017 xargs; -0 -r
 * as in GNU). */
/*
 * Arguments are read from standard input: blank-separated words, where
 * quotes and backslashes work as in the shell (POSIX), or with -0 strings
 * ended by NUL bytes, taken as they are. They are added to the command
 * until -n, -L or -s says it is full; then it runs. Exit status: 0;
 * 123 if a command failed; 124 if one exited 255 (xargs stops); 125 if
 * one was killed by a signal; 126 cannot be run; 127 not found.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "xargs [-0prt] [-n NUMBER] [-L LINES] [-I REPLACE] "
                            "[-s SIZE] [COMMAND [ARG...]]";

static int nul_separated, prompt, trace, no_empty_run;
static long max_args, max_lines, max_size = 128 * 1024;
static const char *replace;

static char **initial; /* the command and its own arguments */
static int ninitial;
static size_t initial_size;

static char **args; /* arguments read from input, for the next command */
static size_t nargs, args_cap, args_size;

static int status;

/* ---- reading input ---- */

static struct text_buf {
	char *data;
	size_t len, cap;
} word;

static void
word_add(char c)
{
	if (word.len + 2 > word.cap) {
		word.cap = word.cap ? word.cap * 2 : 128;
		word.data = xrealloc(word.data, word.cap);
	}
	word.data[word.len++] = c;
	word.data[word.len] = '\0';
}

static char inbuf[65536];
static size_t inpos, inlen;
static int ineof;

static int
next_char(void)
{
	if (inpos == inlen) {
		if (ineof)
			return EOF;
		ssize_t n;
		while ((n = read(0, inbuf, sizeof(inbuf))) < 0 &&
		       errno == EINTR)
			;
		if (n < 0)
			die_sys("standard input");
		if (n == 0) {
			ineof = 1;
			return EOF;
		}
		inpos = 0;
		inlen = (size_t)n;
	}
	return (unsigned char)inbuf[inpos++];
}

/*
 * Read the next argument into `word`. Returns 0 at the end of input, else
 * 1; *END_OF_LINE is set when the argument ends a line (for -L: a line
 * whose last argument is followed by a blank goes on to the next line).
 */
static int
read_arg(int *end_of_line)
{
	int c, quote = 0, have = 0;

	word.len = 0;
	word_add('\0');
	word.len = 0;
	*end_of_line = 0;
	if (nul_separated) {
		while ((c = next_char()) != EOF && c != '\0')
			word_add((char)c);
		*end_of_line = 1;
		return c != EOF || word.len > 0;
	}
	if (replace) {
		// -I: each line is one argument, its leading blanks dropped.
		while ((c = next_char()) == ' ' || c == '\t')
			;
		for (; c != EOF && c != '\n'; c = next_char())
			word_add((char)c);
		*end_of_line = 1;
		return c != EOF || word.len > 0;
	}
	while ((c = next_char()) != EOF) {
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\n')
				die_msg("unmatched %s quote",
				        quote == '"' ? "double" : "single");
			else
				word_add((char)c);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n') {
			if (have) {
				if (c == '\n')
					*end_of_line = 1;
				else if (max_lines) {
					// Look on: trailing blanks continue the
					// line.
					int d;
					while ((d = next_char()) == ' ' ||
					       d == '\t')
						;
					if (d == '\n' || d == EOF)
						*end_of_line = 0;
					else
						inpos--; // d came from inbuf;
						         // give it back
				}
				return 1;
			}
			continue;
		}
		have = 1;
		if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '\\') {
			c = next_char();
			if (c == EOF)
				break;
			word_add((char)c);
		} else {
			word_add((char)c);
		}
	}
	if (quote)
		die_msg("unmatched %s quote",
		        quote == '"' ? "double" : "single");
	*end_of_line = 1;
	return have;
}

/* ---- running ---- */

/* Ask on /dev/tty whether to run; true for an answer starting with y. */
static int
confirm(void)
{
	static int tty = -2;
	char answer[16];
	ssize_t n;

	if (tty == -2)
		tty = open("/dev/tty", O_RDONLY);
	if (tty < 0)
		die_sys("/dev/tty");
	fputs("?...", stderr);
	fflush(stderr);
	n = read(tty, answer, sizeof(answer));
	return n > 0 && (answer[0] == 'y' || answer[0] == 'Y');
}

static void
run(char **argv)
{
	if (trace || prompt) {
		for (int i = 0; argv[i]; i++)
			fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
		if (prompt) {
			if (!confirm())
				return;
		} else {
			fputc('\n', stderr);
		}
	}
	// Output so far must come before the command's.
	if (out_flush(&out_stdout) < 0)
		return;
	pid_t pid = fork();
	if (pid < 0)
		die_sys("fork");
	if (pid == 0)
		exec_command(argv);
	int wstatus;
	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR)
			die_sys("waitpid");
	if (WIFSIGNALED(wstatus)) {
		warn_msg("%s: terminated by signal %d", argv[0],
		         WTERMSIG(wstatus));
		exit(125);
	}
	int code = WEXITSTATUS(wstatus);
	if (code == 255) {
		warn_msg("%s: exited with status 255; aborting", argv[0]);
		exit(124);
	}
	if (code == 126 || code == 127)
		exit(code);
	if (code != 0)
		status = 123;
}

/* Run the command with the arguments gathered so far. */
static void
run_gathered(void)
{
	char **argv = xcalloc((size_t)ninitial + nargs + 1, sizeof(*argv));

	memcpy(argv, initial, (size_t)ninitial * sizeof(*argv));
	if (nargs > 0)
		memcpy(argv + ninitial, args, nargs * sizeof(*argv));
	run(argv);
	free(argv);
	for (size_t i = 0; i < nargs; i++)
		free(args[i]);
	nargs = 0;
	args_size = 0;
}

/* -I: replace every REPLACE in the initial arguments with ARG, and run. */
static void
run_replaced(const char *arg)
{
	char **argv = xcalloc((size_t)ninitial + 1, sizeof(*argv));
	size_t rlen = strlen(replace), alen = strlen(arg);

	for (int i = 0; i < ninitial; i++) {
		const char *from = initial[i], *hit;
		size_t size = strlen(from) + 1;
		for (hit = strstr(from, replace); hit;
		     hit = strstr(hit + rlen, replace))
			size += alen;
		char *to = xmalloc(size), *at = to;
		while ((hit = strstr(from, replace)) != NULL) {
			memcpy(at, from, (size_t)(hit - from));
			at += hit - from;
			memcpy(at, arg, alen);
			at += alen;
			from = hit + rlen;
		}
		strcpy(at, from);
		argv[i] = to;
	}
	run(argv);
	for (int i = 0; i < ninitial; i++)
		free(argv[i]);
	free(argv);
}

int
main(int argc, char **argv)
{
	static char *echo[] = {"echo", NULL};
	int c, end_of_line;
	long lines = 0;
	int ran = 0;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+0prtn:L:I:s:")) != -1) {
		switch (c) {
		case '0':
			nul_separated = 1;
			break;
		case 'p':
			prompt = 1;
			break;
		case 'r':
			no_empty_run = 1;
			break;
		case 't':
			trace = 1;
			break;
		case 'n':
			max_args = xparse_long(optarg, 1, INT_MAX, "-n");
			break;
		case 'L':
			max_lines = xparse_long(optarg, 1, INT_MAX, "-L");
			break;
		case 'I':
			replace = optarg;
			break;
		case 's':
			max_size = xparse_long(optarg, 1, INT_MAX, "-s");
			break;
		default:
			die_usage(usage);
		}
	}
	initial = argv + optind;
	ninitial = argc - optind;
	if (ninitial == 0) {
		initial = echo;
		ninitial = 1;
	}
	for (int i = 0; i < ninitial; i++)
		initial_size += strlen(initial[i]) + 1;
	if ((long)initial_size > max_size)
		die_msg("the command is longer than the -s limit");

	while (read_arg(&end_of_line)) {
		if (replace) {
			run_replaced(word.data);
			ran = 1;
			continue;
		}
		size_t size = word.len + 1;
		// Full: run what is gathered before taking this argument.
		if (nargs > 0 &&
		    (long)(initial_size + args_size + size) > max_size) {
			run_gathered();
			ran = 1;
			lines = 0;
		}
		if ((long)(initial_size + size) > max_size)
			die_msg("argument too long for the -s limit");
		if (nargs == args_cap) {
			args_cap = args_cap ? args_cap * 2 : 64;
			args = xreallocarray(args, args_cap, sizeof(*args));
		}
		args[nargs++] = xstrdup(word.data);
		args_size += size;
		if (end_of_line)
			lines++;
		if ((max_args && (long)nargs >= max_args) ||
		    (max_lines && lines >= max_lines)) {
			run_gathered();
			ran = 1;
			lines = 0;
		}
	}
	if (nargs > 0 || (!ran && !no_empty_run && !replace))
		run_gathered();
	return finish(status);
}
