/* Unit tests for sig.c: signal names and numbers. */
#include <signal.h>
#include <string.h>

#include "check.h"
#include "mini.h"

int
main(void)
{
	CHECK(sig_number("TERM") == SIGTERM);
	CHECK(sig_number("SIGKILL") == SIGKILL);
	CHECK(sig_number("hup") == SIGHUP);
	CHECK(sig_number("sigusr1") == SIGUSR1);
	CHECK(sig_number("9") == 9);
	CHECK(sig_number("0") == 0);
	CHECK(sig_number("IO") == SIGIO);
	CHECK(sig_number("NOPE") == -1);
	CHECK(sig_number("SIG") == -1);
	CHECK(sig_number("") == -1);
	CHECK(sig_number("100000") == -1);
	CHECK(sig_number("-1") == -1);
	CHECK(strcmp(sig_name(SIGTERM), "TERM") == 0);
	CHECK(strcmp(sig_name(SIGCHLD), "CHLD") == 0);
	CHECK(strcmp(sig_name(SIGIO), "POLL") == 0);
	CHECK(sig_name(0) == NULL);
	CHECK(sig_name(200) == NULL);
	return check_done();
}
