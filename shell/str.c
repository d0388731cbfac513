/* str.c - growing strings and NULL-terminated string lists. */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static void
strbuf_grow(struct strbuf *buf, size_t more)
{
	if (buf->cap - buf->len > more)
		return;
	size_t cap = buf->cap ? buf->cap : 32;
	while (cap - buf->len <= more)
		cap *= 2;
	buf->s = xrealloc(buf->s, cap);
	buf->cap = cap;
}

void
strbuf_addc(struct strbuf *buf, char c)
{
	strbuf_grow(buf, 1);
	buf->s[buf->len++] = c;
	buf->s[buf->len] = '\0';
}

void
strbuf_add(struct strbuf *buf, const char *data, size_t len)
{
	strbuf_grow(buf, len);
	memcpy(buf->s + buf->len, data, len);
	buf->len += len;
	buf->s[buf->len] = '\0';
}

void
strbuf_adds(struct strbuf *buf, const char *str)
{
	strbuf_add(buf, str, strlen(str));
}

char *
strbuf_take(struct strbuf *buf)
{
	char *s = buf->s ? buf->s : xstrdup("");

	buf->s = NULL;
	buf->len = buf->cap = 0;
	return s;
}

void
strbuf_free(struct strbuf *buf)
{
	free(buf->s);
	buf->s = NULL;
	buf->len = buf->cap = 0;
}

void
strvec_push(struct strvec *vec, char *str)
{
	// One slot more than the strings, for the NULL at the end.
	if (vec->len + 2 > vec->cap) {
		vec->cap = vec->cap ? vec->cap * 2 : 8;
		vec->v = xreallocarray(vec->v, vec->cap, sizeof(*vec->v));
	}
	vec->v[vec->len++] = str;
	vec->v[vec->len] = NULL;
}

void
strvec_free(struct strvec *vec)
{
	for (size_t i = 0; i < vec->len; i++)
		free(vec->v[i]);
	free(vec->v);
	vec->v = NULL;
	vec->len = vec->cap = 0;
}
