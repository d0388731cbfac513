/* proc.c - readers for the kernel's /proc files (proc(5)). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

ssize_t
proc_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len;

	if (fd < 0)
		return -1;
	len = read_full(fd, buf, size - 1);
	if (len >= 0)
		buf[len] = '\0';
	int saved = errno;
	close(fd);
	errno = saved;
	return len;
}

int
proc_parse_stat(const char *text, struct proc_stat *st)
{
	// The command name is in parentheses and may itself hold spaces and
	// ')', so it ends at the last ')' of the line.
	const char *open_paren = strchr(text, '(');
	const char *close_paren = strrchr(text, ')');
	const char *rest;
	long long field[21];
	size_t comm_len;

	memset(st, 0, sizeof(*st));
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	st->pid = (pid_t)atol(text);
	comm_len = (size_t)(close_paren - open_paren - 1);
	if (comm_len >= sizeof(st->comm))
		comm_len = sizeof(st->comm) - 1;
	memcpy(st->comm, open_paren + 1, comm_len);
	st->comm[comm_len] = '\0';

	// Field 3 of proc(5), the state, is a letter; fields 4 to 24 are
	// numbers, field[0] to field[20] here.
	for (rest = close_paren + 1; *rest == ' '; rest++)
		;
	if (!*rest)
		return -1;
	st->state = *rest++;
	if (scan_numbers(rest, field, 21) != 21)
		return -1;
	st->ppid = (int)field[0];
	st->pgrp = (int)field[1];
	st->session = (int)field[2];
	st->tty_nr = (int)field[3];
	st->tpgid = (int)field[4];
	st->utime = (unsigned long long)field[10];
	st->stime = (unsigned long long)field[11];
	st->priority = (long)field[14];
	st->nice = (long)field[15];
	st->num_threads = (long)field[16];
	st->start_time = (unsigned long long)field[18];
	st->vsize = (unsigned long)field[19];
	st->rss = (long)field[20];
	return 0;
}

int
proc_read_stat(pid_t pid, struct proc_stat *st)
{
	char path[64], text[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (proc_read_file(path, text, sizeof(text)) < 0)
		return -1;
	if (proc_parse_stat(text, st) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static int
compare_pids(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

pid_t *
proc_list_pids(size_t *count)
{
	DIR *dir = opendir("/proc");
	struct dirent *entry;
	pid_t *pids = NULL;
	size_t len = 0, cap = 0;

	*count = 0;
	if (!dir)
		return NULL;
	while ((entry = readdir(dir)) != NULL) {
		long pid;

		if (!isdigit((unsigned char)entry->d_name[0]) ||
		    parse_long(entry->d_name, 10, 1, 0x7fffffff, &pid) < 0)
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			pids = xreallocarray(pids, cap, sizeof(*pids));
		}
		pids[len++] = (pid_t)pid;
	}
	closedir(dir);
	// readdir's order is the kernel's; sorted is what people expect.
	if (len > 1)
		qsort(pids, len, sizeof(*pids), compare_pids);
	*count = len;
	if (!pids)
		pids = xmalloc(sizeof(*pids));
	return pids;
}

char *
proc_cmdline(pid_t pid)
{
	char path[64];
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t nread;

		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 4096;
			buf = xrealloc(buf, cap);
		}
		nread = read(fd, buf + len, cap - len - 1);
		if (nread < 0 && errno == EINTR)
			continue;
		if (nread <= 0)
			break;
		len += (size_t)nread;
	}
	close(fd);
	// A process that rewrote its arguments may leave trailing NULs.
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	if (len == 0) {
		free(buf);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\0' || buf[i] == '\n')
			buf[i] = ' ';
	}
	buf[len] = '\0';
	return buf;
}

int
proc_is_called(pid_t pid, const struct proc_stat *st, const char *name)
{
	char *cmdline, *first, *base;
	int same;

	if (strcmp(st->comm, name) == 0)
		return 1;
	cmdline = proc_cmdline(pid);
	if (!cmdline)
		return 0;
	first = strtok(cmdline, " ");
	base = first ? strrchr(first, '/') : NULL;
	same = first && strcmp(base ? base + 1 : first, name) == 0;
	free(cmdline);
	return same;
}

int
proc_parse_meminfo(const char *text, struct meminfo *mem)
{
	static const struct {
		const char *name;
		size_t offset;
	} keys[] = {
		{ "MemTotal", offsetof(struct meminfo, total) },
		{ "MemFree", offsetof(struct meminfo, free) },
		{ "MemAvailable", offsetof(struct meminfo, available) },
		{ "Buffers", offsetof(struct meminfo, buffers) },
		{ "Cached", offsetof(struct meminfo, cached) },
		{ "Shmem", offsetof(struct meminfo, shared) },
		{ "SReclaimable", offsetof(struct meminfo, reclaimable) },
		{ "SwapTotal", offsetof(struct meminfo, swap_total) },
		{ "SwapFree", offsetof(struct meminfo, swap_free) },
	};
	int found_total = 0;

	memset(mem, 0, sizeof(*mem));
	while (*text) {
		const char *colon = strchr(text, ':');
		const char *newline = strchr(text, '\n');

		if (!newline)
			newline = text + strlen(text);
		if (colon && colon < newline) {
			size_t name_len = (size_t)(colon - text);

			for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
				if (strlen(keys[i].name) != name_len ||
				    memcmp(keys[i].name, text, name_len) != 0)
					continue;
				*(unsigned long long *)((char *)mem + keys[i].offset) =
					strtoull(colon + 1, NULL, 10);
				if (i == 0)
					found_total = 1;
			}
		}
		text = *newline ? newline + 1 : newline;
	}
	return found_total ? 0 : -1;
}

int
proc_meminfo(struct meminfo *mem)
{
	char text[8192];

	if (proc_read_file("/proc/meminfo", text, sizeof(text)) < 0)
		return -1;
	if (proc_parse_meminfo(text, mem) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
proc_uptime(double *seconds)
{
	char text[128], *end;

	if (proc_read_file("/proc/uptime", text, sizeof(text)) < 0)
		return -1;
	*seconds = strtod(text, &end);
	if (end == text) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
proc_parse_loadavg(const char *text, struct loadavg *load)
{
	long long tasks[2];
	char *end;

	memset(load, 0, sizeof(*load));
	// "0.15 0.10 0.05 1/80 1234": three averages, running/total.
	for (int i = 0; i < 3; i++) {
		load->avg[i] = strtod(text, &end);
		if (end == text)
			return -1;
		text = end;
	}
	if (scan_numbers(text, tasks, 2) != 2)
		return -1;
	load->running = (int)tasks[0];
	load->total = (int)tasks[1];
	return 0;
}

int
proc_loadavg(struct loadavg *load)
{
	char text[256];

	if (proc_read_file("/proc/loadavg", text, sizeof(text)) < 0)
		return -1;
	if (proc_parse_loadavg(text, load) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
