/* path.c - path names. */
#include <stdio.h>
#include <string.h>

#include "mini.h"

char *
path_in_dir(const char *dir, const char *path)
{
	size_t end = strlen(path), start, size;
	char *joined;

	while (end > 1 && path[end - 1] == '/')
		end--;
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		;
	size = strlen(dir) + (end - start) + 2;
	joined = xmalloc(size);
	snprintf(joined, size, "%s/%.*s", dir, (int)(end - start), path + start);
	return joined;
}
