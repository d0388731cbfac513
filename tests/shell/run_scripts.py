#!/usr/bin/env python3
"""Run the shell's script tests on mini's sh, then on dash.

Each tests/shell/NAME.sh is run as `SHELL NAME.sh` in a fresh empty
temporary directory, which is also HOME and TMPDIR, with LC_ALL=C and
PATH set to mini's build directories first, then /usr/bin:/bin. Ahead of
them all is a directory holding only `sh`, a link to the shell under
test, so that a script's own `sh -c ...` runs that shell too.

NAME.right holds the expected standard output, and its last line is
"status N": the exit status the script must end with. Standard error must
be empty: a script that expects an error message sends it to /dev/null
(the case tables in *.cases check messages).

Every script runs a second time under dash (--ref, default /usr/bin/dash),
to prove the expectation is the standard behaviour. A script whose
behaviour differs from dash's on purpose says so in a line near its top,

    # dash differs: REASON

and is then not compared under dash, only listed with its reason. Keep
such differences in scripts of their own, so that the rest stays checked.

The last line printed is "N passed, N failed" (runs, not scripts).
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile

TIMEOUT = 30
HERE = os.path.dirname(os.path.abspath(__file__))


def read_expected(path):
    with open(path, 'rb') as f:
        lines = f.read().split(b'\n')
    if lines and lines[-1] == b'':
        lines.pop()
    match = re.fullmatch(rb'status (\d+)', lines[-1]) if lines else None
    if not match:
        raise SystemExit('%s: the last line must be "status N"' % path)
    stdout = b''.join(line + b'\n' for line in lines[:-1])
    return stdout, int(match.group(1))


def dash_difference(script):
    with open(script, encoding='utf-8') as f:
        for line in f.readlines()[:10]:
            match = re.match(r'#\s*dash differs:\s*(.*)', line)
            if match:
                return match.group(1).strip()
    return None


def run(shell, script, dirs):
    with tempfile.TemporaryDirectory(prefix='mini-sh-') as tmp, \
            tempfile.TemporaryDirectory(prefix='mini-sh-bin-') as sh_dir:
        os.symlink(shell, os.path.join(sh_dir, 'sh'))
        env = {
            'PATH': ':'.join([sh_dir] + dirs + ['/usr/bin', '/bin']),
            'HOME': tmp,
            'TMPDIR': tmp,
            'LC_ALL': 'C',
            'ASAN_OPTIONS': os.environ.get('ASAN_OPTIONS', ''),
            'UBSAN_OPTIONS': os.environ.get('UBSAN_OPTIONS', ''),
        }
        try:
            proc = subprocess.run([shell, script], capture_output=True,
                                  cwd=tmp, env=env, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, None, b'timed out after %ds' % TIMEOUT
    return proc.stdout, proc.returncode, proc.stderr


def check(label, shell, script, dirs, expected):
    stdout, status, stderr = run(shell, script, dirs)
    want_stdout, want_status = expected
    problems = []
    if status is None:
        problems.append(stderr.decode())
    else:
        if stdout != want_stdout:
            diff = difflib.unified_diff(
                want_stdout.decode('utf-8', 'replace').splitlines(),
                stdout.decode('utf-8', 'replace').splitlines(),
                'expected', label, lineterm='')
            problems.append('stdout differs:\n    ' + '\n    '.join(diff))
        if status != want_status:
            problems.append('status %d, want %d' % (status, want_status))
        if stderr:
            problems.append('stderr: %r' % stderr.decode('utf-8', 'replace'))
    if problems:
        print('FAIL %s: %s' % (label, os.path.basename(script)))
        for p in problems:
            print('  ' + p)
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sh', required=True, help="mini's sh")
    ap.add_argument('--bin', action='append', default=[],
                    help='directory of mini programs, put first in PATH')
    ap.add_argument('--ref', default='/usr/bin/dash',
                    help='the reference shell ("" for none)')
    ap.add_argument('scripts', nargs='*',
                    help='NAME.sh files (default: all next to this runner)')
    args = ap.parse_args()

    scripts = args.scripts or sorted(
        os.path.join(HERE, name) for name in os.listdir(HERE)
        if name.endswith('.sh'))
    dirs = [os.path.abspath(d) for d in args.bin]
    ref = args.ref if args.ref and os.access(args.ref, os.X_OK) else None
    if args.ref and not ref:
        print('reference shell %s not found: not compared' % args.ref)
    passed = failed = 0
    for script in scripts:
        script = os.path.abspath(script)
        expected = read_expected(script[:-3] + '.right')
        runs = [('mini', os.path.abspath(args.sh))]
        if ref:
            reason = dash_difference(script)
            if reason:
                print('dash: %s: not compared: %s'
                      % (os.path.basename(script), reason))
            else:
                runs.append(('dash', ref))
        for label, shell in runs:
            if check(label, shell, script, dirs, expected):
                passed += 1
            else:
                failed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
