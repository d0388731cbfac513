#!/usr/bin/env python3
"""Fault injection: mini's utilities when the world goes wrong.

Each utility is run the way a person would run it, under one fault at a
time, and must fail cleanly: a message in the form `prog: what: why` on
stderr, the documented exit status, nothing lost, never a crash or a hang.
The faults, one column each of the matrix printed at the end:

  full     stdout is /dev/full: `prog: write error: No space left on
           device` (or `prog: WHAT: No space left on device`), status 1
           (or the utility's error status: 2 for sort, grep, cmp, diff...)
  pipe     stdout is a pipe whose reader has gone: the program ends
           quietly, killed by SIGPIPE or exiting without a message
  unread   an operand the user may not read (run as nobody when we are
           root: root reads everything): `prog: FILE: Permission denied`,
           status 1, and the other operands are still processed
  dir      a directory where a file is expected: `prog: DIR: Is a
           directory` (or the utility's documented behaviour)
  names    file names with a space, a newline, a leading dash, `--` and
           invalid UTF-8 are handled like any other name
  fsize    a write that fails midway (RLIMIT_FSIZE, SIGXFSZ ignored):
           the destination keeps its old contents and no partial file is
           left beside it (cp, mv across filesystems, sort -o, sed -i,
           mkimage write a temporary file and rename it)
  nofile   `ulimit -n 16`: work done, or `prog: WHAT: Too many open
           files`, never a crash
  nomem    `ulimit -v` (20 MiB; not under AddressSanitizer, which needs
           terabytes of address space): work done, or `prog: out of
           memory`, never a crash

A cell reads `ok`, `FAIL`, `-` (the fault does not apply: the utility
writes nothing, reads no file...) or `skip` (with the reason printed).
Utilities that act on the machine (mount, insmod, poweroff...) are only
run where that is harmless, and the rest is tested in QEMU.
"""
import argparse
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile

TIMEOUT = 60            # a hang is a failure; machines are slow, be generous
NOBODY = 65534
TEXT = b'banana\napple\ncherry\n'
TEXT2 = b'apple\ndate\n'

BIN = ''                # the directory of mini's programs by name
MKIMAGE = ''
ASAN = False


def crash_text(stderr):
    """What in STDERR says a program crashed under the sanitizers."""
    for mark in ('Sanitizer', 'runtime error:', 'LeakSanitizer'):
        if mark in stderr:
            return 'sanitizer report: ' + stderr[stderr.index(mark):][:300]
    return None


class Result:
    def __init__(self, status, stdout, stderr):
        self.status = status        # exit status, or -SIGNAL
        self.stdout = stdout        # bytes
        self.stderr = stderr.decode('utf-8', 'replace')

    def __repr__(self):
        return 'status %s, stdout %r, stderr %r' % (
            self.status, self.stdout[:200], self.stderr[:300])


def fixture():
    """A fresh directory with the files the tables name:
    in, in2 (text), secret (mode 000), dir/ (empty), sdir/ (mode 000)."""
    d = tempfile.mkdtemp(prefix='mini-faults-')
    os.chmod(d, 0o777)
    for name, data in (('in', TEXT), ('in2', TEXT2), ('secret', TEXT)):
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
    os.chmod(os.path.join(d, 'secret'), 0)
    os.mkdir(os.path.join(d, 'dir'))
    os.mkdir(os.path.join(d, 'sdir'))
    with open(os.path.join(d, 'sdir', 'inside'), 'wb') as f:
        f.write(TEXT)
    os.chmod(os.path.join(d, 'sdir'), 0)
    return d


def run(argv, cwd, stdin=b'', stdout=None, as_nobody=False, limits=(),
        ignore_xfsz=False, no_leak_check=False, umask=0o022):
    """Run mini's ARGV[0] with ARGV[1:] in CWD. STDOUT: None to capture,
    else a file descriptor. LIMITS: (resource, value) pairs to set.
    NO_LEAK_CHECK: LeakSanitizer needs descriptors of its own at exit, and
    has none left when the program ends at the descriptor limit."""
    import resource

    def child():
        for sig in signal.valid_signals():
            if sig not in (signal.SIGKILL, signal.SIGSTOP):
                try:
                    signal.signal(sig, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
        if ignore_xfsz:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        for which, value in limits:
            resource.setrlimit(which, (value, value))
        os.umask(umask)
        if as_nobody:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)

    path = os.path.join(BIN, argv[0]) if '/' not in argv[0] else argv[0]
    env = {'PATH': BIN + ':/usr/bin:/bin', 'LC_ALL': 'C', 'TMPDIR': cwd,
           'HOME': cwd}
    for key in ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'MSAN_OPTIONS'):
        if key in os.environ:
            env[key] = os.environ[key]
    if no_leak_check:
        env['ASAN_OPTIONS'] = env.get('ASAN_OPTIONS', '') + ':detect_leaks=0'
    try:
        proc = subprocess.run([path] + argv[1:], cwd=cwd, input=stdin,
                              stdout=subprocess.PIPE if stdout is None else stdout,
                              stderr=subprocess.PIPE, env=env, timeout=TIMEOUT,
                              preexec_fn=child)
    except subprocess.TimeoutExpired:
        return Result(None, b'', b'hung: killed after %d s' % TIMEOUT)
    return Result(proc.returncode, proc.stdout or b'', proc.stderr)


def message_line(stderr, prog, pattern):
    """Does a line of STDERR read `PROG: ...` and match PATTERN after it?"""
    return re.search(r'(?m)^%s: %s$' % (re.escape(prog), pattern), stderr)


# ---- the tables ----
#
# WRITERS: each utility that writes to stdout, with a typical invocation
# that produces output (run in a fixture), its stdin, and its error status.
# The name the message starts with is the utility's, except where noted.

WRITERS = [
    # name, argv, stdin, error status, message prefix (default: argv[0])
    ('base64', ['base64', 'in'], b'', 1),
    ('basename', ['basename', '/a/b'], b'', 1),
    ('cat', ['cat', 'in'], b'', 1),
    ('cksum', ['cksum', 'in'], b'', 1),
    ('cmp', ['cmp', 'in', 'in2'], b'', 2),
    ('comm', ['comm', 'in2', 'in2'], b'', 1),
    ('cut', ['cut', '-c1-3', 'in'], b'', 1),
    ('date', ['date'], b'', 1),
    ('dd', ['dd', 'if=in'], b'', 1),
    ('df', ['df', '.'], b'', 1),
    ('diff', ['diff', 'in', 'in2'], b'', 2),
    ('dirname', ['dirname', '/a/b'], b'', 1),
    ('dmesg', ['dmesg'], b'', 1),
    ('clear', ['clear'], b'', 1),
    ('du', ['du', '.'], b'', 1),
    ('echo', ['echo', 'hi'], b'', 1),
    ('env', ['env'], b'', 125),         # 125: env's own errors, as GNU's
    ('expand', ['expand', 'in'], b'', 1),
    ('expr', ['expr', '1', '+', '1'], b'', 3),
    ('find', ['find', '.'], b'', 1),
    ('fold', ['fold', '-w', '3', 'in'], b'', 1),
    ('free', ['free'], b'', 1),
    ('grep', ['grep', 'a', 'in'], b'', 2),
    ('head', ['head', 'in'], b'', 1),
    ('hostname', ['hostname'], b'', 1),
    ('id', ['id'], b'', 1),
    ('kill', ['kill', '-l'], b'', 1),
    ('ls', ['ls', '-l'], b'', 1),
    ('logname', ['logname'], b'', 1),
    ('lsmod', ['lsmod'], b'', 1),
    ('md5sum', ['md5sum', 'in'], b'', 1),
    ('mktemp', ['mktemp'], b'', 1),
    ('nice', ['nice', 'echo', 'hi'], b'', 1, 'echo'),
    ('nl', ['nl', 'in'], b'', 1),
    ('nohup', ['nohup', 'echo', 'hi'], b'', 1, 'echo'),
    ('nproc', ['nproc'], b'', 1),
    ('od', ['od', 'in'], b'', 1),
    ('paste', ['paste', 'in', 'in2'], b'', 1),
    ('pgrep', ['pgrep', '-l', '.'], b'', 1),
    ('pidof', ['pidof', 'sleep'], b'', 1),     # a sleep runs meanwhile
    ('printf', ['printf', '%s\\n', 'x'], b'', 1),
    ('ps', ['ps', '-e'], b'', 1),
    ('pwd', ['pwd'], b'', 1),
    ('readlink', ['readlink', '-f', 'in'], b'', 1),
    ('realpath', ['realpath', 'in'], b'', 1),
    ('rev', ['rev', 'in'], b'', 1),
    ('sed', ['sed', 'p', 'in'], b'', 4),
    ('seq', ['seq', '10'], b'', 1),
    ('sh', ['sh', '-c', 'echo hi'], b'', 1),
    ('sha256sum', ['sha256sum', 'in'], b'', 1),
    ('sort', ['sort', 'in'], b'', 2),
    ('stat', ['stat', 'in'], b'', 1),
    ('sysctl', ['sysctl', 'kernel.ostype'], b'', 1),
    ('tac', ['tac', 'in'], b'', 1),
    ('tail', ['tail', 'in'], b'', 1),
    ('tee', ['tee', 'copy'], TEXT, 1),
    ('timeout', ['timeout', '30', 'echo', 'hi'], b'', 1, 'echo'),
    ('top', ['top', '-b', '-n', '1'], b'', 1),
    ('tr', ['tr', 'a-z', 'A-Z'], TEXT, 1),
    ('tty', ['tty'], b'', 3),           # 3: a write error, as POSIX has it
    ('uname', ['uname', '-a'], b'', 1),
    ('unexpand', ['unexpand', '-a', 'in'], b'', 1),
    ('uniq', ['uniq', 'in'], b'', 1),
    ('uptime', ['uptime'], b'', 1),
    ('wc', ['wc', 'in'], b'', 1),
    ('which', ['which', 'sh'], b'', 1),
    ('whoami', ['whoami'], b'', 1),
    ('xargs', ['xargs', 'echo'], TEXT, 123, 'echo'),
    ('yes', ['yes'], b'', 1),
]

# Into a closed pipe, xargs's command dies of SIGPIPE; POSIX has xargs
# report a command killed by a signal and exit 125 (GNU's does the same).
PIPE_DOCUMENTED = {'xargs': (125, r'echo: terminated by signal 13')}

# Utilities that write nothing on stdout in normal use (or only on a
# terminal): the stdout columns do not apply to them.
SILENT = ['chgrp', 'chmod', 'chown', 'chroot', 'cp', 'false', 'halt', 'init',
          'insmod', 'killall', 'ln', 'mkdir', 'mkfifo', 'mknod', 'mount', 'mv',
          'pkill', 'poweroff', 'reboot', 'reset', 'resize', 'rm', 'rmdir',
          'rmmod', 'sleep', 'stty', 'sync', 'test', '[', 'touch', 'true',
          'umount']

# READERS: utilities that read file operands. FILE in argv is replaced by
# the faulty operand (secret, or dir); `in` after it must still be read
# when CONTINUES (its output, OUTPUT_FROM_IN, must appear on stdout).
# STATUS is the exit status; DIR_ERR a regex for the message about a
# directory when it is not `prog: dir: Is a directory`.
READERS = [
    # name, argv, status, continues, output from `in`, dir message
    ('base64', ['base64', 'FILE'], 1, False, None, None),
    ('cat', ['cat', 'FILE', 'in'], 1, True, TEXT, None),
    ('cksum', ['cksum', 'FILE', 'in'], 1, True, b' in\n', None),
    ('cmp', ['cmp', 'FILE', 'in'], 2, False, None, None),
    ('comm', ['comm', 'FILE', 'in'], 1, False, None, None),
    ('cp', ['cp', 'FILE', 'copy'], 1, False, None,
     r'dir: is a directory \(not copied without -R\)'),
    ('cut', ['cut', '-c1-3', 'FILE', 'in'], 1, True, b'ban\napp\nche\n', None),
    ('dd', ['dd', 'if=FILE'], 1, False, None, None),
    # diff DIR FILE compares DIR/FILE with FILE, as POSIX has it.
    ('diff', ['diff', 'FILE', 'in'], 2, False, None, r'dir/in: No such file or directory'),
    ('du', ['du', 'FILE', 'in'], 1, True, b'\tin\n', '-'),
    ('expand', ['expand', 'FILE', 'in'], 1, True, TEXT, None),
    ('find', ['find', 'FILE', 'in'], 1, True, b'in\n', '-'),
    ('fold', ['fold', 'FILE', 'in'], 1, True, TEXT, None),
    ('grep', ['grep', 'an', 'FILE', 'in'], 2, True, b'in:banana\n', None),
    ('head', ['head', 'FILE', 'in'], 1, True, b'==> in <==\n' + TEXT, None),
    ('ls', ['ls', 'FILE', 'in'], 1, True, b'in\n', '-'),
    ('md5sum', ['md5sum', 'FILE', 'in'], 1, True, b'  in\n', None),
    ('nl', ['nl', 'FILE'], 1, False, None, None),
    ('od', ['od', '-c', 'FILE', 'in'], 1, True, b'b   a   n', None),
    ('paste', ['paste', 'FILE', 'in'], 1, False, None, None),
    ('rev', ['rev', 'FILE', 'in'], 1, True, b'ananab\n', None),
    # A file sed cannot open is status 2; one it cannot read (a
    # directory) is an I/O error, 4, as GNU sed has them.
    ('sed', ['sed', 'p', 'FILE', 'in'], (2, 4), True, b'banana\nbanana\n', None),
    ('sha256sum', ['sha256sum', 'FILE', 'in'], 1, True, b'  in\n', None),
    # sort stops: sorted output missing some input would look complete.
    ('sort', ['sort', 'FILE', 'in'], 2, False, None, None),
    ('tac', ['tac', 'FILE', 'in'], 1, True, b'cherry\napple\nbanana\n', None),
    ('tail', ['tail', 'FILE', 'in'], 1, True, b'==> in <==\n' + TEXT, None),
    ('uniq', ['uniq', 'FILE'], 1, False, None, None),
    ('unexpand', ['unexpand', 'FILE', 'in'], 1, True, TEXT, None),
    ('wc', ['wc', 'FILE', 'in'], 1, True, b' in\n', None),
]


def status_name(status):
    if status is None:
        return 'hung'
    if status < 0:
        try:
            return 'killed by SIG' + signal.Signals(-status).name
        except ValueError:
            return 'killed by signal %d' % -status
    return 'status %d' % status


class Matrix:
    """Results: utility x fault -> 'ok', 'FAIL', 'skip', '-'."""

    FAULTS = ['full', 'pipe', 'unread', 'dir', 'names', 'fsize', 'nofile', 'nomem']

    def __init__(self):
        self.cells = {}
        self.failures = []
        self.skips = []
        self.notes = []

    def record(self, util, fault, problem):
        """PROBLEM: None when all went as it should, else what did not."""
        cell = self.cells.get((util, fault))
        if problem is None:
            if cell is None:
                self.cells[(util, fault)] = 'ok'
        else:
            self.cells[(util, fault)] = 'FAIL'
            self.failures.append('%s / %s: %s' % (util, fault, problem))

    def skip(self, util, fault, reason):
        self.cells.setdefault((util, fault), 'skip')
        self.skips.append('%s / %s: %s' % (util, fault, reason))

    def show(self):
        utils = sorted(set(u for u, _ in self.cells) | set(SILENT))
        width = max(len(u) for u in utils) + 2
        print('%-*s%s' % (width, 'utility', ''.join('%-8s' % f for f in self.FAULTS)))
        for util in utils:
            row = [self.cells.get((util, f), '-') for f in self.FAULTS]
            print('%-*s%s' % (width, util, ''.join('%-8s' % c for c in row)))
        counts = {}
        for cell in self.cells.values():
            counts[cell] = counts.get(cell, 0) + 1
        print('cells: ' + ', '.join('%d %s' % (n, c) for c, n in sorted(counts.items())))


def common_problem(result):
    if result.status is None:
        return 'hung'
    crash = crash_text(result.stderr)
    if crash:
        return crash
    if result.status < 0 and result.status != -signal.SIGPIPE:
        return 'crashed: ' + status_name(result.status)
    return None


# ---- stdout faults ----

def cannot_run_here(name):
    """Why the utility NAME has no output on this host, or None."""
    if name == 'lsmod' and not os.path.exists('/proc/modules'):
        return 'no /proc/modules on this host'
    if name == 'logname':
        d = fixture()
        try:
            if run(['logname'], d).status != 0:
                return 'no login name here'
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return None


def check_full(m):
    for row in WRITERS:
        name, argv, stdin, want_status = row[:4]
        prefix = row[4] if len(row) > 4 else name
        why_not = cannot_run_here(name)
        if why_not:
            m.skip(name, 'full', why_not)
            continue
        d = fixture()
        try:
            with open('/dev/full', 'wb') as full:
                r = run(argv, d, stdin, stdout=full.fileno())
        finally:
            shutil.rmtree(d, ignore_errors=True)
        problem = common_problem(r)
        if not problem and r.status != want_status:
            problem = '%s, want status %d (%r)' % (status_name(r.status), want_status, r.stderr)
        if not problem and not message_line(
                r.stderr, prefix, r'(write error: |.*: )?No space left on device'):
            problem = 'no "%s: write error: No space left on device" in %r' % (prefix, r.stderr)
        m.record(name, 'full', problem)


def check_pipe(m):
    for row in WRITERS:
        name, argv, stdin = row[:3]
        why_not = cannot_run_here(name)
        if why_not:
            m.skip(name, 'pipe', why_not)
            continue
        d = fixture()
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            r = run(argv, d, stdin, stdout=write_end)
        finally:
            os.close(write_end)
            shutil.rmtree(d, ignore_errors=True)
        problem = common_problem(r)
        documented = PIPE_DOCUMENTED.get(name)
        if documented:
            if not problem and (r.status != documented[0] or
                                not message_line(r.stderr, name, documented[1])):
                problem = 'want status %d and "%s": %r' % (documented[0], documented[1], r)
        elif not problem and r.status != -signal.SIGPIPE and r.stderr:
            problem = 'not quiet: %s, stderr %r' % (status_name(r.status), r.stderr)
        m.record(name, 'pipe', problem)


# ---- input faults ----

def nobody_can_run():
    """Can user nobody run the programs in BIN? Not if the build tree is
    somewhere only root may enter (/root, say)."""
    d = fixture()
    try:
        r = run(['true'], d, as_nobody=True)
    except (OSError, subprocess.SubprocessError) as e:
        return str(e)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return None if r.status == 0 else 'nobody cannot run %s: %r' % (BIN, r)


def check_reader(m, fault, row, operand, as_nobody):
    name, argv, want_status, continues, from_in, dir_err = row
    argv = [a.replace('FILE', operand) for a in argv]
    if name in ('du', 'find', 'ls'):
        # These read directories: an unreadable one is the fault.
        argv = ['sdir' if a == 'secret' else a for a in argv]
        operand = 'sdir' if operand == 'secret' else operand
    d = fixture()
    try:
        r = run(argv, d, as_nobody=as_nobody)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    problem = common_problem(r)
    if fault == 'unread':
        want = r'%s: Permission denied' % re.escape(operand)
    else:
        want = dir_err or r'%s: Is a directory' % re.escape(operand)
    if isinstance(want_status, tuple):
        want_status = want_status[0 if fault == 'unread' else 1]
    if not problem and r.status != want_status:
        problem = '%s, want status %d (%r)' % (status_name(r.status), want_status, r.stderr)
    if not problem and not message_line(r.stderr, name, want):
        problem = 'no "%s: %s" in %r' % (name, want, r.stderr)
    if not problem and continues and from_in not in r.stdout:
        problem = 'the next operand was not processed: stdout %r' % r.stdout
    return problem


def check_inputs(m):
    why_not = None
    as_nobody = os.geteuid() == 0
    if as_nobody:
        why_not = nobody_can_run()
    for row in READERS:
        name = row[0]
        if why_not:
            m.skip(name, 'unread', why_not)
        else:
            m.record(name, 'unread', check_reader(m, 'unread', row, 'secret', as_nobody))
        if row[5] == '-':
            continue            # reads directories: no fault there
        m.record(name, 'dir', check_reader(m, 'dir', row, 'dir', False))
    # tee writes a copy to each operand: a directory is one it cannot
    # write, and the others (and stdout) still get theirs.
    d = fixture()
    try:
        r = run(['tee', 'dir', 'copy'], d, TEXT)
        copy = open(os.path.join(d, 'copy'), 'rb').read()
    finally:
        shutil.rmtree(d, ignore_errors=True)
    problem = common_problem(r)
    if not problem and (r.status != 1 or not message_line(r.stderr, 'tee', 'dir: Is a directory')
                        or r.stdout != TEXT or copy != TEXT):
        problem = repr(r)
    m.record('tee', 'dir', problem)


# ---- file names ----

NAMES = [b'sp ace', b'new\nline', b'-x', b'--', b'bad\xff\xfeutf8', b'tab\tand*star?']


def name_checks():
    """(utility, function NAME -> (argv, check(result, dir) -> problem))."""

    def content(name):
        return b'content of ' + name.hex().encode() + b'\n'

    def expect_stdout(want):
        return lambda r, d: None if r.stdout == want else 'stdout %r, want %r' % (r.stdout, want)

    def gone(name):
        return lambda r, d: ('still there' if os.path.lexists(os.path.join(d, name)) else None)

    def has(name, data):
        def check(r, d):
            path = os.path.join(d, name)
            if not os.path.isfile(path):
                return '%r not made' % path
            got = open(path, 'rb').read()
            return None if got == data else '%r holds %r' % (path, got)
        return check

    def both(*checks):
        def check(r, d):
            for c in checks:
                problem = c(r, d)
                if problem:
                    return problem
            return None
        return check

    return [
        ('cat', lambda n: ([b'cat', b'--', n], expect_stdout(content(n)))),
        ('cat', lambda n: ([b'cat', b'./' + n], expect_stdout(content(n)))),
        ('wc', lambda n: ([b'wc', b'-c', b'--', n],
                          expect_stdout(b'%d %s\n' % (len(content(n)), n)))),
        ('head', lambda n: ([b'head', b'-n', b'1', b'--', n], expect_stdout(content(n)))),
        ('tail', lambda n: ([b'tail', b'-n', b'1', b'--', n], expect_stdout(content(n)))),
        ('sort', lambda n: ([b'sort', b'--', n], expect_stdout(content(n)))),
        ('tac', lambda n: ([b'tac', b'--', n], expect_stdout(content(n)))),
        ('grep', lambda n: ([b'grep', b'-H', b'-e', b'content', b'--', n],
                            expect_stdout(n + b':' + content(n)))),
        ('sed', lambda n: ([b'sed', b'-n', b'-e', b'p', b'--', n], expect_stdout(content(n)))),
        ('cut', lambda n: ([b'cut', b'-c', b'1-7', b'--', n], expect_stdout(b'content\n'))),
        ('od', lambda n: ([b'od', b'-c', b'--', n], lambda r, d: None if b'c   o   n' in r.stdout
                          else 'stdout %r' % r.stdout)),
        ('cksum', lambda n: ([b'cksum', b'--', n],
                             lambda r, d: None if r.stdout.endswith(b' ' + n + b'\n')
                             else 'stdout %r' % r.stdout)),
        ('stat', lambda n: ([b'stat', b'-c', b'%n %s', b'--', n],
                            expect_stdout(b'%s %d\n' % (n, len(content(n)))))),
        ('ls', lambda n: ([b'ls', b'-d', b'--', n], expect_stdout(n + b'\n'))),
        ('ls', lambda n: ([b'ls'], lambda r, d: None if (b'\n' + n + b'\n') in (b'\n' + r.stdout)
                          else '%r not listed in %r' % (n, r.stdout))),
        ('find', lambda n: ([b'find', b'.', b'-type', b'f', b'-name', n],
                            expect_stdout(b'./' + n + b'\n'))),
        ('find', lambda n: ([b'find', b'./' + n], expect_stdout(b'./' + n + b'\n'))),
        ('du', lambda n: ([b'du', b'--', n], lambda r, d: None if r.stdout.endswith(b'\t' + n + b'\n')
                          else 'stdout %r' % r.stdout)),
        ('cp', lambda n: ([b'cp', b'--', n, n + b'.copy'], has(n + b'.copy', content(n)))),
        ('cp', lambda n: ([b'cp', b'./' + n, b'dir'], has(b'dir/' + n, content(n)))),
        ('mv', lambda n: ([b'mv', b'--', n, n + b'.moved'],
                          both(gone(n), has(n + b'.moved', content(n))))),
        ('mv', lambda n: ([b'mv', b'./' + n, b'dir'], both(gone(n), has(b'dir/' + n, content(n))))),
        ('rm', lambda n: ([b'rm', b'--', n], gone(n))),
        ('rm', lambda n: ([b'rm', b'./' + n], gone(n))),
        ('ln', lambda n: ([b'ln', b'-s', b'--', n, n + b'.link'], has(n + b'.link', content(n)))),
        ('touch', lambda n: ([b'touch', b'--', b'new' + n], has(b'new' + n, b''))),
        ('mkdir', lambda n: ([b'mkdir', b'--', b'd' + n],
                             lambda r, d: None if os.path.isdir(os.path.join(d, b'd' + n))
                             else 'not made')),
        ('chmod', lambda n: ([b'chmod', b'--', b'600', n],
                             lambda r, d: None if stat.S_IMODE(os.stat(os.path.join(d, n)).st_mode)
                             == 0o600 else 'mode not changed')),
        ('md5sum', lambda n: ([b'md5sum', b'--', n],
                              lambda r, d: None if n in r.stdout else 'stdout %r' % r.stdout)),
        ('test', lambda n: ([b'test', b'-f', n], lambda r, d: None)),
        ('basename', lambda n: ([b'basename', b'--', b'/a/' + n], expect_stdout(n + b'\n'))),
        ('dirname', lambda n: ([b'dirname', b'--', n + b'/x'], expect_stdout(n + b'\n'))),
    ]


def check_names(m):
    for util, make in name_checks():
        problem = None
        for n in NAMES:
            d = fixture().encode()
            try:
                with open(os.path.join(d, n), 'wb') as f:
                    f.write(b'content of ' + n.hex().encode() + b'\n')
                argv, check = make(n)
                r = run([a.decode('utf-8', 'surrogateescape') for a in argv],
                        d.decode())
                problem = common_problem(r)
                if not problem and r.status != 0:
                    problem = '%s: %s' % (status_name(r.status), r.stderr)
                if not problem:
                    problem = check(r, d)
            finally:
                shutil.rmtree(d, ignore_errors=True)
            if problem:
                problem = '%s %r: %s' % (util, n, problem)
                break
        m.record(util, 'names', problem)


# ---- writes that fail midway ----

FSIZE = 64 * 1024


def big_data():
    return b''.join(b'%07d the quick brown fox jumps over the lazy dog\n' % i
                    for i in range(20000))        # about 1 MiB


def listing(d):
    return sorted(os.listdir(d))


def midway(m, util, d, argv, dest, old, extra_dirs=()):
    """Run ARGV under RLIMIT_FSIZE; DEST must still hold OLD (or not exist
    when OLD is None) and the directories hold what they did."""
    import resource
    dirs = [os.path.dirname(dest)] + list(extra_dirs)
    before = [listing(x) for x in dirs]
    r = run(argv, d, limits=[(resource.RLIMIT_FSIZE, FSIZE)], ignore_xfsz=True)
    problem = common_problem(r)
    if not problem and (r.status in (0, None) or not r.stderr):
        problem = 'want a failure with a message: %r' % r
    if not problem and not re.search(r'(?m)^%s: .*(File too large|not moved)'
                                     % re.escape(os.path.basename(argv[0])), r.stderr):
        problem = 'message %r' % r.stderr
    if not problem:
        if old is None:
            if os.path.lexists(dest):
                problem = 'a partial %s was left' % dest
        else:
            got = open(dest, 'rb').read()
            if got != old:
                problem = '%s changed: %d bytes, was %d' % (dest, len(got), len(old))
    if not problem:
        after = [listing(x) for x in dirs]
        if after != before:
            problem = 'files left behind: %r, were %r' % (after, before)
    m.record(util, 'fsize', problem)


def other_filesystem(d):
    """A directory on another filesystem than D, writable, or None."""
    for candidate in ('/dev/shm', '/run', '/var/tmp', '/tmp'):
        try:
            if (os.path.isdir(candidate) and os.access(candidate, os.W_OK)
                    and os.stat(candidate).st_dev != os.stat(d).st_dev):
                return candidate
        except OSError:
            pass
    return None


def check_midway(m):
    data = big_data()
    old = b'the original contents\n'
    for util in ('cp', 'sort', 'sed', 'mv'):
        for existing in (True, False):
            d = fixture()
            try:
                src = os.path.join(d, 'big')
                dest = os.path.join(d, 'out', 'dest')
                os.mkdir(os.path.join(d, 'out'))
                with open(src, 'wb') as f:
                    f.write(data)
                if existing or util == 'sed':
                    with open(dest, 'wb') as f:
                        f.write(data if util == 'sed' else old)
                want = (data if util == 'sed' else old) if (existing or util == 'sed') else None
                if util == 'cp':
                    midway(m, util, d, ['cp', 'big', 'out/dest'], dest, want)
                elif util == 'sort':
                    midway(m, util, d, ['sort', '-o', 'out/dest', 'big'], dest, want)
                elif util == 'sed':
                    midway(m, util, d, ['sed', '-i', 's/fox/cat/', 'out/dest'], dest, want)
                elif util == 'mv':
                    far = other_filesystem(d)
                    if not far:
                        m.skip('mv', 'fsize', 'no writable filesystem apart from %s' % d)
                        continue
                    far_dir = tempfile.mkdtemp(prefix='mini-faults-', dir=far)
                    try:
                        far_src = os.path.join(far_dir, 'big')
                        with open(far_src, 'wb') as f:
                            f.write(data)
                        midway(m, util, d, ['mv', far_src, 'out/dest'], dest, want,
                               extra_dirs=[far_dir])
                        if not os.path.isfile(far_src) or open(far_src, 'rb').read() != data:
                            m.record('mv', 'fsize', 'the source was lost')
                    finally:
                        shutil.rmtree(far_dir, ignore_errors=True)
            finally:
                shutil.rmtree(d, ignore_errors=True)
    check_midway_mkimage(m, data, old)


def check_midway_mkimage(m, data, old):
    d = fixture()
    try:
        with open(os.path.join(d, 'big'), 'wb') as f:
            f.write(data)
        with open(os.path.join(d, 'manifest'), 'w') as f:
            f.write('dir /etc 0755 0 0\nfile /etc/big big 0644 0 0\n')
        os.mkdir(os.path.join(d, 'out'))
        dest = os.path.join(d, 'out', 'image.cpio')
        for existing in (True, False):
            if existing:
                with open(dest, 'wb') as f:
                    f.write(old)
            elif os.path.exists(dest):
                os.unlink(dest)
            midway(m, 'mkimage', d, [MKIMAGE, '-o', 'out/image.cpio', 'manifest'], dest,
                   old if existing else None)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def check_replace(m):
    """What the rename must not change when all goes well: a new file's
    mode is the source's (cp; 0666 for sort -o) less the umask; an old
    file keeps its mode and owner; a symbolic link and a file's other hard
    links still name the one file, which holds the new contents; a file
    the user may not write is not replaced (but cp -f replaces it)."""
    root = os.geteuid() == 0
    new = b'new contents\n'
    commands = {
        'cp': lambda dest: ['cp', 'src', dest],
        'sort': lambda dest: ['sort', '-o', dest, 'src'],
        'sed': lambda dest: ['sed', '-i', 's/old/new/', dest],
    }
    for util, command in commands.items():
        problems = []

        def expect(what, ok):
            if not ok:
                problems.append(what)

        d = fixture()
        try:
            def path(name):
                return os.path.join(d, name)

            def write(name, data, mode):
                with open(path(name), 'wb') as f:
                    f.write(data)
                os.chmod(path(name), mode)

            def read(name):
                with open(path(name), 'rb') as f:
                    return f.read()

            write('src', new, 0o754)
            if util != 'sed':
                r = run(command('fresh'), d, umask=0o027)
                want = 0o750 if util == 'cp' else 0o640
                expect('a new file: %r, mode %o' % (r, os.stat(path('fresh')).st_mode & 0o7777),
                       r.status == 0 and stat.S_IMODE(os.stat(path('fresh')).st_mode) == want)
            write('old', b'old contents\n', 0o604)
            if root:
                os.chown(path('old'), 1, 1)
            r = run(command('old'), d)
            st = os.stat(path('old'))
            expect('an old file: %r, mode %o, owner %d:%d' % (r, st.st_mode, st.st_uid, st.st_gid),
                   r.status == 0 and read('old') == new and stat.S_IMODE(st.st_mode) == 0o604
                   and (not root or (st.st_uid, st.st_gid) == (1, 1)))
            # sed -i makes a new file by definition, as GNU's does: a link
            # becomes a file of its own, and what counts is the directory's
            # permission, not the file's.
            if util != 'sed':
                write('target', b'old contents\n', 0o644)
                os.symlink('target', path('link'))
                r = run(command('link'), d)
                expect('a symbolic link: %r' % r, r.status == 0 and os.path.islink(path('link'))
                       and read('target') == new)
                write('one', b'old contents\n', 0o644)
                os.link(path('one'), path('other'))
                r = run(command('one'), d)
                expect('a hard link: %r' % r, r.status == 0 and read('other') == new
                       and os.stat(path('one')).st_ino == os.stat(path('other')).st_ino)
                if root and not nobody_can_run():
                    os.chmod(d, 0o777)
                    write('ro', b'old contents\n', 0o444)
                    os.chown(path('ro'), NOBODY, NOBODY)
                    os.chown(path('src'), NOBODY, NOBODY)
                    r = run(command('ro'), d, as_nobody=True)
                    expect('a file the user may not write: %r' % r, r.status != 0
                           and 'Permission denied' in r.stderr and read('ro') == b'old contents\n')
                    if util == 'cp':
                        r = run(['cp', '-f', 'src', 'ro'], d, as_nobody=True)
                        expect('cp -f: %r' % r, r.status == 0 and read('ro') == new)
            leftovers = [n for n in os.listdir(d) if re.search(r'\.(cp-|sort|sed)', n)]
            expect('no temporary files left: %r' % leftovers, not leftovers)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        m.record(util, 'fsize', '; '.join(problems) if problems else None)


# ---- resource limits ----

def deep_tree(d, depth=40):
    path = d
    for i in range(depth):
        path = os.path.join(path, 'd%d' % i)
    os.makedirs(path)
    with open(os.path.join(path, 'leaf'), 'wb') as f:
        f.write(TEXT)
    return depth


def check_nofile(m):
    import resource
    limit = [(resource.RLIMIT_NOFILE, 16)]
    names = ['f%02d' % i for i in range(24)]

    def files(d):
        for i, n in enumerate(names):
            with open(os.path.join(d, n), 'wb') as f:
                f.write(b'%d\n' % i)

    # Whole work expected: these open one operand (or one level) at a time.
    whole = [
        ('cat', ['cat'] + names, lambda r, d: r.stdout == b''.join(b'%d\n' % i for i in range(24))),
        ('wc', ['wc', '-l'] + names, lambda r, d: r.stdout.endswith(b'24 total\n')),
        ('head', ['head', '-n', '1'] + names, lambda r, d: r.stdout.count(b'==>') == 24),
        ('find', ['find', 'tree', '-name', 'leaf'], lambda r, d: r.stdout.endswith(b'/leaf\n')),
        ('du', ['du', '-s', 'tree'], lambda r, d: r.stdout.endswith(b'\ttree\n')),
        ('ls', ['ls', '-R', 'tree'], lambda r, d: b'leaf' in r.stdout),
        ('cp', ['cp', '-R', 'tree', 'copy'], lambda r, d: os.path.isfile(
            os.path.join(d, 'copy', *['d%d' % i for i in range(40)], 'leaf'))),
        ('rm', ['rm', '-r', 'tree'], lambda r, d: not os.path.exists(os.path.join(d, 'tree'))),
        ('sh', ['sh', '-c', 'echo a | cat | cat | cat | cat | cat | cat | cat | cat | cat'],
         lambda r, d: r.stdout == b'a\n'),
        ('xargs', ['xargs', 'cat'], lambda r, d: r.stdout.count(b'\n') == 24),
    ]
    for util, argv, ok in whole:
        d = fixture()
        try:
            files(d)
            deep_tree(os.path.join(d, 'tree'))
            stdin = b'\n'.join(n.encode() for n in names) + b'\n'
            r = run(argv, d, stdin, limits=limit)
            problem = common_problem(r)
            if not problem and (r.status != 0 or r.stderr):
                problem = 'want the work done: %r' % r
            if not problem and not ok(r, d):
                problem = 'wrong result: %r' % r
        finally:
            shutil.rmtree(d, ignore_errors=True)
        m.record(util, 'nofile', problem)

    # These hold every operand open at once: past the limit, a clean error.
    at_once = [
        ('sort', ['sort', '-m'] + names, 2),
        ('paste', ['paste'] + names, 1),
        ('tee', ['tee'] + names, 1),
    ]
    for util, argv, want_status in at_once:
        d = fixture()
        try:
            files(d)
            r = run(argv, d, b'x\n', limits=limit, no_leak_check=True)
            problem = common_problem(r)
            if not problem and r.status != want_status:
                problem = '%s, want %d: %r' % (status_name(r.status), want_status, r)
            # The text is the C library's: musl says "No file descriptors
            # available" for EMFILE.
            if not problem and not message_line(
                    r.stderr, util, r'f\d\d: (Too many open files|No file descriptors available)'):
                problem = 'message %r' % r.stderr
        finally:
            shutil.rmtree(d, ignore_errors=True)
        m.record(util, 'nofile', problem)


def check_nomem(m):
    import resource
    if ASAN:
        for util in ('sort', 'tac', 'sed', 'sh', 'uniq', 'rev', 'grep', 'fold'):
            m.skip(util, 'nomem', 'AddressSanitizer needs more address space than any limit')
        return
    limit = [(resource.RLIMIT_AS, 20 << 20)]
    # The limit leaves room for ordinary work: a small sort is done.
    d = fixture()
    try:
        r = run(['sort', 'in'], d, limits=limit)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    m.record('sort', 'nomem', None if r.status == 0 and r.stdout == b''.join(
        sorted(TEXT.splitlines(True))) else 'a small sort under the limit: %r' % r)
    line = b'x' * (32 << 20) + b'\n'        # one 32 MiB line
    lines = b''.join(b'%d\n' % (i * 7919 % 100003) for i in range(4 << 20))   # 30 MiB
    cases = [
        # util, argv, data in the file `big`, status on failure
        ('sort', ['sort', 'big'], lines, 2),
        ('tac', ['tac', 'big'], lines, 1),
        ('sed', ['sed', '-n', 'H;${x;p}', 'big'], lines, 1),
        ('sh', ['sh', '-c', 'x=$(cat big); echo ${#x}'], lines, 1),
        ('uniq', ['uniq', 'big'], line, 1),
        ('rev', ['rev', 'big'], line, 1),
        ('grep', ['grep', '-c', 'y', 'big'], line, 2),
        ('fold', ['fold', 'big'], line, 1),
    ]
    for util, argv, data, fail_status in cases:
        d = fixture()
        try:
            with open(os.path.join(d, 'big'), 'wb') as f:
                f.write(data)
            out = open(os.path.join(d, 'stdout'), 'wb')
            r = run(argv, d, stdout=out.fileno(), limits=limit)
            out.close()
            problem = common_problem(r)
            done = r.status == 0 and not r.stderr
            # xmalloc dies with libmini's fail_status, which grep sets to
            # 2 (its 1 means no match).
            clean = (r.status == fail_status and
                     message_line(r.stderr, util, r'(.*: )?(out of memory|Cannot allocate memory)'))
            if not problem and not (done or clean):
                problem = 'neither done nor "%s: out of memory", status %d: %r' % (
                    util, fail_status, r)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        m.record(util, 'nomem', problem)
        print('nomem: %-6s %s' % (util, 'done' if r.status == 0 else
                                  status_name(r.status) + ' ' + r.stderr.strip()[:60]))


def main():
    global BIN, MKIMAGE, ASAN
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', required=True, help="the build's directory of programs by name")
    ap.add_argument('--mkimage', required=True)
    ap.add_argument('--asan', action='store_true', help='the programs use AddressSanitizer')
    ap.add_argument('--only', action='append', default=[], choices=Matrix.FAULTS)
    args = ap.parse_args()
    BIN, MKIMAGE, ASAN = os.path.abspath(args.bin), os.path.abspath(args.mkimage), args.asan

    m = Matrix()
    # pidof needs a process to find.
    sleeper = subprocess.Popen(['sleep', '1000'])
    steps = [(('full',), check_full), (('pipe',), check_pipe),
             (('unread', 'dir'), check_inputs), (('names',), check_names),
             (('fsize',), check_midway), (('fsize',), check_replace),
             (('nofile',), check_nofile),
             (('nomem',), check_nomem)]
    for faults, step in steps:
        if not args.only or set(faults) & set(args.only):
            step(m)
    sleeper.kill()
    sleeper.wait()
    print()
    m.show()
    listed = set(r[0] for r in WRITERS) | set(SILENT) | {'mini', 'sh', 'init'}
    for name in sorted(set(os.listdir(BIN)) - listed):
        if os.access(os.path.join(BIN, name), os.X_OK) and not name.endswith('.p'):
            m.notes.append('%s: not in the tables (a writer? add a row)' % name)
    for s in m.skips:
        print('SKIP ' + s)
    for n in m.notes:
        print('NOTE ' + n)
    for f in m.failures:
        print('FAIL ' + f)
    return 1 if m.failures else 0


if __name__ == '__main__':
    sys.exit(main())
