/* Unit tests for mode.c: octal and symbolic modes, and the ls -l string. */
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "mini.h"

/* SPEC applied to OLD with umask MASK gives EXPECT. */
static int
gives(const char *spec, mode_t old, mode_t mask, mode_t expect)
{
	mode_t result = 0;

	return mode_apply(spec, old, mask, &result) == 0 && result == expect;
}

static int
rejects(const char *spec)
{
	mode_t result = 0123;

	return mode_apply(spec, S_IFREG | 0644, 022, &result) == -1 && result == 0123;
}

static int
formats(mode_t mode, const char *expect)
{
	char buf[11];

	mode_format(mode, buf);
	return strcmp(buf, expect) == 0;
}

int
main(void)
{
	const mode_t reg = S_IFREG, dir = S_IFDIR;

	// Octal replaces the permissions and keeps the type.
	CHECK(gives("755", reg | 0600, 022, reg | 0755));
	CHECK(gives("0", reg | 0777, 022, reg));
	CHECK(gives("4755", reg, 0, reg | 04755));
	CHECK(gives("07777", dir, 0, dir | 07777));
	CHECK(rejects("8"));
	CHECK(rejects("17777"));
	CHECK(rejects("75x"));
	// Who, op and permissions.
	CHECK(gives("u+x", reg | 0644, 022, reg | 0744));
	CHECK(gives("g-w", reg | 0664, 022, reg | 0644));
	CHECK(gives("o=r", reg | 0640, 022, reg | 0644));
	CHECK(gives("a+x", reg | 0644, 077, reg | 0755));
	CHECK(gives("ug+rw,o-rwx", reg | 0007, 0, reg | 0660));
	CHECK(gives("u+x,g-w,o=r", reg | 0666, 0, reg | 0744));
	CHECK(gives("u=rwx,go=rx", reg, 0, reg | 0755));
	CHECK(gives("go=", reg | 0777, 0, reg | 0700));
	CHECK(gives("u-x+w", reg | 0500, 0, reg | 0600));
	// No who: "a", less the umask.
	CHECK(gives("+x", reg | 0640, 022, reg | 0751));
	CHECK(gives("+w", reg, 077, reg | 0200));
	CHECK(gives("-w", reg | 0777, 022, reg | 0577));
	CHECK(gives("=rw", reg | 0777, 077, reg | 0600));
	// X: execute for directories and files someone may execute already.
	CHECK(gives("a+X", reg | 0640, 0, reg | 0640));
	CHECK(gives("a+X", reg | 0740, 0, reg | 0751));
	CHECK(gives("a+X", dir | 0600, 0, dir | 0711));
	// Copies of a class.
	CHECK(gives("g=u", reg | 0640, 0, reg | 0660));
	CHECK(gives("o+g", reg | 0750, 0, reg | 0755));
	CHECK(gives("u=rw,g=u", reg, 0, reg | 0660));
	// Set-id and sticky bits.
	CHECK(gives("u+s", reg | 0755, 0, reg | 04755));
	CHECK(gives("g+s", reg | 0755, 0, reg | 02755));
	CHECK(gives("+t", dir | 0777, 022, dir | 01777));
	CHECK(gives("o=", dir | 03777, 0, dir | 02770));
	CHECK(gives("u=", dir | 03777, 0, dir | 03077));
	CHECK(gives("g=r", reg | 02750, 0, reg | 0740));
	// Not modes.
	CHECK(rejects(""));
	CHECK(rejects("u"));
	CHECK(rejects("x"));
	CHECK(rejects("u+q"));
	CHECK(rejects("u+x,"));
	CHECK(rejects("u+x;g+w"));
	CHECK(rejects("z+x"));
	// The ls -l string.
	CHECK(formats(reg | 0644, "-rw-r--r--"));
	CHECK(formats(dir | 0755, "drwxr-xr-x"));
	CHECK(formats(S_IFLNK | 0777, "lrwxrwxrwx"));
	CHECK(formats(S_IFCHR | 0620, "crw--w----"));
	CHECK(formats(S_IFBLK | 0660, "brw-rw----"));
	CHECK(formats(S_IFIFO | 0600, "prw-------"));
	CHECK(formats(S_IFSOCK | 0755, "srwxr-xr-x"));
	CHECK(formats(reg | 04755, "-rwsr-xr-x"));
	CHECK(formats(reg | 04644, "-rwSr--r--"));
	CHECK(formats(reg | 02755, "-rwxr-sr-x"));
	CHECK(formats(reg | 02745, "-rwxr-Sr-x"));
	CHECK(formats(dir | 01777, "drwxrwxrwt"));
	CHECK(formats(dir | 01776, "drwxrwxrwT"));
	return check_done();
}
