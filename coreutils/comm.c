/* comm - select or reject lines common to two sorted files (POSIX.1-2017 comm).
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "comm [-123] FILE1 FILE2";

static int show[4] = {0, 1, 1, 1};

static int
open_input(const char *name)
{
	return strcmp(name, "-") == 0 ? 0 : xopen(name, O_RDONLY, 0);
}

/* Write LINE in COLUMN (1 to 3), indented by a tab per shown column before it.
 */
static void
put(int column, const char *line, size_t len)
{
	if (!show[column])
		return;
	for (int c = 1; c < column; c++)
		if (show[c])
			out_char(&out_stdout, '\t');
	out_write(&out_stdout, line, len);
	out_char(&out_stdout, '\n');
}

int
main(int argc, char **argv)
{
	struct lines a, b;
	char *la = NULL, *lb = NULL;
	ssize_t na, nb;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+123")) != -1) {
		if (c < '1' || c > '3')
			die_usage(usage);
		show[c - '0'] = 0;
	}
	argv += optind;
	if (!argv[0] || !argv[1] || argv[2])
		die_usage(usage);
	lines_init(&a, open_input(argv[0]));
	lines_init(&b, open_input(argv[1]));

	// A line is present when its reader returned more than 0 bytes; an
	// empty line still has its newline, so 0 means the end.
	na = lines_next(&a, &la);
	nb = lines_next(&b, &lb);
	while (na > 0 || nb > 0) {
		if (na < 0 || nb < 0)
			die_sys("%s", na < 0 ? argv[0] : argv[1]);
		size_t lena = na > 0 ? (size_t)na - (la[na - 1] == '\n') : 0;
		size_t lenb = nb > 0 ? (size_t)nb - (lb[nb - 1] == '\n') : 0;
		int order;
		if (na <= 0)
			order = 1;
		else if (nb <= 0)
			order = -1;
		else {
			order = memcmp(la, lb, lena < lenb ? lena : lenb);
			if (order == 0)
				order = lena < lenb ? -1 : lena > lenb;
		}
		if (order < 0) {
			put(1, la, lena);
			na = lines_next(&a, &la);
		} else if (order > 0) {
			put(2, lb, lenb);
			nb = lines_next(&b, &lb);
		} else {
			put(3, la, lena);
			na = lines_next(&a, &la);
			nb = lines_next(&b, &lb);
		}
	}
	lines_free(&a);
	lines_free(&b);
	return finish(0);
}
