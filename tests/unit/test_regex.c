/*
 * Unit tests for regex.c: a differential test against the C library's
 * regcomp/regexec (musl in the image build, glibc in the check build) on
 * many generated patterns and texts, then a few cases by hand.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mini.h"

/* Pieces patterns are made of: both syntaxes read them alike. */
static const char *const bre_pieces[] = {"a",
                                         "b",
                                         "c",
                                         "A",
                                         ".",
                                         "*",
                                         "[ab]",
                                         "[^a]",
                                         "[a-c]",
                                         "[[:upper:]]",
                                         "[[:alpha:]b]",
                                         "\\(",
                                         "\\)",
                                         "\\{1,2\\}",
                                         "\\{2\\}",
                                         "\\{0,\\}",
                                         "^",
                                         "$",
                                         "\\.",
                                         "-",
                                         "[]a]",
                                         "\\*",
                                         " ",
                                         "[[:digit:][:space:]]",
                                         "\xc3\xa9"};
static const char *const ere_pieces[] = {"a",       "b",
                                         "c",       "A",
                                         ".",       "*",
                                         "+",       "?",
                                         "[ab]",    "[^a]",
                                         "[a-c]",   "[[:lower:]]",
                                         "(",       ")",
                                         "|",       "{1,2}",
                                         "{2}",     "{0,}",
                                         "^",       "$",
                                         "\\.",     "-",
                                         "[]a]",    "\\+",
                                         " ",       "[^[:alpha:]]",
                                         "\xc3\xa9"};
static const char text_bytes[] = "abcA- .*+\xc3\xa9";

static unsigned long long rng = 1;

static unsigned
random_below(unsigned n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(rng >> 33) % n;
}

static void
random_pattern(char *out, int extended)
{
	const char *const *pieces = extended ? ere_pieces : bre_pieces;
	unsigned npieces = extended ? sizeof(ere_pieces) / sizeof(*pieces)
	                            : sizeof(bre_pieces) / sizeof(*pieces);
	unsigned count = random_below(7);

	out[0] = '\0';
	for (unsigned i = 0; i < count; i++)
		strcat(out, pieces[random_below(npieces)]);
}

static size_t
random_text(char *out)
{
	size_t len = random_below(12);

	for (size_t i = 0; i < len; i++)
		out[i] = text_bytes[random_below(sizeof(text_bytes) - 1)];
	out[len] = '\0';
	return len;
}

static int native_count, compared, mismatches;

/* Compare rx with regexec on one pattern and many texts. */
static void
compare_on(const char *pattern, int flags)
{
	regex_t ref;
	char message[128];
	int ref_flags = (flags & RX_EXTENDED ? REG_EXTENDED : 0) |
	                (flags & RX_ICASE ? REG_ICASE : 0);
	int ref_ok = regcomp(&ref, pattern, ref_flags) == 0;
	struct rx *re = rx_compile(pattern, flags, message, sizeof(message));

	if (!ref_ok || !re) {
		if (!ref_ok != !re && mismatches++ < 20)
			fprintf(stderr, "compile differs: /%s/ %d\n", pattern,
			        flags);
		CHECK(!ref_ok == !re);
		if (ref_ok)
			regfree(&ref);
		rx_free(re);
		return;
	}
	native_count += rx_is_native(re);
	for (int t = 0; t < 30; t++) {
		char text[16];
		size_t len = random_text(text);
		size_t from = len > 0 ? random_below((unsigned)len + 1) : 0;
#ifndef __GLIBC__
		// musl's REG_NOTBOL loses the other ways of an alternation
		// with '^' in it ("^|$" finds no "$"); glibc agrees with us.
		if (strchr(pattern, '^'))
			from = 0;
#endif
		regmatch_t m;
		int ref_found = regexec(&ref, text + from, 1, &m,
		                        from > 0 ? REG_NOTBOL : 0) == 0;
		size_t start = 0, end = 0;
		int found = rx_search(re, text, len, from, &start, &end);
		int same = found == ref_found &&
		           (!found || (start == from + (size_t)m.rm_so &&
		                       end == from + (size_t)m.rm_eo));
		int ref_any = regexec(&ref, text, 0, NULL, 0) == 0;
		same = same && rx_matches(re, text, len) == ref_any;
		compared++;
		if (!same && mismatches++ < 20)
			fprintf(stderr,
			        "differs: /%s/ %d on \"%s\" from %zu: "
			        "ours %d %zu-%zu, libc %d %d-%d\n",
			        pattern, flags, text, from, found, start, end,
			        ref_found,
			        ref_found ? (int)(from + m.rm_so) : 0,
			        ref_found ? (int)(from + m.rm_eo) : 0);
		CHECK(same);
	}
	regfree(&ref);
	rx_free(re);
}

static void
test_generated(void)
{
	char pattern[128];

	for (int i = 0; i < 6000; i++) {
		int flags = (int)random_below(4);
		random_pattern(pattern, flags & RX_EXTENDED);
		compare_on(pattern, flags);
	}
	printf("%d texts compared, %d patterns on libmini's engine\n", compared,
	       native_count);
	CHECK(native_count > 1000);
}

/* Patterns that need the C library, and ones that must not. */
static void
test_by_hand(void)
{
	char message[128];
	struct rx *re;
	size_t start, end;

	re = rx_compile("\\(a\\)\\1", 0, message, sizeof(message));
	CHECK(re && !rx_is_native(re));
	CHECK(rx_search(re, "xaa", 3, 0, &start, &end) && start == 1 &&
	      end == 3);
	rx_free(re);
	re = rx_compile("ab[cd]*e.f", 0, message, sizeof(message));
	CHECK(re && rx_is_native(re));
	CHECK(rx_matches(re, "xxabcdcdeZf", 11));
	CHECK(!rx_matches(re, "xxabcdcdeZ", 10));
	rx_free(re);
	CHECK(rx_compile("a\\{3,1\\}", 0, message, sizeof(message)) == NULL);
	CHECK(rx_compile("(a", RX_EXTENDED, message, sizeof(message)) == NULL);
	CHECK(rx_compile("[a", 0, message, sizeof(message)) == NULL);
	// Text without a NUL after it, and NUL bytes inside it.
	re = rx_compile("a.b$", RX_EXTENDED, message, sizeof(message));
	CHECK(rx_matches(re, "xa\0bzz", 4));
	CHECK(!rx_matches(re, "xa\0bzz", 5));
	rx_free(re);
	// A long text through a pattern with many states: the cache fills
	// and is flushed on the way.
	re = rx_compile("(a|b)*a(a|b){9}c", RX_EXTENDED, message,
	                sizeof(message));
	CHECK(re && rx_is_native(re));
	size_t len = 200000;
	char *text = xmalloc(len);
	for (size_t i = 0; i < len; i++)
		text[i] = "ab"[random_below(2)];
	CHECK(!rx_matches(re, text, len));
	text[len - 1] = 'c';
	text[len - 11] = 'a';
	CHECK(rx_matches(re, text, len));
	free(text);
	rx_free(re);
}

int
main(void)
{
	test_generated();
	test_by_hand();
	return check_done();
}
