/* stty - set the options of a terminal (POSIX.1-2017 stty); also reset, resize. */
/*
 * The terminal's settings are a struct termios (termios(3)): four words of
 * flag bits and a table of control characters; its size is a struct
 * winsize (TIOCGWINSZ in ioctl_tty(2)), which the kernel only stores:
 * over a serial line nobody tells it, so `stty rows 40 cols 120` does.
 * Called as reset, it puts the terminal back to sane settings and sends
 * the terminal's own reset sequence (ESC c), for after a program crashed
 * and left it raw. Called as resize, it asks the terminal itself how
 * big it is (below) and tells the kernel, for serial consoles.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
	"stty [-a | size | speed | SETTING...]\n"
	"  SETTING: [-]FLAG, raw, sane, rows N, cols N, SPEED";

enum word { I, O, C, L };

/* The flags stty can show and change, in the order -a prints them. */
static const struct {
	const char *name;
	enum word word;
	tcflag_t bit;
} flags[] = {
	{ "parenb", C, PARENB }, { "parodd", C, PARODD }, { "cs8", C, CS8 },
	{ "hupcl", C, HUPCL }, { "cstopb", C, CSTOPB }, { "cread", C, CREAD },
	{ "clocal", C, CLOCAL }, { "crtscts", C, CRTSCTS },
	{ "ignbrk", I, IGNBRK }, { "brkint", I, BRKINT }, { "ignpar", I, IGNPAR },
	{ "parmrk", I, PARMRK }, { "inpck", I, INPCK }, { "istrip", I, ISTRIP },
	{ "inlcr", I, INLCR }, { "igncr", I, IGNCR }, { "icrnl", I, ICRNL },
	{ "ixon", I, IXON }, { "ixoff", I, IXOFF }, { "ixany", I, IXANY },
	{ "imaxbel", I, IMAXBEL }, { "iutf8", I, IUTF8 },
	{ "opost", O, OPOST }, { "onlcr", O, ONLCR }, { "ocrnl", O, OCRNL },
	{ "onocr", O, ONOCR }, { "onlret", O, ONLRET },
	{ "isig", L, ISIG }, { "icanon", L, ICANON }, { "iexten", L, IEXTEN },
	{ "echo", L, ECHO }, { "echoe", L, ECHOE }, { "echok", L, ECHOK },
	{ "echonl", L, ECHONL }, { "noflsh", L, NOFLSH }, { "tostop", L, TOSTOP },
	{ "echoctl", L, ECHOCTL }, { "echoke", L, ECHOKE },
};
#define NFLAGS (sizeof(flags) / sizeof(flags[0]))

static const struct {
	const char *name;
	int index;
} chars[] = {
	{ "intr", VINTR }, { "quit", VQUIT }, { "erase", VERASE },
	{ "kill", VKILL }, { "eof", VEOF }, { "start", VSTART },
	{ "stop", VSTOP }, { "susp", VSUSP }, { "werase", VWERASE },
};

static const struct {
	speed_t code;
	unsigned long baud;
} speeds[] = {
	{ B0, 0 }, { B300, 300 }, { B1200, 1200 }, { B2400, 2400 },
	{ B4800, 4800 }, { B9600, 9600 }, { B19200, 19200 },
	{ B38400, 38400 }, { B57600, 57600 }, { B115200, 115200 },
	{ B230400, 230400 }, { B460800, 460800 }, { B921600, 921600 },
};

static tcflag_t *
word_of(struct termios *tio, enum word word)
{
	switch (word) {
	case I: return &tio->c_iflag;
	case O: return &tio->c_oflag;
	case C: return &tio->c_cflag;
	case L: break;
	}
	return &tio->c_lflag;
}

static unsigned long
baud_of(speed_t code)
{
	for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
		if (speeds[i].code == code)
			return speeds[i].baud;
	}
	return 0;
}

/* "sane": what a terminal is after boot, for people typing lines. */
static void
make_sane(struct termios *tio)
{
	tio->c_iflag = BRKINT | ICRNL | IMAXBEL | IXON | IUTF8;
	tio->c_oflag = OPOST | ONLCR;
	tio->c_cflag = (tio->c_cflag & (CBAUD | CSIZE | CLOCAL)) | CREAD | HUPCL;
	tio->c_lflag = ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE;
	tio->c_cc[VINTR] = 3;		/* ^C */
	tio->c_cc[VQUIT] = 28;		/* ^\ */
	tio->c_cc[VERASE] = 127;	/* ^? */
	tio->c_cc[VKILL] = 21;		/* ^U */
	tio->c_cc[VEOF] = 4;		/* ^D */
	tio->c_cc[VSTART] = 17;		/* ^Q */
	tio->c_cc[VSTOP] = 19;		/* ^S */
	tio->c_cc[VSUSP] = 26;		/* ^Z */
	tio->c_cc[VWERASE] = 23;	/* ^W */
	tio->c_cc[VMIN] = 1;
	tio->c_cc[VTIME] = 0;
}

static void
show(const struct termios *tio, const struct winsize *ws)
{
	out_printf(&out_stdout, "speed %lu baud; rows %u; columns %u;\n",
	           baud_of(cfgetospeed(tio)), ws->ws_row, ws->ws_col);
	for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++) {
		cc_t ch = tio->c_cc[chars[i].index];

		out_printf(&out_stdout, "%s = ", chars[i].name);
		if (ch == _POSIX_VDISABLE)
			out_str(&out_stdout, "<undef>");
		else if (ch == 127)
			out_str(&out_stdout, "^?");
		else if (ch < 32)
			out_printf(&out_stdout, "^%c", ch + '@');
		else
			out_char(&out_stdout, (char)ch);
		out_str(&out_stdout, i + 1 < sizeof(chars) / sizeof(chars[0]) ? "; " : ";\n");
	}
	out_printf(&out_stdout, "min = %u; time = %u;\n", tio->c_cc[VMIN], tio->c_cc[VTIME]);
	for (size_t i = 0; i < NFLAGS; i++) {
		tcflag_t word = *word_of((struct termios *)tio, flags[i].word);
		// CS8 is a field of several bits, not one.
		int on = flags[i].bit == CS8 ? (word & CSIZE) == CS8 : (word & flags[i].bit) != 0;

		out_printf(&out_stdout, "%s%s%s", on ? "" : "-", flags[i].name,
		           i + 1 < NFLAGS && flags[i + 1].word == flags[i].word ? " " : "\n");
	}
}

/* Apply one SETTING; NEXT is the argument after it. Returns how many
 * arguments it took, 0 if SETTING is unknown. */
static int
apply(struct termios *tio, struct winsize *ws, const char *setting, const char *next)
{
	int off = setting[0] == '-';
	const char *name = setting + off;
	long number;

	for (size_t i = 0; i < NFLAGS; i++) {
		if (strcmp(name, flags[i].name) != 0)
			continue;
		tcflag_t *word = word_of(tio, flags[i].word);
		if (flags[i].bit == CS8)
			*word = (*word & ~(tcflag_t)CSIZE) | (off ? CS7 : CS8);
		else if (off)
			*word &= ~flags[i].bit;
		else
			*word |= flags[i].bit;
		return 1;
	}
	if (strcmp(setting, "raw") == 0) {
		// Every byte goes to the program as it comes, nothing is echoed
		// or turned into a signal.
		cfmakeraw(tio);
		return 1;
	}
	if (strcmp(setting, "sane") == 0 || strcmp(setting, "-raw") == 0 ||
	    strcmp(setting, "cooked") == 0) {
		make_sane(tio);
		return 1;
	}
	if ((strcmp(setting, "rows") == 0 || strcmp(setting, "cols") == 0 ||
	     strcmp(setting, "columns") == 0)) {
		if (!next)
			die_msg("%s: missing number", setting);
		unsigned short value = (unsigned short)xparse_long(next, 0, 65535, setting);
		if (setting[0] == 'r')
			ws->ws_row = value;
		else
			ws->ws_col = value;
		return 2;
	}
	if (parse_long(setting, 10, 0, 4000000, &number) == 0) {
		for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
			if (speeds[i].baud == (unsigned long)number) {
				cfsetispeed(tio, speeds[i].code);
				cfsetospeed(tio, speeds[i].code);
				return 1;
			}
		}
		die_msg("%s: unsupported speed", setting);
	}
	return 0;
}

/*
 * resize: move the cursor to row 999, column 999 (the terminal stops it
 * at its last row and column), ask where it is (ESC [ 6 n), and read the
 * answer ESC [ ROWS ; COLS R. The cursor is saved and restored around
 * it (ESC 7, ESC 8). A terminal that does not answer within a quarter
 * of a second leaves the size as it was.
 */
static int
resize(void)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	struct termios tio, quiet;
	struct winsize ws = { 0 };
	char answer[32];
	size_t len = 0;
	long long where[2]; /* row, column */

	if (fd < 0)
		die_sys("/dev/tty");
	if (tcgetattr(fd, &tio) < 0)
		die_sys("/dev/tty");
	quiet = tio;
	// The answer must not be echoed, nor wait for a newline.
	quiet.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	quiet.c_cc[VMIN] = 1;
	quiet.c_cc[VTIME] = 0;
	tcsetattr(fd, TCSANOW, &quiet);
	write_full(fd, "\0337\033[999;999H\033[6n\0338", 18);
	while (len + 1 < sizeof(answer)) {
		struct pollfd wait = { .fd = fd, .events = POLLIN };

		if (poll(&wait, 1, 250) <= 0 || read(fd, answer + len, 1) != 1)
			break;
		if (answer[len++] == 'R')
			break;
	}
	answer[len] = '\0';
	tcsetattr(fd, TCSANOW, &tio);
	char *start = strchr(answer, '\033');
	// The answer is ESC [ ROW ; COLUMN R.
	if (!start || start[1] != '[' || scan_numbers(start + 2, where, 2) != 2 ||
	    where[0] <= 0 || where[1] <= 0 || where[0] > 0xffff ||
	    where[1] > 0xffff)
		die_msg("the terminal did not say its size");
	ioctl(fd, TIOCGWINSZ, &ws);
	ws.ws_row = (unsigned short)where[0];
	ws.ws_col = (unsigned short)where[1];
	if (ioctl(fd, TIOCSWINSZ, &ws) < 0)
		die_sys("/dev/tty");
	close(fd);
	// As BusyBox and xterm's resize: a line for the shell to eval.
	out_printf(&out_stdout, "COLUMNS=%d;LINES=%d;export COLUMNS LINES;\n",
	           (int)where[1], (int)where[0]);
	return finish(0);
}

int
main(int argc, char **argv)
{
	struct termios tio;
	struct winsize ws = { 0 };
	int reset;

	prog_init(argv[0]);
	reset = strcmp(prog_name, "reset") == 0;
	if (strcmp(prog_name, "resize") == 0) {
		if (argc > 1)
			die_usage("resize");
		return resize();
	}
	// Options are read by hand: "-echo" is a setting, not option e.
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		argv++, argc--;
	if (tcgetattr(0, &tio) < 0)
		die_sys("standard input");
	ioctl(0, TIOCGWINSZ, &ws);

	if (reset) {
		if (argc > 1)
			die_usage("reset");
		make_sane(&tio);
		if (tcsetattr(0, TCSADRAIN, &tio) < 0)
			die_sys("standard input");
		// ESC c: the terminal's full reset (RIS, ECMA-48).
		out_str(&out_stdout, "\033c");
		return finish(0);
	}
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0)) {
		show(&tio, &ws);
		return finish(0);
	}
	if (argc == 2 && strcmp(argv[1], "size") == 0) {
		out_printf(&out_stdout, "%u %u\n", ws.ws_row, ws.ws_col);
		return finish(0);
	}
	if (argc == 2 && strcmp(argv[1], "speed") == 0) {
		out_printf(&out_stdout, "%lu\n", baud_of(cfgetospeed(&tio)));
		return finish(0);
	}

	struct winsize old_ws = ws;
	for (int i = 1; i < argc;) {
		int used = apply(&tio, &ws, argv[i], argv[i + 1]);

		if (used == 0) {
			warn_msg("%s: unknown setting", argv[i]);
			die_usage(usage);
		}
		i += used;
	}
	if (tcsetattr(0, TCSADRAIN, &tio) < 0)
		die_sys("standard input");
	// Setting the size sends SIGWINCH to the terminal's programs.
	if (memcmp(&ws, &old_ws, sizeof(ws)) != 0 && ioctl(0, TIOCSWINSZ, &ws) < 0)
		die_sys("standard input");
	return finish(0);
}
