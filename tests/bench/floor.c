/*
 * floor - the least a system can run: the benchmark's baseline.
 *
 * As /init it prints a prompt and answers two requests typed at it: a line
 * that mentions MemAvailable prints that line of /proc/meminfo (and the
 * pages free in per-CPU lists, which it leaves out), and
 * "poweroff" powers off. What a real system costs beyond this is what its
 * userland costs.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <unistd.h>

static void
say(const char *text)
{
	if (write(1, text, strlen(text)) < 0)
		_exit(1);
}

/* Read all of the file at PATH into buf; return its length, or -1. */
static ssize_t
read_file(const char *path, char *buf, size_t size)
{
	ssize_t len = 0, got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 &&
	       (got = read(fd, buf + len, size - 1 - len)) > 0)
		len += got;
	close(fd);
	buf[len] = '\0';
	return got < 0 ? -1 : len;
}

/*
 * Print the MemAvailable line of /proc/meminfo, then "percpu N": the
 * pages free in the kernel's per-CPU lists, the "count:" lines of
 * /proc/zoneinfo, which MemAvailable leaves out.
 */
static void
show_mem_available(void)
{
	static char text[65536];
	char number[32];
	char *line, *end, *digit;
	long pages = 0;

	mount("proc", "/proc", "proc", 0, NULL);
	if (read_file("/proc/meminfo", text, sizeof(text)) > 0 &&
	    (line = strstr(text, "MemAvailable:")) &&
	    (end = strchr(line, '\n'))) {
		end[1] = '\0';
		say(line);
	}
	if (read_file("/proc/zoneinfo", text, sizeof(text)) > 0) {
		for (line = text; (line = strstr(line, "count:")); ) {
			long count = 0;

			for (line += 6; *line == ' '; line++)
				;
			for (; *line >= '0' && *line <= '9'; line++)
				count = count * 10 + (*line - '0');
			pages += count;
		}
		// No printf: the floor stays as small as a program can be.
		digit = number + sizeof(number) - 1;
		*digit = '\0';
		*--digit = '\n';
		do
			*--digit = (char)('0' + pages % 10);
		while ((pages /= 10) > 0);
		say("percpu ");
		say(digit);
	}
}

int
main(void)
{
	char line[256];
	ssize_t len;

	for (;;) {
		say("# ");
		len = read(0, line, sizeof(line) - 1);
		if (len <= 0)
			continue;
		line[len] = '\0';
		if (strstr(line, "MemAvailable"))
			show_mem_available();
		else if (strncmp(line, "poweroff", 8) == 0)
			reboot(RB_POWER_OFF);
	}
}
