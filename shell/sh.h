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
 *   exec.c     trees -> processes (2.9 Shell Commands, 2.7 Redirection)
 *   builtin.c  commands the shell runs itself (2.14 Special Built-In Utilities)
 *   vars.c     variables and the environment of children (2.5 Parameters)
 *   main.c     options, signals, and the read-parse-run loop
 *   str.c      growing strings and string lists, used by all of them
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

/* ---- input.c: where commands come from ---- */

enum input_kind {
	INPUT_STRING,   /* sh -c 'text', and command substitutions */
	INPUT_FILE,     /* a script file: read ahead, a buffer at a time */
	INPUT_STDIN,    /* a pipe or file on fd 0: never read ahead */
	INPUT_TERMINAL, /* read(2) a line at a time: the tty edits it */
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
};

void input_from_string(struct input *in, const char *text, size_t len);
void input_from_file(struct input *in, int fd, const char *name);
/* Standard input: a terminal, or else anything read without read-ahead. */
void input_from_stdin(struct input *in);
/* The next character, reading another line when needed; EOF at the end. */
int input_getc(struct input *in);
/* The next character without taking it. */
int input_peekc(struct input *in);
/* Forget the rest of the current line (after a syntax error). */
void input_skip_line(struct input *in);
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
	const char *error; /* for T_ERROR */
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
};

struct node {
	enum node_type type;
	int line;
	struct strvec assigns; /* N_SIMPLE: NAME=value words */
	struct strvec words;   /* N_SIMPLE: the command and its arguments */
	struct redir *redirs;  /* N_SIMPLE, N_SUBSHELL, N_GROUP */
	struct node **kids;
	size_t n_kids;
};

struct node *node_new(enum node_type type, int line);
void node_add_kid(struct node *node, struct node *kid);
void node_free(struct node *node);
void redirs_free(struct redir *redir);
/* Write the tree as an indented outline, one node or word per line. */
void ast_print(struct out *out, const struct node *node, int depth);

/* ---- parse.c: the grammar ---- */

struct parser {
	struct lexer lex;
	struct token tok; /* the lookahead token, when have_tok */
	int have_tok;
	int failed; /* a syntax error was reported */
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

/* ---- expand.c: word expansions ---- */

/* Expand WORDS with field splitting and pathname expansion into FIELDS. */
int expand_fields(const struct strvec *words, struct strvec *fields);
/*
 * Expand one word to one string: no field splitting and no pathname
 * expansion, as for assignments and redirection targets. With ASSIGN,
 * tildes after '=' and ':' are expanded too. NULL after an error.
 */
char *expand_word(const char *word, int assign);
/* Expand a here-document body: parameters and backslashes, no quotes. */
char *expand_heredoc(const char *body);

/* ---- exec.c: running trees ---- */

/* Flags for run_node. */
#define RUN_NOFORK 1 /* this process ends after the node: exec in place */

int run_node(struct node *node, int flags);
/* Replace this process with ARGV[0], searched for in PATH; exits if not. */
_Noreturn void exec_program(char **argv);
/* Run TEXT as commands in a child; return its output, trailing newlines cut. */
char *command_output(const char *text, size_t len);
/* Collect finished background children, so they do not stay zombies. */
void reap_background(void);
/* _exit with STATUS, or with exit's status if the exit builtin ran. */
_Noreturn void child_exit(int status);

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

/* ---- vars.c: variables ---- */

#define VAR_EXPORT 1

/* Are the LEN bytes at S a name: letters, digits, '_', no digit first? */
int is_name(const char *s, size_t len);

/* The value of NAME, or NULL when it is unset. */
const char *var_get(const char *name);
/* Set NAME (its first NAME_LEN bytes) to VALUE and add FLAGS. */
void var_set(const char *name, size_t name_len, const char *value, int flags);
/* Set from "NAME=value" text. */
void var_assign(const char *assignment, int flags);
void var_unset(const char *name);
/* Mark NAME for export, creating it unset if it does not exist. */
void var_export(const char *name);
/* Import the environment the shell was started with. */
void vars_import(char **envp);
/* "NAME=value" for each exported variable, for execve. */
void var_environ(struct strvec *env);
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
};

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

#endif
