/* mounts.c - the kernel's table of mounted filesystems, /proc/self/mounts. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

void
mount_unescape(char *field)
{
	char *to = field;

	for (char *from = field; *from; from++) {
		if (from[0] == '\\' && from[1] >= '0' && from[1] <= '3' &&
		    from[2] >= '0' && from[2] <= '7' && from[3] >= '0' &&
		    from[3] <= '7') {
			*to++ = (char)((from[1] - '0') << 6 |
			               (from[2] - '0') << 3 | (from[3] - '0'));
			from += 3;
		} else {
			*to++ = *from;
		}
	}
	*to = '\0';
}

/* The whole of the file open on FD, NUL-terminated, or NULL. */
static char *
read_all(int fd)
{
	size_t size = 4096, len = 0;
	char *text = malloc(size), *bigger;
	ssize_t got = 0;

	while (text && (got = read_full(fd, text + len, size - 1 - len)) > 0) {
		len += (size_t)got;
		if (len < size - 1)
			break;
		bigger = realloc(text, size *= 2);
		if (!bigger)
			free(text);
		text = bigger;
	}
	if (text && got < 0) {
		free(text);
		return NULL;
	}
	if (text)
		text[len] = '\0';
	return text;
}

/* The next blank-separated field of *LINE, unescaped, or "" at the end. */
static char *
next_field(char **line)
{
	char *field = *line + strspn(*line, " \t");
	char *end = field + strcspn(field, " \t");

	*line = *end ? end + 1 : end;
	*end = '\0';
	mount_unescape(field);
	return field;
}

int
mounts_read(struct mounts *mounts)
{
	int fd = open("/proc/self/mounts", O_RDONLY | O_CLOEXEC);
	struct mount_entry *bigger;
	size_t room = 0;
	char *line, *end;

	memset(mounts, 0, sizeof(*mounts));
	if (fd < 0)
		return -1;
	mounts->text = read_all(fd);
	close(fd);
	if (!mounts->text)
		return -1;
	for (line = mounts->text; *line; line = end) {
		struct mount_entry *entry;

		end = line + strcspn(line, "\n");
		if (*end)
			*end++ = '\0';
		if (mounts->count == room) {
			room = room ? room * 2 : 32;
			bigger = realloc(mounts->entry, room * sizeof(*bigger));
			if (!bigger) {
				mounts_free(mounts);
				errno = ENOMEM;
				return -1;
			}
			mounts->entry = bigger;
		}
		entry = &mounts->entry[mounts->count];
		entry->source = next_field(&line);
		entry->dir = next_field(&line);
		entry->type = next_field(&line);
		entry->options = next_field(&line);
		if (*entry->dir)
			mounts->count++;
	}
	return 0;
}

void
mounts_free(struct mounts *mounts)
{
	free(mounts->entry);
	free(mounts->text);
	memset(mounts, 0, sizeof(*mounts));
}
