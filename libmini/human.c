/* human.c - sizes for people, as ls -h, du -h and df -h print them (1K = 1024). */
#include <stdio.h>

#include "mini.h"

char *
human_size(unsigned long long bytes, char buf[HUMAN_BUFSIZE])
{
	static const char units[] = "KMGTPE";
	unsigned long long unit = 1024;
	int u = 0;

	if (bytes < 1024) {
		snprintf(buf, HUMAN_BUFSIZE, "%llu", bytes);
		return buf;
	}
	while (u < 5 && bytes / unit >= 1024) {
		unit *= 1024;
		u++;
	}
	// Round up, never down: a size shown must hold the file.
	unsigned long long whole = bytes / unit, rest = bytes % unit;
	unsigned long long tenths = whole * 10 + (rest * 10 + unit - 1) / unit;

	if (tenths < 100) {
		snprintf(buf, HUMAN_BUFSIZE, "%llu.%llu%c", tenths / 10,
			 tenths % 10, units[u]);
		return buf;
	}
	whole += rest != 0;
	if (whole >= 1024 && u < 5) {
		snprintf(buf, HUMAN_BUFSIZE, "1.0%c", units[u + 1]);
		return buf;
	}
	snprintf(buf, HUMAN_BUFSIZE, "%llu%c", whole, units[u]);
	return buf;
}
