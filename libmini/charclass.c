/*
 * charclass.c - the character classes of the POSIX locale ([:alpha:] and
 * the rest), for regular expressions, shell patterns and tr.
 *
 * Written out rather than taken from <ctype.h>: the answer must not
 * depend on a locale, and a byte above 127 is in no class.
 */
#include <string.h>

#include "mini.h"

int
char_class_has(const char *name, size_t len, int c)
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
