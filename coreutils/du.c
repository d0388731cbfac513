/* du - estimate the disk space files use (POSIX.1-2017 du, with -h and -d N from GNU). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "du [-ahksx] [-d DEPTH] [FILE...]";

static int all, human, max_depth = -1;
static dev_t top_dev;

// Running totals in 512-byte blocks, one per directory being walked.
static unsigned long long *totals;
static size_t totals_len;

// Files with several links, so that each is counted once.
static struct seen {
	dev_t dev;
	ino_t ino;
} *seen;
static size_t seen_len, seen_cap;

/* True if ST is a file with other links that was counted already. */
static int
counted_before(const struct stat *st)
{
	if (S_ISDIR(st->st_mode) || st->st_nlink < 2)
		return 0;
	for (size_t i = 0; i < seen_len; i++)
		if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)
			return 1;
	if (seen_len == seen_cap) {
		seen_cap = seen_cap ? seen_cap * 2 : 64;
		seen = xreallocarray(seen, seen_cap, sizeof(*seen));
	}
	seen[seen_len].dev = st->st_dev;
	seen[seen_len++].ino = st->st_ino;
	return 0;
}

static void
print_size(unsigned long long blocks, const char *path)
{
	char buf[HUMAN_BUFSIZE];

	if (human)
		out_str(&out_stdout, human_size(blocks * 512, buf));
	else
		out_printf(&out_stdout, "%llu", (blocks + 1) / 2);
	out_char(&out_stdout, '\t');
	out_str(&out_stdout, path);
	out_char(&out_stdout, '\n');
}

static int
shown(int depth)
{
	return max_depth < 0 || depth <= max_depth;
}

static int
visit(struct walk_entry *e, void *arg)
{
	unsigned long long blocks = (unsigned long long)e->st.st_blocks;
	size_t depth = (size_t)e->depth;

	if (depth == 0)
		top_dev = e->st.st_dev;
	// -x: what is mounted below is not counted at all.
	if ((*(int *)arg) && e->st.st_dev != top_dev)
		return WALK_PRUNE;
	switch (e->visit) {
	case WALK_PRE:
		if (depth >= totals_len) {
			totals_len = depth + 64;
			totals = xreallocarray(totals, totals_len, sizeof(*totals));
		}
		totals[depth] = counted_before(&e->st) ? 0 : blocks;
		return WALK_ENTER;
	case WALK_POST:
		if (shown(e->depth))
			print_size(totals[depth], e->path);
		if (depth > 0)
			totals[depth - 1] += totals[depth];
		return WALK_ENTER;
	default:
		if (counted_before(&e->st))
			return WALK_ENTER;
		// A file named on the command line is always shown.
		if (depth == 0 || (all && shown(e->depth)))
			print_size(blocks, e->path);
		if (depth > 0)
			totals[depth - 1] += blocks;
		return WALK_ENTER;
	}
}

int
main(int argc, char **argv)
{
	static char *here[] = { ".", NULL };
	int one_fs = 0, status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+ad:hksx")) != -1) {
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'd':
			max_depth = (int)xparse_long(optarg, 0, 0x7fffffff, "-d");
			break;
		case 'h':
			human = 1;
			break;
		case 'k':
			human = 0;
			break;
		case 's':
			max_depth = 0;
			break;
		case 'x':
			one_fs = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv)
		argv = here;
	for (; *argv; argv++)
		if (walk(*argv, one_fs ? WALK_XDEV : 0, visit, &one_fs) < 0)
			status = 1;
	free(totals);
	free(seen);
	return finish(status);
}
