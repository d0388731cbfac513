/* regex.c - POSIX regular expressions by a lazily built DFA. */
/*
 * A pattern goes through three forms. The parser reads BRE or ERE syntax
 * into a tree (struct ast). The tree becomes a Thompson NFA: nodes that
 * consume one byte from a set, split into two ways, or assert a line's
 * start (^) or end ($). Matching simulates the NFA a set of nodes at a
 * time; each set met becomes a DFA state, with its transitions filled in
 * as the text needs them and kept for the next byte and the next line.
 * The cache of states is bounded: when it fills, it is emptied and
 * rebuilt from the text that comes.
 *
 * Whatever this engine does not do, or where POSIX leaves the meaning
 * open and implementations differ (back-references, GNU's \< \w \|,
 * equivalence classes, empty alternatives, "a**"), the parser gives up
 * and the pattern goes to the C library's regcomp/regexec instead, which
 * also reports the syntax errors.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "mini.h"

/* ---- the tree ---- */

enum ast_kind { AST_SET, AST_CAT, AST_ALT, AST_REPEAT, AST_BOL, AST_EOL };

#define REPEAT_INF -1
#define DUP_MAX 255
#define MAX_DEPTH 200
#define MAX_NODES 50000

/*
 * CAT and ALT hold a list of children through `child` and `sibling` (a
 * CAT's in reverse order, as the NFA is built from the back); REPEAT has
 * one child, repeated from `min` to `max` times.
 */
struct ast {
	enum ast_kind kind;
	int child, sibling;
	int min, max;
	int set;
};

typedef unsigned char byteset[32];

struct parser {
	const unsigned char *at;
	int extended, icase;
	int unsupported; // set when the C library must take the pattern
	int depth;
	struct ast *nodes;
	int nnodes, nodes_cap;
	byteset *sets;
	int nsets, sets_cap;
};

static int
set_has(const unsigned char *set, int byte)
{
	return set[byte >> 3] >> (byte & 7) & 1;
}

static void
set_add(unsigned char *set, int byte)
{
	set[byte >> 3] |= (unsigned char)(1 << (byte & 7));
}

static int
give_up(struct parser *p)
{
	p->unsupported = 1;
	return -1;
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
	node->set = -1;
	return p->nnodes++;
}

/* A new, empty byte set; returns its index. */
static int
new_set(struct parser *p)
{
	if (p->nsets == p->sets_cap) {
		p->sets_cap = p->sets_cap ? 2 * p->sets_cap : 16;
		p->sets = xreallocarray(p->sets, (size_t)p->sets_cap,
		                        sizeof(*p->sets));
	}
	memset(p->sets[p->nsets], 0, sizeof(byteset));
	return p->nsets++;
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

static int
set_node(struct parser *p, int set)
{
	int node = new_ast(p, AST_SET);
	p->nodes[node].set = set;
	return node;
}

static int
literal(struct parser *p, int byte)
{
	int set = new_set(p);
	set_add(p->sets[set], byte);
	fold_case(p, p->sets[set]);
	return set_node(p, set);
}

/* The character classes of the POSIX locale, by their bytes. */
static int
in_class(const char *name, size_t len, int c)
{
	int upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
	int digit = c >= '0' && c <= '9';
	int print = c >= ' ' && c < 127;
	static const char *const names[] = {
	        "alpha", "digit", "alnum", "upper", "lower", "space",
	        "blank", "punct", "print", "graph", "cntrl", "xdigit"};
	int which = -1;

	for (int i = 0; i < 12; i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			which = i;
	switch (which) {
	case 0:
		return upper || lower;
	case 1:
		return digit;
	case 2:
		return upper || lower || digit;
	case 3:
		return upper;
	case 4:
		return lower;
	case 5:
		return c == ' ' || (c >= '\t' && c <= '\r');
	case 6:
		return c == ' ' || c == '\t';
	case 7:
		return print && c != ' ' && !(upper || lower || digit);
	case 8:
		return print;
	case 9:
		return print && c != ' ';
	case 10:
		return c < ' ' || c == 127;
	case 11:
		return digit || (c >= 'a' && c <= 'f') ||
		       (c >= 'A' && c <= 'F');
	default:
		return -1;
	}
}

/* A bracket expression; p->at is past the '['. */
static int
bracket(struct parser *p)
{
	int set = new_set(p), negate = 0, first = 1;
	unsigned char members[32] = {0};

	if (*p->at == '^') {
		negate = 1;
		p->at++;
	}
	for (;; first = 0) {
		int c = *p->at;
		if (c == '\0')
			return give_up(p); // unterminated: regcomp says so
		if (c == ']' && !first)
			break;
		if (c == '[' && (p->at[1] == '=' || p->at[1] == '.'))
			return give_up(p);
		if (c == '[' && p->at[1] == ':') {
			const char *name = (const char *)p->at + 2;
			const char *end = strstr(name, ":]");
			if (!end ||
			    in_class(name, (size_t)(end - name), 'a') < 0)
				return give_up(p);
			for (int b = 0; b < 256; b++)
				if (in_class(name, (size_t)(end - name), b) > 0)
					set_add(members, b);
			p->at = (const unsigned char *)end + 2;
			if (*p->at == '-' && p->at[1] != ']')
				return give_up(p); // a class cannot end a range
			continue;
		}
		p->at++;
		if (*p->at == '-' && p->at[1] != ']' && p->at[1] != '\0') {
			int last = p->at[1];
			if (c == '-' || last == '[' || last < c)
				return give_up(p);
			for (int b = c; b <= last; b++)
				set_add(members, b);
			p->at += 2;
			if (*p->at == '-' && p->at[1] != ']')
				return give_up(p);
			continue;
		}
		set_add(members, c);
	}
	p->at++;
	fold_case(p, members);
	for (int i = 0; i < 32; i++)
		p->sets[set][i] =
		        negate ? (unsigned char)~members[i] : members[i];
	return set_node(p, set);
}

/*
 * Read an interval's "m}", "m,}" or "m,n}" (BRE: "\}"); p->at is past
 * the brace. Returns 0, or -1 for anything else.
 */
static int
interval(struct parser *p, int *min, int *max)
{
	int n = -1;

	*min = -1;
	*max = REPEAT_INF;
	for (int part = 0; part < 2; part++) {
		if (*p->at < '0' || *p->at > '9') {
			if (part == 0)
				return -1;
			n = REPEAT_INF;
		} else {
			for (n = 0; *p->at >= '0' && *p->at <= '9'; p->at++)
				if ((n = n * 10 + (*p->at - '0')) > DUP_MAX)
					return -1;
		}
		if (part == 0) {
			*min = n;
			*max = n;
			if (*p->at != ',')
				break;
			p->at++;
		} else {
			*max = n;
		}
	}
	if (!p->extended && *p->at++ != '\\')
		return -1;
	if (*p->at++ != '}')
		return -1;
	if (*max != REPEAT_INF && *max < *min)
		return -1;
	return 0;
}

static int alternation(struct parser *p);

/* Is p->at at the end of a group or of the whole pattern? */
static int
at_group_end(struct parser *p)
{
	if (p->extended)
		return *p->at == '\0' || *p->at == ')' || *p->at == '|';
	return *p->at == '\0' || (p->at[0] == '\\' && p->at[1] == ')');
}

/*
 * Where an atom stands decides how a BRE reads '^' and '*': at the start
 * of the pattern or a group (AT_START), right after a leading '^'
 * (AFTER_ANCHOR: '*' is plain there too), or anywhere else.
 */
enum place { ELSEWHERE, AFTER_ANCHOR, AT_START };

static int
group(struct parser *p)
{
	if (++p->depth > MAX_DEPTH)
		return give_up(p);
	int inner = alternation(p);
	if (inner < 0)
		return -1;
	if (p->extended ? *p->at != ')' : p->at[0] != '\\' || p->at[1] != ')')
		return give_up(p);
	p->at += p->extended ? 1 : 2;
	p->depth--;
	return inner;
}

/* One atom: a byte, '.', a bracket expression, a group or an anchor. */
static int
atom(struct parser *p, enum place place)
{
	int c = *p->at++;

	if (c == '[')
		return bracket(p);
	if (c == '.') {
		int set = new_set(p);
		memset(p->sets[set], 0xff, sizeof(byteset));
		return set_node(p, set);
	}
	if (p->extended) {
		if (c == '(')
			return group(p);
		if (c == '^')
			return new_ast(p, AST_BOL);
		if (c == '$')
			return new_ast(p, AST_EOL);
		if (strchr("*+?{)|", c))
			return give_up(p);
	} else {
		// POSIX leaves "\(^" and "$\)" open: implementations differ.
		if (c == '^' && place == AT_START)
			return p->depth == 0 ? new_ast(p, AST_BOL) : give_up(p);
		if (c == '^' && place == AFTER_ANCHOR)
			return give_up(p);
		if (c == '$' && at_group_end(p))
			return p->depth == 0 ? new_ast(p, AST_EOL) : give_up(p);
		if (c == '*' && place == ELSEWHERE)
			return give_up(p);
		if (c == '\\' && *p->at == '(') {
			p->at++;
			return group(p);
		}
	}
	if (c == '\\') {
		// Only the escapes every implementation reads alike.
		c = *p->at++;
		const char *plain =
		        p->extended ? ".[]\\*^$+?(){}|" : ".[]\\*^$";
		if (c == '\0' || !strchr(plain, c))
			return give_up(p);
	}
	if (c == '\0')
		return give_up(p);
	return literal(p, c);
}

/* Is p->at at a repetition: '*', '+', '?', '{' (BRE: '*', "\{")? */
static int
at_repetition(struct parser *p)
{
	if (p->extended)
		return *p->at && strchr("*+?{", *p->at);
	return *p->at == '*' || (p->at[0] == '\\' && p->at[1] == '{');
}

/* An atom and the repetition after it, if any. */
static int
repetition(struct parser *p, enum place place)
{
	int node = atom(p, place);
	int min, max;

	if (node < 0 || !at_repetition(p))
		return node;
	if (p->nodes[node].kind == AST_BOL && !p->extended)
		return node; // "^*": the '*' is the next atom, a plain one
	if (p->nodes[node].kind == AST_BOL || p->nodes[node].kind == AST_EOL)
		return give_up(p);
	int c = *p->at++;
	if (c == '*' || c == '+') {
		min = c == '+';
		max = REPEAT_INF;
	} else if (c == '?') {
		min = 0;
		max = 1;
	} else {
		if (c == '\\')
			p->at++;
		if (interval(p, &min, &max) < 0)
			return give_up(p);
	}
	if (at_repetition(p))
		return give_up(p); // "a**", "a*{2}": each reads them its way
	int repeat = new_ast(p, AST_REPEAT);
	p->nodes[repeat].child = node;
	p->nodes[repeat].min = min;
	p->nodes[repeat].max = max;
	return repeat;
}

/* Atoms up to the end of the group, the alternative or the pattern. */
static int
concatenation(struct parser *p)
{
	int cat = new_ast(p, AST_CAT);
	enum place place = AT_START;

	while (!at_group_end(p)) {
		int node = repetition(p, place);
		if (node < 0)
			return -1;
		place = place == AT_START && p->nodes[node].kind == AST_BOL
		                ? AFTER_ANCHOR
		                : ELSEWHERE;
		p->nodes[node].sibling = p->nodes[cat].child;
		p->nodes[cat].child = node;
	}
	return cat;
}

/*
 * Alternatives separated by '|' (ERE only). An empty one, or an empty
 * group, is left to the C library; an empty pattern matches everywhere.
 */
static int
alternation(struct parser *p)
{
	int alt = new_ast(p, AST_ALT), count = 0, empty = 0;

	for (;;) {
		int cat = concatenation(p);
		if (cat < 0)
			return -1;
		empty |= p->nodes[cat].child < 0;
		count++;
		p->nodes[cat].sibling = p->nodes[alt].child;
		p->nodes[alt].child = cat;
		if (!p->extended || *p->at != '|')
			break;
		p->at++;
	}
	if (empty && (count > 1 || p->depth > 0))
		return give_up(p);
	return alt;
}

/* ---- the NFA ---- */

enum nfa_kind { NFA_SET, NFA_SPLIT, NFA_BOL, NFA_EOL, NFA_MATCH };

struct nfa_node {
	enum nfa_kind kind;
	int out, alt; // the next nodes (alt: SPLIT's second way)
	int set;      // SET: the bytes it consumes
};

/* A DFA state's flags. */
#define ACCEPT 1 // the text so far ends a match
#define AT_END 2 // ... if the text ends here ($ holds)
#define DEAD 4   // no match can go on from here

/* The cache's bounds: transitions (ints) and NFA node numbers (ints). */
#define CACHE_TRANSITIONS (1 << 18)
#define CACHE_POOL (1 << 20)

struct rx {
	regex_t *fallback; // the C library's, when the pattern needs it
	char *copy;        // the NUL-terminated text regexec wants
	size_t copy_cap;

	struct nfa_node *nfa;
	int nnfa, nfa_cap, too_big;
	byteset *sets;
	int anchored, floating; // where matching starts: here, or anywhere

	// Bytes no pattern set tells apart share a class and a transition.
	int nclasses;
	unsigned char class_of[256], class_byte[256];

	// The DFA states: their NFA node sets (sorted, in pool), whether
	// they begin at a line start, their flags and transitions (-1: not
	// yet known). hash finds a state by its set.
	int nstates, max_states;
	int *trans;
	unsigned char *flags, *bol;
	int *set_at, *set_len;
	int *pool;
	size_t pool_len;
	int *hash;
	size_t hash_mask;
	int start[4]; // by (floating, at a line start); -1: not yet known

	// Scratch for building sets.
	unsigned *mark, generation;
	int *stack, *work;
};

static int
new_nfa(struct rx *re, enum nfa_kind kind, int out)
{
	if (re->nnfa >= MAX_NODES) {
		re->too_big = 1;
		return out;
	}
	if (re->nnfa == re->nfa_cap) {
		re->nfa_cap = re->nfa_cap ? 2 * re->nfa_cap : 64;
		re->nfa = xreallocarray(re->nfa, (size_t)re->nfa_cap,
		                        sizeof(*re->nfa));
	}
	re->nfa[re->nnfa].kind = kind;
	re->nfa[re->nnfa].out = out;
	re->nfa[re->nnfa].alt = -1;
	re->nfa[re->nnfa].set = -1;
	return re->nnfa++;
}

/*
 * The NFA for tree NODE followed by NFA node NEXT; returns its entry.
 * Built from the back, so each piece knows where it goes on to. An
 * interval repeats the piece: x{2,4} is x x (x (x)?)?.
 */
static int
build(struct rx *re, const struct parser *p, int node, int next)
{
	const struct ast *tree = &p->nodes[node];
	int entry = next;

	if (re->too_big)
		return next;
	switch (tree->kind) {
	case AST_SET:
		entry = new_nfa(re, NFA_SET, next);
		if (!re->too_big)
			re->nfa[entry].set = tree->set;
		return entry;
	case AST_BOL:
		return new_nfa(re, NFA_BOL, next);
	case AST_EOL:
		return new_nfa(re, NFA_EOL, next);
	case AST_CAT:
		for (int child = tree->child; child >= 0;
		     child = p->nodes[child].sibling)
			entry = build(re, p, child, entry);
		return entry;
	case AST_ALT:
		entry = -1;
		for (int child = tree->child; child >= 0;
		     child = p->nodes[child].sibling) {
			int way = build(re, p, child, next);
			if (entry < 0) {
				entry = way;
				continue;
			}
			int split = new_nfa(re, NFA_SPLIT, way);
			if (re->too_big)
				return next;
			re->nfa[split].alt = entry;
			entry = split;
		}
		return entry;
	case AST_REPEAT:
		if (tree->max == REPEAT_INF) {
			int loop = new_nfa(re, NFA_SPLIT, -1);
			int body = build(re, p, tree->child, loop);
			if (re->too_big)
				return next;
			re->nfa[loop].out = body;
			re->nfa[loop].alt = next;
			entry = loop;
		} else {
			for (int i = tree->min; i < tree->max; i++) {
				int body = build(re, p, tree->child, entry);
				int skip = new_nfa(re, NFA_SPLIT, body);
				if (re->too_big)
					return next;
				re->nfa[skip].alt = next;
				entry = skip;
			}
		}
		for (int i = 0; i < tree->min; i++)
			entry = build(re, p, tree->child, entry);
		return entry;
	}
	return entry;
}

/* ---- the DFA, built as the text asks for it ---- */

/*
 * Add to SET[*COUNT] the nodes NODE leads to without consuming a byte:
 * the ones that consume, MATCH, and (unless the text ends here, EOL) the
 * '$' anchors. BOL: the text is at a line start, so '^' holds.
 */
static void
close_over(struct rx *re, int node, int bol, int eol, int *set, int *count)
{
	int depth = 0;

	re->stack[depth++] = node;
	while (depth > 0) {
		int n = re->stack[--depth];
		const struct nfa_node *x = &re->nfa[n];
		if (re->mark[n] == re->generation)
			continue;
		re->mark[n] = re->generation;
		if (x->kind == NFA_SPLIT) {
			re->stack[depth++] = x->alt;
			re->stack[depth++] = x->out;
		} else if (x->kind == NFA_BOL) {
			if (bol)
				re->stack[depth++] = x->out;
		} else if (x->kind == NFA_EOL && eol) {
			re->stack[depth++] = x->out;
		} else {
			set[(*count)++] = n;
		}
	}
}

static int
compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static size_t
hash_set(const int *set, int count, int bol)
{
	size_t h = 2166136261u ^ (size_t)bol;
	for (int i = 0; i < count; i++)
		h = (h ^ (size_t)set[i]) * 16777619u;
	return h;
}

/* Empty the cache: every state goes, to be built again when met. */
static void
flush(struct rx *re)
{
	re->nstates = 0;
	re->pool_len = 0;
	memset(re->hash, 0, (re->hash_mask + 1) * sizeof(*re->hash));
	for (int i = 0; i < 4; i++)
		re->start[i] = -1;
}

/* The flags of a state with node set SET[0..COUNT). */
static unsigned char
state_flags(struct rx *re, const int *set, int count, int bol)
{
	unsigned char flags = count == 0 ? DEAD : 0;
	int *reach = re->work + re->nnfa, reached = 0;

	re->generation++;
	for (int i = 0; i < count; i++) {
		if (re->nfa[set[i]].kind == NFA_MATCH)
			flags |= ACCEPT | AT_END;
		else if (re->nfa[set[i]].kind == NFA_EOL)
			close_over(re, re->nfa[set[i]].out, bol, 1, reach,
			           &reached);
	}
	for (int i = 0; i < reached; i++)
		if (re->nfa[reach[i]].kind == NFA_MATCH)
			flags |= AT_END;
	return flags;
}

/*
 * The state for node set SET[0..COUNT) (sorted): found in the cache, or
 * added to it, after emptying it if it is full. *FLUSHED says whether it
 * was emptied (every earlier state number is then stale).
 */
static int
state_for(struct rx *re, const int *set, int count, int bol, int *flushed)
{
	size_t slot = hash_set(set, count, bol) & re->hash_mask;
	int s;

	for (; (s = re->hash[slot] - 1) >= 0; slot = (slot + 1) & re->hash_mask)
		if (re->set_len[s] == count && re->bol[s] == bol &&
		    memcmp(re->pool + re->set_at[s], set,
		           (size_t)count * sizeof(*set)) == 0)
			return s;
	*flushed = 0;
	if (re->nstates == re->max_states ||
	    re->pool_len + (size_t)count > CACHE_POOL) {
		flush(re);
		*flushed = 1;
		slot = hash_set(set, count, bol) & re->hash_mask;
	}
	s = re->nstates++;
	memcpy(re->pool + re->pool_len, set, (size_t)count * sizeof(*set));
	re->set_at[s] = (int)re->pool_len;
	re->set_len[s] = count;
	re->pool_len += (size_t)count;
	re->bol[s] = (unsigned char)bol;
	re->flags[s] = state_flags(re, set, count, bol);
	for (int k = 0; k < re->nclasses; k++)
		re->trans[(size_t)s * (size_t)re->nclasses + (size_t)k] = -1;
	re->hash[slot] = s + 1;
	return s;
}

/* The state matching starts in: anywhere or here, at a line start or not. */
static int
start_state(struct rx *re, int floating, int bol)
{
	int which = floating * 2 + bol, count = 0, flushed;

	if (re->start[which] < 0) {
		re->generation++;
		close_over(re, floating ? re->floating : re->anchored, bol, 0,
		           re->work, &count);
		qsort(re->work, (size_t)count, sizeof(*re->work), compare_ints);
		int s = state_for(re, re->work, count, bol, &flushed);
		re->start[which] = s;
	}
	return re->start[which];
}

/* The state after state S reads a byte of class K; fills the cache in. */
static int
step(struct rx *re, int s, int k)
{
	const int *set = re->pool + re->set_at[s];
	int count = 0, flushed, byte = re->class_byte[k];

	re->generation++;
	for (int i = 0; i < re->set_len[s]; i++) {
		const struct nfa_node *x = &re->nfa[set[i]];
		if (x->kind == NFA_SET && set_has(re->sets[x->set], byte))
			close_over(re, x->out, 0, 0, re->work, &count);
	}
	qsort(re->work, (size_t)count, sizeof(*re->work), compare_ints);
	int next = state_for(re, re->work, count, 0, &flushed);
	if (!flushed)
		re->trans[(size_t)s * (size_t)re->nclasses + (size_t)k] = next;
	return next;
}

static inline int
next_state(struct rx *re, int s, unsigned char byte)
{
	int k = re->class_of[byte];
	int t = re->trans[(size_t)s * (size_t)re->nclasses + (size_t)k];
	return t >= 0 ? t : step(re, s, k);
}

/*
 * Split the 256 bytes into classes no set tells apart: each set refines
 * the partition into its members and the rest.
 */
static void
make_classes(struct rx *re)
{
	int remap[512];

	re->nclasses = 1;
	memset(re->class_of, 0, sizeof(re->class_of));
	for (int n = 0; n < re->nnfa; n++) {
		if (re->nfa[n].kind != NFA_SET)
			continue;
		const unsigned char *set = re->sets[re->nfa[n].set];
		int count = 0;
		for (int i = 0; i < 2 * re->nclasses; i++)
			remap[i] = -1;
		for (int b = 0; b < 256; b++) {
			int key = re->class_of[b] * 2 + set_has(set, b);
			if (remap[key] < 0)
				remap[key] = count++;
			re->class_of[b] = (unsigned char)remap[key];
		}
		re->nclasses = count;
	}
	for (int b = 255; b >= 0; b--)
		re->class_byte[re->class_of[b]] = (unsigned char)b;
}

/* Size the cache and the scratch space for the NFA just built. */
static void
make_cache(struct rx *re)
{
	size_t n = (size_t)re->nnfa;

	make_classes(re);
	re->max_states = CACHE_TRANSITIONS / re->nclasses;
	if (re->max_states > 4096)
		re->max_states = 4096;
	re->trans = xreallocarray(NULL, (size_t)re->max_states,
	                          (size_t)re->nclasses * sizeof(*re->trans));
	re->flags = xmalloc((size_t)re->max_states);
	re->bol = xmalloc((size_t)re->max_states);
	re->set_at = xreallocarray(NULL, (size_t)re->max_states, sizeof(int));
	re->set_len = xreallocarray(NULL, (size_t)re->max_states, sizeof(int));
	re->pool = xreallocarray(NULL, CACHE_POOL, sizeof(*re->pool));
	re->hash_mask = 1;
	while (re->hash_mask < 2 * (size_t)re->max_states)
		re->hash_mask *= 2;
	re->hash = xcalloc(re->hash_mask, sizeof(*re->hash));
	re->hash_mask--;
	re->mark = xcalloc(n, sizeof(*re->mark));
	re->stack = xreallocarray(NULL, 2 * n + 1, sizeof(*re->stack));
	re->work = xreallocarray(NULL, 2 * n, sizeof(*re->work));
	flush(re);
}

/* ---- the API ---- */

/* Parse PATTERN and build its NFA; 0 if the C library must take it. */
static int
compile_native(struct rx *re, const char *pattern, int flags)
{
	struct parser p = {.at = (const unsigned char *)pattern,
	                   .extended = !!(flags & RX_EXTENDED),
	                   .icase = !!(flags & RX_ICASE)};
	int root = alternation(&p);

	if (root >= 0 && *p.at != '\0')
		p.unsupported = 1; // an unmatched ')' or "\)"
	if (!p.unsupported) {
		int any = new_set(&p);
		memset(p.sets[any], 0xff, sizeof(byteset));
		int match = new_nfa(re, NFA_MATCH, -1);
		re->anchored = build(re, &p, root, match);
		// Anywhere: any number of bytes, then the pattern.
		re->floating = new_nfa(re, NFA_SPLIT, re->anchored);
		int skip = new_nfa(re, NFA_SET, re->floating);
		if (!re->too_big) {
			re->nfa[skip].set = any;
			re->nfa[re->floating].alt = skip;
		}
	}
	free(p.nodes);
	re->sets = p.sets;
	if (p.unsupported || re->too_big)
		return 0;
	make_cache(re);
	return 1;
}

struct rx *
rx_compile(const char *pattern, int flags, char *message, size_t message_size)
{
	struct rx *re = xcalloc(1, sizeof(*re));

	if (compile_native(re, pattern, flags))
		return re;
	re->fallback = xmalloc(sizeof(*re->fallback));
	int err = regcomp(re->fallback, pattern,
	                  (flags & RX_EXTENDED ? REG_EXTENDED : 0) |
	                          (flags & RX_ICASE ? REG_ICASE : 0));
	if (err != 0) {
		regerror(err, re->fallback, message, message_size);
		free(re->fallback);
		re->fallback = NULL;
		rx_free(re);
		return NULL;
	}
	return re;
}

int
rx_is_native(const struct rx *re)
{
	return re->fallback == NULL;
}

/* The C library's search, on a NUL-terminated copy of the text. */
static int
fallback_search(struct rx *re, const char *text, size_t len, size_t from,
                size_t *start, size_t *end)
{
	regmatch_t match;

	if (len + 1 > re->copy_cap) {
		re->copy_cap = len + 1 + len / 2;
		free(re->copy);
		re->copy = xmalloc(re->copy_cap);
	}
	memcpy(re->copy, text, len);
	re->copy[len] = '\0';
	if (regexec(re->fallback, re->copy + from, 1, &match,
	            from > 0 ? REG_NOTBOL : 0) != 0)
		return 0;
	*start = from + (size_t)match.rm_so;
	*end = from + (size_t)match.rm_eo;
	return 1;
}

/*
 * Where the first match to end, ends: the DFA that matches anywhere, run
 * from FROM until it accepts. Returns -1 if nothing matches.
 */
static long
first_end(struct rx *re, const unsigned char *text, size_t len, size_t from)
{
	int s = start_state(re, 1, from == 0);

	if (re->flags[s] & ACCEPT)
		return (long)from;
	for (size_t i = from; i < len; i++) {
		s = next_state(re, s, text[i]);
		if (re->flags[s] & ACCEPT)
			return (long)i + 1;
	}
	return re->flags[s] & AT_END ? (long)len : -1;
}

/* The end of the longest match that starts at FROM, or -1. */
static long
longest_from(struct rx *re, const unsigned char *text, size_t len, size_t from)
{
	int s = start_state(re, 0, from == 0);
	long last = re->flags[s] & ACCEPT ? (long)from : -1;
	size_t i;

	for (i = from; i < len; i++) {
		s = next_state(re, s, text[i]);
		if (re->flags[s] & DEAD)
			return last;
		if (re->flags[s] & ACCEPT)
			last = (long)i + 1;
	}
	return re->flags[s] & AT_END ? (long)len : last;
}

int
rx_matches(struct rx *re, const char *text, size_t len)
{
	size_t start, end;

	if (re->fallback)
		return fallback_search(re, text, len, 0, &start, &end);
	return first_end(re, (const unsigned char *)text, len, 0) >= 0;
}

int
rx_search(struct rx *re, const char *text, size_t len, size_t from,
          size_t *start, size_t *end)
{
	const unsigned char *bytes = (const unsigned char *)text;

	if (re->fallback)
		return fallback_search(re, text, len, from, start, end);
	long limit = first_end(re, bytes, len, from);
	if (limit < 0)
		return 0;
	// The leftmost match starts no later than the first one ends.
	for (size_t at = from; at <= (size_t)limit; at++) {
		long last = longest_from(re, bytes, len, at);
		if (last >= 0) {
			*start = at;
			*end = (size_t)last;
			return 1;
		}
	}
	return 0; // not reached: the first match to end starts by then
}

void
rx_free(struct rx *re)
{
	if (!re)
		return;
	if (re->fallback) {
		regfree(re->fallback);
		free(re->fallback);
	}
	free(re->copy);
	free(re->nfa);
	free(re->sets);
	free(re->trans);
	free(re->flags);
	free(re->bol);
	free(re->set_at);
	free(re->set_len);
	free(re->pool);
	free(re->hash);
	free(re->mark);
	free(re->stack);
	free(re->work);
	free(re);
}
