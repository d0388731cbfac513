/*
 * sh.h - what the shell's stages share: the input, tokens, the syntax tree,
 * and the few functions one stage calls in another.
 *
 * The stages, one file each (POSIX XCU chapter 2, "Shell Command Language"):
 *
 *   input.c    characters, a line at a time, from a string, file or terminal
 *   lex.c      characters -> tokens (2.3 Token Recognition)
 *   parse.c    tokens -> syntax tree (2.10 Shell Grammar)
 *   ast.c      the tree's nodes: freeing and printing
 *   expand.c   words -> fields (2.6 Word Expansions)
 *   arith.c    $(( )) expressions (2.6.4 Arithmetic Expansion)
 *   exec.c     trees -> processes (2.9 Shell Commands, 2.7 Redirection),
 *              functions, the command hash
 *   jobs.c     the job table, process groups and the terminal (2.11),
 *              jobs fg bg, and waiting for children
 *   builtin.c  the table of builtins, and cd pwd export set ... (2.14)
 *   builtin/   the other builtins, one file per family: flow.c (break
 *              continue return eval true false), io.c (echo printf read),
 *              test.c, vars.c (readonly local getopts), lookup.c (command
 *              type hash alias unalias), process.c (wait kill times ulimit)
 *   trap.c     trap, and running the actions of caught signals (2.11)
 *   vars.c     variables and the environment of children (2.5 Parameters)
 *   main.c     options, signals, and the read-parse-run loop
 *   str.c      growing strings and string lists, used by all of them
 *   scratch.c  memory for the words of the running command, freed at once
 *   edit.c     the line editor of an interactive shell on a terminal, with
 *              history.c (the history list, $HISTFILE, the history builtin)
 *              and complete.c (Tab completion)
 */
#ifndef SH_H
#define SH_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "mini.h"

/* ---- str.c: growing strings and lists of strings ---- */

/* A string being built; zero-initialised is empty. */
struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

void strbuf_addc(struct strbuf *buf, char c);
void strbuf_add(struct strbuf *buf, const char *data, size_t len);
void strbuf_adds(struct strbuf *buf, const char *str);
/* The string, NUL-terminated, now the caller's; BUF is left empty. */
char *strbuf_take(struct strbuf *buf);
void strbuf_free(struct strbuf *buf);

/*
 * A growable list of strings, always NULL-terminated so that it can be
 * handed to execve as it is. Zero-initialised is empty.
 */
struct strvec {
	char **v;
	size_t len;
	size_t cap;
};

/* Append STR; the list takes ownership of it. */
void strvec_push(struct strvec *vec, char *str);
/* Free every string and the list itself, leaving it empty. */
void strvec_free(struct strvec *vec);

/* ---- scratch.c: memory that lasts as long as a command runs ---- */

/* Where the scratch memory stands, to go back to when a command is done. */
struct scratch_mark {
	struct chunk *chunk;
	size_t used;
};

struct scratch_mark scratch_mark(void);
/* SIZE bytes, aligned for any type, until the release of an earlier mark. */
void *scratch_alloc(size_t size);
/* The LEN bytes at STR and a NUL, in scratch memory. */
char *scratch_strndup(const char *str, size_t len);
/* Append STR to VEC, a list whose array is in scratch memory too (and so
 * is never freed with strvec_free). */
void scratch_push(struct strvec *vec, char *str);
/* Give back everything allocated since MARK was taken. */
void scratch_release(struct scratch_mark mark);

/* ---- input.c: where commands come from ---- */

enum input_kind {
	INPUT_STRING,   /* sh -c 'text', and command substitutions */
	INPUT_FILE,     /* a script file: read ahead, a buffer at a time */
	INPUT_STDIN,    /* a pipe or file on fd 0: never read ahead */
	INPUT_TERMINAL, /* a line at a time: edit.c, or the tty, edits it */
};

/* An alias whose value is being read: it is not expanded again inside. */
struct active_alias {
	char *name;
	size_t end; /* where its value ends in alias_buf */
	int blank;  /* the value ends in a blank (2.3.1) */
};

struct input {
	enum input_kind kind;
	const char *name;   /* script name for messages, or NULL */
	int fd;             /* all but INPUT_STRING */
	struct lines lines; /* INPUT_FILE */
	const char *text;   /* INPUT_STRING */
	size_t text_len;
	size_t text_pos;
	char *line; /* the line being lexed */
	size_t line_len;
	size_t line_pos;
	char *own_buf; /* INPUT_STDIN's and INPUT_TERMINAL's line */
	size_t own_cap;
	int prompts;     /* write PS1 and PS2 to stderr */
	int continued;   /* the next line continues a command: PS2 */
	int interrupted; /* SIGINT arrived while reading */
	int at_eof;
	char *alias_buf; /* an alias's value followed by the rest of the line */
	struct active_alias *active; /* aliases whose values are being read */
	size_t n_active;
	struct strbuf command_text; /* edited lines of this command: history */
	struct strbuf *capture; /* when set, every character taken is added */
};

void input_from_string(struct input *in, const char *text, size_t len);
void input_from_file(struct input *in, int fd, const char *name);
/* Standard input: a terminal, or else anything read without read-ahead. */
void input_from_stdin(struct input *in);
/* The next character, reading another line when needed; EOF at the end. */
int input_getc(struct input *in);
/* The next character without taking it. */
int input_peekc(struct input *in);
/* Is the next character a backslash that ends its line (a line
 * continuation)? */
int input_at_continuation(struct input *in);
/* Read VALUE, the value of alias NAME, before the rest of the line. */
void input_insert_alias(struct input *in, const char *name, const char *value);
/* Is the alias NAME's value being read now? */
int input_in_alias(struct input *in, const char *name);
/* Did the token read from BEFORE to now follow a value ending in a blank,
 * so that it too may be an alias? */
int input_after_blank_alias(struct input *in, const char *line, size_t before);
/* Forget the rest of the current line (after a syntax error). */
void input_skip_line(struct input *in);
/* A whole command has been read: its lines go into the history. */
void input_end_command(struct input *in);
void input_free(struct input *in);

/* ---- lex.c: tokens ---- */

enum tok_type {
	T_EOF,
	T_NEWLINE,
	T_WORD,      /* text as written: quotes are kept for expansion */
	T_IO_NUMBER, /* the 2 in 2>file */
	T_AMP,       /* & */
	T_AND_IF,    /* && */
	T_PIPE,      /* | */
	T_OR_IF,     /* || */
	T_SEMI,      /* ; */
	T_DSEMI,     /* ;; (for case, later) */
	T_LPAREN,    /* ( */
	T_RPAREN,    /* ) */
	T_LESS,      /* < */
	T_GREAT,     /* > */
	T_DGREAT,    /* >> */
	T_LESSAND,   /* <& */
	T_GREATAND,  /* >& */
	T_CLOBBER,   /* >| */
	T_LESSGREAT, /* <> */
	T_DLESS,     /* << */
	T_DLESSDASH, /* <<- */
	T_ERROR,     /* the lexer's message says what went wrong */
};

struct token {
	enum tok_type type;
	char *text; /* T_WORD and T_IO_NUMBER: owned by whoever takes it */
	int line;
};

struct redir;

struct lexer {
	struct input *in;
	int line;                /* line number of the next character */
	struct redir **heredocs; /* << seen on this line, bodies unread */
	size_t n_heredocs;
	size_t cap_heredocs;
	const char *error; /* for T_ERROR; NULL: reported already */
	int level;         /* $( ) this text is inside */
};

void lex_init(struct lexer *lex, struct input *in);
void lex_free(struct lexer *lex);
/* Read the next token into TOK. */
void lex_next(struct lexer *lex, struct token *tok);
/* Read REDIR's here-document body after the next newline token. */
void lex_want_heredoc(struct lexer *lex, struct redir *redir);
/* How a token type is written, for messages and the tree printer. */
const char *tok_name(enum tok_type type);

/* ---- ast.c: the syntax tree ---- */

enum redir_op {
	R_IN,      /* <  */
	R_OUT,     /* >  */
	R_APPEND,  /* >> */
	R_CLOBBER, /* >| */
	R_RDWR,    /* <> */
	R_DUPIN,   /* <& */
	R_DUPOUT,  /* >& */
	R_HEREDOC, /* << and <<- */
};

struct redir {
	struct redir *next;
	enum redir_op op;
	int fd;          /* the descriptor redirected */
	char *word;      /* target as written; the delimiter for << */
	char *here_body; /* R_HEREDOC: the lines, read by the lexer */
	int here_quoted; /* delimiter was quoted: body is not expanded */
	int strip_tabs;  /* <<- */
	int line;
};

enum node_type {
	N_SIMPLE,     /* assignments, words and redirections */
	N_PIPELINE,   /* kids[0] | kids[1] | ... */
	N_AND,        /* kids[0] && kids[1] */
	N_OR,         /* kids[0] || kids[1] */
	N_NOT,        /* ! kids[0] */
	N_LIST,       /* kids[0] ; kids[1] ; ... */
	N_BACKGROUND, /* kids[0] & */
	N_SUBSHELL,   /* ( kids[0] ) */
	N_GROUP,      /* { kids[0] ; } */
	N_IF,         /* if kids[0] then kids[1] [else kids[2]]; elif nests */
	N_WHILE,      /* while kids[0] do kids[1] done */
	N_UNTIL,      /* until kids[0] do kids[1] done */
	N_FOR,        /* for words[0] [in words[1..]] do kids[0] done */
	N_CASE,       /* case words[0] in kids (N_CASE_ITEM...) esac */
	N_CASE_ITEM,  /* words are the patterns; kids[0] the body, if any */
	N_FUNCDEF,    /* words[0] () kids[0] */
};

struct node {
	enum node_type type;
	int line;
	struct strvec assigns; /* N_SIMPLE: NAME=value words */
	struct strvec words;   /* N_SIMPLE: the command and its arguments */
	struct redir *redirs;  /* N_SIMPLE, N_SUBSHELL, N_GROUP */
	struct node **kids;
	size_t n_kids;
	int has_in;  /* N_FOR: "in" was written (else "$@") */
	int shared;  /* extra owners: a function body is kept after its tree */
};

struct node *node_new(enum node_type type, int line);
void node_add_kid(struct node *node, struct node *kid);
void node_free(struct node *node);
void redirs_free(struct redir *redir);
/* Write the tree as an indented outline, one node or word per line. */
void ast_print(struct out *out, const struct node *node, int depth);
/* NODE written back as shell text, as jobs shows a command (caller frees). */
char *node_text(const struct node *node);

/* ---- parse.c: the grammar ---- */

struct parser {
	struct lexer lex;
	struct token tok; /* the lookahead token, when have_tok */
	int have_tok;
	int after_blank_alias; /* tok follows a value ending in a blank */
	int value_in_place;    /* ... or tok starts a value put in its place */
	int failed; /* a syntax error was reported */
	int depth;  /* commands nested inside each other now */
	int in_subst; /* parse_subst's: no aliases, quiet at the end */
};

enum parse_result {
	PARSE_OK,    /* *tree holds a command */
	PARSE_EMPTY, /* an empty line */
	PARSE_EOF,
	PARSE_ERROR,       /* reported on stderr */
	PARSE_INTERRUPTED, /* SIGINT while reading */
};

void parser_init(struct parser *parser, struct input *in);
void parser_free(struct parser *parser);
/* Parse one complete_command: everything up to the end of a line. */
enum parse_result parse_complete_command(struct parser *parser,
                                         struct node **tree);
/*
 * Read the commands of a command substitution from IN, after its "$(",
 * up to and including the ')' that ends them; IN's capture gets the text.
 * *LINE is the line number, kept up to date; LEVEL the $( ) it is inside.
 * Returns 0; -1 after a syntax error, reported; -2 at the end of input.
 */
int parse_subst(struct input *in, int *line, int level);

/* ---- expand.c: word expansions ---- */

/*
 * Expand WORDS with field splitting and pathname expansion into FIELDS.
 * The fields and FIELDS's array are scratch memory: they last until the
 * caller releases a mark taken before.
 */
int expand_fields(const struct strvec *words, struct strvec *fields);
/*
 * Expand one word to one string: no field splitting and no pathname
 * expansion, as for assignments and redirection targets. With ASSIGN,
 * tildes after '=' and ':' are expanded too. The string is scratch
 * memory, as fields are; NULL after an error.
 */
char *expand_word(const char *word, int assign);
/* Expand a here-document body: parameters and backslashes, no quotes.
 * In scratch memory, as for expand_word. */
char *expand_heredoc(const char *body);
/* Expand WORD as a pattern (case): quoted characters are escaped. The
 * pattern is scratch memory; NULL after an error. */
char *expand_case_pattern(const char *word);
/* Match STRING against the shell pattern PATTERN (2.13). */
int pattern_match(const char *pattern, const char *string);

/* ---- glob.c: pathname expansion (2.13.3) ---- */

/* Add the paths PATTERN (quoted characters escaped) matches to FIELDS,
 * sorted, in scratch memory. Returns how many: 0 leaves the field as it
 * was to the caller. */
int expand_pathname(const char *pattern, struct strvec *fields);

/* ---- arith.c: arithmetic expansion (2.6.4) ---- */

/* Evaluate the expanded expression EXPR into *RESULT; -1 after a message. */
int arith_eval(const char *expr, long *result);

/* ---- exec.c: running trees ---- */

/* Flags for run_node. */
#define RUN_NOFORK 1 /* this process ends after the node: exec in place */
#define RUN_TESTED 2 /* its status is tested: set -e does not act (2.8.1) */

int run_node(struct node *node, int flags);
/* Replace this process with ARGV[0], searched for in PATH; exits if not. */
_Noreturn void exec_program(char **argv);
/* Run TEXT as commands in a child; return its output, trailing newlines cut. */
char *command_output(const char *text, size_t len);
/* Run the program ARGV in a child, searched in PATH (or in the default
 * PATH with DEFAULT_PATH); its status. */
int run_external(char **argv, int default_path);
/* _exit with STATUS, or with exit's status if the exit builtin ran. */
_Noreturn void child_exit(int status);
/* After a foreground job: Ctrl-C ended it? Then back to the prompt. */
int foreground_done(int status);

/* ---- jobs.c: jobs, process groups and the terminal (2.11, jobs) ---- */

/* shell.options[OPT_MONITOR] before jobs_init: neither -m nor +m given. */
#define MONITOR_UNSET 2

struct job;

/* At start, and when set -m turns job control on: with -m (the default
 * for an interactive shell on a terminal), wait to be in the foreground,
 * take a process group and the terminal. -1 if it cannot: then +m. */
int jobs_init(void);
/* Is job control in force in this process now? */
int job_control_on(void);
/* A child that is to exec a program: the signals job control ignores in
 * the shell go back to their defaults. */
void jobs_default_signals(void);
/* A new job, not yet in the table, for the command TEXT (taken). ASYNC:
 * started with '&'; else it runs in the foreground. */
struct job *job_new(char *text, int async);
/* In a child just forked for JOB (may be NULL): join its process group,
 * and take the terminal if it is in the foreground. */
void job_child(struct job *job);
/* In the shell: child PID was forked for JOB. */
void job_add_process(struct job *job, pid_t pid);
/* JOB, started with '&', goes in the table ("[1] 1234" if interactive). */
void job_started_async(struct job *job);
/* Free JOB, which is in no table: no process could be started for it. */
void job_free(struct job *job);
/* Was JOB started with '&'? */
int job_is_async(const struct job *job);
/* Wait for a foreground JOB to end or stop; its status. A stopped job
 * goes in the table; a finished one is freed. */
int job_wait(struct job *job);
/* A child was killed by a signal: say which, unless SIGINT or SIGPIPE. */
void report_signal(int raw_status);
/* Collect children that changed state, without waiting. */
void reap_background(void);
/* Wait for background child PID (or all of them, for 0); its status,
 * 127 if it is no child of ours. */
int wait_background(pid_t pid);
/* wait %job: its status, 127 after a message if there is no such job. */
int job_wait_spec(const char *spec);
/* The job SPEC (%1 %+ %% %- %name %?text) names; NULL after a message
 * that starts with WHO. */
struct job *job_find(const char *who, const char *spec);
/* Send SIG to every process of JOB; -1 with errno if kill failed. */
int job_kill(struct job *job, int sig);
/* Before a prompt: report jobs that finished or stopped. */
void jobs_notify(void);
/* exit or end of input with stopped jobs: warn and refuse, once. */
int jobs_refuse_exit(void);
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);

/* ---- aliases (builtin/lookup.c) ---- */

/* The value of alias NAME, or NULL. */
const char *alias_get(const char *name);
/* The name of alias number INDEX, in no order; NULL past the last. */
const char *alias_name_at(size_t index);

/* ---- builtin.c: commands the shell runs itself ---- */

#define BUILTIN_SPECIAL 1      /* POSIX special built-in: errors are fatal */
#define BUILTIN_KEEPS_REDIRS 2 /* exec: its redirections stay in force */

struct builtin {
	const char *name;
	int (*run)(int argc, char **argv);
	int flags;
};

/* The builtin called NAME, or NULL. */
const struct builtin *builtin_find(const char *name);
/* The name of builtin number INDEX, sorted; NULL past the last. */
const char *builtin_name_at(size_t index);
/* Print the usage line "usage: SYNOPSIS"; returns 2. */
int builtin_usage(const char *synopsis);
/* An error a special builtin reports: ends a non-interactive shell. */
int special_error(int status);

/* Builtins in builtin/, one file per family, listed in builtin.c's table. */
int bi_break(int argc, char **argv);
int bi_continue(int argc, char **argv);
int bi_return(int argc, char **argv);
int bi_eval(int argc, char **argv);
int bi_trap(int argc, char **argv);
int bi_true(int argc, char **argv);
int bi_false(int argc, char **argv);
int bi_echo(int argc, char **argv);
int bi_printf(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_test(int argc, char **argv);
int bi_readonly(int argc, char **argv);
int bi_local(int argc, char **argv);
int bi_getopts(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_hash(int argc, char **argv);
int bi_wait(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_times(int argc, char **argv);
int bi_ulimit(int argc, char **argv);
int bi_alias(int argc, char **argv);
int bi_unalias(int argc, char **argv);

/* ---- trap.c: signal and EXIT traps (2.14 trap) ---- */

/* Run the actions of signals that arrived since the last call. */
void traps_run_pending(void);
/* Run the EXIT trap, once, before the shell ends. */
void trap_run_exit(void);
/* Is an action set for EXIT or a signal? Then the shell may not exec
 * its last command in place: the action must still run. */
int traps_active(void);
/* Add the signals a trap catches to SET. */
void traps_caught(sigset_t *set);
/* A forked subshell: caught signals go back to their defaults. */
void traps_reset_for_child(void);
/* The number of signal NAME ("INT", "SIGINT", "2"; "EXIT" is 0), or -1. */
int signal_number(const char *name);
/* The name of signal NUMBER without "SIG", or NULL. */
const char *signal_name(int number);
/* Nonzero when a trap is waiting to run. */
extern volatile sig_atomic_t trap_pending;
/* Act as if signal SIG had arrived: its trap, if any, runs soon. */
void trap_signal_arrived(int sig);
/* The lowest signal whose trap is waiting to run, or 0. */
int trap_first_pending(void);
/* Is a trap action (not "" or the default) set for SIG? */
int trap_is_set(int sig);

/* ---- function table (exec.c) ---- */

/* The body of the function NAME, or NULL. */
struct node *function_find(const char *name);
/* The name of function number INDEX, in no order; NULL past the last. */
const char *function_name_at(size_t index);
/* Define (BODY) or remove (NULL) the function NAME. */
void function_set(const char *name, struct node *body);
/* Run function BODY with ARGV as its positional parameters; FLAGS as
 * for run_node (RUN_TESTED passes on into the body). */
int function_call(struct node *body, struct strvec *argv, int flags);
/* Where NAME would be run from: its PATH entry, or NULL (caller frees). */
char *path_search(const char *name);
/*
 * One place to look for NAME in the colon-separated list at *AT ($PATH):
 * FILE becomes DIR/NAME, or NAME alone for an empty entry (the current
 * directory), and *AT moves on. Returns 0 when the list is done.
 */
int path_next(const char **at, const char *name, struct strbuf *file);
/* NAME's PATH entry, remembered after the first search; NULL if none. */
const char *hash_find(const char *name);
/* Forget the remembered entries (PATH changed, hash -r). */
void hash_clear(void);
/* List the remembered entries (hash). */
void hash_print(void);
/* List the functions' names (set, type). */
void functions_print(void);

/* ---- vars.c: variables ---- */

#define VAR_EXPORT 1
#define VAR_READONLY 2

/* Are the LEN bytes at S a name: letters, digits, '_', no digit first? */
int is_name(const char *s, size_t len);

/* The value of NAME, or NULL when it is unset. */
const char *var_get(const char *name);
/* The same for the LEN bytes at NAME. */
const char *var_getn(const char *name, size_t len);
/* Set NAME (its first NAME_LEN bytes) to VALUE and add FLAGS; -1 with a
 * message when NAME is read-only. */
int var_set(const char *name, size_t name_len, const char *value, int flags);
/* Set from "NAME=value" text. */
int var_assign(const char *assignment, int flags);
/* Remove NAME; -1 with a message when it is read-only. */
int var_unset(const char *name);
/* NAME's flags, 0 when it does not exist. */
int var_flags(const char *name);
/* Print the variables with FLAG as commands with PREFIX (export -p...). */
void vars_print_flagged(const char *prefix, int flag);
/* local: save NAME in the running function's frame, to restore at return. */
void var_make_local(const char *name, size_t name_len);
/* Begin and end a function's frame of local variables. */
void vars_push_frame(void);
void vars_pop_frame(void);
/* Mark NAME for export, creating it unset if it does not exist. */
void var_export(const char *name);
/* Add FLAGS to NAME, creating it unset if it does not exist. */
void var_add_flags(const char *name, int flags);
/* Import the environment the shell was started with. */
void vars_import(char **envp);
/* "NAME=value" for each exported variable, for execve: the shell's own
 * list, good until a variable changes. */
char **var_environ(void);
/* Print variables as commands that recreate them (set, export -p). */
void vars_print(int exported_only);

/*
 * A variable's state, saved so that "NAME=value builtin" can put it back
 * after the builtin has run.
 */
struct var_saved {
	char *name;
	char *value; /* NULL: it was unset */
	int flags;
	int existed;
};

void var_save(struct var_saved *saved, const char *name, size_t name_len);
void var_restore(struct var_saved *saved);

/* ---- main.c: the shell as a whole ---- */

enum unwind {
	UNWIND_NONE,
	UNWIND_EXIT, /* the exit builtin ran, or a fatal error */
	UNWIND_INTR, /* SIGINT in an interactive shell: back to the prompt */
	UNWIND_BREAK,    /* break N: unwind_count loops end */
	UNWIND_CONTINUE, /* continue N */
	UNWIND_RETURN,   /* return from a function or a . script */
};

/* set's options, with their letters in $- (2.14 set). */
enum option {
	OPT_ALLEXPORT, /* -a */
	OPT_NOCLOBBER, /* -C */
	OPT_ERREXIT,   /* -e */
	OPT_NOGLOB,    /* -f */
	OPT_HASHALL,   /* -h */
	OPT_MONITOR,   /* -m */
	OPT_NOEXEC,    /* -n */
	OPT_NOUNSET,   /* -u */
	OPT_VERBOSE,   /* -v */
	OPT_XTRACE,    /* -x */
	OPT_IGNOREEOF, /* no letter */
	OPT_NOLOG,
	OPT_PIPEFAIL,
	OPT_VI,
	N_OPTIONS,
};

struct shell {
	int interactive;
	int ast_only;         /* --ast: print trees, run nothing */
	int last_status;      /* $? */
	pid_t pid;            /* $$: the main shell, also in subshells */
	pid_t last_bg;        /* $!, 0 before the first & */
	char *arg0;           /* $0 */
	struct strvec params; /* $1 ... */
	int subshell;         /* this process is a forked child */
	int subst_status;     /* status of the last command substitution */
	enum unwind unwind;   /* set: every running list stops and returns */
	int exit_status;      /* UNWIND_EXIT's status */
	int signals_changed;  /* interactive: INT, QUIT, TERM were changed */
	int unwind_count;     /* UNWIND_BREAK and UNWIND_CONTINUE: loops left */
	int loop_depth;       /* loops running in this function or script */
	int func_depth;       /* functions running */
	int dot_depth;        /* . scripts (and profiles) running */
	int eval_depth;       /* run_input inside run_input: eval, . */
	int lineno;           /* $LINENO: the line of the running command */
	int in_trap;          /* a trap's action runs in this process */
	int via_command;      /* the builtin running was named after command */
	int trap_status;      /* then: $? before it, for a bare exit */
	char options[N_OPTIONS];
	int reads_stdin;      /* commands come from standard input: $- has s */
};

/* The option called NAME (set -o NAME), or -1. */
int option_by_name(const char *name);
/* The option with letter C, or -1. */
int option_by_letter(char c);
/* set -o / set +o listings. */
void options_print(int reinput);
/* $-: the letters of the options that are on. */
void options_letters(char *buf, size_t size);

extern struct shell shell;
extern volatile sig_atomic_t sigint_seen;

/* Run every command from IN; return the status of the last one. */
int run_input(struct input *in);
/*
 * Run the script at PATH in this shell (the . builtin, profiles). Returns
 * its status, or -1 if it cannot be opened (with a message, unless it
 * does not exist and need not).
 */
int run_file(const char *path, int must_exist);
/* A shell error that POSIX says ends a non-interactive shell (2.8.1). */
void fatal_error(int status);
/* Run PATH as a script in this (forked) process, for ENOEXEC. */
_Noreturn void run_script_here(const char *path, char **argv);

/* ---- edit.c, history.c, complete.c: the interactive shell's prompt ---- */

enum edit_result {
	EDIT_LINE,        /* a line was entered */
	EDIT_EOF,         /* Ctrl-D on an empty line, or the terminal is gone */
	EDIT_INTERRUPTED, /* Ctrl-C: the line is dropped */
	EDIT_NO_TERMINAL, /* fd 0 is no terminal after all: read it plainly */
};

/*
 * Write PROMPT on fd 2 and read a line from the terminal on fd 0 with
 * editing keys, in raw mode only while it is read. The line, ending in a
 * newline, replaces LINE's contents (EDIT_LINE; else LINE holds no line).
 */
enum edit_result edit_line(const char *prompt, struct strbuf *line);

/* Read $HISTFILE (default ~/.sh_history) once, before the first use. */
void history_load(void);
/* Remember COMMAND (maybe several lines) and append it to $HISTFILE;
 * not empty ones, repeats of the last, or ones starting with a space. */
void history_add(const char *command);
/* The commands remembered, oldest first: index 0 to history_count() - 1. */
size_t history_count(void);
const char *history_get(size_t index);
int bi_history(int argc, char **argv);

/* The choices Tab offers for the word before the cursor. */
struct completion {
	size_t start;          /* where the word starts in the line */
	char *word;            /* the word without its quotes */
	struct strvec matches; /* whole words, unquoted, sorted; dirs end in / */
	size_t name_offset;    /* bytes of each match not shown in a list */
};

/* Find what can complete the word that ends at byte CURSOR of LINE. */
void complete_word(const char *line, size_t cursor, struct completion *comp);
void completion_free(struct completion *comp);
/* The longest prefix the (one or more) MATCHES share, allocated. */
char *completion_common_prefix(const struct strvec *matches);
/* Add TEXT to BUF with backslashes before what the shell would take
 * as special (blanks, quotes, $ & ; | * ? and the like). */
void complete_quote(struct strbuf *buf, const char *text);
/* List the matches in columns that fit COLS, each row ending in CR LF. */
void completion_list(struct strbuf *out, const struct completion *comp,
                     int cols);

#endif
