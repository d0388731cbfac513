#!/usr/bin/env python3
"""Check that running commands does not make mini's sh grow.

Each command's syntax tree, expanded words and saved descriptors must be
freed once it has run. The same lines run WARMUP times, then ROUNDS
times more, in one interactive shell (-i, so that errors do not end it);
its peak memory (VmHWM) after the second part must be that after the
first, within a margin. The warm-up lets the allocator (ASan's, in the
check build) reach its working size first. A leak of a hundred bytes a
round would show as a hundred kilobytes.

Usage: memory.py SH
"""
import os
import re
import subprocess
import sys

WARMUP = 500
ROUNDS = 1000
MARGIN_KB = 64

# Every stage and most paths: expansions, command substitution, a pipe, a
# here-document, a background job, a subshell, saved and restored fds,
# variables set and unset, a syntax error and an expansion error.
LINES = r'''x=abc; y=${x%c}; : $y "$(:)" `:` > /dev/null 2>&1
set -- a "b c" "$y"; shift; : "$@" $* ${#y} ~ *
: | : | :; { : ; } 2>/dev/null; ( : ) && ! : || :
: <<END
hello $x ${z:-$y}
END
( : ) & export Q=$y; unset Q; cd .; z=
) oops
: ${nosuch?}
'''


def peaks_kb(sh):
    """Peak memory after the warm-up, and after the rounds that follow."""
    report = 'grep VmHWM /proc/$$/status\n'
    script = LINES * WARMUP + report + LINES * ROUNDS + report
    env = {'PATH': '/usr/bin:/bin', 'HOME': '/',
           # Freed memory goes straight back, not into ASan's quarantine.
           'ASAN_OPTIONS': 'quarantine_size_mb=0'}
    proc = subprocess.run([sh, '-i'], input=script.encode(),
                          capture_output=True, env=env, timeout=300)
    if b'LeakSanitizer' in proc.stderr or b'AddressSanitizer' in proc.stderr:
        sys.exit('sanitizer report:\n' + proc.stderr.decode(errors='replace'))
    peaks = [int(kb) for kb in re.findall(rb'VmHWM:\s*(\d+) kB', proc.stdout)]
    if len(peaks) != 2:
        sys.exit('want two VmHWM lines, got %r' % proc.stdout)
    return peaks


def main():
    small, large = peaks_kb(os.path.abspath(sys.argv[1]))
    print('peak after %d rounds: %d kB; after %d more: %d kB'
          % (WARMUP, small, ROUNDS, large))
    if large - small > MARGIN_KB:
        print('FAIL: grew by %d kB' % (large - small))
        print('0 passed, 1 failed')
        return 1
    print('1 passed, 0 failed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
