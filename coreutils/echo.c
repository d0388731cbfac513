/* Placeholder: being written now. */
#include "mini.h"

int
main(int argc, char **argv)
{
	(void)argc;
	prog_init(argv[0]);
	die_msg("not written yet");
}
