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
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

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

/*
 * The exit status of a failure: die_msg, die_sys and finish() (on a write
 * error) use it, and so xmalloc and its kind when memory runs out. It is
 * 1, but grep, diff, cmp and sort keep 1 for an answer (no line selected,
 * the files differ, out of order) and set it to 2.
 */
extern int fail_status;

/* As warn_msg and warn_sys, then exit with status fail_status. */
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

/*
 * Create a new, empty file beside PATH (in its directory, named
 * ".PROGXXXXXX"), for a new version of PATH that rename(2) then puts in
 * its place in one step: no reader sees half a file, and a write that
 * fails halfway leaves PATH as it was. Its mode is 0600: the caller gives
 * it the owner and mode it wants. Returns the descriptor (close-on-exec)
 * and sets *TEMP to its name (to free), or returns -1 with errno set.
 */
int open_beside(const char *path, char **temp);

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

/*
 * Write VALUE in decimal, right-aligned with spaces in WIDTH columns, as
 * printf's "%*llu" does (up to 64): for the counts and line numbers that
 * cat -n, uniq -c and grep -n write on every line, where printf's cost
 * shows.
 */
void out_number(struct out *out, unsigned long long value, int width);

/*
 * Flush OUT, then copy everything from fd FROM straight to OUT's fd (see
 * copy_fd). Returns 0, or -1 if reading failed (errno says why); a write
 * error is kept in OUT, as for any write, for finish() to report.
 */
int out_copy_fd(struct out *out, int from);

/* Write what is buffered. Returns 0, or -1 with errno set to the error. */
int out_flush(struct out *out);

/*
 * The last step of a program: flush standard output and close it. If any
 * write failed, print "prog: write error: reason" and return 1; otherwise
 * return STATUS. Use as `return finish(status);`.
 */
int finish(int status);

/* ---- format.c: printf's formats and echo's escapes (printf, echo, sh) ---- */

/*
 * Write FORMAT with ARGS (NULL-terminated) to OUT, as printf(1) does: the
 * format is used again while arguments are left, and at least once; a
 * conversion with no argument left gets 0 or "". Escapes in the format
 * are C's with \xHH; %b writes its argument with echo's escapes, where
 * \c ends all output. Messages about bad arguments go to stderr,
 * each led by WHO ("" for the printf utility, "printf: " for a shell's
 * builtin). Returns 0, or 1 if an argument was no number or the format
 * held a bad conversion (output stops there).
 */
int format_print(struct out *out, const char *who, const char *format,
                 char *const *args);

/*
 * Decode the escapes of echo and printf's %b in TEXT into DST, which has
 * room for strlen(TEXT) + 1 bytes (no escape is longer than its text):
 * C's letters, \e, \xHH, \ooo and \0ooo. Returns the length (the text
 * may hold NUL bytes), and sets *STOPPED if a \c ended it there.
 */
size_t unescape_text(char *dst, const char *text, int *stopped);

/* Write TEXT to OUT with echo's escapes decoded; 1 if \c ended it. */
int out_unescaped(struct out *out, const char *text);

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
 * Read up to COUNT integers from TEXT, each after optional blanks and
 * separated from the next by anything that is not a digit or a sign
 * ("1 2", "1/2" and "1;2" give two). Stops at the first place where no
 * number follows; returns how many were read. For the fixed formats of
 * /proc files and terminal answers: sscanf would do, but brings 4 KB of
 * the C library into every program for a few such lines.
 */
int scan_numbers(const char *text, long long *values, int count);

/*
 * As parse_long in base 10, but die with "prog: WHAT: invalid number 'STR'"
 * or "prog: WHAT: out of range 'STR'" (exit 1) instead of returning.
 */
long xparse_long(const char *str, long min, long max, const char *what);

/*
 * Parse all of STR as a length of time, as sleep and timeout take it: a
 * number of seconds, maybe with a fraction or an exponent ("1.5", ".5",
 * "1e-3", "inf"), then at most one unit: s (seconds), m (minutes), h
 * (hours) or d (days). Returns 0 and sets *SECONDS (infinity for "inf"),
 * or returns -1 with errno EINVAL: negative, "nan", empty, other text.
 */
int parse_duration(const char *str, double *seconds);

/*
 * SECONDS (not negative) as a timespec for nanosleep and friends: rounded
 * up to the next nanosecond, so a wait is never shorter than asked, and
 * cut to about 2^62 seconds, so infinity still converts.
 */
struct timespec duration_timespec(double seconds);

/* ---- exec.c: running a utility's command operand ---- */

/*
 * Replace this process with the command ARGV (found in PATH as execvp
 * finds it). Returns only by exiting, after "prog: NAME: reason", with
 * status 127 if there is no such command and 126 if it is there but
 * cannot run, as POSIX asks of env, nice, nohup and the shell. Exits with
 * _exit, so it may be called in a child after fork.
 */
_Noreturn void exec_command(char **argv);

/* ---- proc.c: readers for the kernel's /proc files (proc(5)) ---- */

/*
 * Read the small file PATH whole into BUF (SIZE bytes) and end it with a
 * NUL. Returns the length, or -1 with errno set.
 */
ssize_t proc_read_file(const char *path, char *buf, size_t size);

/* What ps and top show of a process: fields of /proc/PID/stat. */
struct proc_stat {
	pid_t pid;
	char comm[64];		/* the command name, at most 15 bytes */
	char state;		/* R running, S sleeping, D disk, Z zombie... */
	int ppid, pgrp, session;
	int tty_nr;		/* the terminal's device number, 0 if none */
	int tpgid;
	unsigned long long utime, stime;	/* CPU time, in clock ticks */
	long priority, nice, num_threads;
	unsigned long long start_time;	/* clock ticks after boot */
	unsigned long vsize;	/* virtual memory, in bytes */
	long rss;		/* resident memory, in pages */
};

/*
 * Parse TEXT, the contents of a /proc/PID/stat file, into *ST.
 * Returns 0, or -1 if TEXT is not in that form.
 */
int proc_parse_stat(const char *text, struct proc_stat *st);

/* Read and parse /proc/PID/stat. Returns 0, or -1 with errno set. */
int proc_read_stat(pid_t pid, struct proc_stat *st);

/*
 * The processes now running: their pids in increasing order, in an
 * allocated array (never NULL) of *COUNT entries. *COUNT is 0 if /proc
 * cannot be read.
 */
pid_t *proc_list_pids(size_t *count);

/*
 * The command line of PID with its arguments joined by spaces, allocated;
 * NULL for kernel threads (which have none) and processes gone meanwhile.
 */
char *proc_cmdline(pid_t pid);

/*
 * Is process PID, whose stat is ST, called NAME (as killall and pidof
 * mean it)? Yes if its stat name is NAME, or if the last part of its
 * first argument is: the stat name is cut to 15 bytes, and a script's is
 * its interpreter's. Returns 1 or 0.
 */
int proc_is_called(pid_t pid, const struct proc_stat *st, const char *name);

/* Figures of /proc/meminfo, in KiB. */
struct meminfo {
	unsigned long long total, free, available, buffers, cached, shared,
		reclaimable, swap_total, swap_free;
};

/*
 * Parse TEXT, the contents of /proc/meminfo, into *MEM (missing lines
 * give 0). Returns 0, or -1 if there is no MemTotal line.
 */
int proc_parse_meminfo(const char *text, struct meminfo *mem);

/* Read and parse /proc/meminfo. Returns 0, or -1 with errno set. */
int proc_meminfo(struct meminfo *mem);

/* Seconds since boot, from /proc/uptime. Returns 0, or -1 with errno set. */
int proc_uptime(double *seconds);

/* /proc/loadavg: run-queue averages over 1, 5 and 15 minutes, and tasks. */
struct loadavg {
	double avg[3];
	int running, total;	/* runnable tasks, all tasks */
};

/* Parse TEXT, the contents of /proc/loadavg. Returns 0, or -1. */
int proc_parse_loadavg(const char *text, struct loadavg *load);

/* Read and parse /proc/loadavg. Returns 0, or -1 with errno set. */
int proc_loadavg(struct loadavg *load);

/* ---- sig.c: signal names and numbers (signal(7)) ---- */

/*
 * The number of the signal NAME: "TERM", "SIGTERM" and "term" are all 15,
 * and a number names itself. Returns -1 if NAME is no signal.
 */
int sig_number(const char *name);

/* The name of signal NUMBER without "SIG" ("TERM"), or NULL if unknown. */
const char *sig_name(int number);

/* ---- mode.c: file modes, octal and symbolic (chmod, mkdir -m, ls -l) ---- */

/*
 * Apply SPEC to OLD, the current mode of a file (its type bits say whether
 * it is a directory, for X). SPEC is an octal number up to 07777, or a
 * symbolic mode as POSIX chmod has it: clauses such as u+x,g-w,o=r,a+X,
 * g=u, +t. Where a clause names no "who", the bits of UMASK_BITS are left
 * alone. Returns 0 and sets *RESULT (type bits kept from OLD), or -1 if
 * SPEC is not a mode.
 */
int mode_apply(const char *spec, mode_t old, mode_t umask_bits, mode_t *result);

/* Write the ten characters ls -l shows for MODE ("drwxr-xr-x") and a NUL. */
void mode_format(mode_t mode, char out[11]);

/* ---- human.c: sizes for people (ls -h, du -h, df -h) ---- */

#define HUMAN_BUFSIZE 8

/*
 * Write BYTES into BUF as GNU's -h does: plain below 1024, else one
 * decimal below 10 and none above, with K M G T P E (powers of 1024),
 * always rounded up: 1536 is "1.5K", 10240 "10K". Returns BUF.
 */
char *human_size(unsigned long long bytes, char buf[HUMAN_BUFSIZE]);

/* ---- walk.c: recursive walks over directory trees, by descriptor ---- */

enum walk_visit {
	WALK_FILE,	/* anything but a directory */
	WALK_PRE,	/* a directory, before its entries */
	WALK_POST,	/* a directory, after its entries */
};

/* What a walk hands its function for each file. */
struct walk_entry {
	const char *path;	/* the root, then "/" and each name */
	const char *name;	/* the last component, relative to dirfd */
	int dirfd;		/* the directory holding it; AT_FDCWD at the root */
	int depth;		/* 0 for the root */
	int followed;		/* st describes the link's target */
	enum walk_visit visit;
	struct stat st;
};

/* walk's flags. Without any, symbolic links are never followed. */
#define WALK_FOLLOW_ROOT 1	/* follow a link named as the root (-H) */
#define WALK_FOLLOW 2		/* follow every link (-L); loops are reported */
#define WALK_XDEV 4		/* do not enter directories on other filesystems */
/*
 * Stat only directories (and links to follow): for other files, when
 * the directory says their type, st holds that in st_mode and nothing
 * else (every other field is 0). For callers that need names and types
 * only, such as rm -r and find -name, it saves a system call per file.
 */
#define WALK_TYPES 8

/* A walk function's answer at WALK_PRE: enter the directory or not. */
#define WALK_ENTER 0
#define WALK_PRUNE 1

typedef int walk_fn(struct walk_entry *entry, void *arg);

/*
 * Call FN for ROOT and, if it is a directory, everything under it: a
 * directory with WALK_PRE, its entries (in directory order), then itself
 * again with WALK_POST. Entries may be removed or renamed by FN through
 * dirfd and name. Trees may be deeper than the descriptor limit and paths
 * longer than PATH_MAX. Errors (a directory that cannot be read, a loop)
 * are reported as "prog: path: reason" and the walk goes on; it returns
 * -1 if there were any, else 0. A directory that could not be entered
 * gets no WALK_POST.
 */
int walk(const char *root, int flags, walk_fn *fn, void *arg);

/* ---- hash.c: MD5 and SHA-256 digests (md5sum, sha256sum) ---- */

#define MD5_SIZE 16
#define SHA256_SIZE 32

/*
 * A digest being computed: call *_init, then *_update with the data in
 * as many pieces as it comes, then *_final for the digest (the context
 * must be initialised again before another use).
 */
struct md5 {
	unsigned int state[4];
	unsigned long long length;	/* bytes fed so far */
	unsigned char block[64];	/* a partial block */
	size_t used;			/* bytes in block */
};

struct sha256 {
	unsigned int state[8];
	unsigned long long length;
	unsigned char block[64];
	size_t used;
};

void md5_init(struct md5 *ctx);
void md5_update(struct md5 *ctx, const void *data, size_t len);
void md5_final(struct md5 *ctx, unsigned char digest[MD5_SIZE]);

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t len);
void sha256_final(struct sha256 *ctx, unsigned char digest[SHA256_SIZE]);

/* ---- input.c: each operand, or standard input ---- */

/*
 * Going through a utility's file operands: none means standard input, and
 * "-" is standard input wherever it appears.
 */
struct inputs {
	char **names;		/* the operands still to open */
	const char *name;	/* the current input's name, for messages */
	int fd;			/* the current input, or -1 */
	int status;		/* 1 once an operand could not be opened or read */
	struct lines lines;	/* inputs_next_line's reader */
};

/* Start going through OPERANDS (a NULL-terminated list, maybe empty). */
void inputs_init(struct inputs *in, char **operands);

/*
 * Close the current input (never standard input) and open the next one.
 * Returns its fd, or -1 when there are no more. An operand that cannot be
 * opened is reported as "prog: NAME: reason", sets in->status to 1 and is
 * skipped.
 */
int inputs_next(struct inputs *in);

/*
 * The next line of all the inputs, one after the other, as lines_next
 * hands it out (its newline included, if it has one). A read error is
 * reported as "prog: NAME: reason", sets in->status to 1, and the next
 * input follows. Returns 0 when every input is done.
 */
ssize_t inputs_next_line(struct inputs *in, char **line);

/* ---- path.c: path names ---- */

/*
 * DIR, a slash and the last component of PATH (trailing slashes ignored),
 * newly allocated: the name `cp PATH DIR`, `mv` or `ln` gives the new entry.
 */
char *path_in_dir(const char *dir, const char *path);

/* ---- mounts.c: the table of mounted filesystems ---- */

/* One line of /proc/self/mounts; "" for a field the line lacks. */
struct mount_entry {
	char *source, *dir, *type, *options;
};

struct mounts {
	struct mount_entry *entry;	/* oldest mount first */
	size_t count;
	char *text;			/* the file, which the fields point into */
};

/*
 * Read /proc/self/mounts whole into *MOUNTS, each field unescaped (the
 * kernel writes a space in a path as \040). Returns 0, or -1 with errno
 * set. Never dies, so init may use it.
 */
int mounts_read(struct mounts *mounts);

/* Free what mounts_read gave; *MOUNTS becomes empty. */
void mounts_free(struct mounts *mounts);

/* Undo the octal escapes (\040, \011...) of FIELD in place, as fstab uses too. */
void mount_unescape(char *field);

/* ---- charclass.c: [:alpha:] and the other classes ---- */

/* Whether byte C is in the class NAME (LEN bytes, "alpha" for
 * [:alpha:]) of the POSIX locale: 1 or 0, or -1 if there is no such
 * class. */
int char_class_has(const char *name, size_t len, int c);

/* ---- pattern.c: the shell's pattern matching notation ---- */

#define PATTERN_CASEFOLD 1 /* letters match either case (find -iname) */

/*
 * Does all of STRING match PATTERN, as XCU 2.13 has it: '*' any bytes,
 * '?' one byte, [...] a bracket expression ("[!" or "[^" negates it,
 * classes like [:alpha:], ranges by byte value), a backslash makes the
 * next character ordinary, inside brackets too. A '[' with no ']' is
 * ordinary. '/' and a leading '.' are not special: pathname expansion
 * matches one name at a time and checks the dot itself.
 */
int pattern_matches(const char *pattern, const char *string, int flags);

/* ---- regex.c: POSIX regular expressions, without the C library's ---- */

/*
 * A compiled basic or extended regular expression, with the GNU
 * extensions glibc accepts: back-references \1-\9 (in ERE too), \w \W
 * \s \S, word assertions \b \B \< \>, \` and \' (the text's start and
 * end), BRE's \+ \? \|. Bytes are characters, as in the POSIX locale:
 * [=a=] and [.a.] are the byte a. A text is one line, or any bytes: '.'
 * and "[^a]" match a newline too. Most patterns run on a lazily built
 * DFA (the time per byte does not grow with the pattern); those with a
 * back-reference take exponential time in the worst case.
 */
struct rx;

#define RX_EXTENDED 1 /* ERE syntax (grep -E) rather than BRE */
#define RX_ICASE 2    /* letters match either case (grep -i) */

/*
 * Compile PATTERN (a NUL-terminated string) with FLAGS. On a syntax
 * error returns NULL, with glibc's message for it in MESSAGE.
 */
struct rx *rx_compile(const char *pattern, int flags, char *message,
                      size_t message_size);

/* How many groups, \( \) or ( ), RE has: they are numbered from 1. */
size_t rx_groups(const struct rx *re);

/*
 * Whether anything in TEXT[0..LEN) matches: the fast question, answered
 * at the first match. TEXT needs no NUL after it; '^' holds at TEXT and
 * '$' at TEXT + LEN.
 */
int rx_matches(struct rx *re, const char *text, size_t len);

/*
 * Find the leftmost-longest match in TEXT[0..LEN) that starts at or after
 * FROM; set *START and *END (END past the last byte) and return 1, or
 * return 0. '^' holds only at TEXT itself, so a search from FROM > 0
 * sees the rest of the same line (and \< the byte before FROM).
 */
int rx_search(struct rx *re, const char *text, size_t len, size_t from,
              size_t *start, size_t *end);

/* Where a match, or a group of it, is: RX_NONE in both if nowhere. */
struct rx_match {
	size_t start, end;
};

#define RX_NONE ((size_t)-1)

/*
 * rx_search, and where the groups are: MATCH[0] is the whole match,
 * MATCH[g] group g, for g < NMATCH (groups beyond rx_groups, and groups
 * the match did not pass through, are RX_NONE). The match is the
 * leftmost-longest; its groups are those glibc reports: the ways
 * through the pattern that end the match there are tried in order (an
 * alternative before the next, a '*' once more before leaving it), and
 * the first one gives them. A group inside a repetition is its last
 * pass. Returns 1, or 0 if nothing matches.
 */
int rx_exec(struct rx *re, const char *text, size_t len, size_t from,
            size_t nmatch, struct rx_match *match);

/* Free RE and everything it holds; NULL is allowed. */
void rx_free(struct rx *re);

#endif
