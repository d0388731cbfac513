/*
 * fuzz_regex.c - libFuzzer target: libmini's regex engine (regex.c,
 * rxparse.c).
 *
 * The first byte of the input holds the flags (bit 0 RX_EXTENDED, bit 1
 * RX_ICASE); the pattern follows up to a NUL, and the text is the rest
 * (NUL bytes and all). A pattern that compiles is run on the text, and
 * what the calls say must agree: rx_matches with rx_search, rx_exec's
 * whole match with rx_search's, and each group inside the match, or
 * nowhere.
 *
 * Back-references make matching exponential in the worst case: the
 * backtracker remembers each (node, position, where the referenced
 * groups are), and that grows with the text's length to the power of
 * twice the number of groups referred to. So inputs are bounded: a
 * pattern of at most 64 bytes, and a text of at most 2048 bytes, or 24
 * with a back-reference, which keeps one input well under a second.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PATTERN 64
#define MAX_TEXT 2048
#define MAX_TEXT_BACKREF 24

static int
has_backref(const char *pattern)
{
	for (const char *at = pattern; (at = strchr(at, '\\')); at += 2) {
		if (at[1] >= '1' && at[1] <= '9')
			return 1;
		if (at[1] == '\0')
			break;
	}
	return 0;
}

static void
check_groups(struct rx *re, const char *text, size_t len, size_t from)
{
	struct rx_match match[10];
	size_t start, end;
	int found = rx_search(re, text, len, from, &start, &end);

	if (rx_exec(re, text, len, from, 10, match) != found)
		abort();
	if (!found)
		return;
	if (start < from || start > end || end > len ||
	    match[0].start != start || match[0].end != end)
		abort();
	for (size_t g = 1; g < 10; g++) {
		struct rx_match *m = &match[g];
		if (m->start == RX_NONE && m->end == RX_NONE)
			continue;
		if (g > rx_groups(re) || m->start > m->end ||
		    m->start < start || m->end > end)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int flags = (data[0] & 1 ? RX_EXTENDED : 0) | (data[0] & 2 ? RX_ICASE : 0);
	const uint8_t *nul = memchr(data + 1, '\0', size - 1);
	size_t pattern_len = nul ? (size_t)(nul - data - 1) : size - 1;
	if (pattern_len > MAX_PATTERN)
		return 0;
	char *pattern = harness_string(data + 1, pattern_len);
	const char *text = nul ? (const char *)nul + 1 : "";
	size_t len = nul ? size - pattern_len - 2 : 0;
	if (len > (has_backref(pattern) ? MAX_TEXT_BACKREF : MAX_TEXT)) {
		free(pattern);
		return 0;
	}
	char message[128];
	struct rx *re = rx_compile(pattern, flags, message, sizeof(message));
	if (!re) {
		if (message[0] == '\0')
			abort(); // an error must say what it is
		free(pattern);
		return 0;
	}
	size_t start, end;
	if (rx_matches(re, text, len) != rx_search(re, text, len, 0, &start, &end))
		abort();
	check_groups(re, text, len, 0);
	check_groups(re, text, len, len / 2);
	rx_free(re);
	free(pattern);
	return 0;
}
