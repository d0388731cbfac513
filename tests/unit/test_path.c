/* Unit tests for path.c: DIR joined with a path's last component. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mini.h"

static int
joins(const char *dir, const char *path, const char *want)
{
	char *got = path_in_dir(dir, path);
	int same = strcmp(got, want) == 0;

	free(got);
	return same;
}

int
main(void)
{
	CHECK(joins("d", "file", "d/file"));
	CHECK(joins("d", "a/b/file", "d/file"));
	CHECK(joins("/x/y", "/abs/name", "/x/y/name"));
	CHECK(joins("d", "sub/dir/", "d/dir"));
	CHECK(joins("d", "sub/dir///", "d/dir"));
	CHECK(joins("d", ".", "d/."));
	CHECK(joins("d/", "f", "d//f"));
	return check_done();
}
