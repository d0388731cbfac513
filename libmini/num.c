/* num.c - checked number parsing. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "mini.h"

int
parse_long(const char *str, int base, long min, long max, long *value)
{
	char *end;
	long parsed;

	// strtol accepts an empty string as 0; we do not.
	while (isspace((unsigned char)*str))
		str++;
	if (*str == '\0') {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	parsed = strtol(str, &end, base);
	if (*end != '\0' || end == str) {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || parsed < min || parsed > max) {
		errno = ERANGE;
		return -1;
	}
	*value = parsed;
	return 0;
}

long
xparse_long(const char *str, long min, long max, const char *what)
{
	long value;

	if (parse_long(str, 10, min, max, &value) < 0) {
		if (errno == ERANGE)
			die_msg("%s: out of range '%s'", what, str);
		die_msg("%s: invalid number '%s'", what, str);
	}
	return value;
}
