/*
 * harness.h - what every libFuzzer target in tests/fuzz shares
 * (https://llvm.org/docs/LibFuzzer.html).
 *
 * A utility ends through exit() when it meets bad input (die_msg and the
 * rest). libFuzzer must never see that exit: each target is linked with
 * -Wl,--wrap=exit, so calls to exit() come to __wrap_exit in harness.c,
 * which jumps back into harness_call while a target runs. The programs'
 * code is the same as in the image: no fuzzing switch in it.
 *
 * The same linker option sends open(2) for writing to /dev/null (sed's
 * w command, for one, may name any file) and makes fork(2) and
 * posix_spawn(3) abort: no target may run commands on the host.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Run FN(ARG). Returns its status, or, if it called exit(), the status
 * given to exit.
 */
int harness_call(int (*fn)(void *arg), void *arg);

/* Standard output goes to /dev/null again, and out_stdout starts afresh. */
void harness_reset_stdout(void);

/*
 * DATA split at NUL bytes into a NULL-terminated argument list whose
 * first entry is NAME; *ARGC counts them. Free with harness_free_args.
 */
char **harness_args(const char *name, const uint8_t *data, size_t size,
                    int *argc);
void harness_free_args(char **argv);

/* DATA as a NUL-terminated string (cut at its first NUL), allocated. */
char *harness_string(const uint8_t *data, size_t size);

/* A fresh directory under /tmp, made once per process; its path. */
const char *harness_tempdir(void);

/*
 * Write SIZE bytes of DATA to the file NAME in the temporary directory
 * (removed when the process ends) and return its path, allocated.
 */
char *harness_temp_file(const char *name, const void *data, size_t size);

#endif
