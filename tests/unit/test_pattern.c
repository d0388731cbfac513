/*
 * Unit tests for pattern.c: cases by hand for what the shell needs (the
 * backslash inside brackets, which musl's fnmatch lacks), then, in the
 * check build, a differential test against glibc's fnmatch on many
 * generated patterns and names.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mini.h"

static void
by_hand(void)
{
	CHECK(pattern_matches("", "", 0));
	CHECK(!pattern_matches("", "a", 0));
	CHECK(pattern_matches("*", "", 0));
	CHECK(pattern_matches("a*b*c", "axxbyyc", 0));
	CHECK(!pattern_matches("a*b*c", "axxbyy", 0));
	CHECK(pattern_matches("*.c", "main.c", 0));
	CHECK(pattern_matches("?", "x", 0));
	CHECK(!pattern_matches("?", "", 0));
	CHECK(pattern_matches("*/*", "a/b", 0));
	CHECK(pattern_matches("*", ".hidden", 0));
	// Quoted characters reach here escaped, inside brackets too.
	CHECK(pattern_matches("[\\]]", "]", 0));
	CHECK(pattern_matches("[\\]a]", "a", 0));
	CHECK(pattern_matches("[!\\]]", "b", 0));
	CHECK(!pattern_matches("[!\\]]", "]", 0));
	CHECK(pattern_matches("[a\\-z]", "-", 0));
	CHECK(!pattern_matches("[a\\-z]", "m", 0));
	CHECK(pattern_matches("[\\!a]", "!", 0));
	CHECK(pattern_matches("\\*", "*", 0));
	CHECK(!pattern_matches("\\*", "a", 0));
	CHECK(pattern_matches("[]]", "]", 0));
	CHECK(pattern_matches("[]a]", "a", 0));
	CHECK(pattern_matches("[!]]", "a", 0));
	CHECK(pattern_matches("[^a]", "b", 0));
	// No ']': the '[' is an ordinary character.
	CHECK(pattern_matches("[", "[", 0));
	CHECK(pattern_matches("[a", "[a", 0));
	CHECK(pattern_matches("a[*", "a[xyz", 0));
	CHECK(pattern_matches("[[:alpha:]]", "q", 0));
	CHECK(!pattern_matches("[[:alpha:]]", "1", 0));
	CHECK(pattern_matches("[[:digit:][:space:]]x", " x", 0));
	CHECK(pattern_matches("[![:upper:]]", "a", 0));
	CHECK(!pattern_matches("[[:nosuch:]]", "a", 0));
	CHECK(pattern_matches("[[.a.]]", "a", 0));
	CHECK(pattern_matches("[[=b=]]", "b", 0));
	CHECK(pattern_matches("[a-c]", "b", 0));
	CHECK(pattern_matches("[a-]", "-", 0));
	CHECK(pattern_matches("\\", "\\", 0));
	CHECK(pattern_matches("*A*", "xay", PATTERN_CASEFOLD));
	CHECK(pattern_matches("[A-C]", "b", PATTERN_CASEFOLD));
	CHECK(pattern_matches("[[:upper:]]", "b", PATTERN_CASEFOLD));
	CHECK(!pattern_matches("[A-C]", "b", 0));
}

#ifdef __GLIBC__
/* What patterns are made of; glibc's fnmatch reads each as we do. */
static const char *const pieces[] = {
	"a",       "b",      "*",      "?",       "[ab]",   "[!a]",
	"[^b]",    "[a-c]",  "[]a]",   "[!]]",    "\\*",    "\\[",
	"[\\]]",   "[a\\-c]", ".",     "-",       "[[:alpha:]]",
	"[[:digit:]b]",      "[",      "]",       "[*",     "[a",
};
static const char *const names[] = {
	"",    "a",   "b",   "ab",   "ba",  "aab", "abc", "*",  "[",
	"]",   "-",   "a-b", ".a",   "1",   "a1b", "[a", "abab", "c",
	"b]",  "a*",  "aaaaab",
};

/* Build pattern number N from three pieces, each chosen by N's digits. */
static void
make_pattern(unsigned n, char *buf, size_t size)
{
	size_t npieces = sizeof pieces / sizeof pieces[0];

	buf[0] = '\0';
	for (int i = 0; i < 3; i++, n /= npieces + 1)
		if (n % (npieces + 1) < npieces)
			strncat(buf, pieces[n % (npieces + 1)],
			        size - strlen(buf) - 1);
}

static void
against_fnmatch(void)
{
	size_t npieces = sizeof pieces / sizeof pieces[0];
	unsigned total = (npieces + 1) * (npieces + 1) * (npieces + 1);
	int differences = 0;
	char pattern[64];

	for (unsigned n = 0; n < total; n++) {
		make_pattern(n, pattern, sizeof pattern);
		for (size_t j = 0; j < sizeof names / sizeof names[0]; j++) {
			int ours = pattern_matches(pattern, names[j], 0);
			int glibc = fnmatch(pattern, names[j], 0) == 0;

			if (ours != glibc && differences++ < 10)
				fprintf(stderr, "'%s' on '%s': %d, glibc %d\n",
				        pattern, names[j], ours, glibc);
		}
	}
	CHECK(differences == 0);
}
#endif

int
main(void)
{
	by_hand();
#ifdef __GLIBC__
	against_fnmatch();
#endif
	return check_done();
}
