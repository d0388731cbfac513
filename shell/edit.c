/*
 * edit.c - the line editor of the interactive shell: emacs-style keys on a
 * terminal put in raw mode while a line is read (termios(3); the screen
 * is driven with the few VT100 sequences of console_codes(4): CR, ESC[J,
 * ESC[nA/B/C, and ESC[H ESC[2J for Ctrl-L, so that it also works on a
 * serial console).
 *
 * The line is kept as bytes; UTF-8 characters are moved over and deleted
 * whole (continuation bytes, 10xxxxxx, belong to the character before),
 * and each character takes one column. A control character in a recalled
 * command is shown as ^X, two columns. Lines longer than the terminal
 * wrap: every change that is not typing at the end redraws from the
 * prompt's row down ("move up, clear to the end of the screen, write the
 * prompt and the line, put the cursor back").
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

#define KEY_CTRL(c) ((c) & 0x1f)
#define DEL 0x7f
#define ESC 033

/* Keys that are more than one byte: above every byte value. */
enum key {
	KEY_CHAR = 256, /* a printable character, in editor.key_bytes */
	KEY_NONE,       /* an escape sequence we do not know: swallowed */
	KEY_EOF,        /* the terminal is gone */
	KEY_INTERRUPT,  /* SIGINT arrived from elsewhere */
	KEY_UP,
	KEY_DOWN,
	KEY_LEFT,
	KEY_RIGHT,
	KEY_HOME,
	KEY_END,
	KEY_DELETE,
	KEY_WORD_LEFT,  /* Alt-B */
	KEY_WORD_RIGHT, /* Alt-F */
};

/* Milliseconds to wait for the rest of an escape sequence or character. */
#define SEQUENCE_WAIT 500

struct editor {
	int in_fd, out_fd;
	const char *prompt;      /* drawn before the line: line_prompt, or a
	                            search's "(reverse-i-search)`...': " */
	const char *line_prompt; /* the last line of the shell's prompt */
	const char *prompt_head; /* the lines before it, written once */
	struct strbuf line;      /* the text being edited, without newline */
	size_t cursor;           /* byte offset of the cursor in line */
	int cols;                /* terminal width */
	int cursor_row;          /* rows the cursor is below the prompt's row */
	int pending_wrap;        /* it waits at the right margin (see emit_text) */
	struct strbuf out;       /* output for the terminal, written per key */
	int silent;              /* stty -echo: the line is typed unseen */
	int key;                 /* the key being handled */
	char key_bytes[8];       /* KEY_CHAR: its bytes */
	size_t key_len;
	int pushed_back;         /* a byte read too far, or -1 */
	int last_key_was_tab;
	size_t hist_pos;   /* history entry shown; history_count(): the new line */
	char *typed;       /* the new line, kept while older entries are shown */
	/* Ctrl-R search */
	int searching;
	struct strbuf query;
	struct strbuf search_prompt;
	size_t match_entry;  /* the entry shown; history_count(): none yet */
	int search_failed;
	char *before_search; /* the line to go back to on Ctrl-G */
	size_t before_cursor;
	int done;
	enum edit_result result;
};

/* The kill ring, one entry: what Ctrl-K, Ctrl-U or Ctrl-W took last. */
static char *killed;

/* The terminal as it was before raw mode, and whether it is raw now. */
static struct termios saved_termios;
static volatile sig_atomic_t terminal_raw;
static int terminal_fd;
static volatile sig_atomic_t resized;

/* ---- the terminal: raw mode, restored on every way out ---- */

static void
restore_terminal(void)
{
	// TCSADRAIN, not TCSAFLUSH: keys typed ahead are the next command's.
	if (terminal_raw)
		tcsetattr(terminal_fd, TCSADRAIN, &saved_termios);
	terminal_raw = 0;
}

/*
 * A signal that would end the shell while the terminal is raw: put the
 * terminal back, then die of the same signal (all async-signal-safe).
 */
static void
on_fatal_signal(int sig)
{
	if (terminal_raw)
		tcsetattr(terminal_fd, TCSANOW, &saved_termios);
	terminal_raw = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_resize(int sig)
{
	(void)sig;
	resized = 1;
}

/* Signals whose default ends the shell, caught while the terminal is raw. */
static const int fatal_signals[] = {SIGHUP, SIGTERM, SIGQUIT, SIGALRM,
                                    SIGUSR1, SIGUSR2, SIGPIPE};
#define N_FATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

struct saved_signals {
	struct sigaction fatal[N_FATAL];
	struct sigaction winch;
};

static void
catch_signals(struct saved_signals *saved)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	sigemptyset(&action.sa_mask);
	for (size_t i = 0; i < N_FATAL; i++) {
		sigaction(fatal_signals[i], NULL, &saved->fatal[i]);
		// Ignored or trapped signals are the user's business.
		if (saved->fatal[i].sa_handler != SIG_DFL)
			continue;
		action.sa_handler = on_fatal_signal;
		sigaction(fatal_signals[i], &action, NULL);
	}
	// No SA_RESTART: a resize ends the wait for a key, to redraw.
	action.sa_handler = on_resize;
	sigaction(SIGWINCH, &action, &saved->winch);
}

static void
release_signals(struct saved_signals *saved)
{
	for (size_t i = 0; i < N_FATAL; i++)
		if (saved->fatal[i].sa_handler == SIG_DFL)
			sigaction(fatal_signals[i], &saved->fatal[i], NULL);
	sigaction(SIGWINCH, &saved->winch, NULL);
}

/*
 * Raw mode: keys one at a time, no echo, and Ctrl-C, Ctrl-Z and Ctrl-\
 * as plain bytes rather than signals. Output is written as it is: the
 * editor says "\r\n" where it means it.
 */
static int
enter_raw_mode(int fd)
{
	static int registered;
	struct termios raw;

	if (tcgetattr(fd, &saved_termios) < 0)
		return -1;
	raw = saved_termios;
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP);
	raw.c_oflag &= ~(tcflag_t)OPOST;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	terminal_fd = fd;
	if (!registered)
		atexit(restore_terminal);
	registered = 1;
	if (tcsetattr(fd, TCSADRAIN, &raw) < 0)
		return -1;
	terminal_raw = 1;
	return 0;
}

static int
terminal_columns(int fd)
{
	struct winsize size;

	// A serial console reports 0 columns: assume the classic 80.
	if (ioctl(fd, TIOCGWINSZ, &size) < 0 || size.ws_col == 0)
		return 80;
	return size.ws_col;
}

/* ---- output ---- */

static void
emit(struct editor *ed, const char *text)
{
	strbuf_adds(&ed->out, text);
}

/* The prompt's first lines: each newline as CR LF, raw mode does not. */
static void
emit_prompt_head(struct editor *ed)
{
	for (const char *p = ed->prompt_head; *p; p++) {
		if (*p == '\n')
			strbuf_addc(&ed->out, '\r');
		strbuf_addc(&ed->out, *p);
	}
}

static void
emit_move(struct editor *ed, int count, char direction)
{
	char seq[32];

	if (count <= 0)
		return;
	snprintf(seq, sizeof(seq), "\033[%d%c", count, direction);
	emit(ed, seq);
}

static void
flush_output(struct editor *ed)
{
	if (ed->out.len && !ed->silent)
		write_full(ed->out_fd, ed->out.s, ed->out.len);
	ed->out.len = 0;
}

/* ---- where characters land on the screen ---- */

static int
is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Columns byte C takes in the line: ^X for controls, 0 inside UTF-8. */
static int
byte_columns(unsigned char c)
{
	if (c < 0x20 || c == DEL)
		return 2;
	return is_continuation(c) ? 0 : 1;
}

/* Step *COL forward one column, wrapping to the next row at the margin. */
static int
step_column(const struct editor *ed, int *row, int *col)
{
	if (++*col < ed->cols)
		return 0;
	++*row;
	*col = 0;
	return 1;
}

/* Where LEN bytes of line TEXT end, starting from *ROW, *COL. */
static void
advance_text(const struct editor *ed, const char *text, size_t len, int *row,
             int *col)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n') {
			++*row;
			*col = 0;
			continue;
		}
		for (int w = byte_columns(c); w > 0; w--)
			step_column(ed, row, col);
	}
}

/* The length of the escape sequence at P (P[0] is ESC). */
static size_t
escape_length(const char *p)
{
	size_t len = 2;

	if (p[1] == '[') {
		while (p[len] && !(p[len] >= 0x40 && p[len] <= 0x7e))
			len++;
		return p[len] ? len + 1 : len;
	}
	if (p[1] == ']') {
		// A title (OSC) ends with BEL or ESC backslash.
		while (p[len] && p[len] != '\a' &&
		       !(p[len] == ESC && p[len + 1] == '\\'))
			len++;
		return p[len] == '\a' ? len + 1 : p[len] ? len + 2 : len;
	}
	return p[1] ? 2 : 1;
}

/* Where the prompt PROMPT ends: only what it prints counts. */
static void
advance_prompt(const struct editor *ed, const char *prompt, int *row, int *col)
{
	for (const char *p = prompt; *p;) {
		unsigned char c = (unsigned char)*p;

		if (c == ESC) {
			p += escape_length(p);
			continue;
		}
		if (c >= 0x20 && c != DEL && !is_continuation(c))
			step_column(ed, row, col);
		p++;
	}
}

/* Where byte POS of the line is on the screen, counted from the prompt. */
static void
position_of(const struct editor *ed, size_t pos, int *row, int *col)
{
	*row = *col = 0;
	advance_prompt(ed, ed->prompt, row, col);
	advance_text(ed, ed->line.s, pos, row, col);
}

/*
 * Write LEN bytes of line TEXT from *ROW, *COL (where it starts, and on
 * return where it ends). A character written in the last column leaves
 * the terminal's cursor waiting there: it goes to the next row only with
 * the next character. Until then we count it on the next row but know,
 * by pending_wrap, that it is one row up; cursor moves take that into
 * account, so typing a long line writes nothing but the line.
 */
static void
emit_text(struct editor *ed, const char *text, size_t len, int *row, int *col)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		char shown[3] = {(char)c, 0, 0};

		if (c == '\n') {
			// A newline at the margin: first go to where we count.
			emit(ed, ed->pending_wrap ? "\r\n\r\n" : "\r\n");
			ed->pending_wrap = 0;
			++*row;
			*col = 0;
			continue;
		}
		if (c < 0x20 || c == DEL) {
			shown[0] = '^';
			shown[1] = (char)(c ^ 0x40);
		}
		for (int w = 0; w < 2 && shown[w]; w++) {
			strbuf_addc(&ed->out, shown[w]);
			if (!is_continuation(c))
				ed->pending_wrap = step_column(ed, row, col);
		}
	}
}

/* Move the terminal's cursor to ROW, COL of the line. */
static void
emit_cursor_move(struct editor *ed, int row, int col)
{
	if (ed->cursor_row > row)
		emit_move(ed, ed->cursor_row - row, 'A');
	else
		emit_move(ed, row - ed->cursor_row, 'B');
	emit(ed, "\r");
	emit_move(ed, col, 'C');
	ed->cursor_row = row;
	ed->pending_wrap = 0;
}

/* Draw the prompt and the line again, from the prompt's row down. */
static void
redraw(struct editor *ed)
{
	int row = 0, col = 0, cursor_row, cursor_col;

	emit_move(ed, ed->cursor_row, 'A');
	emit(ed, "\r\033[J");
	emit(ed, ed->prompt);
	advance_prompt(ed, ed->prompt, &row, &col);
	ed->pending_wrap = col == 0 && row > 0;
	emit_text(ed, ed->line.s, ed->line.len, &row, &col);
	ed->cursor_row = row - ed->pending_wrap;
	position_of(ed, ed->cursor, &cursor_row, &cursor_col);
	if (cursor_row != row || cursor_col != col)
		emit_cursor_move(ed, cursor_row, cursor_col);
}

/* Put the cursor on byte POS of the line, drawing nothing else. */
static void
move_cursor(struct editor *ed, size_t pos)
{
	int row, col, old_row, old_col;

	position_of(ed, ed->cursor, &old_row, &old_col);
	position_of(ed, pos, &row, &col);
	if (row != old_row || col != old_col)
		emit_cursor_move(ed, row, col);
	ed->cursor = pos;
}

/* ---- reading keys ---- */

/*
 * Wait up to TIMEOUT ms (-1: for ever) for a byte. Returns it, or -1 on
 * timeout, -2 at end of input or on an error, -3 if SIGINT came. SIGINT
 * and SIGWINCH are held back while the flags are looked at and let in
 * only during the wait, so neither can slip in between unseen.
 */
static int
read_byte(struct editor *ed, int timeout)
{
	sigset_t block, old;
	unsigned char c;

	if (ed->pushed_back >= 0) {
		c = (unsigned char)ed->pushed_back;
		ed->pushed_back = -1;
		return c;
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	for (;;) {
		struct pollfd pfd = {.fd = ed->in_fd, .events = POLLIN};
		struct timespec wait = {timeout / 1000, (timeout % 1000) * 1000000L};
		int ready;
		ssize_t n;

		sigprocmask(SIG_BLOCK, &block, &old);
		if (sigint_seen) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			return -3;
		}
		if (resized) {
			resized = 0;
			sigprocmask(SIG_SETMASK, &old, NULL);
			ed->cols = terminal_columns(ed->out_fd);
			redraw(ed);
			flush_output(ed);
			continue;
		}
		ready = ppoll(&pfd, 1, timeout < 0 ? NULL : &wait, &old);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return -2;
		if (ready == 0)
			return -1;
		n = read(ed->in_fd, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		return -2;
	}
}

/*
 * A serial console has no size until someone sets one. Ask the terminal
 * at the other end, once: save the cursor, move it as far as it goes,
 * ask where it is (ESC [ 6 n), put it back. The answer, ESC [ ROWS ; COLS
 * R, comes in among the keys whenever it comes (read_csi), so nothing
 * waits for a terminal that never answers.
 */
static int size_asked;

static void
ask_terminal_size(struct editor *ed)
{
	struct winsize size;

	if (size_asked || ioctl(ed->out_fd, TIOCGWINSZ, &size) < 0 ||
	    size.ws_col != 0)
		return;
	size_asked = 1;
	emit(ed, "\0337\033[999;999H\033[6n\0338");
}

/*
 * The answer to ask_terminal_size: set the terminal's size, for us and
 * every program run later. It comes just after the prompt, as a rule:
 * what is on the screen stays as it is, unlike after a real resize.
 */
static void
terminal_size_answered(struct editor *ed, const char *params)
{
	struct winsize size = {0};
	long long answer[2]; /* rows, columns */

	if (size_asked != 1 || scan_numbers(params, answer, 2) != 2 ||
	    answer[0] < 2 || answer[1] < 10 || answer[0] > 0xffff ||
	    answer[1] > 0xffff)
		return;
	size_asked = 2;
	size.ws_row = (unsigned short)answer[0];
	size.ws_col = (unsigned short)answer[1];
	if (ioctl(0, TIOCSWINSZ, &size) == 0) {
		resized = 0;	// our own SIGWINCH: no redraw
		ed->cols = (int)answer[1];
	}
}

/* After ESC '[': the parameters and the final byte (ESC [ 3 ~ ...). */
static int
read_csi(struct editor *ed)
{
	char params[16];
	size_t len = 0;
	int c;

	for (;;) {
		c = read_byte(ed, SEQUENCE_WAIT);
		if (c < 0)
			return KEY_NONE;
		if (c >= 0x40 && c <= 0x7e)
			break;
		if (len < sizeof(params) - 1)
			params[len++] = (char)c;
	}
	params[len] = '\0';
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	// Ctrl- and Alt-arrows (ESC[1;5C) move by words, as in most shells.
	case 'C': return len ? KEY_WORD_RIGHT : KEY_RIGHT;
	case 'D': return len ? KEY_WORD_LEFT : KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'R':
		terminal_size_answered(ed, params);
		return KEY_NONE;
	case '~':
		if (strcmp(params, "1") == 0 || strcmp(params, "7") == 0)
			return KEY_HOME;
		if (strcmp(params, "4") == 0 || strcmp(params, "8") == 0)
			return KEY_END;
		if (strcmp(params, "3") == 0)
			return KEY_DELETE;
		return KEY_NONE;
	default: return KEY_NONE;
	}
}

/* After ESC: a CSI or SS3 sequence, or Alt and a key. */
static int
read_escape(struct editor *ed)
{
	int c = read_byte(ed, SEQUENCE_WAIT);

	switch (c) {
	case '[': return read_csi(ed);
	case 'O':
		switch (read_byte(ed, SEQUENCE_WAIT)) {
		case 'A': return KEY_UP;
		case 'B': return KEY_DOWN;
		case 'C': return KEY_RIGHT;
		case 'D': return KEY_LEFT;
		case 'H': return KEY_HOME;
		case 'F': return KEY_END;
		default: return KEY_NONE;
		}
	case 'b': case 'B': return KEY_WORD_LEFT;
	case 'f': case 'F': return KEY_WORD_RIGHT;
	case -3: return KEY_INTERRUPT;
	default: return KEY_NONE;
	}
}

/* The next key: a control byte, a KEY_ value, or KEY_CHAR. */
static int
read_key(struct editor *ed)
{
	int c = read_byte(ed, -1);
	size_t want;

	if (c == -3)
		return KEY_INTERRUPT;
	if (c < 0)
		return KEY_EOF;
	if (c == ESC)
		return read_escape(ed);
	if (c < 0x20 || c == DEL)
		return c;
	// A UTF-8 lead byte says how many continuation bytes follow.
	want = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	ed->key_bytes[0] = (char)c;
	ed->key_len = 1;
	while (ed->key_len < want) {
		c = read_byte(ed, SEQUENCE_WAIT);
		if (c < 0)
			break;
		if (!is_continuation((unsigned char)c)) {
			ed->pushed_back = c;
			break;
		}
		ed->key_bytes[ed->key_len++] = (char)c;
	}
	return KEY_CHAR;
}

/* ---- changing the line ---- */

/* Where the UTF-8 character before byte POS of TEXT starts. */
static size_t
utf8_before(const char *text, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && is_continuation((unsigned char)text[pos]))
		pos--;
	return pos;
}

static size_t
char_before(const struct editor *ed, size_t pos)
{
	return utf8_before(ed->line.s, pos);
}

static size_t
char_after(const struct editor *ed, size_t pos)
{
	if (pos >= ed->line.len)
		return ed->line.len;
	pos++;
	while (pos < ed->line.len &&
	       is_continuation((unsigned char)ed->line.s[pos]))
		pos++;
	return pos;
}

/* Replace the line's bytes FROM..TO with LEN bytes of TEXT. */
static void
replace_range(struct editor *ed, size_t from, size_t to, const char *text,
              size_t len)
{
	size_t tail = ed->line.len - to;
	struct strbuf *line = &ed->line;

	if (len > to - from)
		strbuf_add(line, text, len - (to - from)); // room; overwritten
	memmove(line->s + from + len, line->s + to, tail);
	memcpy(line->s + from, text, len);
	line->len = from + len + tail;
	line->s[line->len] = '\0';
}

/* Replace the whole line with TEXT, the cursor at its end. */
static void
set_line(struct editor *ed, const char *text)
{
	ed->line.len = 0;
	strbuf_adds(&ed->line, text ? text : "");
	ed->cursor = ed->line.len;
}

/* Remove FROM..TO into the kill ring. */
static void
kill_range(struct editor *ed, size_t from, size_t to)
{
	if (from >= to)
		return;
	free(killed);
	killed = xstrndup(ed->line.s + from, to - from);
	replace_range(ed, from, to, "", 0);
	ed->cursor = from;
	redraw(ed);
}

static int
is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* ---- the actions, one per key ---- */

static void
insert_text(struct editor *ed, const char *text, size_t len)
{
	int at_end = ed->cursor == ed->line.len;
	int row, col;

	replace_range(ed, ed->cursor, ed->cursor, text, len);
	if (!at_end) {
		ed->cursor += len;
		redraw(ed);
		return;
	}
	// Typing at the end needs only the new character written.
	position_of(ed, ed->cursor, &row, &col);
	emit_text(ed, text, len, &row, &col);
	ed->cursor += len;
	ed->cursor_row = row - ed->pending_wrap;
}

static void
insert_char(struct editor *ed)
{
	insert_text(ed, ed->key_bytes, ed->key_len);
}

static void
move_home(struct editor *ed)
{
	move_cursor(ed, 0);
}

static void
move_end(struct editor *ed)
{
	move_cursor(ed, ed->line.len);
}

static void
move_left(struct editor *ed)
{
	move_cursor(ed, char_before(ed, ed->cursor));
}

static void
move_right(struct editor *ed)
{
	move_cursor(ed, char_after(ed, ed->cursor));
}

static void
move_word_left(struct editor *ed)
{
	size_t pos = ed->cursor;

	while (pos > 0 && !is_word_byte((unsigned char)ed->line.s[pos - 1]))
		pos--;
	while (pos > 0 && is_word_byte((unsigned char)ed->line.s[pos - 1]))
		pos--;
	move_cursor(ed, pos);
}

static void
move_word_right(struct editor *ed)
{
	size_t pos = ed->cursor;

	while (pos < ed->line.len &&
	       !is_word_byte((unsigned char)ed->line.s[pos]))
		pos++;
	while (pos < ed->line.len &&
	       is_word_byte((unsigned char)ed->line.s[pos]))
		pos++;
	move_cursor(ed, pos);
}

static void
delete_before(struct editor *ed)
{
	size_t from = char_before(ed, ed->cursor);

	if (from == ed->cursor)
		return;
	replace_range(ed, from, ed->cursor, "", 0);
	ed->cursor = from;
	redraw(ed);
}

static void
delete_under(struct editor *ed)
{
	size_t to = char_after(ed, ed->cursor);

	if (to == ed->cursor)
		return;
	replace_range(ed, ed->cursor, to, "", 0);
	redraw(ed);
}

/* Ctrl-D: end of input on an empty line, else Delete. */
static void
delete_or_eof(struct editor *ed)
{
	if (ed->line.len > 0) {
		delete_under(ed);
		return;
	}
	emit(ed, "\r\n");
	ed->result = EDIT_EOF;
	ed->done = 1;
}

static void
kill_to_end(struct editor *ed)
{
	kill_range(ed, ed->cursor, ed->line.len);
}

static void
kill_to_start(struct editor *ed)
{
	kill_range(ed, 0, ed->cursor);
}

/* Ctrl-W: the blank-separated word before the cursor. */
static void
kill_word_before(struct editor *ed)
{
	size_t from = ed->cursor;

	while (from > 0 && (ed->line.s[from - 1] == ' ' ||
	                    ed->line.s[from - 1] == '\t'))
		from--;
	while (from > 0 && ed->line.s[from - 1] != ' ' &&
	       ed->line.s[from - 1] != '\t')
		from--;
	kill_range(ed, from, ed->cursor);
}

static void
yank(struct editor *ed)
{
	if (killed)
		insert_text(ed, killed, strlen(killed));
}

static void
clear_screen(struct editor *ed)
{
	emit(ed, "\033[H\033[2J");
	emit_prompt_head(ed);
	ed->cursor_row = 0;
	ed->pending_wrap = 0;
	redraw(ed);
}

/* Ctrl-C: drop the line; the caller prints the newline, $? is 130. */
static void
interrupt(struct editor *ed)
{
	move_cursor(ed, ed->line.len);
	emit(ed, "^C");
	ed->result = EDIT_INTERRUPTED;
	ed->done = 1;
}

static void
accept(struct editor *ed)
{
	move_cursor(ed, ed->line.len);
	emit(ed, "\r\n");
	ed->result = EDIT_LINE;
	ed->done = 1;
}

/* Show history entry POS, or the line being typed at history_count(). */
static void
show_history(struct editor *ed, size_t pos)
{
	size_t newest = history_count();

	if (ed->hist_pos == newest) {
		free(ed->typed);
		ed->typed = xstrdup(ed->line.s);
	}
	ed->hist_pos = pos;
	set_line(ed, pos == newest ? ed->typed : history_get(pos));
	redraw(ed);
}

static void
history_older(struct editor *ed)
{
	if (ed->hist_pos > 0)
		show_history(ed, ed->hist_pos - 1);
}

static void
history_newer(struct editor *ed)
{
	if (ed->hist_pos < history_count())
		show_history(ed, ed->hist_pos + 1);
}

/* Tab: complete the word before the cursor; twice, list the choices. */
static void
complete(struct editor *ed)
{
	struct completion comp;
	char *common;
	size_t common_len;
	struct strbuf text = {0};

	complete_word(ed->line.s, ed->cursor, &comp);
	if (comp.matches.len == 0) {
		completion_free(&comp);
		emit(ed, "\a");
		return;
	}
	common = completion_common_prefix(&comp.matches);
	common_len = strlen(common);
	if (comp.matches.len == 1) {
		complete_quote(&text, common);
		if (common_len == 0 || common[common_len - 1] != '/')
			strbuf_addc(&text, ' ');
	} else if (common_len > strlen(comp.word)) {
		complete_quote(&text, common);
	}
	if (text.len) {
		replace_range(ed, comp.start, ed->cursor, text.s, text.len);
		ed->cursor = comp.start + text.len;
		redraw(ed);
	} else if (ed->last_key_was_tab) {
		move_cursor(ed, ed->line.len);
		emit(ed, "\r\n");
		completion_list(&ed->out, &comp, ed->cols);
		emit_prompt_head(ed);
		ed->cursor_row = 0;
		ed->pending_wrap = 0;
		redraw(ed);
	} else {
		emit(ed, "\a");
	}
	free(common);
	strbuf_free(&text);
	completion_free(&comp);
}

/* ---- Ctrl-R: incremental search back through the history ---- */

static void
search_show(struct editor *ed)
{
	ed->search_prompt.len = 0;
	strbuf_adds(&ed->search_prompt,
	            ed->search_failed ? "(failed reverse-i-search)`"
	                              : "(reverse-i-search)`");
	strbuf_add(&ed->search_prompt, ed->query.s ? ed->query.s : "",
	           ed->query.len);
	strbuf_adds(&ed->search_prompt, "': ");
	ed->prompt = ed->search_prompt.s;
	redraw(ed);
}

/* Look for the query in entries FROM and older; show the first found. */
static void
search_from(struct editor *ed, size_t from)
{
	for (size_t i = from; i-- > 0;) {
		const char *entry = history_get(i);
		const char *found;

		if (!ed->query.len)
			break;
		found = strstr(entry, ed->query.s);
		if (found) {
			ed->match_entry = i;
			ed->hist_pos = i;
			set_line(ed, entry);
			ed->cursor = (size_t)(found - entry);
			ed->search_failed = 0;
			search_show(ed);
			return;
		}
	}
	ed->search_failed = ed->query.len > 0;
	search_show(ed);
}

static void
search_start(struct editor *ed)
{
	ed->searching = 1;
	ed->query.len = 0;
	if (ed->query.s)
		ed->query.s[0] = '\0';
	ed->search_failed = 0;
	ed->match_entry = history_count();
	free(ed->before_search);
	ed->before_search = xstrdup(ed->line.s);
	ed->before_cursor = ed->cursor;
	search_show(ed);
}

/* Back to the normal prompt, with the line found or the line before. */
static void
search_end(struct editor *ed, int keep_match)
{
	ed->searching = 0;
	ed->prompt = ed->line_prompt;
	if (!keep_match) {
		set_line(ed, ed->before_search);
		ed->cursor = ed->before_cursor;
		ed->hist_pos = history_count();
	}
	redraw(ed);
}

/* A key while searching: 1 if the search used it up. */
static int
search_key(struct editor *ed)
{
	switch (ed->key) {
	case KEY_CHAR:
		strbuf_add(&ed->query, ed->key_bytes, ed->key_len);
		search_from(ed, ed->match_entry < history_count()
		                        ? ed->match_entry + 1
		                        : history_count());
		return 1;
	case DEL:
	case KEY_CTRL('H'):
		if (ed->query.len) {
			ed->query.len = utf8_before(ed->query.s, ed->query.len);
			ed->query.s[ed->query.len] = '\0';
		}
		search_from(ed, history_count());
		return 1;
	case KEY_CTRL('R'):
		search_from(ed, ed->match_entry);
		return 1;
	case KEY_CTRL('G'):
	case KEY_CTRL('C'):
		search_end(ed, 0);
		return 1;
	case KEY_NONE:
		return 1;
	default:
		// Any other key takes the line found and acts on it.
		search_end(ed, 1);
		return 0;
	}
}

/* ---- the keys ---- */

static const struct binding {
	int key;
	void (*action)(struct editor *ed);
} bindings[] = {
        {KEY_CTRL('A'), move_home},        {KEY_HOME, move_home},
        {KEY_CTRL('E'), move_end},         {KEY_END, move_end},
        {KEY_CTRL('B'), move_left},        {KEY_LEFT, move_left},
        {KEY_CTRL('F'), move_right},       {KEY_RIGHT, move_right},
        {KEY_WORD_LEFT, move_word_left},
        {KEY_WORD_RIGHT, move_word_right},
        {DEL, delete_before},          {KEY_CTRL('H'), delete_before},
        {KEY_DELETE, delete_under},    {KEY_CTRL('D'), delete_or_eof},
        {KEY_CTRL('K'), kill_to_end},      {KEY_CTRL('U'), kill_to_start},
        {KEY_CTRL('W'), kill_word_before}, {KEY_CTRL('Y'), yank},
        {KEY_CTRL('L'), clear_screen},     {KEY_CTRL('C'), interrupt},
        {KEY_INTERRUPT, interrupt},    {KEY_CTRL('R'), search_start},
        {KEY_UP, history_older},       {KEY_CTRL('P'), history_older},
        {KEY_DOWN, history_newer},     {KEY_CTRL('N'), history_newer},
        {'\r', accept},                {'\n', accept},
        {'\t', complete},              {KEY_CHAR, insert_char},
};

static void
dispatch(struct editor *ed)
{
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		if (bindings[i].key == ed->key) {
			bindings[i].action(ed);
			return;
		}
	}
	// Other control keys and unknown sequences do nothing.
}

enum edit_result
edit_line(const char *prompt, struct strbuf *line)
{
	const char *last_line = strrchr(prompt, '\n');
	struct editor ed = {.in_fd = 0, .out_fd = 2, .pushed_back = -1};
	struct saved_signals saved;
	char *head;

	last_line = last_line ? last_line + 1 : prompt;
	head = xstrndup(prompt, (size_t)(last_line - prompt));
	ed.prompt = ed.line_prompt = last_line;
	ed.prompt_head = head;
	ed.cols = terminal_columns(ed.out_fd);
	ed.hist_pos = history_count();
	set_line(&ed, "");
	if (enter_raw_mode(ed.in_fd) < 0) {
		free(head);
		strbuf_free(&ed.line);
		return EDIT_NO_TERMINAL;
	}
	catch_signals(&saved);
	ask_terminal_size(&ed);
	emit_prompt_head(&ed);
	emit(&ed, ed.prompt);
	flush_output(&ed);
	// With echo off (a password, say) nothing typed is shown, as the
	// terminal itself would do.
	ed.silent = !(saved_termios.c_lflag & ECHO);
	while (!ed.done) {
		ed.key = read_key(&ed);
		if (ed.key == KEY_EOF) {
			ed.result = ed.line.len ? EDIT_LINE : EDIT_EOF;
			emit(&ed, "\r\n");
			break;
		}
		if (!ed.searching || !search_key(&ed))
			dispatch(&ed);
		ed.last_key_was_tab = ed.key == '\t';
		flush_output(&ed);
	}
	flush_output(&ed);
	restore_terminal();
	release_signals(&saved);
	line->len = 0;
	strbuf_add(line, ed.line.s, ed.line.len);
	if (ed.result == EDIT_LINE)
		strbuf_addc(line, '\n');
	strbuf_free(&ed.line);
	strbuf_free(&ed.out);
	strbuf_free(&ed.query);
	strbuf_free(&ed.search_prompt);
	free(ed.typed);
	free(ed.before_search);
	free(head);
	return ed.result;
}
