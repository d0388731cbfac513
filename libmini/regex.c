/* regex.c - POSIX regular expressions: a lazily built DFA, and backtracking. */
/*
 * rxparse.c compiles a pattern into a Thompson NFA (rxprog.h). Two
 * matchers run it.
 *
 * The DFA simulates the NFA a set of nodes at a time; each set met
 * becomes a DFA state, with its transitions filled in as the text needs
 * them and kept for the next byte and the next line. The cache of states
 * is bounded: when it fills, it is emptied and rebuilt from the text that
 * comes. The time per byte does not grow with the pattern. It says where
 * a match is, but not where its groups are, and it cannot look at what a
 * group matched: for a back-reference or a word assertion (\b \< ...) it
 * lets anything through, so it only rules texts out.
 *
 * The backtracking matcher follows one way through the NFA at a time, in
 * the order glibc prefers (an alternative before the next, a '*' loop
 * once more before leaving it), and remembers the group positions on
 * the way. It finds the groups of a match whose extent is known, and
 * the matches of the patterns the DFA cannot decide. Without
 * back-references it marks each (node, position) it has been through and
 * never goes there again, so its time is bounded by nodes x text; with
 * them it cannot, and some patterns take exponential time, as in every
 * implementation.
 */
#include <stdlib.h>
#include <string.h>

#include "mini.h"
#include "rxprog.h"

/* A DFA state's flags. */
#define ACCEPT 1 // the text so far ends a match
#define AT_END 2 // ... if the text ends here ($ holds)
#define DEAD 4   // no match can go on from here

/* The cache's bounds: transitions (ints) and NFA node numbers (ints). */
#define CACHE_TRANSITIONS (1 << 18)
#define CACHE_POOL (1 << 20)

/* The backtracker's marks: above this many bits, it goes without. */
#define MAX_VISITED_BITS ((size_t)1 << 27)

/* One entry of the backtracker's stack: try NODE at POS, or undo. */
struct bt_job {
	int node;
	int cell; // -1: a node to try; else: set cells[cell] back to pos
	size_t pos;
};

struct rx {
	struct rx_program prog;
	int exact; // the DFA alone decides: no back-reference, no \b \< \>

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

	// The backtracker: group slots (2 per group, 0 and 1 unused), live
	// and reported, a copy of the reported ones (see save), where each
	// LOOP's current pass began; its stack and marks.
	size_t *cells;
	size_t nslots;
	struct bt_job *jobs;
	size_t njobs, jobs_cap;
	unsigned char *visited;
	size_t visited_bytes;
	// With back-references: the (node, position, referenced groups)
	// met, each a key of key_width words after a stamp word.
	size_t *seen;
	size_t seen_cap, nseen, key_width, stamp;
};

/* ---- the DFA, built as the text asks for it ---- */

/*
 * Add to SET[*COUNT] the nodes NODE leads to without consuming a byte:
 * the ones that consume (SET, and BACKREF, which the DFA lets consume
 * any bytes), MATCH, and (unless the text ends here, EOL) the '$'
 * anchors. BOL: the text is at a line start, so '^' holds. Group marks
 * and word assertions let everything through.
 */
static void
close_over(struct rx *re, int node, int bol, int eol, int *set, int *count)
{
	int depth = 0;

	re->stack[depth++] = node;
	while (depth > 0) {
		int n = re->stack[--depth];
		const struct nfa_node *x = &re->prog.nfa[n];
		if (re->mark[n] == re->generation)
			continue;
		re->mark[n] = re->generation;
		switch (x->kind) {
		case NFA_SPLIT:
		case NFA_LOOP:
			re->stack[depth++] = x->alt;
			re->stack[depth++] = x->out;
			break;
		case NFA_BOL:
			if (bol)
				re->stack[depth++] = x->out;
			break;
		case NFA_EOL:
			if (eol)
				re->stack[depth++] = x->out;
			else
				set[(*count)++] = n;
			break;
		case NFA_BACKREF:
			set[(*count)++] = n;
			re->stack[depth++] = x->out;
			break;
		case NFA_SET:
		case NFA_MATCH:
			set[(*count)++] = n;
			break;
		default: // SAVE and the word assertions
			re->stack[depth++] = x->out;
			break;
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
	int *reach = re->work + re->prog.nnfa, reached = 0;

	re->generation++;
	for (int i = 0; i < count; i++) {
		if (re->prog.nfa[set[i]].kind == NFA_MATCH)
			flags |= ACCEPT | AT_END;
		else if (re->prog.nfa[set[i]].kind == NFA_EOL)
			close_over(re, re->prog.nfa[set[i]].out, bol, 1, reach,
			           &reached);
	}
	for (int i = 0; i < reached; i++)
		if (re->prog.nfa[reach[i]].kind == NFA_MATCH)
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
		close_over(re, floating ? re->prog.floating : re->prog.anchored, bol, 0,
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
		const struct nfa_node *x = &re->prog.nfa[set[i]];
		if (x->kind == NFA_SET && set_has(re->prog.sets[x->arg], byte))
			close_over(re, x->out, 0, 0, re->work, &count);
		else if (x->kind == NFA_BACKREF)
			close_over(re, set[i], 0, 0, re->work, &count);
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
	for (int n = 0; n < re->prog.nnfa; n++) {
		if (re->prog.nfa[n].kind != NFA_SET)
			continue;
		const unsigned char *set = re->prog.sets[re->prog.nfa[n].arg];
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
	size_t n = (size_t)re->prog.nnfa;

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

/* ---- the backtracker ---- */

static void
push_job(struct rx *re, int node, int cell, size_t pos)
{
	if (re->njobs == re->jobs_cap) {
		re->jobs_cap = re->jobs_cap ? 2 * re->jobs_cap : 64;
		re->jobs = xreallocarray(re->jobs, re->jobs_cap,
		                         sizeof(*re->jobs));
	}
	re->jobs[re->njobs].node = node;
	re->jobs[re->njobs].cell = cell;
	re->jobs[re->njobs].pos = pos;
	re->njobs++;
}

/* Set a cell, and leave on the stack how to undo it. */
static void
set_cell(struct rx *re, size_t cell, size_t value)
{
	push_job(re, -1, (int)cell, re->cells[cell]);
	re->cells[cell] = value;
}

/*
 * Record that a group opens or closes at AT. The live slots (the first
 * nslots cells) say where each group is now, for \N. The reported ones
 * (the next nslots) are what rx_exec gives, by glibc's rule: with a copy
 * of them (the next nslots) as they were when a group last closed on a
 * non-empty match, a pass of a repeated group that matches nothing,
 * after the group matched before, is undone back to that copy: "(a*)+"
 * on "a" gives \1 = "a", not the empty string after it, though a \1
 * that follows would see the empty string.
 */
static void
save(struct rx *re, const struct nfa_node *x, size_t at)
{
	size_t slot = (size_t)x->arg, n = re->nslots;
	size_t *report = re->cells + n, *copy = re->cells + 2 * n;

	set_cell(re, slot, at);
	if (slot % 2 == 0) {
		set_cell(re, slot + 1, RX_NONE);
		set_cell(re, n + slot, at);
		set_cell(re, n + slot + 1, RX_NONE);
	} else if (report[slot - 1] < at) {
		set_cell(re, n + slot, at);
		for (size_t i = 2; i < n; i++)
			if (copy[i] != report[i])
				set_cell(re, 2 * n + i, report[i]);
	} else if (x->alt == 1 && copy[slot - 1] != RX_NONE) {
		for (size_t i = 2; i < n; i++)
			if (report[i] != copy[i])
				set_cell(re, n + i, copy[i]);
	} else {
		set_cell(re, n + slot, at);
	}
}

/* Does word assertion KIND hold at AT in TEXT[0..LEN)? */
static int
word_assertion_holds(enum nfa_kind kind, const unsigned char *text,
                     size_t len, size_t at)
{
	int before = at > 0 && is_word_byte(text[at - 1]);
	int after = at < len && is_word_byte(text[at]);

	switch (kind) {
	case NFA_WORD_BOUNDARY:
		return before != after;
	case NFA_NOT_WORD_BOUNDARY:
		return before == after;
	case NFA_WORD_START:
		return !before && after;
	default: // NFA_WORD_END
		return before && !after;
	}
}

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does what group GROUP matched come again at AT, before LIMIT? */
static size_t
backref_end(struct rx *re, const unsigned char *text, size_t at,
            size_t limit, int group)
{
	size_t from = re->cells[2 * group], to = re->cells[2 * group + 1];

	if (from == RX_NONE || to == RX_NONE || to - from > limit - at)
		return RX_NONE;
	for (size_t i = 0; i < to - from; i++) {
		int want = text[from + i], have = text[at + i];
		if (want != have &&
		    !(re->prog.icase && fold(want) == fold(have)))
			return RX_NONE;
	}
	return at + (to - from);
}

/*
 * Does the way from NODE at AT through a BOL, EOL or assertion go on?
 * Returns the node to go on to, or -1.
 */
static int
anchor_next(const struct nfa_node *x, const unsigned char *text, size_t len,
            size_t at)
{
	if (x->kind == NFA_BOL)
		return at == 0 ? x->out : -1;
	if (x->kind == NFA_EOL)
		return at == len ? x->out : -1;
	return word_assertion_holds(x->kind, text, len, at) ? x->out : -1;
}

/* Has the way been at NODE, AT before? Marks it if not. */
static int
been_here(struct rx *re, int node, size_t at, size_t start, size_t span)
{
	size_t bit = (size_t)node * span + (at - start);
	unsigned char mask = (unsigned char)(1 << (bit & 7));

	if (re->visited[bit >> 3] & mask)
		return 1;
	re->visited[bit >> 3] |= mask;
	return 0;
}

/* The key of the way at NODE, AT with back-references: see seen_before. */
static void
make_key(struct rx *re, int node, size_t at, size_t *key)
{
	size_t k = 0;

	key[k++] = (size_t)node;
	key[k++] = at;
	for (int g = 1; g <= 9; g++)
		if (re->prog.referenced >> g & 1) {
			key[k++] = re->cells[2 * g];
			key[k++] = re->cells[2 * g + 1];
		}
}

static size_t
hash_key(const size_t *key, size_t width)
{
	size_t h = 14695981039346656037u;
	for (size_t i = 0; i < width; i++)
		h = (h ^ key[i]) * 1099511628211u;
	return h;
}

/* Put KEY in the table of the current run; 1 if it was there already. */
static int
add_key(struct rx *re, const size_t *key)
{
	size_t width = re->key_width, mask = re->seen_cap - 1;

	for (size_t slot = hash_key(key, width) & mask;;
	     slot = (slot + 1) & mask) {
		size_t *entry = re->seen + slot * (width + 1);
		if (entry[0] != re->stamp) {
			entry[0] = re->stamp;
			memcpy(entry + 1, key, width * sizeof(*key));
			re->nseen++;
			return 0;
		}
		if (memcmp(entry + 1, key, width * sizeof(*key)) == 0)
			return 1;
	}
}

/* Make room in the table for one more key, keeping those of this run. */
static void
grow_seen(struct rx *re)
{
	size_t width = re->key_width, old_cap = re->seen_cap;
	size_t *old = re->seen, old_stamp = re->stamp;

	if (2 * (re->nseen + 1) <= re->seen_cap)
		return;
	re->seen_cap = old_cap ? 2 * old_cap : 1024;
	re->seen = xcalloc(re->seen_cap, (width + 1) * sizeof(*re->seen));
	re->stamp = 1;
	re->nseen = 0;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i * (width + 1)] == old_stamp)
			add_key(re, old + i * (width + 1) + 1);
	free(old);
}

/*
 * With back-references, where a way goes on from NODE at AT depends on
 * where the groups they refer to are, and on nothing else the way did
 * before (the reported slots change what rx_exec says, not whether the
 * way matches). So a node met again at the same
 * position, with those groups where they were the first time, is not
 * tried again: the first time tried everything from there. This keeps
 * "(a*)*\1" from taking exponential time; patterns that move the
 * groups around in many ways still can.
 */
static int
seen_before(struct rx *re, int node, size_t at)
{
	size_t key[2 + 2 * 9];

	make_key(re, node, at, key);
	grow_seen(re);
	return add_key(re, key);
}

/*
 * Match the pattern from START in TEXT[0..LEN), the ways tried one after
 * the other in glibc's order. With GOAL (not RX_NONE) the match must end
 * exactly there: returns GOAL and leaves the group slots in re->cells
 * as this way set them, or returns RX_NONE. Without, returns the end of
 * the longest match from START, or RX_NONE.
 */
static size_t
backtrack(struct rx *re, const unsigned char *text, size_t len, size_t start,
          size_t goal)
{
	const struct nfa_node *nfa = re->prog.nfa;
	size_t limit = goal == RX_NONE ? len : goal;
	size_t span = limit - start + 1, longest = RX_NONE;
	size_t bits = (size_t)re->prog.nnfa * span;
	int marking = !re->prog.has_backref && bits <= MAX_VISITED_BITS;

	if (marking) {
		if (bits / 8 + 1 > re->visited_bytes) {
			re->visited_bytes = bits / 8 + 1;
			free(re->visited);
			re->visited = xmalloc(re->visited_bytes);
		}
		memset(re->visited, 0, bits / 8 + 1);
	}
	if (re->prog.has_backref) {
		re->stamp++; // a new run: the keys of the last one are stale
		re->nseen = 0;
	}
	for (size_t i = 0; i < 3 * re->nslots + (size_t)re->prog.nnfa; i++)
		re->cells[i] = RX_NONE;
	re->njobs = 0;
	push_job(re, re->prog.anchored, -1, start);
	while (re->njobs > 0) {
		struct bt_job job = re->jobs[--re->njobs];
		if (job.cell >= 0) {
			re->cells[job.cell] = job.pos;
			continue;
		}
		int node = job.node;
		size_t at = job.pos;
		while (node >= 0) {
			const struct nfa_node *x = &nfa[node];
			// A LOOP is met again by each pass: not marked.
			if (marking && x->kind != NFA_LOOP &&
			    been_here(re, node, at, start, span))
				break;
			if (re->prog.has_backref && x->kind != NFA_LOOP &&
			    seen_before(re, node, at))
				break;
			size_t loop_cell = 3 * re->nslots + (size_t)node;
			switch (x->kind) {
			case NFA_SET:
				if (at < limit &&
				    set_has(re->prog.sets[x->arg], text[at])) {
					at++;
					node = x->out;
				} else {
					node = -1;
				}
				break;
			case NFA_SPLIT:
				push_job(re, x->alt, -1, at);
				node = x->out;
				break;
			case NFA_LOOP:
				// A pass that matched nothing ends the loop.
				if (re->cells[loop_cell] == at) {
					node = x->alt;
					break;
				}
				push_job(re, x->alt, -1, at);
				set_cell(re, loop_cell, at);
				node = x->out;
				break;
			case NFA_SAVE:
				save(re, x, at);
				node = x->out;
				break;
			case NFA_BACKREF:
				at = backref_end(re, text, at, limit, x->arg);
				node = at == RX_NONE ? -1 : x->out;
				break;
			case NFA_MATCH:
				if (goal != RX_NONE && at == goal)
					return goal;
				if (goal == RX_NONE &&
				    (longest == RX_NONE || at > longest))
					longest = at;
				if (longest == len)
					return longest; // none can be longer
				node = -1;
				break;
			default:
				node = anchor_next(x, text, len, at);
				break;
			}
		}
	}
	return longest;
}

/* ---- the API ---- */

struct rx *
rx_compile(const char *pattern, int flags, char *message, size_t message_size)
{
	struct rx *re = xcalloc(1, sizeof(*re));
	const char *error;

	if (rx_parse(pattern, flags, &re->prog, &error) < 0) {
		if (message_size > 0) {
			strncpy(message, error, message_size - 1);
			message[message_size - 1] = '\0';
		}
		rx_free(re);
		return NULL;
	}
	re->exact = !re->prog.has_backref && !re->prog.has_assert;
	re->nslots = 2 * ((size_t)re->prog.ngroups + 1);
	re->key_width = 2;
	for (int g = 1; g <= 9; g++)
		re->key_width += 2 * (re->prog.referenced >> g & 1);
	re->cells = xreallocarray(NULL, 3 * re->nslots + (size_t)re->prog.nnfa,
	                          sizeof(*re->cells));
	make_cache(re);
	return re;
}

size_t
rx_groups(const struct rx *re)
{
	return (size_t)re->prog.ngroups;
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
rx_search(struct rx *re, const char *text, size_t len, size_t from,
          size_t *start, size_t *end)
{
	const unsigned char *bytes = (const unsigned char *)text;
	long limit = first_end(re, bytes, len, from);

	if (limit < 0)
		return 0;
	if (!re->exact) {
		// The DFA let through more than matches: try each start.
		for (size_t at = from; at <= len; at++) {
			if (longest_from(re, bytes, len, at) < 0)
				continue;
			size_t last = backtrack(re, bytes, len, at, RX_NONE);
			if (last != RX_NONE) {
				*start = at;
				*end = last;
				return 1;
			}
		}
		return 0;
	}
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

int
rx_matches(struct rx *re, const char *text, size_t len)
{
	size_t start, end;

	if (re->exact)
		return first_end(re, (const unsigned char *)text, len, 0) >= 0;
	return rx_search(re, text, len, 0, &start, &end);
}

int
rx_exec(struct rx *re, const char *text, size_t len, size_t from,
        size_t nmatch, struct rx_match *match)
{
	size_t start, end;

	if (!rx_search(re, text, len, from, &start, &end))
		return 0;
	for (size_t i = 0; i < nmatch; i++)
		match[i].start = match[i].end = RX_NONE;
	if (nmatch == 0)
		return 1;
	match[0].start = start;
	match[0].end = end;
	if (nmatch == 1 || re->prog.ngroups == 0)
		return 1;
	// The extent is known: now the way to it, for the groups.
	backtrack(re, (const unsigned char *)text, len, start, end);
	for (size_t g = 1; g < nmatch && g <= (size_t)re->prog.ngroups; g++) {
		match[g].start = re->cells[re->nslots + 2 * g];
		match[g].end = re->cells[re->nslots + 2 * g + 1];
		if (match[g].start == RX_NONE || match[g].end == RX_NONE)
			match[g].start = match[g].end = RX_NONE;
	}
	return 1;
}

void
rx_free(struct rx *re)
{
	if (!re)
		return;
	free(re->prog.nfa);
	free(re->prog.sets);
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
	free(re->cells);
	free(re->jobs);
	free(re->visited);
	free(re->seen);
	free(re);
}
