/*
 * floor - the least a system can run: the benchmark's baseline.
 *
 * As /init it prints a prompt and answers two requests typed at it: a line
 * that mentions MemAvailable prints that line of /proc/meminfo, and
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

static void
show_mem_available(void)
{
	static char meminfo[4096];
	ssize_t len;
	int fd;

	mount("proc", "/proc", "proc", 0, NULL);
	fd = open("/proc/meminfo", O_RDONLY);
	len = fd < 0 ? -1 : read(fd, meminfo, sizeof(meminfo) - 1);
	if (len > 0) {
		meminfo[len] = '\0';
		char *line = strstr(meminfo, "MemAvailable:");
		char *end = line ? strchr(line, '\n') : NULL;
		if (end) {
			end[1] = '\0';
			say(line);
		}
	}
	if (fd >= 0)
		close(fd);
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
