/* rxparse.c - inside regex.c: BRE and ERE syntax to a Thompson NFA. */
/*
 * The parser reads a pattern into a tree (struct ast) by recursive
 * descent: an alternation is concatenations separated by '|', a
 * concatenation is repetitions, a repetition is an atom followed by
 * '*', '+', '?' or an interval. The tree then becomes the NFA of
 * rxprog.h, built from the back so that each piece knows where it goes
 * on to.
 *
 * The syntax is POSIX's, with the GNU extensions glibc accepts, read as
 * glibc reads them where POSIX leaves the meaning open: back-references
 * \1-\9 (in ERE too), \w \W \s \S, \b \B \< \>, \` \', BRE's \+ \? \|,
 * repetitions of repetitions ("a**" is "(a*)*"), empty alternatives.
 * In the POSIX locale an equivalence class [=a=] and a collating symbol
 * [.a.] are the one byte they name.
 */
#include <stdlib.h>
#include <string.h>

#include "mini.h"
#include "rxprog.h"

enum ast_kind {
	AST_SET,
	AST_CAT,
	AST_ALT,
	AST_REPEAT,
	AST_GROUP,
	AST_ANCHOR, // `arg`: the NFA node kind (BOL, EOL or a word assertion)
	AST_BACKREF
};

#define REPEAT_INF -1
#define DUP_MAX 32767 // glibc's RE_DUP_MAX
#define MAX_DEPTH 200
#define MAX_NODES 50000

/*
 * CAT and ALT hold a list of children through `child` and `sibling`, in
 * reverse order, as the NFA is built from the back; REPEAT and GROUP have
 * one child. REPEAT repeats it from `min` to `max` times.
 */
struct ast {
	enum ast_kind kind;
	int child, sibling;
	int min, max;
	int arg; // SET: its set; GROUP, BACKREF: the group; ANCHOR: which
};

struct parser {
	const unsigned char *at;
	int extended, icase;
	const char *error;
	int depth;
	struct ast *nodes;
	int nnodes, nodes_cap;
	struct rx_program *prog;
	unsigned completed; // groups closed so far: \N may refer to them
};

static int
fail(struct parser *p, const char *why)
{
	if (!p->error)
		p->error = why;
	return -1;
}

static void
set_add(unsigned char *set, int byte)
{
	set[byte >> 3] |= (unsigned char)(1 << (byte & 7));
}

static int
new_ast(struct parser *p, enum ast_kind kind)
{
	if (p->nnodes == p->nodes_cap) {
		p->nodes_cap = p->nodes_cap ? 2 * p->nodes_cap : 64;
		p->nodes = xreallocarray(p->nodes, (size_t)p->nodes_cap,
		                         sizeof(*p->nodes));
	}
	struct ast *node = &p->nodes[p->nnodes];
	node->kind = kind;
	node->child = node->sibling = -1;
	node->min = node->max = 0;
	node->arg = -1;
	return p->nnodes++;
}

/* A new, empty byte set in the program; returns its index. */
static int
new_set(struct rx_program *prog)
{
	if ((prog->nsets & (prog->nsets - 1)) == 0)
		prog->sets = xreallocarray(prog->sets,
		                           prog->nsets ? 2 * (size_t)prog->nsets
		                                       : 1,
		                           sizeof(*prog->sets));
	memset(prog->sets[prog->nsets], 0, sizeof(byteset));
	return prog->nsets++;
}

/* With -i, a set holds both cases of each letter in it. */
static void
fold_case(struct parser *p, unsigned char *set)
{
	if (!p->icase)
		return;
	for (int c = 'a'; c <= 'z'; c++)
		if (set_has(set, c) || set_has(set, c - 'a' + 'A')) {
			set_add(set, c);
			set_add(set, c - 'a' + 'A');
		}
}

/* A SET node for MEMBERS, or their complement if NEGATE. */
static int
set_node(struct parser *p, const unsigned char *members, int negate)
{
	int node = new_ast(p, AST_SET);
	int set = new_set(p->prog);
	unsigned char *bytes = p->prog->sets[set];

	memcpy(bytes, members, sizeof(byteset));
	fold_case(p, bytes);
	if (negate)
		for (int i = 0; i < 32; i++)
			bytes[i] = (unsigned char)~bytes[i];
	p->nodes[node].arg = set;
	return node;
}

static int
literal(struct parser *p, int byte)
{
	byteset members = {0};

	set_add(members, byte);
	return set_node(p, members, 0);
}

static int
anchor(struct parser *p, enum nfa_kind which)
{
	int node = new_ast(p, AST_ANCHOR);
	p->nodes[node].arg = (int)which;
	return node;
}

static void
add_class(unsigned char *members, const char *name)
{
	for (int b = 0; b < 256; b++)
		if (char_class_has(name, strlen(name), b) > 0)
			set_add(members, b);
}

/* The set of \w, \W, \s or \S. */
static int
escape_set(struct parser *p, int letter)
{
	byteset members = {0};

	if (letter == 'w' || letter == 'W') {
		add_class(members, "alnum");
		set_add(members, '_');
	} else {
		add_class(members, "space");
	}
	return set_node(p, members, letter == 'W' || letter == 'S');
}

/*
 * One element of a bracket expression, at p->at: a byte, "[.c.]" or
 * "[=c=]" (the byte c), or "[:name:]" (a class: returns -2 and adds its
 * bytes to MEMBERS). Returns the byte, or -1 on an error.
 */
static int
bracket_element(struct parser *p, unsigned char *members)
{
	int c = *p->at;

	if (c == '\0')
		return fail(p, "Unmatched [, [^, [:, [., or [=");
	if (c != '[' || (p->at[1] != '.' && p->at[1] != '=' && p->at[1] != ':')) {
		p->at++;
		return c;
	}
	int kind = p->at[1];
	const char *name = (const char *)p->at + 2;
	const char *end = name;
	while (*end && !(end[0] == kind && end[1] == ']'))
		end++;
	if (*end == '\0')
		return fail(p, "Unmatched [, [^, [:, [., or [=");
	p->at = (const unsigned char *)end + 2;
	size_t len = (size_t)(end - name);
	if (kind != ':') {
		if (len != 1)
			return fail(p, "Invalid collation character");
		return (unsigned char)name[0];
	}
	if (char_class_has(name, len, 'a') < 0)
		return fail(p, "Invalid character class name");
	for (int b = 0; b < 256; b++)
		if (char_class_has(name, len, b) > 0)
			set_add(members, b);
	return -2;
}

/* A bracket expression; p->at is past the '['. */
static int
bracket(struct parser *p)
{
	byteset members = {0};
	int negate = 0;

	if (*p->at == '^') {
		negate = 1;
		p->at++;
	}
	for (int first = 1; first || *p->at != ']'; first = 0) {
		int is_equivalence = p->at[0] == '[' && p->at[1] == '=';
		int low = bracket_element(p, members);
		if (low == -1)
			return -1;
		if (p->at[0] != '-' || p->at[1] == ']' || p->at[1] == '\0') {
			if (low >= 0)
				set_add(members, low);
			continue;
		}
		// A range: its ends are bytes, not classes.
		p->at++;
		if (low == -2 || is_equivalence ||
		    (p->at[0] == '[' && p->at[1] == '='))
			return fail(p, "Invalid range end");
		int high = bracket_element(p, members);
		if (high == -1)
			return -1;
		if (high < low || (p->at[0] == '-' && p->at[1] != ']'))
			return fail(p, "Invalid range end");
		for (int b = low; b <= high; b++)
			set_add(members, b);
	}
	p->at++;
	return set_node(p, members, negate);
}

/*
 * Read an interval's "m}", ",n}", "m,}" or "m,n}" (BRE: "\}"); p->at is
 * past the brace. Returns 0, or -1 on an error.
 */
static int
interval(struct parser *p, int *min, int *max)
{
	const unsigned char *close = p->at;
	const char *close_mark = p->extended ? "}" : "\\}";

	while (*close && strncmp((const char *)close, close_mark,
	                         strlen(close_mark)) != 0)
		close++;
	if (*close == '\0')
		return fail(p, "Unmatched \\{");
	*min = 0;
	*max = REPEAT_INF;
	for (int part = 0; part < 2; part++) {
		int n = -1;
		if (*p->at >= '0' && *p->at <= '9')
			for (n = 0; *p->at >= '0' && *p->at <= '9'; p->at++)
				if ((n = n * 10 + (*p->at - '0')) > DUP_MAX)
					return fail(p, "Regular expression "
					               "too big");
		if (part == 0) {
			*min = n < 0 ? 0 : n;
			*max = n;
			if (*p->at != ',')
				break;
			p->at++;
		} else {
			*max = n < 0 ? REPEAT_INF : n;
		}
	}
	if (p->at != close || (*max == -1 && *min == 0 && close[-1] != ',') ||
	    (*max != REPEAT_INF && *max < *min))
		return fail(p, "Invalid content of \\{\\}");
	p->at = close + strlen(close_mark);
	return 0;
}

static int alternation(struct parser *p);

/* Is p->at at the end of an alternative: at '|', a group's end, the end? */
static int
at_branch_end(struct parser *p)
{
	const unsigned char *at = p->at;

	if (p->extended)
		return *at == '\0' || *at == '|' || (*at == ')' && p->depth > 0);
	return *at == '\0' ||
	       (at[0] == '\\' && (at[1] == '|' || at[1] == ')'));
}

/*
 * Where an atom stands decides how a BRE reads '^' and '*': at the start
 * of the pattern, a group or an alternative (AT_START), right after an
 * anchor there (AFTER_ANCHOR: '*' is plain there too), or elsewhere.
 */
enum place { ELSEWHERE, AFTER_ANCHOR, AT_START };

static int
group(struct parser *p)
{
	if (++p->depth > MAX_DEPTH)
		return fail(p, "Regular expression too big");
	int number = ++p->prog->ngroups;
	int inner = alternation(p);
	if (inner < 0)
		return -1;
	if (p->extended ? *p->at != ')' : p->at[0] != '\\' || p->at[1] != ')')
		return fail(p, "Unmatched ( or \\(");
	p->at += p->extended ? 1 : 2;
	p->depth--;
	if (number < 32)
		p->completed |= 1u << number;
	int node = new_ast(p, AST_GROUP);
	p->nodes[node].child = inner;
	p->nodes[node].arg = number;
	return node;
}

/* The atom after a backslash; p->at is past it. */
static int
escape(struct parser *p)
{
	int c = *p->at++;

	switch (c) {
	case '\0':
		return fail(p, "Trailing backslash");
	case 'w':
	case 'W':
	case 's':
	case 'S':
		return escape_set(p, c);
	case 'b':
		return anchor(p, NFA_WORD_BOUNDARY);
	case 'B':
		return anchor(p, NFA_NOT_WORD_BOUNDARY);
	case '<':
		return anchor(p, NFA_WORD_START);
	case '>':
		return anchor(p, NFA_WORD_END);
	case '`':
		return anchor(p, NFA_BOL);
	case '\'':
		return anchor(p, NFA_EOL);
	}
	if (c >= '1' && c <= '9') {
		if (!(p->completed >> (c - '0') & 1))
			return fail(p, "Invalid back reference");
		int node = new_ast(p, AST_BACKREF);
		p->nodes[node].arg = c - '0';
		return node;
	}
	if (!p->extended && c == '{')
		return fail(p, "Invalid preceding regular expression");
	return literal(p, c); // "\." is '.', and GNU reads "\n" as 'n'
}

/* One atom: a byte, '.', a bracket expression, a group or an anchor. */
static int
atom(struct parser *p, enum place place)
{
	int c = *p->at++;

	if (c == '[')
		return bracket(p);
	if (c == '.') {
		byteset none = {0};
		return set_node(p, none, 1);
	}
	if (c == '\\' && !p->extended && *p->at == '(') {
		p->at++;
		return group(p);
	}
	if (c == '\\')
		return escape(p);
	if (p->extended) {
		if (c == '(')
			return group(p);
		if (c == '^')
			return anchor(p, NFA_BOL);
		if (c == '$')
			return anchor(p, NFA_EOL);
		if (strchr("*+?{", c))
			return fail(p, "Invalid preceding regular expression");
	} else {
		if (c == '^' && place == AT_START)
			return anchor(p, NFA_BOL);
		if (c == '$' && at_branch_end(p))
			return anchor(p, NFA_EOL);
	}
	return literal(p, c);
}

/* Is p->at at a repetition: '*', '+', '?', '{' (BRE: '*', \{ \+ \?)? */
static int
at_repetition(struct parser *p)
{
	if (p->extended)
		return *p->at && strchr("*+?{", *p->at);
	return *p->at == '*' ||
	       (p->at[0] == '\\' && p->at[1] && strchr("{+?", p->at[1]));
}

/* An atom and the repetitions after it, if any. */
static int
repetition(struct parser *p, enum place place)
{
	int node;

	// A BRE's '*' where nothing precedes it is a plain '*'.
	if (!p->extended && place != ELSEWHERE && *p->at == '*') {
		p->at++;
		node = literal(p, '*');
	} else {
		node = atom(p, place);
	}
	if (node < 0 || !at_repetition(p))
		return node;
	if (p->nodes[node].kind == AST_ANCHOR) {
		if (p->extended)
			return fail(p, "Invalid preceding regular expression");
		return node; // BRE: "^*", "\b*": the '*' is a plain one
	}
	for (int repeated = 0; at_repetition(p); repeated = 1) {
		int min, max, c = *p->at++;
		if (c == '\\')
			c = *p->at++;
		// glibc's BRE takes "a*\+" and "a\?\?", but not "a**".
		if (!p->extended && repeated && (c == '*' || c == '{'))
			return fail(p, "Invalid preceding regular expression");
		if (c == '*' || c == '+') {
			min = c == '+';
			max = REPEAT_INF;
		} else if (c == '?') {
			min = 0;
			max = 1;
		} else {
			if (interval(p, &min, &max) < 0)
				return -1;
		}
		int repeat = new_ast(p, AST_REPEAT);
		p->nodes[repeat].child = node;
		p->nodes[repeat].min = min;
		p->nodes[repeat].max = max;
		node = repeat;
	}
	return node;
}

/* Atoms up to the end of the alternative. */
static int
concatenation(struct parser *p)
{
	int cat = new_ast(p, AST_CAT);
	enum place place = AT_START;

	while (!at_branch_end(p)) {
		int node = repetition(p, place);
		if (node < 0)
			return -1;
		place = place != ELSEWHERE &&
		                        p->nodes[node].kind == AST_ANCHOR &&
		                        p->nodes[node].arg == NFA_BOL
		                ? AFTER_ANCHOR
		                : ELSEWHERE;
		p->nodes[node].sibling = p->nodes[cat].child;
		p->nodes[cat].child = node;
	}
	return cat;
}

/*
 * Alternatives separated by '|' (BRE: "\|"), in the order they are
 * tried. As in glibc, \N may not refer to a group of another
 * alternative.
 */
static int
alternation(struct parser *p)
{
	int alt = new_ast(p, AST_ALT), first = -1, second = -1;
	unsigned before = p->completed, after = 0;

	for (;;) {
		p->completed = before;
		int cat = concatenation(p);
		if (cat < 0)
			return -1;
		if (first < 0)
			first = cat;
		else if (second < 0)
			second = cat;
		after |= p->completed;
		p->nodes[cat].sibling = p->nodes[alt].child;
		p->nodes[alt].child = cat;
		if (p->extended ? *p->at != '|'
		                : p->at[0] != '\\' || p->at[1] != '|')
			break;
		p->at += p->extended ? 1 : 2;
	}
	p->completed = after;
	// glibc tries an empty first alternative after the second one
	// (it orders the two ways of each '|' by their nodes' numbers).
	if (second >= 0 && p->nodes[first].child < 0) {
		p->nodes[first].child = p->nodes[second].child;
		p->nodes[second].child = -1;
	}
	return alt;
}

/* ---- the NFA ---- */

static int
new_nfa(struct rx_program *prog, enum nfa_kind kind, int out, int alt,
        int arg)
{
	if (prog->nnfa >= MAX_NODES) {
		prog->too_big = 1;
		return out;
	}
	if (prog->nnfa == prog->nfa_cap) {
		prog->nfa_cap = prog->nfa_cap ? 2 * prog->nfa_cap : 64;
		prog->nfa = xreallocarray(prog->nfa, (size_t)prog->nfa_cap,
		                          sizeof(*prog->nfa));
	}
	struct nfa_node *node = &prog->nfa[prog->nnfa];
	node->kind = kind;
	node->out = out;
	node->alt = alt;
	node->arg = arg;
	return prog->nnfa++;
}

/*
 * The NFA for tree NODE followed by NFA node NEXT; returns its entry.
 * An interval repeats the piece: x{2,4} is x x (x (x)?)?, and x{2,} is
 * x x x*. Where the piece is a group, the close of that group in its
 * optional copies is marked (alt = 1), as OPTIONAL says: an empty pass
 * there may be undone (see the backtracker in regex.c).
 */
static int
build(struct rx_program *prog, const struct parser *p, int node, int next,
      int optional)
{
	const struct ast *tree = &p->nodes[node], *piece;
	int entry = next;

	if (prog->too_big)
		return next;
	switch (tree->kind) {
	case AST_SET:
		return new_nfa(prog, NFA_SET, next, -1, tree->arg);
	case AST_ANCHOR:
		if (tree->arg != NFA_BOL && tree->arg != NFA_EOL)
			prog->has_assert = 1;
		return new_nfa(prog, (enum nfa_kind)tree->arg, next, -1, -1);
	case AST_BACKREF:
		prog->has_backref = 1;
		prog->referenced |= 1u << tree->arg;
		return new_nfa(prog, NFA_BACKREF, next, -1, tree->arg);
	case AST_GROUP:
		entry = new_nfa(prog, NFA_SAVE, next, tree->arg == optional,
		                2 * tree->arg + 1);
		entry = build(prog, p, tree->child, entry, optional);
		return new_nfa(prog, NFA_SAVE, entry, -1, 2 * tree->arg);
	case AST_CAT:
		for (int child = tree->child; child >= 0;
		     child = p->nodes[child].sibling)
			entry = build(prog, p, child, entry, optional);
		return entry;
	case AST_ALT:
		// The children are in reverse: the first one ends up `out`.
		entry = -1;
		for (int child = tree->child; child >= 0;
		     child = p->nodes[child].sibling) {
			int way = build(prog, p, child, next, optional);
			entry = entry < 0 ? way
			                  : new_nfa(prog, NFA_SPLIT, way, entry,
			                            -1);
		}
		return entry;
	case AST_REPEAT:
		piece = &p->nodes[tree->child];
		int mark = piece->kind == AST_GROUP ? piece->arg : optional;
		if (tree->max == REPEAT_INF) {
			int loop = new_nfa(prog, NFA_LOOP, -1, next, -1);
			int body = build(prog, p, tree->child, loop, mark);
			if (prog->too_big)
				return next;
			prog->nfa[loop].out = body;
			entry = loop;
		} else {
			for (int i = tree->min; i < tree->max; i++) {
				int body = build(prog, p, tree->child, entry,
				                 mark);
				entry = new_nfa(prog, NFA_SPLIT, body, next, -1);
			}
		}
		for (int i = 0; i < tree->min; i++)
			entry = build(prog, p, tree->child, entry, optional);
		return entry;
	}
	return entry;
}

int
rx_parse(const char *pattern, int flags, struct rx_program *prog,
         const char **error)
{
	struct parser p = {.at = (const unsigned char *)pattern,
	                   .extended = !!(flags & RX_EXTENDED),
	                   .icase = !!(flags & RX_ICASE),
	                   .prog = prog};
	int root = alternation(&p);

	prog->icase = p.icase;
	if (root >= 0 && *p.at != '\0')
		fail(&p, "Unmatched ) or \\)"); // BRE's "\)" alone
	if (!p.error) {
		int match = new_nfa(prog, NFA_MATCH, -1, -1, -1);
		prog->anchored = build(prog, &p, root, match, 0);
		// Anywhere: any number of bytes, then the pattern.
		byteset none = {0};
		int any = set_node(&p, none, 1);
		prog->floating =
		        new_nfa(prog, NFA_SPLIT, prog->anchored, -1, -1);
		int skip = new_nfa(prog, NFA_SET, prog->floating, -1,
		                   p.nodes[any].arg);
		if (!prog->too_big)
			prog->nfa[prog->floating].alt = skip;
		if (prog->too_big)
			fail(&p, "Regular expression too big");
	}
	free(p.nodes);
	*error = p.error;
	return p.error ? -1 : 0;
}
