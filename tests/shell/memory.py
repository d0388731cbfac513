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
import tempfile

WARMUP = 500
ROUNDS = 1000
MARGIN_KB = 64

# Every stage and most paths: expansions, command substitution, a pipe, a
# here-document, a background job, a subshell, saved and restored fds,
# variables set and unset, functions with locals, loops with break and
# continue, case, eval, traps, read, a syntax error and an expansion error.
LINES = r'''x=abc; y=${x%c}; : $y "$(:)" `:` > /dev/null 2>&1
set -- a "b c" "$y"; shift; : "$@" $* ${#y} ~ *
: | : | :; { : ; } 2>/dev/null; ( : ) && ! : || :
: <<END
hello $x ${z:-$y}
END
( : ) & export Q=$y; unset Q; cd .; z=
f() { local v=1; r=$((v + 1)); return 0; }; for i in 1 2; do f "$i"; case $i in 1) continue;; *) break;; esac; done
if [ -n "$x" ]; then printf '%s\n' "$x" >/dev/null; else :; fi; eval 'w=$((r * 2))'; trap ': t' USR1; trap - USR1
while read -r a b; do : "$a"; done <<END
1 2
END
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
    # In a directory of its own, so that * matches the same names
    # wherever the test is run from.
    with tempfile.TemporaryDirectory(prefix='mini-sh-memory-') as tmp:
        for name in ('a', 'b.txt', 'c'):
            open(os.path.join(tmp, name), 'w').close()
        proc = subprocess.run([sh, '-i'], input=script.encode(), cwd=tmp,
                              capture_output=True, env=env, timeout=300)
    if b'LeakSanitizer' in proc.stderr or b'AddressSanitizer' in proc.stderr:
        sys.exit('sanitizer report:\n' + proc.stderr.decode(errors='replace'))
    peaks = [int(kb) for kb in re.findall(rb'VmHWM:\s*(\d+) kB', proc.stdout)]
    if len(peaks) != 2:
        sys.exit('want two VmHWM lines, got %r' % proc.stdout)
    return peaks


def uses_asan(sh):
    with open(sh, 'rb') as f:
        return b'libasan' in f.read()


def main():
    sh = os.path.abspath(sys.argv[1])
    small, large = peaks_kb(sh)
    print('peak after %d rounds: %d kB; after %d more: %d kB'
          % (WARMUP, small, ROUNDS, large))
    # Under AddressSanitizer the peak creeps up by about a kilobyte per
    # command line, whatever the line (": x" alone does it), while the
    # same code under musl and plain glibc stays flat. There the check is
    # LeakSanitizer's report, above; the product build checks the peak.
    if uses_asan(sh):
        print('AddressSanitizer build: peak not compared, no leak reported')
    elif large - small > MARGIN_KB:
        print('FAIL: grew by %d kB' % (large - small))
        print('0 passed, 1 failed')
        return 1
    print('1 passed, 0 failed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
