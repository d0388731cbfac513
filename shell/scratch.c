/*
 * scratch.c - memory for the words of the commands running now.
 *
 * Expanding a command makes a dozen small strings (its fields) that all
 * die together when the command is done. Taking each from malloc and
 * giving each back costs more than the expansion itself, so they come
 * from here instead: a stack of chunks where an allocation only moves a
 * pointer, and a command gives everything back at once by returning to
 * the mark it took before it started. Commands run inside a command (a
 * function's body, eval) take and release marks of their own above it,
 * as dash's stack of strings works.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* Under AddressSanitizer, memory given back is marked unusable, and so
 * is a gap after each allocation: reading a released word, or past the
 * end of one, is reported as it would be for malloc's memory. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define GAP 16
#else
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define GAP 0
#endif

/* Most commands fit in one chunk of this size. */
#define CHUNK_SIZE 4000

struct chunk {
	struct chunk *below; /* the chunk taken before this one */
	size_t size;         /* bytes in data */
	alignas(max_align_t) char data[];
};

static struct chunk *top;   /* allocations come from here */
static size_t top_used;     /* bytes of top's data in use */
static struct chunk *spare; /* a released chunk, kept for the next one */

struct scratch_mark
scratch_mark(void)
{
	struct scratch_mark mark = {top, top_used};

	return mark;
}

/* A chunk with room for SIZE bytes goes on top. */
static void
push_chunk(size_t size)
{
	struct chunk *chunk;

	if (spare && spare->size >= size) {
		chunk = spare;
		spare = NULL;
	} else {
		if (size < CHUNK_SIZE)
			size = CHUNK_SIZE;
		chunk = xmalloc(sizeof(*chunk) + size);
		chunk->size = size;
		ASAN_POISON_MEMORY_REGION(chunk->data, size);
	}
	chunk->below = top;
	top = chunk;
	top_used = 0;
}

void *
scratch_alloc(size_t size)
{
	// Every allocation starts aligned for any type.
	size_t rounded = (size + GAP + alignof(max_align_t) - 1) &
	                 ~(alignof(max_align_t) - 1);
	char *ptr;

	if (!top || top->size - top_used < rounded)
		push_chunk(rounded);
	ptr = top->data + top_used;
	top_used += rounded;
	ASAN_UNPOISON_MEMORY_REGION(ptr, size);
	return ptr;
}

char *
scratch_strndup(const char *str, size_t len)
{
	char *copy = scratch_alloc(len + 1);

	memcpy(copy, str, len);
	copy[len] = '\0';
	return copy;
}

void
scratch_release(struct scratch_mark mark)
{
	while (top != mark.chunk) {
		struct chunk *chunk = top;

		top = chunk->below;
		ASAN_POISON_MEMORY_REGION(chunk->data, chunk->size);
		// One chunk is kept: a command that needs just over one
		// chunk would otherwise take and free one every time.
		if (!spare && chunk->size == CHUNK_SIZE) {
			spare = chunk;
		} else {
			free(chunk);
		}
	}
	if (top)
		ASAN_POISON_MEMORY_REGION(top->data + mark.used,
		                          top->size - mark.used);
	top_used = mark.used;
}

void
scratch_push(struct strvec *vec, char *str)
{
	// One slot more than the strings, for the NULL at the end. The
	// old array stays where it is until the release.
	if (vec->len + 2 > vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 8;
		char **grown = scratch_alloc(cap * sizeof(*grown));

		if (vec->len)
			memcpy(grown, vec->v, vec->len * sizeof(*grown));
		vec->v = grown;
		vec->cap = cap;
	}
	vec->v[vec->len++] = str;
	vec->v[vec->len] = NULL;
}
