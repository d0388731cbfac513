/* Unit tests for mounts.c: unescaping and reading /proc/self/mounts. */
#include <string.h>

#include "check.h"
#include "mini.h"

static int
unescapes(const char *field, const char *expect)
{
	char text[64];

	strcpy(text, field);
	mount_unescape(text);
	return strcmp(text, expect) == 0;
}

int
main(void)
{
	struct mounts mounts;
	int root = 0, proc = 0;

	CHECK(unescapes("/mnt/a\\040b", "/mnt/a b"));
	CHECK(unescapes("tab\\011end", "tab\tend"));
	CHECK(unescapes("back\\134slash", "back\\slash"));
	CHECK(unescapes("\\", "\\"));
	CHECK(unescapes("\\04", "\\04"));	/* too short: left alone */
	CHECK(unescapes("\\400", "\\400"));	/* past a byte: left alone */
	CHECK(unescapes("\\089", "\\089"));	/* not octal */
	CHECK(unescapes("", ""));

	CHECK(mounts_read(&mounts) == 0);
	CHECK(mounts.count > 0);
	for (size_t i = 0; i < mounts.count; i++) {
		const struct mount_entry *m = &mounts.entry[i];

		CHECK(*m->dir && *m->type && *m->options);
		root |= strcmp(m->dir, "/") == 0;
		proc |= strcmp(m->dir, "/proc") == 0 && strcmp(m->type, "proc") == 0;
	}
	CHECK(root);
	CHECK(proc);
	mounts_free(&mounts);
	CHECK(mounts.count == 0 && mounts.entry == NULL);
	return check_done();
}
