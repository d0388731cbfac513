#!/usr/bin/env python3
"""The shell under stress: input it must survive with a clean error.

Usage: stress.py SH

Each case runs SH on a generated script in a temporary directory and
checks its status, output and messages. What is checked:

  nesting    10,000 levels of ( { $( "$( ${ if while until case elif,
             and in $(( )) of ( - ?: and =, give "nested too deeply"
             and status 2, never a crash; in a here-document, the
             expansion fails and the script goes on
  long line  a 1 MiB word, a 1 MiB list of arguments, 512 Ki commands
             on one line; a 1 MiB && chain is refused (each && is a
             level of the tree), 999 are run
  heredoc    a 100 MiB here-document with a quoted delimiter, and one of
             10 MiB that is expanded, counted by wc -c (under ASan the
             first takes about 3 s and 370 MB)
  recursion  a function calling itself forever stops with
             "f: recursion too deep" at 1000 calls (exec.c,
             MAX_CALL_DEPTH), status 2, and the shell goes on
  nproc      with the process limit (ulimit -u, RLIMIT_NPROC) reached in
             a pipeline, as user nobody (root is not limited): "fork:
             Resource temporarily unavailable" and the shell goes on.
             The limit is set before the shell starts (mini's ulimit has
             no -u). Skipped when not root.

A crash shows as a death by signal or a sanitizer report; either fails.
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile

DEPTH = 10000
MIB = 1024 * 1024
TIMEOUT = 300

failures = []


def limit_processes():
    resource.setrlimit(resource.RLIMIT_NPROC, (4, 4))


def run(sh, script, tmp, timeout=TIMEOUT, argv_prefix=(), name='script',
        preexec=None):
    path = os.path.join(tmp, name)
    with open(path, 'w') as f:
        f.write(script)
    os.chmod(path, 0o644)
    env = {'PATH': '/usr/bin:/bin', 'HOME': tmp, 'LC_ALL': 'C'}
    proc = subprocess.Popen(list(argv_prefix) + [sh, path], cwd=tmp,
                            env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=preexec)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # The whole group: a runaway shell may have children.
        os.killpg(proc.pid, 9)
        proc.communicate()
        return None, b'', b'timed out after %d s' % timeout
    return proc.returncode, out, err


def check(name, result, status=None, stdout=None, err_has=()):
    code, out, err = result
    problems = []
    text = err.decode('utf-8', 'replace')
    if code is None:
        problems.append(text)
    elif code < 0:
        problems.append('killed by signal %d' % -code)
    elif 'Sanitizer' in text or 'runtime error' in text:
        problems.append('sanitizer report')
    if code is not None and status is not None and code != status:
        problems.append('status %d, wanted %d' % (code, status))
    if stdout is not None and out != stdout:
        problems.append('stdout %r, wanted %r' % (out[:200], stdout[:200]))
    for part in err_has:
        if part not in text:
            problems.append('no %r in stderr' % part)
    if problems:
        failures.append(name)
        print('FAIL %s: %s\n  stderr: %s' %
              (name, '; '.join(problems), text[:600]))
    else:
        print('ok   %s' % name)


# ---- nesting: opening, middle, closing of each construct ----

NESTINGS = {
    'subshell': ('(', ':', ')'),
    'group': ('{ ', ':', '; }'),
    'command substitution': ('echo $(', ':', ')'),
    'quoted command substitution': ('"$(', 'echo', ')"'),
    'parameter': ('${x:-', 'y', '}'),
    'if': ('if :; then ', ':', '; fi'),
    'while': ('while false; do ', ':', '; done'),
    'until': ('until :; do ', ':', '; done'),
    'case': ('case x in x) ', ':', ';; esac'),
}

# Arithmetic: the whole of it is one word; its depth is the expression's.
ARITH = {
    'arithmetic parentheses': '(' * DEPTH + '1' + ')' * DEPTH,
    'arithmetic unary minus': '- ' * DEPTH + '1',
    'arithmetic ?:': '1 ? 1 : ' * DEPTH + '1',
    'arithmetic assignments': 'a = ' * DEPTH + '1',
}


def nesting_cases(sh, tmp):
    for name, (opening, middle, closing) in NESTINGS.items():
        text = opening * DEPTH + middle + closing * DEPTH
        if name.startswith('quoted') or name == 'parameter':
            text = 'echo ' + text
        check('nesting: ' + name, run(sh, text + '\necho not reached\n', tmp),
              status=2, stdout=b'', err_has=('nested too deeply',))
    # An expansion error ends a script (POSIX 2.8.1), with status 2.
    for name, expr in ARITH.items():
        check('nesting: ' + name,
              run(sh, 'echo $((%s))\necho not reached\n' % expr, tmp),
              status=2, stdout=b'', err_has=('nested too deeply',))
    check('nesting: elif', run(sh, 'if false; then :; ' +
                               'elif false; then :; ' * DEPTH + 'fi\n', tmp),
          status=2, stdout=b'', err_has=('nested too deeply',))
    # A here-document's body is not read by the lexer, only expanded.
    body = '${x:-' * DEPTH + 'y' + '}' * DEPTH
    check('nesting: here-document expansion',
          run(sh, 'cat <<END\n%s\nEND\necho went on\n' % body, tmp),
          stdout=b'went on\n', err_has=('nested too deeply',))


# ---- long lines ----

def long_line_cases(sh, tmp):
    word = 'a' * MIB
    check('1 MiB word',
          run(sh, 'x=%s; echo ${#x}\n' % word, tmp), status=0,
          stdout=b'%d\n' % MIB)
    check('1 MiB of arguments',
          run(sh, 'set --%s; echo $#\n' % (' a' * (MIB // 2)), tmp),
          status=0, stdout=b'%d\n' % (MIB // 2))
    # Each && is a level of the tree: a long chain is refused as deep
    # nesting is, and 999 are fine.
    check('1 MiB && chain',
          run(sh, ': &&' * (MIB // 4) + ' echo done\n', tmp), status=2,
          stdout=b'', err_has=('nested too deeply',))
    check('999 && in a chain',
          run(sh, ': && ' * 999 + 'echo done\n', tmp), status=0,
          stdout=b'done\n')
    check('1 MiB list of commands',
          run(sh, ':;' * (MIB // 2) + ' echo done\n', tmp), status=0,
          stdout=b'done\n')


# ---- here-documents ----

def heredoc_cases(sh, tmp, big_mib, expanded_mib):
    line = 'x' * 63 + '\n'
    for quoted, mib in (("'END'", big_mib), ('END', expanded_mib)):
        count = mib * MIB // len(line)
        script = 'wc -c <<%s\n%sEND\necho went on\n' % (quoted,
                                                        line * count)
        check('%d MiB here-document, %s' %
              (mib, 'quoted' if quoted[0] == "'" else 'expanded'),
              run(sh, script, tmp), status=0,
              stdout=b'%d\nwent on\n' % (count * len(line)))


# ---- recursion ----

def recursion_cases(sh, tmp):
    check('function recursion',
          run(sh, 'f() { f; echo never; }\nf\necho "after $?"\n', tmp),
          status=0, stdout=b'after 2\n',
          err_has=('f: recursion too deep',))
    # The limit is exactly MAX_CALL_DEPTH calls deep.
    check('recursion depth',
          run(sh, 'n=0\nf() { n=$((n + 1)); f; }\nf\necho "$n"\n', tmp),
          status=0, stdout=b'1000\n', err_has=('recursion too deep',))
    check('recursion in a command substitution',
          run(sh, 'f() { f; }\nx=$(f; echo in)\necho "got $? $x"\n', tmp),
          status=0, stdout=b'got 0 in\n', err_has=('recursion too deep',))
    check('recursion, then a function that returns',
          run(sh, 'f() { f; }\ng() { return 3; }\nh() { g; echo "g $?"; }\n'
                  'f\nh\n', tmp),
          status=0, stdout=b'g 3\n')


# ---- ulimit -u ----

def nproc_cases(sh, tmp):
    if os.geteuid() != 0 or not shutil.which('setpriv'):
        print('skip nproc: needs root and setpriv, to run as nobody')
        return
    os.chmod(tmp, 0o755)
    # nobody may not reach the build directory: a copy of the shell (the
    # multicall binary answers to its name, sh) goes where it can.
    own_sh = os.path.join(tmp, 'sh')
    shutil.copy(os.path.realpath(sh), own_sh)
    os.chmod(own_sh, 0o755)
    # mini's ulimit has no -u: the limit is set before the shell starts.
    # It counts every process of the user: nobody has none of its own
    # here, so four leaves the shell room for three children.
    script = ('true | true | true | true | true | true | true | true\n'
              'echo "pipeline $?"\n'
              'echo alive\n')
    result = run(own_sh, script, tmp, preexec=limit_processes, argv_prefix=(
        'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'))
    code, out, err = result
    check('ulimit -u in a pipeline', result, status=0,
          err_has=('fork', 'Resource temporarily unavailable'))
    if not out.endswith(b'alive\n'):
        failures.append('ulimit -u: goes on')
        print('FAIL ulimit -u: the shell did not go on: %r' % out)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sh = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix='mini-stress-') as tmp:
        nesting_cases(sh, tmp)
        long_line_cases(sh, tmp)
        heredoc_cases(sh, tmp, 100, 10)
        recursion_cases(sh, tmp)
        nproc_cases(sh, tmp)
    if failures:
        print('%d failed: %s' % (len(failures), ', '.join(failures)))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
