/* true - return a successful exit status (POSIX.1-2017 true). */

/* Operands and options are ignored, as POSIX asks; nothing is written. */
int
main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}
