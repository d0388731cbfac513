/* false - return an unsuccessful exit status (POSIX.1-2017 false). */

/* Operands and options are ignored, as POSIX asks; nothing is written. */
int
main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}
