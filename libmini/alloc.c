/* alloc.c - allocation that dies cleanly instead of returning NULL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mini.h"

static _Noreturn void
out_of_memory(void)
{
	die_msg("out of memory");
}

void *
xmalloc(size_t size)
{
	void *ptr = malloc(size ? size : 1);

	if (!ptr)
		out_of_memory();
	return ptr;
}

void *
xcalloc(size_t count, size_t size)
{
	void *ptr = calloc(count ? count : 1, size ? size : 1);

	if (!ptr)
		out_of_memory();
	return ptr;
}

void *
xrealloc(void *ptr, size_t size)
{
	ptr = realloc(ptr, size ? size : 1);
	if (!ptr)
		out_of_memory();
	return ptr;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory();
	return xrealloc(ptr, count * size);
}

char *
xstrdup(const char *str)
{
	return xstrndup(str, strlen(str));
}

char *
xstrndup(const char *str, size_t max_len)
{
	size_t len = strnlen(str, max_len);
	char *copy = xmalloc(len + 1);

	memcpy(copy, str, len);
	copy[len] = '\0';
	return copy;
}
