/*
 * pattern.c - the shell's pattern matching notation (POSIX XCU 2.13), for
 * case, ${x#p}, pathname expansion and find -name.
 *
 * Our own rather than fnmatch(3): musl's fnmatch takes a backslash inside
 * a bracket expression literally, so the shell's quoted "]" in ["]"] (which
 * reaches here as [\]]) could not be matched. Bytes are characters, as in
 * the POSIX locale.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "mini.h"

/* One character of a bracket expression at *P, a backslash escaping it;
 * *P moves past it. */
static unsigned char
bracket_char(const char **p)
{
	if (**p == '\\' && (*p)[1])
		(*p)++;
	return (unsigned char)*(*p)++;
}

/*
 * Match C against the bracket expression whose text starts at P, just
 * after its '['. Returns the pattern after the closing ']', with *MATCHED
 * set; or NULL when no ']' closes it, and then the '[' is an ordinary
 * character. With CASEFOLD, C matches in either case.
 */
static const char *
match_bracket(const char *p, unsigned char c, bool casefold, bool *matched)
{
	unsigned char other_case = islower(c) ? toupper(c) : tolower(c);
	bool negated = false, found = false;
	const char *first;

	if (*p == '!' || *p == '^') {
		negated = true;
		p++;
	}
	first = p;
	// A ']' first in the list is one of its characters.
	while (*p != ']' || p == first) {
		unsigned char low, high;

		if (*p == '\0')
			return NULL;
		if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *end = strchr(p + 2, p[1]);

			if (end && end[1] == ']') {
				size_t len = end - (p + 2);

				if (p[1] == ':') {
					found |= char_class_has(p + 2, len, c) > 0 ||
					         (casefold &&
					          char_class_has(p + 2, len,
					                         other_case) > 0);
					p = end + 2;
					continue;
				}
				// [.x.] and [=x=]: only one-byte elements here.
				if (len == 1) {
					low = high = p[2];
					p = end + 2;
					goto range;
				}
			}
		}
		low = high = bracket_char(&p);
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			high = bracket_char(&p);
		}
	range:
		if ((low <= c && c <= high) ||
		    (casefold && low <= other_case && other_case <= high))
			found = true;
	}
	*matched = found != negated;
	return p + 1;
}

int
pattern_matches(const char *pattern, const char *string, int flags)
{
	bool casefold = flags & PATTERN_CASEFOLD;
	// Where to go back to when what follows the last '*' fails: that
	// '*' then takes one more byte. Every other part of a pattern
	// matches exactly one byte, so going back further never helps.
	const char *after_star = NULL, *star_resume = NULL;

	for (;;) {
		const char *p = pattern, *after_bracket;
		unsigned char c = *string;
		bool matched;

		if (*p == '*') {
			while (*p == '*')
				p++;
			after_star = pattern = p;
			star_resume = string;
			continue;
		}
		if (c == '\0' && *p == '\0')
			return true;
		if (c == '\0')
			return false;
		if (*p == '?') {
			matched = true;
			p++;
		} else if (*p == '[' &&
		           (after_bracket = match_bracket(p + 1, c, casefold,
		                                          &matched))) {
			p = after_bracket;
		} else {
			unsigned char want;

			if (*p == '\\' && p[1])
				p++;
			want = *p;
			matched = *p != '\0' &&
			          (want == c || (casefold && tolower(want) ==
			                                         tolower(c)));
			p++;
		}
		if (matched) {
			pattern = p;
			string++;
		} else if (after_star) {
			pattern = after_star;
			string = ++star_resume;
		} else {
			return false;
		}
	}
}
