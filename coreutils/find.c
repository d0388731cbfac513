/* find - find files by name, type, size, time and more (POSIX.1-2017 find, with -mindepth -maxdepth -iname -mmin -empty -print0 from GNU). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "find [-H|-L] [PATH...] [EXPRESSION]";

/*
 * The expression is parsed into a tree of nodes (POSIX's grammar:
 * "-o" binds looser than "-a", which may be left out, "!" tightest),
 * then evaluated for each file the walk visits.
 */
enum kind {
	AND, OR, NOT, TRUE,
	NAME, INAME, PATH, TYPE, SIZE, MTIME, MMIN, NEWER, PERM, USER,
	GROUP, LINKS, EMPTY, PRUNE, PRINT, PRINT0, EXEC, EXEC_PLUS,
};

/* A number with its sign: +N more than N, -N less, N exactly. */
struct count {
	char cmp;		// '+', '-' or '='
	long long n;
};

struct node {
	enum kind kind;
	struct node *left, *right;	// AND, OR; NOT uses left
	const char *text;		// a pattern; the -type letter
	struct count count;
	long long unit;			// -size: bytes per unit
	char perm_cmp;			// -perm: '=', '-' all, '/' any
	mode_t mode;
	struct timespec time;		// -newer
	id_t id;
	char **argv;			// -exec: the command
	int argc;
	char **batch;			// -exec +: the paths gathered
	size_t batch_len, batch_size;
};

static char **args;		// the expression's words, in order
static int max_depth = -1, min_depth, depth_first, walk_flags;
static time_t now;
static int status;
static int pruned;

static struct node *parse_or(void);

static struct node *
new_node(enum kind kind)
{
	struct node *node = xcalloc(1, sizeof(*node));

	node->kind = kind;
	return node;
}

/* The argument a primary needs, or a fatal message if there is none. */
static const char *
operand(const char *primary)
{
	if (!*args)
		die_msg("%s: needs an argument", primary);
	return *args++;
}

/* "+N", "-N" or "N". */
static struct count
parse_count(const char *primary, const char *str, long long *unit)
{
	struct count count = { '=', 0 };
	char *end;

	if (*str == '+' || *str == '-')
		count.cmp = *str++;
	if (*str < '0' || *str > '9')
		die_msg("%s: invalid number '%s'", primary, str);
	count.n = strtoll(str, &end, 10);
	if (unit) {
		*unit = 512;
		switch (*end) {
		case 'c': *unit = 1; end++; break;
		case 'k': *unit = 1024; end++; break;
		case 'M': *unit = 1024 * 1024; end++; break;
		case 'G': *unit = 1024 * 1024 * 1024; end++; break;
		case 'b': end++; break;
		}
	}
	if (*end)
		die_msg("%s: invalid number '%s'", primary, str);
	return count;
}

static int
compare(struct count count, long long value)
{
	if (count.cmp == '+')
		return value > count.n;
	if (count.cmp == '-')
		return value < count.n;
	return value == count.n;
}

/* A user or group named, or given by number. */
static id_t
parse_id(const char *primary, const char *str, int group)
{
	long number;

	if (group) {
		struct group *gr = getgrnam(str);
		if (gr)
			return gr->gr_gid;
	} else {
		struct passwd *pw = getpwnam(str);
		if (pw)
			return pw->pw_uid;
	}
	if (parse_long(str, 10, 0, 0x7fffffffL, &number) < 0)
		die_msg("%s: no such %s '%s'", primary, group ? "group" : "user", str);
	return (id_t)number;
}

/* -exec COMMAND... ; or -exec COMMAND... {} + */
static struct node *
parse_exec(void)
{
	struct node *node = new_node(EXEC);
	int n = 0;

	node->argv = args;
	while (args[n] && strcmp(args[n], ";") != 0 &&
	       !(strcmp(args[n], "+") == 0 && n > 0 && strcmp(args[n - 1], "{}") == 0))
		n++;
	if (!args[n] || n == 0)
		die_msg("-exec: missing ';' or '{} +'");
	if (strcmp(args[n], "+") == 0) {
		node->kind = EXEC_PLUS;
		n--;		// the {} is where the paths go
	}
	node->argc = n;
	args += node->kind == EXEC_PLUS ? n + 2 : n + 1;
	return node;
}

static struct node *
parse_primary(void)
{
	const char *word = *args++;
	struct node *node;

	if (strcmp(word, "(") == 0) {
		node = parse_or();
		if (!*args || strcmp(*args, ")") != 0)
			die_msg("missing ')'");
		args++;
		return node;
	}
	// The options that are written as primaries: always true.
	if (strcmp(word, "-maxdepth") == 0 || strcmp(word, "-mindepth") == 0) {
		const char *arg = operand(word);
		int value = (int)xparse_long(arg, 0, 0x7fffffff, word);

		if (word[2] == 'a')
			max_depth = value;
		else
			min_depth = value;
		return new_node(TRUE);
	}
	if (strcmp(word, "-depth") == 0) {
		depth_first = 1;
		return new_node(TRUE);
	}
	if (strcmp(word, "-xdev") == 0) {
		walk_flags |= WALK_XDEV;
		return new_node(TRUE);
	}

	static const struct {
		const char *name;
		enum kind kind;
	} primaries[] = {
		{ "-name", NAME }, { "-iname", INAME }, { "-path", PATH },
		{ "-type", TYPE }, { "-size", SIZE }, { "-mtime", MTIME },
		{ "-mmin", MMIN }, { "-newer", NEWER }, { "-perm", PERM },
		{ "-user", USER }, { "-group", GROUP }, { "-links", LINKS },
		{ "-empty", EMPTY }, { "-prune", PRUNE }, { "-print", PRINT },
		{ "-print0", PRINT0 }, { "-exec", EXEC },
	};
	size_t i;

	for (i = 0; i < sizeof(primaries) / sizeof(primaries[0]); i++)
		if (strcmp(word, primaries[i].name) == 0)
			break;
	if (i == sizeof(primaries) / sizeof(primaries[0]))
		die_msg("%s: unknown primary or operator", word);
	if (primaries[i].kind == EXEC)
		return parse_exec();
	node = new_node(primaries[i].kind);
	switch (node->kind) {
	case NAME:
	case INAME:
	case PATH:
		node->text = operand(word);
		break;
	case TYPE:
		node->text = operand(word);
		if (strlen(node->text) != 1 || !strchr("bcdflps", node->text[0]))
			die_msg("-type: unknown type '%s'", node->text);
		break;
	case SIZE:
		node->count = parse_count(word, operand(word), &node->unit);
		break;
	case MTIME:
	case MMIN:
	case LINKS:
		node->count = parse_count(word, operand(word), NULL);
		break;
	case NEWER: {
		const char *file = operand(word);
		struct stat st;

		if (stat(file, &st) < 0)
			die_sys("%s", file);
		node->time = st.st_mtim;
		break;
	}
	case PERM: {
		const char *spec = operand(word);

		node->perm_cmp = *spec == '-' || *spec == '/' ? *spec++ : '=';
		if (mode_apply(spec, 0, 0, &node->mode) < 0)
			die_msg("-perm: invalid mode '%s'", spec);
		node->mode &= 07777;
		break;
	}
	case USER:
	case GROUP:
		node->id = parse_id(word, operand(word), node->kind == GROUP);
		break;
	default:
		break;
	}
	return node;
}

static int
is_word(const char *word)
{
	return *args && strcmp(*args, word) == 0;
}

static struct node *
parse_not(void)
{
	if (!*args)
		die_msg("expression ends too soon");
	if (is_word("!")) {
		struct node *node = new_node(NOT);

		args++;
		node->left = parse_not();
		return node;
	}
	return parse_primary();
}

static struct node *
parse_and(void)
{
	struct node *left = parse_not();

	while (*args && !is_word("-o") && !is_word(")")) {
		struct node *node = new_node(AND);

		if (is_word("-a"))
			args++;
		node->left = left;
		node->right = parse_not();
		left = node;
	}
	return left;
}

static struct node *
parse_or(void)
{
	struct node *left = parse_and();

	while (is_word("-o")) {
		struct node *node = new_node(OR);

		args++;
		node->left = left;
		node->right = parse_and();
		left = node;
	}
	return left;
}

/* True if the expression prints or runs something itself. */
static int
has_action(const struct node *node)
{
	if (!node)
		return 0;
	if (node->kind == PRINT || node->kind == PRINT0 || node->kind == EXEC ||
	    node->kind == EXEC_PLUS)
		return 1;
	return has_action(node->left) || has_action(node->right);
}

/* Run ARGV and wait for it; true if it exited with 0. */
static int
run(char **argv)
{
	int wstatus;
	pid_t pid;

	// What was printed so far comes before what the command prints.
	out_flush(&out_stdout);
	pid = fork();
	if (pid < 0) {
		warn_sys("fork");
		return 0;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		warn_sys("%s", argv[0]);
		_exit(127);
	}
	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

static int
exec_one(struct node *node, const char *path)
{
	char **argv = xcalloc((size_t)node->argc + 1, sizeof(*argv));
	int result;

	for (int i = 0; i < node->argc; i++)
		argv[i] = strcmp(node->argv[i], "{}") == 0 ? (char *)path : node->argv[i];
	result = run(argv);
	free(argv);
	return result;
}

/* Run an -exec + command on the paths gathered so far. */
static void
exec_batch(struct node *node)
{
	size_t n = (size_t)node->argc;
	char **argv;

	if (node->batch_len == 0)
		return;
	argv = xcalloc(n + node->batch_len + 1, sizeof(*argv));
	memcpy(argv, node->argv, n * sizeof(*argv));
	memcpy(argv + n, node->batch, node->batch_len * sizeof(*argv));
	if (!run(argv))
		status = 1;
	for (size_t i = 0; i < node->batch_len; i++)
		free(node->batch[i]);
	node->batch_len = 0;
	free(argv);
}

/* Whether NODE asks about more of a file than its name and type. */
static int
needs_stat(const struct node *node)
{
	if (!node)
		return 0;
	switch (node->kind) {
	case SIZE:
	case MTIME:
	case MMIN:
	case NEWER:
	case PERM:
	case USER:
	case GROUP:
	case LINKS:
	case EMPTY:
		return 1;
	default:
		return needs_stat(node->left) || needs_stat(node->right);
	}
}

static void
finish_batches(struct node *node)
{
	if (!node)
		return;
	if (node->kind == EXEC_PLUS)
		exec_batch(node);
	finish_batches(node->left);
	finish_batches(node->right);
}

/* -empty: an empty regular file, or a directory with no entries. */
static int
is_empty(struct walk_entry *e)
{
	if (S_ISREG(e->st.st_mode))
		return e->st.st_size == 0;
	if (!S_ISDIR(e->st.st_mode))
		return 0;
	int fd = openat(e->dirfd, e->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *d;
	int empty = 1;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while (empty && (d = readdir(dir)) != NULL)
		empty = strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0;
	closedir(dir);
	return empty;
}

static int
type_matches(char type, mode_t mode)
{
	switch (type) {
	case 'b': return S_ISBLK(mode);
	case 'c': return S_ISCHR(mode);
	case 'd': return S_ISDIR(mode);
	case 'f': return S_ISREG(mode);
	case 'l': return S_ISLNK(mode);
	case 'p': return S_ISFIFO(mode);
	default: return S_ISSOCK(mode);
	}
}

/* The name -name matches: the last component, trailing slashes aside. */
static const char *
base_name(struct walk_entry *e, char *buf, size_t size)
{
	const char *path = e->depth ? e->name : e->path;
	size_t end = strlen(path), start;

	while (end > 1 && path[end - 1] == '/')
		end--;
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		;
	if (end - start >= size)
		return e->name;
	memcpy(buf, path + start, end - start);
	buf[end - start] = '\0';
	return buf;
}

static int
eval(struct node *node, struct walk_entry *e)
{
	const struct stat *st = &e->st;
	char name[256];

	switch (node->kind) {
	case AND:
		return eval(node->left, e) && eval(node->right, e);
	case OR:
		return eval(node->left, e) || eval(node->right, e);
	case NOT:
		return !eval(node->left, e);
	case TRUE:
		return 1;
	case NAME:
		return pattern_matches(node->text,
		                       base_name(e, name, sizeof(name)), 0);
	case INAME:
		return pattern_matches(node->text,
		                       base_name(e, name, sizeof(name)),
		                       PATTERN_CASEFOLD);
	case PATH:
		return pattern_matches(node->text, e->path, 0);
	case TYPE:
		return type_matches(node->text[0], st->st_mode);
	case SIZE: {
		// Counted in whole units, rounded up: a 1-byte file is 1 block.
		long long units = (st->st_size + node->unit - 1) / node->unit;
		return compare(node->count, units);
	}
	case MTIME:
		return compare(node->count, (now - st->st_mtim.tv_sec) / 86400);
	case MMIN:
		return compare(node->count, (now - st->st_mtim.tv_sec) / 60);
	case NEWER:
		return st->st_mtim.tv_sec > node->time.tv_sec ||
		       (st->st_mtim.tv_sec == node->time.tv_sec &&
			st->st_mtim.tv_nsec > node->time.tv_nsec);
	case PERM: {
		mode_t mode = st->st_mode & 07777;

		if (node->perm_cmp == '-')
			return (mode & node->mode) == node->mode;
		if (node->perm_cmp == '/')
			return node->mode == 0 || (mode & node->mode) != 0;
		return mode == node->mode;
	}
	case USER:
		return st->st_uid == node->id;
	case GROUP:
		return st->st_gid == node->id;
	case LINKS:
		return compare(node->count, (long long)st->st_nlink);
	case EMPTY:
		return is_empty(e);
	case PRUNE:
		pruned = 1;
		return 1;
	case PRINT:
	case PRINT0:
		out_str(&out_stdout, e->path);
		out_char(&out_stdout, node->kind == PRINT ? '\n' : '\0');
		return 1;
	case EXEC:
		return exec_one(node, e->path);
	case EXEC_PLUS:
		if (node->batch_len == node->batch_size) {
			node->batch_size = node->batch_size ? node->batch_size * 2 : 64;
			node->batch = xreallocarray(node->batch, node->batch_size,
						    sizeof(*node->batch));
		}
		node->batch[node->batch_len++] = xstrdup(e->path);
		// Stay well inside the kernel's limit on a command line.
		if (node->batch_len >= 4096)
			exec_batch(node);
		return 1;
	}
	return 0;
}

static int
visit(struct walk_entry *e, void *arg)
{
	struct node *expr = arg;
	int evaluate = depth_first ? e->visit != WALK_PRE : e->visit != WALK_POST;

	pruned = 0;
	if (evaluate && e->depth >= min_depth && (max_depth < 0 || e->depth <= max_depth))
		eval(expr, e);
	if (e->visit == WALK_PRE &&
	    ((pruned && !depth_first) || (max_depth >= 0 && e->depth >= max_depth)))
		return WALK_PRUNE;
	return WALK_ENTER;
}

int
main(int argc, char **argv)
{
	static char *here[] = { ".", NULL };
	char **paths;
	// Kept until exit, with every node under it (static: still reachable).
	static struct node *expr;
	int npaths = 0;
	int i = 1;

	prog_init(argv[0]);
	if (argc > 1 && strcmp(argv[1], "-h") == 0)
		die_usage(usage);
	// -H and -L come before the paths; getopt would take "-name" apart.
	for (; argv[i] && (strcmp(argv[i], "-H") == 0 || strcmp(argv[i], "-L") == 0); i++)
		walk_flags = argv[i][1] == 'L' ? WALK_FOLLOW : WALK_FOLLOW_ROOT;
	if (argv[i] && strcmp(argv[i], "--") == 0)
		i++;
	paths = argv + i;
	while (paths[npaths] && paths[npaths][0] != '-' &&
	       strcmp(paths[npaths], "!") != 0 && strcmp(paths[npaths], "(") != 0)
		npaths++;
	args = paths + npaths;
	if (*args) {
		expr = parse_or();
		if (*args)
			die_msg("%s: unexpected here", *args);
	}
	if (!has_action(expr)) {
		struct node *print = new_node(PRINT);

		if (expr) {
			struct node *and = new_node(AND);

			and->left = expr;
			and->right = print;
			print = and;
		}
		expr = print;
	}
	if (npaths == 0) {
		paths = here;
		npaths = 1;
	}

	// Names and types come with the directory, without a stat per file.
	if (!needs_stat(expr))
		walk_flags |= WALK_TYPES;
	now = time(NULL);
	for (int p = 0; p < npaths; p++)
		if (walk(paths[p], walk_flags, visit, expr) < 0)
			status = 1;
	finish_batches(expr);
	return finish(status);
}
