/*
 * mini.h - the whole of libmini, the small library under every mini program.
 *
 * libmini sits on top of the C library (musl in the image, glibc in the
 * check build) and holds only what three or more programs need and the C
 * library lacks or does slowly for our use. Each function is documented
 * here, above its declaration; each concern lives in its own .c file,
 * named in the section heading.
 */
#ifndef MINI_H
#define MINI_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#if defined(__GNUC__)
#define MINI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MINI_PRINTF(fmt, args)
#endif

/* ---- err.c: messages on stderr, in the form "prog: what: why" ---- */

/*
 * The name messages start with: argv[0] without its directory. Programs
 * call prog_init(argv[0]) first thing in main; until then it is "mini".
 */
extern const char *prog_name;
void prog_init(const char *argv0);

/* Print "prog: MESSAGE" and a newline on stderr. */
void warn_msg(const char *fmt, ...) MINI_PRINTF(1, 2);

/* Print "prog: MESSAGE: strerror(errno)" on stderr; errno is preserved. */
void warn_sys(const char *fmt, ...) MINI_PRINTF(1, 2);

/* As warn_msg and warn_sys, then exit with status 1. */
_Noreturn void die_msg(const char *fmt, ...) MINI_PRINTF(1, 2);
_Noreturn void die_sys(const char *fmt, ...) MINI_PRINTF(1, 2);

/* Print "usage: SYNOPSIS" on stderr and exit with status 2. */
_Noreturn void die_usage(const char *synopsis);

/* ---- alloc.c: allocation that never returns NULL ---- */

/* Each dies with "prog: out of memory" instead of returning NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Resize to count * size bytes, dying on overflow as on exhaustion. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *str);
char *xstrndup(const char *str, size_t max_len);

/* ---- io.c: whole reads and writes ---- */

/*
 * Read until LEN bytes have arrived or end of file, retrying after signals.
 * Returns the number of bytes read (less than LEN only at end of file),
 * or -1 with errno set.
 */
ssize_t read_full(int fd, void *buf, size_t len);

/*
 * Write all LEN bytes, retrying after signals and short writes.
 * Returns 0, or -1 with errno set.
 */
int write_full(int fd, const void *buf, size_t len);

/*
 * Copy everything from fd FROM to fd TO. Returns 0 on success, -1 if
 * reading failed, -2 if writing failed (errno says why).
 */
int copy_fd(int from, int to);

/* open(2), or die with "prog: PATH: reason". */
int xopen(const char *path, int flags, mode_t mode);

/* ---- out.c: buffered output that remembers write errors ---- */

#define OUT_BUFSIZE 8192

/*
 * A writer to a file descriptor. Output is collected in buf (OUT_BUFSIZE
 * bytes) and written when it fills or on out_flush. The first write error
 * is kept in `error` (an errno value) and later output is dropped, so a
 * program can write freely and check once at the end.
 */
struct out {
	int fd;
	int error;
	size_t len;
	char *buf;
};

/* The writer for standard output. */
extern struct out out_stdout;

/*
 * Start a writer on FD. Its buffer is allocated the first time and kept
 * for the life of the program, so a writer can be started again.
 */
void out_init(struct out *out, int fd);

void out_write(struct out *out, const void *data, size_t len);
void out_str(struct out *out, const char *str);
void out_char(struct out *out, char c);
void out_printf(struct out *out, const char *fmt, ...) MINI_PRINTF(2, 3);

/* Write what is buffered. Returns 0, or -1 with errno set to the error. */
int out_flush(struct out *out);

/*
 * The last step of a program: flush standard output and close it. If any
 * write failed, print "prog: write error: reason" and return 1; otherwise
 * return STATUS. Use as `return finish(status);`.
 */
int finish(int status);

/* ---- line.c: fast line reading from a file descriptor ---- */

/*
 * A line reader. Lines may be of any length and may hold NUL bytes; a
 * line is handed out as a pointer and a length, valid until the next call.
 */
struct lines {
	int fd;
	char *buf;
	size_t cap;	/* bytes allocated in buf */
	size_t start;	/* first byte not yet handed out */
	size_t end;	/* one past the last byte read */
	int eof;
};

/* Start reading lines from FD. */
void lines_init(struct lines *lines, int fd);

/*
 * Hand out the next line in *LINE: its length is returned and includes
 * the newline, if the line has one (the last line of a file may not).
 * Returns 0 at end of file and -1 on a read error (errno set).
 */
ssize_t lines_next(struct lines *lines, char **line);

/* Free the reader's buffer (the fd stays open). */
void lines_free(struct lines *lines);

/* ---- num.c: checked number parsing ---- */

/*
 * Parse all of STR as an integer in BASE (0: C rules, 0x is hex and a
 * leading 0 octal) between MIN and MAX. Leading blanks and a sign are
 * allowed, nothing else before or after. Returns 0 and sets *VALUE, or
 * returns -1 with errno EINVAL (not a number) or ERANGE (out of range).
 */
int parse_long(const char *str, int base, long min, long max, long *value);

/*
 * As parse_long in base 10, but die with "prog: WHAT: invalid number 'STR'"
 * or "prog: WHAT: out of range 'STR'" (exit 1) instead of returning.
 */
long xparse_long(const char *str, long min, long max, const char *what);

#endif
