/*
 * glob.c - pathname expansion (XCU 2.13.3): a field that is a pattern
 * becomes the names of the files it matches, sorted.
 *
 * The pattern is matched one pathname component at a time: a component
 * with no * ? or [ is taken as it is; one with them is matched against
 * each name of the directory reached so far. The pattern's quoted
 * characters come escaped with a backslash, as for case.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mini.h"
#include "sh.h"

/* Is there a * ? or [ not escaped in the LEN bytes at P? */
static int
has_pattern_char(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '*' || p[i] == '?' || p[i] == '[')
			return 1;
	}
	return 0;
}

/* PREFIX, then the LEN bytes at NAME with their escapes removed (if
 * ESCAPED), then SUFFIX: a new string in scratch memory. */
static char *
join(const char *prefix, const char *name, size_t len, int escaped,
     const char *suffix)
{
	size_t prefix_len = strlen(prefix), suffix_len = strlen(suffix);
	char *path = scratch_alloc(prefix_len + len + suffix_len + 1);
	char *end = path + prefix_len;

	memcpy(path, prefix, prefix_len);
	for (size_t i = 0; i < len; i++) {
		if (escaped && name[i] == '\\' && i + 1 < len)
			i++;
		*end++ = name[i];
	}
	memcpy(end, suffix, suffix_len + 1);
	return path;
}

/*
 * Add to FOUND every path that is DIR (the part matched so far: empty,
 * or ending in '/') followed by a match of PATTERN.
 */
static void
match_below(const char *dir, const char *pattern, struct strvec *found)
{
	const char *slash = strchr(pattern, '/');
	size_t len = slash ? (size_t)(slash - pattern) : strlen(pattern);
	const char *rest = slash ? slash + 1 : NULL;
	struct dirent *entry;
	char *component;
	DIR *d;

	if (!has_pattern_char(pattern, len)) {
		char *path = join(dir, pattern, len, 1, rest ? "/" : "");
		struct stat st;

		if (rest)
			match_below(path, rest, found);
		else if (lstat(path, &st) == 0)
			scratch_push(found, path);
		return;
	}
	// An unreadable directory just has no matches.
	d = opendir(*dir ? dir : ".");
	if (!d)
		return;
	component = join("", pattern, len, 0, "");
	while ((entry = readdir(d))) {
		const char *name = entry->d_name;

		// A leading '.' is matched only by a '.' in the pattern.
		if (name[0] == '.' && component[0] != '.' &&
		    !(component[0] == '\\' && component[1] == '.'))
			continue;
		if (!pattern_matches(component, name, 0))
			continue;
		if (rest)
			match_below(join(dir, name, strlen(name), 0, "/"), rest,
			            found);
		else
			scratch_push(found, join(dir, name, strlen(name), 0, ""));
	}
	closedir(d);
}

static int
compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
expand_pathname(const char *pattern, struct strvec *fields)
{
	size_t first = fields->len;

	match_below("", pattern, fields);
	if (fields->len == first)
		return 0;
	qsort(fields->v + first, fields->len - first, sizeof fields->v[0],
	      compare_paths);
	return fields->len - first;
}
