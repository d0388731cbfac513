/* rxprog.h - inside regex.c: the program a pattern compiles to. */
/*
 * Not part of libmini's API: rxparse.c writes this program (a Thompson
 * NFA) from BRE or ERE syntax, and regex.c runs it, by a DFA and by
 * backtracking.
 */
#ifndef RXPROG_H
#define RXPROG_H

typedef unsigned char byteset[32];

/*
 * The nodes: SET consumes one byte of a set; SPLIT goes both ways, `out`
 * first (the way a backtracking matcher prefers); LOOP is the SPLIT at
 * the head of a '*' loop (`out` repeats, `alt` leaves); SAVE records the
 * position in a submatch slot (2g: group g opens, 2g+1: it closes; `alt`
 * 1 on a close in an optional pass of a repeated group); the
 * anchors and word assertions hold or not at a position; BACKREF matches
 * what group `arg` matched; MATCH ends a match.
 */
enum nfa_kind {
	NFA_SET,
	NFA_SPLIT,
	NFA_LOOP,
	NFA_SAVE,
	NFA_BOL,
	NFA_EOL,
	NFA_WORD_BOUNDARY,     // \b
	NFA_NOT_WORD_BOUNDARY, // \B
	NFA_WORD_START,        // \<
	NFA_WORD_END,          // \>
	NFA_BACKREF,
	NFA_MATCH
};

struct nfa_node {
	enum nfa_kind kind;
	int out, alt;
	int arg; // SET: its set; SAVE: its slot; BACKREF: its group
};

struct rx_program {
	struct nfa_node *nfa;
	int nnfa, nfa_cap, too_big;
	byteset *sets;
	int nsets;
	int anchored, floating; // entries: match here, or anywhere after
	int ngroups;            // \( \) or ( ) groups, numbered from 1
	int has_backref, has_assert;
	unsigned referenced; // bit g: some \g refers to group g
	int icase;
};

/*
 * Compile PATTERN (RX_EXTENDED, RX_ICASE in FLAGS) into PROG. Returns 0,
 * or -1 with a message for the syntax error in *ERROR.
 */
int rx_parse(const char *pattern, int flags, struct rx_program *prog,
             const char **error);

static inline int
set_has(const unsigned char *set, int byte)
{
	return set[byte >> 3] >> (byte & 7) & 1;
}

/* Word characters for \b \< \> \w: letters, digits, '_'. */
static inline int
is_word_byte(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

#endif
