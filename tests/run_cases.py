#!/usr/bin/env python3
"""Run a table of command cases against mini's programs, then the host's.

A case file holds one case per line (blank lines and # comments skipped),
as shell-quoted fields, best written in single quotes:

    NAME  COMMAND  STDOUT  [STDIN]  [status=N] [err=REGEX] [ref=skip:REASON]

STDOUT and STDIN use C escapes (\\n \\t \\\\ \\xHH). COMMAND runs under
/bin/sh -c in a fresh empty directory. Every program mini builds is
reached by its name, ahead of the shell's builtins: the runner defines a
function for each, so `echo a` runs mini's echo, not dash's. The exit
status must be N (default 0); stderr must be empty when N is 0, and must
match REGEX (searched, Python syntax) when given, else be non-empty.

With --ref DIR the same cases run a second time with the programs taken
from DIR instead (GNU coreutils in /bin, say): this proves the expectation
is the standard behaviour. A case whose reference behaviour differs on
purpose says so with ref=skip:REASON, and is listed.
"""
import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile

SHELL = '/bin/sh'
TIMEOUT = 20


def unescape(text):
    out = bytearray()
    i = 0
    simple = {'n': 10, 't': 9, 'r': 13, '\\': 92, '0': 0, 'e': 27,
              "'": 39, '"': 34, 'a': 7, 'b': 8, 'f': 12, 'v': 11}
    raw = text.encode('utf-8')
    while i < len(raw):
        c = raw[i]
        if c == 92 and i + 1 < len(raw):
            nxt = chr(raw[i + 1])
            if nxt == 'x' and i + 3 < len(raw) + 1:
                out.append(int(raw[i + 2:i + 4], 16))
                i += 4
                continue
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
        out.append(c)
        i += 1
    return bytes(out)


class Case:
    def __init__(self, path, lineno, fields):
        self.where = '%s:%d' % (os.path.basename(path), lineno)
        positional = []
        self.status = 0
        self.err = None
        self.ref_skip = None
        for field in fields:
            key, eq, value = field.partition('=')
            if positional and len(positional) >= 3 and eq and key in (
                    'status', 'err', 'ref'):
                if key == 'status':
                    self.status = int(value)
                elif key == 'err':
                    self.err = value
                else:
                    self.ref_skip = value
            else:
                positional.append(field)
        if len(positional) not in (3, 4):
            raise SystemExit('%s: want NAME COMMAND STDOUT [STDIN], got %d fields'
                             % (self.where, len(positional)))
        self.name, self.command = positional[0], positional[1]
        self.stdout = unescape(positional[2])
        self.stdin = unescape(positional[3]) if len(positional) == 4 else b''


def read_cases(path):
    cases = []
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            cases.append(Case(path, lineno, shlex.split(line)))
    return cases


def program_names(dirs):
    """The names of the executables in DIRS that can be shell functions."""
    names = set()
    for d in dirs:
        for name in os.listdir(d):
            path = os.path.join(d, name)
            if (re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', name)
                    and os.path.isfile(path) and os.access(path, os.X_OK)):
                names.add(name)
    return sorted(names)


def program_functions(names, dirs):
    """Shell functions that send each of NAMES to its binary in DIRS."""
    text = ''
    for name in names:
        for d in dirs:
            path = os.path.join(d, name)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                text += '%s() { %s "$@"; }\n' % (name, shlex.quote(path))
                break
    return text


def default_signals():
    """In the case's process: every signal back to its default, whatever
    the runner inherited (nohup ignores SIGHUP, for one), so that cases
    that send signals see what they would from a terminal."""
    for sig in signal.valid_signals():
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass


def run_case(case, dirs, functions):
    with tempfile.TemporaryDirectory(prefix='mini-case-') as tmp:
        env = dict(os.environ)
        env['PATH'] = ':'.join(dirs + ['/usr/bin', '/bin'])
        env['LC_ALL'] = 'C'
        env['TMPDIR'] = tmp
        try:
            proc = subprocess.run([SHELL, '-c', functions + case.command],
                                  input=case.stdin, capture_output=True,
                                  cwd=tmp, env=env, timeout=TIMEOUT,
                                  preexec_fn=default_signals)
        except subprocess.TimeoutExpired:
            return ['timed out after %ds' % TIMEOUT]
        stderr = proc.stderr.decode('utf-8', 'replace')
        for d in dirs:
            stderr = stderr.replace(d.rstrip('/') + '/', '')
    problems = []
    if proc.stdout != case.stdout:
        problems.append('stdout %r, want %r' % (proc.stdout, case.stdout))
    if proc.returncode != case.status:
        problems.append('status %d, want %d' % (proc.returncode, case.status))
    if case.err is not None:
        if not re.search(case.err, stderr):
            problems.append('stderr %r does not match %r' % (stderr, case.err))
    elif case.status == 0 and stderr:
        problems.append('unexpected stderr %r' % stderr)
    elif case.status != 0 and not stderr:
        problems.append('no message on stderr')
    return problems


def run_all(cases, names, dirs, label, reference=False):
    """Run CASES with NAMES taken from DIRS; return (failed, skipped)."""
    functions = program_functions(names, dirs)
    failed = skipped = 0
    for case in cases:
        if reference and case.ref_skip:
            print('%s: %s: %s: not compared: %s' % (label, case.where, case.name,
                                                     case.ref_skip))
            skipped += 1
            continue
        problems = run_case(case, dirs, functions)
        if problems:
            failed += 1
            print('FAIL %s: %s: %s\n  $ %s' % (label, case.where, case.name,
                                               case.command))
            for p in problems:
                print('  ' + p)
    return failed, skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', action='append', required=True,
                    help='directory of mini programs (repeatable)')
    ap.add_argument('--ref', action='append', default=[],
                    help='directory of reference programs (repeatable)')
    ap.add_argument('cases', nargs='+')
    args = ap.parse_args()

    dirs = [os.path.abspath(d) for d in args.bin]
    names = program_names(dirs)
    runs = failed = skipped = 0
    for path in args.cases:
        cases = read_cases(path)
        runs += len(cases)
        f, s = run_all(cases, names, dirs, 'mini')
        failed += f
        if args.ref:
            runs += len(cases)
            f, s = run_all(cases, names, args.ref, 'ref', reference=True)
            failed += f
            skipped += s
    print('%d passed, %d failed, %d skipped' % (runs - failed - skipped, failed, skipped))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
