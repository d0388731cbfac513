/* Unit tests for human.c: sizes as ls -h, du -h and df -h print them. */
#include <string.h>

#include "check.h"
#include "mini.h"

static int
shows(unsigned long long bytes, const char *expect)
{
	char buf[HUMAN_BUFSIZE];

	return strcmp(human_size(bytes, buf), expect) == 0;
}

int
main(void)
{
	CHECK(shows(0, "0"));
	CHECK(shows(1, "1"));
	CHECK(shows(1023, "1023"));
	CHECK(shows(1024, "1.0K"));
	CHECK(shows(1025, "1.1K"));	// rounded up, never down
	CHECK(shows(1536, "1.5K"));
	CHECK(shows(10239, "10K"));
	CHECK(shows(10240, "10K"));
	CHECK(shows(10241, "11K"));
	CHECK(shows(1024 * 1023, "1023K"));
	CHECK(shows(1024 * 1023 + 1, "1.0M"));
	CHECK(shows(1024 * 1024, "1.0M"));
	CHECK(shows(5ULL << 30, "5.0G"));
	CHECK(shows(1ULL << 40, "1.0T"));
	CHECK(shows(1ULL << 50, "1.0P"));
	CHECK(shows(1ULL << 60, "1.0E"));
	CHECK(shows(~0ULL, "16E"));
	return check_done();
}
