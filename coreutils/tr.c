/* tr - translate, delete or squeeze bytes (POSIX.1-2017 tr). */
/*
 * A SET is a string of bytes with escapes (\n, \\, \ooo), ranges (a-z),
 * classes ([:alpha:]), equivalence classes ([=c=], just c here) and, in
 * SET2, repeats ([x*n] n copies, [x*] as many as SET1 needs). Sets are
 * expanded to a list of bytes, and the work is then three 256-entry
 * tables: what each byte becomes, which to delete, which to squeeze.
 * When SET2 is shorter than SET1 its last byte is repeated, as GNU and
 * BSD do. -c and -C are the same: there are no multibyte characters.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "tr [-cCs] SET1 SET2\n"
                            "       tr -s[cC] SET1\n"
                            "       tr -d[cC] SET1\n"
                            "       tr -ds[cC] SET1 SET2";

struct set {
	unsigned char *bytes;
	size_t len, cap;
	size_t fill_at; /* where [x*] goes, or (size_t)-1 */
	unsigned char fill;
};

/* SET1 and SET2, expanded (here, not in main, so the fuzz target can
 * empty them between runs). */
static struct set set1, set2;

static void
add(struct set *set, unsigned char c)
{
	if (set->len == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->bytes = xrealloc(set->bytes, set->cap);
	}
	set->bytes[set->len++] = c;
}

/* Read one byte of a set at *AT, decoding an escape; advance *AT. */
static unsigned char
next_byte(const char **at)
{
	static const char from[] = "\\abfnrtv", to[] = "\\\a\b\f\n\r\t\v";
	const char *p = *at;

	if (*p != '\\' || p[1] == '\0') {
		*at = p + 1;
		return (unsigned char)*p;
	}
	p++;
	if (*p >= '0' && *p <= '7') {
		int value = 0;
		for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
			value = value * 8 + (*p++ - '0');
		*at = p;
		return (unsigned char)value;
	}
	*at = p + 1;
	const char *hit = strchr(from, *p);
	return hit ? (unsigned char)to[hit - from] : (unsigned char)*p;
}

/* Whether C is in the class NAME, LEN bytes long; an unknown one is an
 * error. */
static int
in_class(const char *name, size_t len, int c)
{
	int has = char_class_has(name, len, c);

	if (has < 0)
		die_msg("invalid character class '%.*s'", (int)len, name);
	return has;
}

/* Expand TEXT into SET. Repeats are allowed only in SET2 (IS_SET2). */
static void
expand(const char *text, struct set *set, int is_set2)
{
	const char *at = text;

	set->fill_at = (size_t)-1;
	while (*at) {
		const char *end;
		if (at[0] == '[' && at[1] == ':' &&
		    (end = strstr(at + 2, ":]")) != NULL) {
			for (int c = 0; c < 256; c++)
				if (in_class(at + 2, (size_t)(end - at - 2), c))
					add(set, (unsigned char)c);
			at = end + 2;
			continue;
		}
		if (at[0] == '[' && at[1] == '=' && at[2] && at[3] == '=' &&
		    at[4] == ']') {
			add(set, (unsigned char)at[2]);
			at += 5;
			continue;
		}
		if (at[0] == '[' && at[1] && at[2] == '*' &&
		    (end = strchr(at + 3, ']')) != NULL) {
			unsigned char c = (unsigned char)at[1];
			char *count_end;
			// The count is octal when it starts with 0, as POSIX
			// says.
			unsigned long count = strtoul(at + 3, &count_end,
			                              at[3] == '0' ? 8 : 10);
			if (count_end != end)
				die_msg("invalid repeat count in '%s'", text);
			if (!is_set2)
				die_msg("the [c*] repeat construct may not "
				        "appear in SET1");
			if (count == 0) {
				set->fill_at = set->len;
				set->fill = c;
			}
			// Copies past SET1's length are never used (one is
			// enough for -s): [x*99999999999] must not take 100 GB.
			size_t room =
			        set1.len > set->len ? set1.len - set->len : 1;
			if (count > room)
				count = room;
			while (count-- > 0)
				add(set, c);
			at = end + 1;
			continue;
		}
		unsigned char low = next_byte(&at);
		if (at[0] == '-' && at[1]) {
			const char *after = at + 1;
			unsigned char high = next_byte(&after);
			if (high < low)
				die_msg("range-endpoints of '%c-%c' are in "
				        "reverse order",
				        low, high);
			for (int c = low; c <= high; c++)
				add(set, (unsigned char)c);
			at = after;
			continue;
		}
		add(set, low);
	}
}

int
main(int argc, char **argv)
{
	static char buf[65536], outbuf[65536];
	int complement = 0, delete = 0, squeeze = 0, c;
	unsigned char map[256], deleting[256] = {0}, squeezing[256] = {0};

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+cCds")) != -1) {
		switch (c) {
		case 'c':
		case 'C':
			complement = 1;
			break;
		case 'd':
			delete = 1;
			break;
		case 's':
			squeeze = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	argc -= optind;
	int want = delete &&squeeze ? 2 : delete || squeeze ? 1 : 2;
	if (argc < want || argc > 2 || (delete &&!squeeze && argc == 2))
		die_usage(usage);

	expand(argv[0], &set1, 0);
	if (complement) {
		unsigned char member[256] = {0};
		for (size_t i = 0; i < set1.len; i++)
			member[set1.bytes[i]] = 1;
		set1.len = 0;
		for (int b = 0; b < 256; b++)
			if (!member[b])
				add(&set1, (unsigned char)b);
	}
	if (argc == 2) {
		expand(argv[1], &set2, 1);
		if (set2.fill_at != (size_t)-1 && set2.len < set1.len) {
			// [x*]: as many copies as make SET2 as long as SET1.
			size_t extra = set1.len - set2.len,
			       tail = set2.len - set2.fill_at;
			for (size_t i = 0; i < extra; i++)
				add(&set2, 0);
			memmove(set2.bytes + set2.fill_at + extra,
			        set2.bytes + set2.fill_at, tail);
			memset(set2.bytes + set2.fill_at, set2.fill, extra);
		}
	}

	for (int b = 0; b < 256; b++)
		map[b] = (unsigned char)b;
	if (delete) {
		for (size_t i = 0; i < set1.len; i++)
			deleting[set1.bytes[i]] = 1;
	} else if (argc == 2) {
		if (set2.len == 0 && set1.len > 0)
			die_msg("when not truncating set1, string2 must be "
			        "non-empty");
		for (size_t i = 0; i < set1.len; i++)
			map[set1.bytes[i]] =
			        set2.bytes[i < set2.len ? i : set2.len - 1];
	}
	if (squeeze) {
		// Squeeze what comes out: SET2 when there is one, else SET1.
		struct set *which = argc == 2 ? &set2 : &set1;
		for (size_t i = 0; i < which->len; i++)
			squeezing[which->bytes[i]] = 1;
	}

	int last = -1;
	for (;;) {
		ssize_t nread = read(0, buf, sizeof(buf));
		size_t out_len = 0;
		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("standard input");
			return finish(1);
		}
		if (nread == 0)
			break;
		if (!delete &&!squeeze) {
			// The common case, tr a-z A-Z: one table lookup per
			// byte.
			for (ssize_t i = 0; i < nread; i++)
				outbuf[i] = (char)map[(unsigned char)buf[i]];
			out_write(&out_stdout, outbuf, (size_t)nread);
			continue;
		}
		for (ssize_t i = 0; i < nread; i++) {
			unsigned char in = (unsigned char)buf[i];
			if (deleting[in])
				continue;
			unsigned char out = map[in];
			if (squeezing[out] && last == out)
				continue;
			last = out;
			outbuf[out_len++] = (char)out;
		}
		out_write(&out_stdout, outbuf, out_len);
	}
	return finish(0);
}
